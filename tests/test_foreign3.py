"""candour on a third outsider's bundle: a Northern-force "Occurrence" export.

tests/fixtures/foreign3/ was written without reading candour's screen, audit,
link or generate code (see its README.md) and is brought in only through its
bundle.yaml. This test holds ingest to account (every row of every file is
loaded, nothing quarantined, no dangling reference) and that the bundle is
reproducible from write_bundle.py. The finding scores are *recorded* in the
bundle's README.md, not asserted: the bundle exists to measure candour.
"""

from __future__ import annotations

import csv
import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from candour.eval import evaluate
from candour.run import run

BUNDLE = Path(__file__).parent / "fixtures" / "foreign3"

# contract table -> the export files it is read from (bundle.yaml)
FILES = {
    "officers": ["OFFICERS.csv"],
    "records": ["persons/NOMINALS.csv", "persons/LA_CSC_REFERRALS.csv"],
    "incidents": ["OCCURRENCE_LOG.csv"],
    "incident_records": ["OCC_NOMINAL_LINK.csv"],
    "crimes": ["CRIME_REGISTER.csv"],
    "crime_records": ["CRIME_NOMINALS.csv"],
    "documents": ["DOCUMENTS.csv"],
    "document_recipients": ["DOC_CIRCULATION.csv"],
}


def _rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(scope="module")
def foreign3_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("foreign3")
    run(BUNDLE, out)
    return out


def test_ingest_loads_every_row(foreign3_run: Path) -> None:
    report = json.loads((foreign3_run / "ingest_report.json").read_text())["tables"]
    for table, files in FILES.items():
        expected = sum(_rows(BUNDLE / f) for f in files)
        got = report[table]
        assert got["read"] == expected, (table, got)
        assert got["loaded"] == expected and got["quarantined"] == 0, (table, got)
        assert not any(got.get("dangling", {}).values()), (table, got["dangling"])
    assert report["forces"]["loaded"] == 1


def test_vocabularies_arrive_in_contract_spellings(foreign3_run: Path) -> None:
    import duckdb

    con = duckdb.connect(str(foreign3_run / "inquiry.duckdb"), read_only=True)
    try:
        status = dict(con.execute("select status, count(*) from crimes group by 1").fetchall())
        classes = {r[0] for r in con.execute("select cancellation_class from crimes").fetchall()}
        sources = dict(con.execute("select source, count(*) from records group by 1").fetchall())
        ranks = {r[0] for r in con.execute("select rank from officers").fetchall()}
    finally:
        con.close()
    assert set(status) == {"recorded", "cancelled", "transferred"}
    assert {"C1", "C2", "C3", "C4", "ADMIN"} <= classes  # ADMIN kept as written
    assert sources["social_care"] == _rows(BUNDLE / "persons/LA_CSC_REFERRALS.csv")
    assert "inspector" in ranks and "chief_superintendent" in ranks and "staff" in ranks


def test_scores_are_recorded(foreign3_run: Path) -> None:
    """Eval runs on the bundle's truth; the numbers are printed, not asserted."""
    result = evaluate(BUNDLE, foreign3_run)
    by_kind = result["findings"]["by_kind"]
    for kind, s in sorted(by_kind.items()):
        print(
            f"{kind:28} truth {s['truth']:2} found {s['found']:3} P {s['precision']:.3f} "
            f"R {s['recall']:.3f} F1 {s['f1']:.3f}"
        )
    truth = list(csv.DictReader((BUNDLE / "truth/findings.csv").open(encoding="utf-8")))
    assert sum(s["truth"] for s in by_kind.values()) == len(truth)  # every truth row was scored
    assert (foreign3_run / "eval.json").exists()


def test_bundle_is_reproducible(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(BUNDLE / "write_bundle.py"), str(tmp_path)], check=True, timeout=60
    )
    for name in [f for fs in FILES.values() for f in fs] + [
        "DOCUMENTS.csv",
        "truth/findings.csv",
        "truth/people.csv",
        "truth/groups.csv",
        "truth/knowledge.csv",
    ]:
        assert filecmp.cmp(BUNDLE / name, tmp_path / name, shallow=False), name
