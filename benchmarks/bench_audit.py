"""Whole audit time at 250k, 500k and 1M incidents (issue 3: does it scale linearly?).

Each store is built directly in DuckDB: incidents whose narratives are drawn
from 20,000 screened narratives of bench_screen (their indicators are copied
with SQL, so the screen's cost is not part of this figure; bench_screen has it),
a child record per four incidents (so children have repeat incidents), an adult
on a third of incidents, and a crime on a quarter of them (a tenth cancelled).
The audit then runs in a child process: wall time, CPU time (all its threads)
and peak memory. Load averages are recorded before, at each run and after: the
machine is shared, and wall time under load says little on its own.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import python_cmd, run_measured, write_result
from candour.audit.facts import PARTITION

SIZES = (250_000, 500_000, 1_000_000)
TEMPLATES = 20_000


def build(db: Path, n: int) -> None:
    """An inquiry store with ``n`` incidents, screened (see the module docstring)."""
    from datetime import datetime

    import pyarrow as pa

    from benchmarks.bench_screen import narratives
    from candour.screen import screen_rows
    from candour.store import Store

    texts = narratives(TEMPLATES, seed=3)
    indicators, disclosures = screen_rows(
        (str(i), t, datetime(2010, 6, 1)) for i, t in enumerate(texts)
    )
    with Store(db) as s:
        s.write("templates", pa.table({"tid": list(range(TEMPLATES)), "narrative": texts}))
        s.write("template_indicators", indicators)  # source_id: the template's number
        s.write("template_disclosures", disclosures)
        children = max(1, n // 4)
        s.execute(f"""
            CREATE TABLE incidents AS
            SELECT 'I' || i AS incident_id, 'F' || (i % 3) AS force_id,
                   TIMESTAMP '2006-01-01' + to_minutes((i * 2311) % (4 * 365 * 24 * 60)) AS reported_at,
                   'O' || (i % 500) AS attending_officer_id, t.narrative, i % {TEMPLATES} AS tid
            FROM range({n}) r(i) JOIN templates t ON t.tid = i % {TEMPLATES}""")
        s.execute(f"""
            CREATE TABLE records AS
            SELECT 'C' || i AS record_id,
                   CAST(DATE '1994-01-01' + to_days(CAST(i % 2500 AS INTEGER)) AS DATE) AS dob,
                   NULL::INTEGER AS age, 'Surname' || (i % 997) AS surname
            FROM range({children}) r(i)
            UNION ALL
            SELECT 'A' || i, NULL, 30 + i % 30, 'Adult' || (i % 991)
            FROM range({n}) r(i) WHERE i % 3 = 0""")
        s.execute(f"""
            CREATE TABLE incident_records AS
            SELECT 'I' || i AS incident_id, 'C' || (i % {children}) AS record_id,
                   CASE WHEN i % 2 = 0 THEN 'victim' ELSE 'subject' END AS role
            FROM range({n}) r(i)
            UNION ALL
            SELECT 'I' || i, 'A' || i, CASE WHEN i % 9 = 0 THEN 'suspect' ELSE 'other' END
            FROM range({n}) r(i) WHERE i % 3 = 0""")
        s.execute("""
            CREATE TABLE crimes AS
            SELECT 'X' || i AS crime_id, 'F' || (i % 3) AS force_id, 'I' || i AS incident_id,
                   TIMESTAMP '2006-01-01' + to_minutes((i * 2311) % (4 * 365 * 24 * 60))
                     + to_hours(i % 50) AS recorded_at,
                   ['22B', '19C', 'VAP', 'THF', '71'][1 + i % 5] AS offence_code,
                   CASE WHEN i % 40 = 0 THEN 'cancelled' ELSE 'recorded' END AS status,
                   CASE WHEN i % 40 = 0 THEN 'C2' END AS cancellation_class,
                   CASE WHEN i % 40 = 0 THEN 'Victim withdrew support.' END AS cancellation_reason,
                   CASE WHEN i % 40 = 0 THEN 'O1' END AS cancelled_by_id,
                   'O' || (i % 500) AS oic_id
            FROM range(0, (SELECT count(*) FROM incidents), 4) r(i)""")
        s.execute(f"""
            CREATE TABLE crime_records AS
            SELECT 'X' || i AS crime_id, 'C' || (i % {children}) AS record_id, 'victim' AS role
            FROM range(0, {n}, 4) r(i)""")
        s.execute("""
            CREATE TABLE indicators AS
            SELECT 'incidents' AS source_table, n.incident_id AS source_id,
                   'narrative' AS source_column, ti.indicator, ti.value, ti.start, ti."end",
                   ti.text, ti.negated
            FROM incidents n JOIN template_indicators ti ON CAST(ti.source_id AS INTEGER) = n.tid""")
        s.execute("""
            CREATE TABLE disclosures AS
            SELECT 'incidents' AS source_table, n.incident_id AS source_id,
                   td.discloses_exploitation, td.score
            FROM incidents n JOIN template_disclosures td ON CAST(td.source_id AS INTEGER) = n.tid""")


def audit_only(db: str) -> None:
    """Run the audit stage on a built store (in a child process, for its memory)."""
    from candour.audit import run
    from candour.store import Store

    with Store(db) as s:
        run(s)
        print("findings", s.count("findings"), file=sys.stderr)


def _children_cpu_s() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main(results: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "templates": TEMPLATES,
        "partition_incidents": PARTITION,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "runs": [],
    }
    work = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    try:
        for n in SIZES:
            db = work / f"audit-{n}.duckdb"
            build(db, n)
            load = [round(x, 2) for x in os.getloadavg()]
            cpu = _children_cpu_s()
            m = run_measured(
                python_cmd(
                    f"from benchmarks.bench_audit import audit_only; audit_only({str(db)!r})"
                )
            )
            cpu = _children_cpu_s() - cpu
            figures["runs"].append(
                {
                    "incidents": n,
                    **m,
                    "cpu_s": cpu,
                    "s_per_100k": m["wall_s"] / n * 1e5,
                    "cpu_s_per_100k": cpu / n * 1e5,
                    "kib_per_incident": m["peak_rss_mib"] * 1024 / n,
                    "load_average_at_start": load,
                }
            )
            db.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    runs = figures["runs"]
    figures["ratio_1m_to_250k"] = runs[-1]["wall_s"] / runs[0]["wall_s"]
    figures["cpu_ratio_1m_to_250k"] = runs[-1]["cpu_s"] / runs[0]["cpu_s"]
    figures["target_ratio_at_most"] = 4.4
    figures["target_peak_mib_at_1m_below"] = 2.5 * 1024
    return write_result(results, "audit", figures)
