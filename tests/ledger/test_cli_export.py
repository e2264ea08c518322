"""The CLI end to end, and the stand-alone verifier of docs/ledger.md run on its export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from candour.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"
runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def standalone(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    code = re.search(r"## A stand-alone verifier.*?```python\n(.*?)```", DOCS.read_text(), re.S)
    assert code is not None
    script = tmp_path / "verify_ledger.py"
    script.write_text(code.group(1))
    return subprocess.run(
        [sys.executable, "-I", str(script), *map(str, files)], capture_output=True, text=True
    )


def test_enquiry_and_ledger_commands_and_the_standalone_verifier(tmp_path: Path) -> None:
    db = tmp_path / "inquiry.duckdb"
    opened = json.loads(
        cli(
            "enquiry",
            "open",
            "--db",
            str(db),
            "--title",
            "Officer O-3",
            "--actor",
            "lead",
            "--from",
            "officer",
            "--id",
            "O-3",
        )
    )
    eid = opened["subject"]["enquiry_id"]
    cli(
        "enquiry",
        "decide",
        eid,
        "exclude",
        "--db",
        str(tmp_path),
        "--actor",
        "lead",
        "--what",
        "rank",
        "--value",
        "chief_superintendent",
        "--reason",
        "instructed",
    )
    cli(
        "enquiry",
        "decide",
        eid,
        "narrow",
        "--db",
        str(db),
        "--actor",
        "lead",
        "--scope",
        '{"force_id": "F1"}',
        "--reason",
        "one force",
    )
    head = tmp_path / "head.json"
    head.write_text(cli("ledger", "head", "--db", str(db)))
    cli("enquiry", "close", eid, "--db", str(db), "--actor", "chair", "--reason", "done")
    listed = json.loads(cli("enquiry", "list", "--db", str(db), "--json"))
    assert listed[0]["status"] == "closed"
    assert listed[0]["excluded"] == [{"what": "rank", "value": "chief_superintendent"}]

    assert "verified" in cli("ledger", "verify", "--db", str(db), "--against", str(head))
    proof = json.loads(cli("ledger", "prove", "--db", str(db), "--entry", "2"))
    assert proof["tree_size"] == 5 and proof["leaf_index"] == 2
    cons = json.loads(cli("ledger", "prove", "--db", str(db), "--from", "4"))
    assert cons["first_hash"] == json.loads(head.read_text())["signed_head"]["root_hash"]

    export = tmp_path / "ledger.json"
    cli("ledger", "export", "--db", str(db), "--out", str(export))
    ok = standalone(tmp_path, export, head)
    assert ok.returncode == 0 and ok.stdout.startswith("OK 5 entries"), ok.stdout + ok.stderr

    # an edit in the export, and an edit in the store, are both caught
    doc = json.loads(export.read_text())
    doc["entries"][2]["subject"]["value"] = "constable"
    bad = tmp_path / "edited.json"
    bad.write_text(json.dumps(doc))
    res = standalone(tmp_path, bad)
    assert res.returncode == 1 and "entry 2" in res.stdout

    con = duckdb.connect(str(db))
    con.execute("UPDATE ledger_entries SET reason = 'routine' WHERE seq = 2")
    con.close()
    result = runner.invoke(app, ["ledger", "verify", "--db", str(db), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["first_bad_entry"] == 2


def test_standalone_verifier_catches_a_rewrite_against_an_earlier_export(tmp_path: Path) -> None:
    db = tmp_path / "inquiry.duckdb"
    for i in range(6):
        cli("enquiry", "open", "--db", str(db), "--title", f"line {i}", "--actor", "lead")
    early = tmp_path / "early.json"
    cli("ledger", "export", "--db", str(db), "--out", str(early))
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM ledger_entries WHERE seq >= 3")
    con.execute("DELETE FROM ledger_heads WHERE tree_size > 3")
    con.close()
    for i in range(5):
        cli("enquiry", "open", "--db", str(db), "--title", f"other {i}", "--actor", "lead")
    late = tmp_path / "late.json"
    cli("ledger", "export", "--db", str(db), "--out", str(late))
    assert standalone(tmp_path, late).returncode == 0  # consistent on its own …
    res = standalone(tmp_path, late, early)  # … but not with what was kept
    assert res.returncode == 1 and "rewritten" in res.stdout
    assert "verified" in cli("ledger", "check-export", str(late))
    result = runner.invoke(app, ["ledger", "check-export", str(late), "--against", str(early)])
    assert result.exit_code == 1 and "first bad entry: 3" in result.stdout
    result = runner.invoke(app, ["ledger", "verify", "--db", str(db), "--against", str(early)])
    assert result.exit_code == 1 and "first bad entry: 3" in result.stdout
