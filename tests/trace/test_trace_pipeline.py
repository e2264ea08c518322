"""Trace on a generated inquiry through `candour run`: knowledge against truth, chains, outcomes."""

from __future__ import annotations

import csv
from pathlib import Path

from candour.store import DB_NAME, Store
from candour.trace import Postings


def pairs(path: Path) -> set[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return {(r["officer_id"], r["document_id"]) for r in csv.DictReader(f)}


def test_knowledge_matches_truth(small_bundle: Path, small_run: Path) -> None:
    truth = pairs(small_bundle / "truth" / "knowledge.csv")
    found = pairs(small_run / "knowledge.csv")
    assert truth, "the generated bundle tells someone"
    hit = len(truth & found)
    assert hit / len(found) >= 0.95, sorted(found - truth)[:10]
    assert hit / len(truth) >= 0.95, sorted(truth - found)[:10]


def test_every_knowledge_row_is_a_recipient_on_the_documents_date(small_run: Path) -> None:
    with Store(small_run / DB_NAME, read_only=True) as store:
        bad = store.rows(
            "SELECT k.officer_id, k.document_id FROM knowledge k "
            "JOIN documents d USING (document_id) "
            "WHERE k.informed_at <> d.created_at OR NOT EXISTS ("
            "  SELECT 1 FROM document_recipients r WHERE r.document_id = k.document_id "
            "  AND r.officer_id = k.officer_id AND r.role IN ('to', 'cc', 'attendee'))"
        )
    assert bad == []


def test_finding_chains_start_at_the_handler_and_climb_line_managers(small_run: Path) -> None:
    with Store(small_run / DB_NAME, read_only=True) as store:
        postings = Postings.from_store(store)
        rows = store.dicts(
            "SELECT finding_id, handled_by, as_at, officer_id, level FROM finding_chain "
            "ORDER BY finding_id, handled_by, handler_role, level"
        )
        handled = store.rows(
            "SELECT count(*) FROM findings f JOIN incidents i ON f.subject_type = 'incident' "
            "AND f.subject_id = i.incident_id WHERE i.attending_officer_id IS NOT NULL"
        )[0][0]
    assert rows and handled
    assert len({r["finding_id"] for r in rows}) >= handled
    for r in rows[:2000]:
        chain = postings.chain_at(r["handled_by"], r["as_at"])
        assert chain[r["level"]].officer_id == r["officer_id"]


def test_complaint_outcomes_account_for_every_complaint(small_run: Path) -> None:
    with Store(small_run / DB_NAME, read_only=True) as store:
        complaints = store.count("complaints")
        split = store.dicts(
            "SELECT grp, allegations, decided + left_before_decision + undecided AS accounted "
            "FROM complaint_outcomes WHERE grouping = 'senior_vs_junior'"
        )
        unknown = store.rows("SELECT count(*) FROM complaint_ranks WHERE rank IS NULL")[0][0]
    assert all(r["allegations"] == r["accounted"] for r in split)
    assert sum(r["allegations"] for r in split) + unknown == complaints
