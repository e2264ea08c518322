"""Ingest throughput and peak memory at about 1M incidents.

The bundle comes from `candour.generate.generate` when the generator is
installed (4 forces x 10 years at scale 3.85: about 25k background incidents
per force per year, so about 1M in all), else from the contract-shaped writer
below. Ingest runs in a child
process (benchmarks.common.run_measured samples its RSS); the figures are the
median of up to RUNS runs (fewer if they would take the bench past its budget). Writes benchmarks/results/ingest.json and ingest.md.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

from benchmarks.common import median, python_cmd, run_measured, write_result

WORK = Path(__file__).parent / "work" / "ingest"
INCIDENTS = 1_000_000
RUNS = 3
BUDGET_S = (
    400  # no run starts after this long (making the bundle included): the bench stays < 10 min
)
GENERATOR = {"forces": 4, "years": 10, "scale": 3.85, "seed": 7}

PHRASES = (
    "Caller reports a disturbance at the address, shouting heard",
    "Female aged 15 reported missing from home, returned later, no disclosure made",
    "Report of theft from a parked car, no suspect description",
    'Neighbour states "they are always arguing", officers attended',
    "Child found in vehicle with two adult males near takeaway, intoxicated",
    "Concern for welfare, elderly male not seen for two days",
    "RTC, minor damage, details exchanged",
)


def write_bundle(root: Path, incidents: int, seed: int = 7) -> dict[str, int]:
    """A contract-shaped bundle (no generator needed): rows per table."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    def table(name: str, header: list[str], rows: Any) -> None:
        with (root / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            n = 0
            for row in rows:
                w.writerow(row)
                n += 1
        counts[name] = n

    forces = ["F1", "F2", "F3"]
    table("forces", ["force_id", "name"], ([f, f"Force {f}"] for f in forces))
    ranks = ["PC", "DC", "Sgt", "DS", "Insp", "DI", "DCI", "Supt", "C/Supt", "ACC"]
    officers = [f"O{i}" for i in range(3000)]
    table(
        "officers",
        ["officer_id", "force_id", "surname", "forenames", "rank", "from_date"],
        (
            [o, forces[i % 3], f"Surname{i}", "Alex", ranks[i % 10], "01/04/2001"]
            for i, o in enumerate(officers)
        ),
    )
    records = incidents // 4
    table(
        "records",
        ["record_id", "source", "surname", "forenames", "dob", "sex", "postcode"],
        (
            [
                f"R{i}",
                "police",
                f"Surname{i % 5000}",
                "Sam",
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/19{80 + i % 20}",
                "F",
                "AB1 2CD",
            ]
            for i in range(records)
        ),
    )

    def incident_rows() -> Any:
        for i in range(incidents):
            text = " ".join(rng.choice(PHRASES) for _ in range(1 + i % 4))
            yield [
                f"I{i}",
                forces[i % 3],
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/20{i % 11:02d} {i % 24:02d}:{i % 60:02d}",
                "999" if i % 3 else "101",
                text,
                officers[i % len(officers)],
            ]

    table(
        "incidents",
        ["incident_id", "force_id", "reported_at", "channel", "narrative", "attending_officer_id"],
        incident_rows(),
    )
    table(
        "incident_records",
        ["incident_id", "record_id", "role"],
        ([f"I{i}", f"R{i % records}", "victim" if i % 2 else "reporter"] for i in range(incidents)),
    )
    table(
        "crimes",
        ["crime_id", "force_id", "incident_id", "recorded_at", "offence_code", "status"],
        (
            [f"C{i}", forces[i % 3], f"I{i * 10}", "2009-03-14", "19C", "recorded"]
            for i in range(incidents // 10)
        ),
    )
    return counts


def make_bundle() -> dict[str, Any]:
    """The benchmark bundle (kept in benchmarks/work between runs of the same kind)."""
    bundle = WORK / "bundle"
    marker = WORK / "bundle.json"
    try:
        from candour.generate import generate  # noqa: F401

        kind = "generator"
    except ImportError:
        kind = "contract-shaped writer"
    if marker.exists() and json.loads(marker.read_text()).get("kind") == kind:
        return dict(json.loads(marker.read_text()))
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    start = time.perf_counter()
    if kind == "generator":
        from candour.generate import generate

        generate(bundle, **GENERATOR)  # type: ignore[arg-type]
        info: dict[str, Any] = {"kind": kind, "generator": GENERATOR}
    else:
        info = {"kind": kind, "rows": write_bundle(bundle, INCIDENTS)}
    info["made_in_s"] = round(time.perf_counter() - start, 1)
    marker.write_text(json.dumps(info))
    return info


def main(results: Path) -> dict[str, Any]:
    start = time.perf_counter()
    made = make_bundle()
    bundle, db = WORK / "bundle", WORK / "out" / "inquiry.duckdb"
    load_before = os.getloadavg()[0]
    runs: list[dict[str, float]] = []
    for _ in range(RUNS):
        if runs and time.perf_counter() - start > BUDGET_S:
            break
        shutil.rmtree(db.parent, ignore_errors=True)
        code = f"from pathlib import Path; from candour.ingest import ingest; ingest(Path({str(bundle)!r}), Path({str(db)!r}))"
        runs.append(run_measured(python_cmd(code)))
    report = json.loads((db.parent / "ingest_report.json").read_text())
    tables = report["tables"]
    rows = sum(t["read"] for t in tables.values())
    wall = median([r["wall_s"] for r in runs])
    figures = {
        "bundle": made,
        "incidents": tables["incidents"]["read"],
        "rows_read": rows,
        "rows_quarantined": sum(t["quarantined"] for t in tables.values()),
        "runs": runs,
        "wall_s_median": round(wall, 2),
        "rows_per_s": round(rows / wall),
        "incidents_per_s": round(tables["incidents"]["read"] / wall),
        "peak_rss_mib_max": round(max(r["peak_rss_mib"] for r in runs), 1),
        "peak_rss_target_mib": 2048,
        "database_mib": round(db.stat().st_size / 2**20, 1),
        # the machine is shared: its load (2 cores) slows the figures down
        "load_average_1m": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }
    write_result(results, "ingest", figures)
    (results / "ingest.md").write_text(
        "| incidents | rows read | runs | median wall (s) | rows/s | peak RSS (MiB) | load (2 cores) |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
        f"| {figures['incidents']:,} | {rows:,} | {len(runs)} | {figures['wall_s_median']} | "
        f"{figures['rows_per_s']:,} | {figures['peak_rss_mib_max']} | "
        f"{' → '.join(str(x) for x in figures['load_average_1m'])} |\n"
    )
    return figures
