"""Real public exports (tests/fixtures, with SOURCE.txt) ingested through examples/ mappings alone."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from candour.bundle.contract import RANKS, VOCABULARIES
from candour.ingest import ingest

from .helpers import assert_accounting, query

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"


def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:  # type: ignore[operator]
        return list(csv.DictReader(f))


def test_fixtures_carry_their_source_attribution() -> None:
    for name in ("uk-police-street", "chicago-police"):
        text = (FIXTURES / name / "SOURCE.txt").read_text()
        assert "SOURCE:" in text and "Licence" in text


def test_uk_street_crime_becomes_crimes(tmp_path: Path) -> None:
    db = tmp_path / "uk.duckdb"
    report = ingest(
        FIXTURES / "uk-police-street", db, mapping=EXAMPLES / "uk-police-street" / "bundle.yaml"
    )
    assert_accounting(db, report)
    rows = [r for f in sorted(FIXTURES.glob("uk-police-street/*/*.csv")) for r in _rows(f)]
    ids = [r["Crime ID"] for r in rows if r["Crime ID"]]
    crimes = report["tables"]["crimes"]
    assert crimes["read"] == len(rows)
    assert crimes["loaded"] == len(set(ids))
    assert crimes["reasons"].get("missing_value", 0) == sum(1 for r in rows if not r["Crime ID"])
    assert crimes["reasons"].get("duplicate_key", 0) == len(ids) - len(set(ids))
    assert crimes["dangling"]["force_id"] == 0  # every force named is in the inline forces
    months = {r["Month"] + "-01" for r in rows if r["Crime ID"]}
    loaded = query(db, "SELECT DISTINCT strftime(recorded_at, '%Y-%m-%d') FROM crimes")
    assert {m for (m,) in loaded} == months
    [(extra,)] = query(db, "SELECT _extra FROM crimes LIMIT 1")
    assert {"LSOA code", "Last outcome category", "Longitude"} <= set(json.loads(extra))


def test_chicago_roster_and_complaints_become_officers_and_complaints(tmp_path: Path) -> None:
    db = tmp_path / "cpd.duckdb"
    report = ingest(
        FIXTURES / "chicago-police", db, mapping=EXAMPLES / "chicago-police" / "bundle.yaml"
    )
    assert_accounting(db, report)
    roster = _rows(next(FIXTURES.glob("chicago-police/roster_*.csv.gz")))
    officers = report["tables"]["officers"]
    assert officers["read"] == len(roster)
    assert officers["reasons"].get("missing_value", 0) == sum(1 for r in roster if not r["star1"])
    # every US rank was declared in the mapping and landed on a contract rank
    assert {r for (r,) in query(db, "SELECT DISTINCT rank FROM officers")} <= set(RANKS)
    assert query(db, "SELECT count(*) FROM officers WHERE officer_id LIKE '%.0'") == [(0,)]

    accused = _rows(next(FIXTURES.glob("chicago-police/complaints-accused-cms_*.csv.gz")))
    complaints = report["tables"]["complaints"]
    assert complaints["read"] == len(accused)
    assert complaints["reasons"].get("missing_value", 0) == sum(1 for r in accused if not r["star"])
    assert query(db, "SELECT count(*) FROM complaints WHERE received_at IS NULL") == [(0,)]
    findings = {f for (f,) in query(db, "SELECT DISTINCT finding FROM complaints") if f}
    assert findings <= set(VOCABULARIES["complaint_finding"])
    stars = {r["star1"].removesuffix(".0") for r in roster if r["star1"]}
    loaded_subjects = [s for (s,) in query(db, "SELECT subject_id FROM complaints")]
    assert complaints["dangling"]["subject_id"] == sum(1 for s in loaded_subjects if s not in stars)
    narrative = query(db, "SELECT allegation FROM complaints WHERE allegation LIKE '%,%' LIMIT 1")
    assert narrative  # free-text narratives with commas survive the join
