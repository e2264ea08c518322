"""Several processes appending to one inquiry's ledger at once: none lost, chain valid."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from pathlib import Path

from candour.ledger import Ledger

PROCESSES = 8
EACH = 1000
BATCH = 40


def appender(db: str, worker: int, batch: int) -> None:
    ledger = Ledger(Path(db))
    for start in range(0, EACH, batch):
        ledger.append_many(
            [
                (
                    "confirm",
                    {"finding_id": f"F-{worker}-{i}", "worker": worker, "i": i},
                    f"w{worker}",
                    None,
                )
                for i in range(start, min(start + batch, EACH))
            ]
        )


def single_appender(db: str, worker: int, count: int) -> None:
    ledger = Ledger(Path(db))
    for i in range(count):
        ledger.append(
            "needs_more", {"finding_id": f"S-{worker}-{i}", "worker": worker, "i": i}, f"s{worker}"
        )


def run_all(target: object, args: list[tuple[object, ...]]) -> None:
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=target, args=a) for a in args]  # type: ignore[arg-type]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0


def test_eight_processes_append_a_thousand_decisions_each(tmp_path: Path) -> None:
    db = tmp_path / "inquiry.duckdb"
    run_all(appender, [(str(db), w, BATCH) for w in range(PROCESSES)])
    ledger = Ledger(db)
    entries = ledger.entries()
    assert len(entries) == 1 + PROCESSES * EACH  # genesis + every decision
    decisions = entries[1:]
    assert Counter(e["subject"]["worker"] for e in decisions) == {w: EACH for w in range(PROCESSES)}
    for w in range(PROCESSES):  # each process's decisions in the order it made them
        mine = [e["subject"]["i"] for e in decisions if e["subject"]["worker"] == w]
        assert mine == list(range(EACH))
    v = ledger.verify()
    assert v.ok, v.problems
    assert v.size == 1 + PROCESSES * EACH


def test_single_appends_from_several_processes_interleave_safely(tmp_path: Path) -> None:
    db = tmp_path / "inquiry.duckdb"
    run_all(single_appender, [(str(db), w, 15) for w in range(4)])
    ledger = Ledger(db)
    assert ledger.size() == 1 + 4 * 15
    actors = [e["actor"] for e in ledger.entries()[1:]]
    assert len(set(actors)) == 4
    v = ledger.verify()
    assert v.ok, v.problems


def closer(db: str, enquiry_id: str, worker: int, results: object) -> None:
    from candour.ledger import LedgerError
    from candour.ledger.enquiry import close_enquiry

    try:
        close_enquiry(Ledger(Path(db)), enquiry_id, f"lead-{worker}", "done")
        results.put("closed")  # type: ignore[attr-defined]
    except LedgerError:
        results.put("refused")  # type: ignore[attr-defined]


def test_only_one_of_several_processes_closes_an_enquiry(tmp_path: Path) -> None:
    from candour.ledger.enquiry import enquiries, open_enquiry

    db = tmp_path / "inquiry.duckdb"
    eid = open_enquiry(Ledger(db), "contested", "lead")["subject"]["enquiry_id"]
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    run_all(closer, [(str(db), eid, w, results) for w in range(4)])
    outcomes = sorted(results.get(timeout=10) for _ in range(4))
    assert outcomes == ["closed", "refused", "refused", "refused"]
    (state,) = enquiries(Ledger(db))
    assert [d["action"] for d in state["decisions"]] == ["open", "close"]
