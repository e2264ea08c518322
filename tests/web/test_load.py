"""Load on loopback: 10 reviewers deciding findings at once; nothing lost, ledger valid."""

from __future__ import annotations

from pathlib import Path

from webtools import LiveServer

from candour.ledger import Ledger
from candour.store import DB_NAME, Store
from candour.web.accounts import add_user
from candour.web.load import run_load

REVIEWERS = 10
EACH = 3


def test_ten_concurrent_reviewers_lose_no_decision(inquiry: Path) -> None:
    people = [(f"rev{i:02d}", f"load test password {i}") for i in range(REVIEWERS)]
    with Store(inquiry / DB_NAME) as store:
        for name, password in people:
            add_user(store, name, "reviewer", password)
        findings = [r[0] for r in store.rows("SELECT finding_id FROM findings ORDER BY score DESC")]
    assert len(findings) >= REVIEWERS * EACH
    with LiveServer(inquiry) as server:
        result = run_load(server.url, people, findings, EACH, timeout_s=90)
    print(
        f"\nloopback load: {result['reviewers']} reviewers, {result['requests']} requests, "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms (target < 300), "
        f"max {result['max_ms']} ms; by page {result['p95_ms_by_page']}"
    )
    assert result["errors"] == []
    sent = sorted(result["sent"])
    assert len(sent) == REVIEWERS * EACH
    with Store(inquiry / DB_NAME) as store:
        ledger = Ledger(store)
        on_ledger = sorted(
            (e["subject"]["finding_id"], e["action"], e["actor"])
            for e in ledger.entries()
            if e["action"] in ("confirm", "reject", "needs_more")
        )
        in_store = sorted(store.rows("SELECT finding_id, decision, username FROM ws_decisions"))
        verdict = ledger.verify()
    assert on_ledger == sent
    assert in_store == sent
    assert verdict.ok, verdict.problems
