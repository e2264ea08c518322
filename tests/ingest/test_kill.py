"""Ingest is one transaction: SIGKILLed half-way, the store is exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from candour.ingest import ingest

from .helpers import big_bundle, bundle, valid_files

# The child announces each table as it starts loading it (a print around the
# real function; the ingest itself is untouched), so the kill lands mid-way.
CHILD = """
import sys
from pathlib import Path
import candour.ingest.load as load
real = load._load_table
def announced(con, plan, progress, **kw):
    print(plan.name, flush=True)
    return real(con, plan, progress, **kw)
load._load_table = announced
load.ingest(Path(sys.argv[1]), Path(sys.argv[2]))
print("committed", flush=True)
"""


def _snapshot(db: Path) -> list[tuple[str, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = "SELECT table_name FROM information_schema.tables"
        names = [r[0] for r in con.execute(sql).fetchall()]
        return sorted((n, con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names)  # type: ignore[index]
    finally:
        con.close()


def test_sigkill_mid_ingest_leaves_the_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "out" / "inquiry.duckdb"
    ingest(bundle(tmp_path / "small", valid_files()), db)  # the store before: a small inquiry
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE users (name VARCHAR)")
    con.execute("INSERT INTO users VALUES ('lead')")
    con.close()
    before = _snapshot(db)

    big = big_bundle(tmp_path / "big", 250_000)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(big), str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    started = []
    for line in child.stdout:
        started.append(line.strip())
        if line.strip() == "incidents":  # forces and officers are already replaced, uncommitted
            break
    time.sleep(0.3)
    assert child.poll() is None, f"ingest finished before the kill: {started}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert "committed" not in started

    assert _snapshot(db) == before
    # and the store still works: a full ingest afterwards commits
    report = ingest(big, db)
    assert report["tables"]["incidents"]["loaded"] == 250_000
