"""The findings table built a batch at a time, or a partition at a time, is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from candour.audit import audit, facts, findings_table
from candour.store import DB_NAME, Store


def test_batched_findings_table_is_identical(small_run: Path) -> None:
    with Store(small_run / DB_NAME, read_only=True) as s:
        findings, _compliance = audit(s)
        stored = s.arrow("SELECT * FROM findings")
    assert len(findings) > 20
    whole = findings_table(findings, batch=10**9)
    batched = findings_table(findings, batch=7)
    assert batched.equals(whole)
    assert whole.column("finding_id").to_pylist() == stored.column("finding_id").to_pylist()
    assert whole.column("evidence").to_pylist() == stored.column("evidence").to_pylist()


def test_partitions_do_not_change_the_findings(small_run: Path, monkeypatch: Any) -> None:
    """Read in partitions of 37 incidents (a child's incidents fall in many of them), the
    audit finds exactly what it finds reading the bundle in one partition."""
    with Store(small_run / DB_NAME, read_only=True) as s:
        incidents = s.count("incidents")
        assert incidents < facts.PARTITION  # one partition by default
        whole, whole_compliance = audit(s)
        monkeypatch.setattr(facts, "PARTITION", 37)
        parts, parts_compliance = audit(s)
    assert {f.kind for f in whole} >= {"missed_pattern", "late_recording", "unrecorded_crime"}
    assert findings_table(parts).equals(findings_table(whole))
    assert parts_compliance.equals(whole_compliance)
