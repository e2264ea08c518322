"""Ledger: append rate (batch and single) and verify time at 1M entries.

Targets (issue 5): >= 2,000 appends/s through the batch API; verify < 60 s at 1M.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import python_cmd, run_measured, write_result

ENTRIES = 1_000_000
BATCH = 10_000
SINGLE = 300


def decisions(start: int, n: int) -> list[tuple[str, dict[str, Any], str, str | None]]:
    return [
        (
            "reject" if i % 7 == 0 else "confirm",
            {"finding_id": f"F-{i:08d}", "enquiry_id": f"ENQ-{i % 97:04d}"},
            f"analyst-{i % 13}",
            "not supported by the record" if i % 7 == 0 else None,
        )
        for i in range(start, start + n)
    ]


def main(results: Path) -> dict[str, Any]:
    from candour.ledger import Ledger
    from candour.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    try:
        db = work / "inquiry.duckdb"
        with Store(db) as store:
            ledger = Ledger(store)
            ledger.append("note", {"bench": "start"}, "bench")
            start = time.perf_counter()
            for s in range(0, ENTRIES - 1 - SINGLE, BATCH):
                ledger.append_many(decisions(s, min(BATCH, ENTRIES - 1 - SINGLE - s)))
            batch_s = time.perf_counter() - start
            batch_n = ledger.size() - 2
            start = time.perf_counter()
            for i in range(SINGLE):
                ledger.append("needs_more", {"finding_id": f"S-{i}"}, "reviewer")
            single_s = time.perf_counter() - start
            size = ledger.size()
        # each append opening and closing the database (several processes' way)
        other = work / "other.duckdb"
        Ledger(other).append("note", {}, "bench")
        start = time.perf_counter()
        for i in range(100):
            Ledger(other).append("note", {"i": i}, "bench")
        reopen_s = time.perf_counter() - start

        verify = run_measured(
            python_cmd(
                "import json; from candour.ledger import Ledger; "
                f"v = Ledger({str(db)!r}).verify(); "
                f"open({str(work / 'v.json')!r}, 'w').write(json.dumps(v.to_dict()))"
            )
        )
        verdict = json.loads((work / "v.json").read_text())
        start = time.perf_counter()
        Ledger(db).prove_inclusion(123_456)
        inclusion_s = time.perf_counter() - start
        start = time.perf_counter()
        Ledger(db).prove_consistency(500_000)
        consistency_s = time.perf_counter() - start
        db_mib = db.stat().st_size / 2**20
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "entries": size,
        "batch_size": BATCH,
        "batch_appends_per_s": round(batch_n / batch_s),
        "single_appends_per_s_open_store": round(SINGLE / single_s),
        "single_appends_per_s_reopening_db": round(100 / reopen_s, 1),
        "verify_s_at_1m": round(verify["wall_s"], 2),
        "verify_peak_rss_mib": round(verify["peak_rss_mib"]),
        "verify_ok": verdict["ok"],
        "inclusion_proof_s_at_1m": round(inclusion_s, 2),
        "consistency_proof_s_at_1m": round(consistency_s, 2),
        "database_mib": round(db_mib, 1),
        "targets": {"batch_appends_per_s": 2000, "verify_s_at_1m": 60},
        "note": "verify wall time includes starting Python and importing candour in a child process",
    }
    written = write_result(results, "ledger", figures)
    rows = [
        ("entries", f"{size:,}", ""),
        ("batch appends/s", f"{figures['batch_appends_per_s']:,}", ">= 2,000"),
        ("single appends/s (open store)", str(figures["single_appends_per_s_open_store"]), ""),
        ("single appends/s (reopening db)", str(figures["single_appends_per_s_reopening_db"]), ""),
        ("verify at 1M (s, child process)", str(figures["verify_s_at_1m"]), "< 60"),
        ("verify peak RSS (MiB)", str(figures["verify_peak_rss_mib"]), ""),
        ("inclusion proof at 1M (s)", str(figures["inclusion_proof_s_at_1m"]), ""),
        ("consistency proof at 1M (s)", str(figures["consistency_proof_s_at_1m"]), ""),
        ("database (MiB)", str(figures["database_mib"]), ""),
    ]
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    (results / "ledger.md").write_text(
        f"# Ledger benchmark ({written['measured_at']})\n\n| figure | value | target |\n"
        f"| --- | --- | --- |\n{table}\n"
    )
    return written
