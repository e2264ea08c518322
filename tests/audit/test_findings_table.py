"""The findings table built a batch at a time is the table built in one go."""

from __future__ import annotations

from pathlib import Path

from candour.audit import audit, findings_table
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
