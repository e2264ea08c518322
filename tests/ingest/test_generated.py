"""A generated inquiry (tests/conftest.py small_bundle) ingests with every record accounted for."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from candour.bundle.contract import TABLES
from candour.ingest import ingest

from .helpers import assert_accounting, query

generate = pytest.importorskip("candour.generate")
if not hasattr(generate, "generate"):
    pytest.skip("the generator is not written yet", allow_module_level=True)


def test_a_generated_bundle_is_fully_accounted_for(small_bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "inquiry.duckdb"
    report = ingest(small_bundle, db)
    assert_accounting(db, report)
    for name in TABLES:
        path = small_bundle / f"{name}.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            records = sum(1 for _ in csv.reader(f)) - 1
        assert report["tables"][name]["read"] == records, name
    # every record the truth knows about reached the store
    with (small_bundle / "truth" / "people.csv").open(newline="") as f:
        truth = {r["record_id"] for r in csv.DictReader(f)}
    loaded = {r for (r,) in query(db, "SELECT record_id FROM records")}
    assert truth <= loaded
    assert report["tables"]["incidents"]["loaded"] > 0
