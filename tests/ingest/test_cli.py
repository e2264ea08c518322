"""`candour ingest` and `candour info` from the command line, on real exports."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from candour.cli import app
from candour.ingest import ingest

from .helpers import bundle, valid_files

ROOT = Path(__file__).resolve().parents[2]


def test_ingest_with_an_examples_mapping_then_info(tmp_path: Path) -> None:
    db = tmp_path / "cpd.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "ingest",
            str(ROOT / "tests/fixtures/chicago-police"),
            "--mapping",
            str(ROOT / "examples/chicago-police/bundle.yaml"),
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "ingest_report.json").read_text())
    officers = report["tables"]["officers"]
    assert f"│ officers            │ {officers['read']}" in result.output

    info = runner.invoke(app, ["info", str(db)])
    assert info.exit_code == 0, info.output
    assert "Chicago Police Department roster" in info.output
    assert "missing_value" in info.output  # quarantine reasons are listed
    assert "complaints" in info.output and "CPD" in info.output  # time span per force


def test_info_on_a_missing_database_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["info", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no such inquiry database" in " ".join(result.output.split())


def test_a_progress_bar_names_each_table(tmp_path: Path) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    ingest(bundle(tmp_path / "b", valid_files()), tmp_path / "x.duckdb", console=console)
    text = out.getvalue()
    for table in ("forces", "officers", "incidents", "crimes"):
        assert table in text


def test_a_column_missing_from_one_file_of_a_glob_names_that_file(tmp_path: Path) -> None:
    yaml = "tables:\n  forces:\n    file: 'forces-*.csv'\n"
    root = bundle(
        tmp_path / "b",
        {
            "bundle.yaml": yaml,
            "forces-a.csv": "force_id,name\nF1,One\n",
            "forces-b.csv": "force_id,title\nF2,Two\n",
        },
    )
    result = CliRunner().invoke(app, ["ingest", str(root), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    message = "".join(result.output.split())  # rich wraps long lines
    assert "forces-b.csv:nocolumn'name'" in message
