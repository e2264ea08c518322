"""Generator time and peak memory for the national-size world.

A national inquiry is 43 forces x 10 years at scale 3.6 (about 10M
incidents); generating it here would take close to an hour on a shared 2-core
machine, so the bench measures two runs in child processes and extrapolates:

1. all 43 forces x 10 years at a smaller scale (the whole world, fewer
   incidents): wall time, incidents per second, peak RSS;
2. one force x 10 years at the national scale (3.6): the memory the
   generator holds is one force's population and posts plus small truth
   trackers, so this is the per-force peak the national run would reach.

National time = 10M / the measured incidents per second (the work is linear
in incidents: every incident is written once, nothing is revisited).
Writes benchmarks/results/generate.json and generate.md.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from benchmarks.common import python_cmd, run_measured, write_result

WORK = Path(__file__).parent / "work" / "generate"
NATIONAL = {"forces": 43, "years": 10, "scale": 3.6}
WHOLE_WORLD = {"forces": 43, "years": 10, "scale": 0.2, "seed": 1}
ONE_FORCE = {"forces": 1, "years": 10, "scale": 3.6, "seed": 1}


def _run(name: str, args: dict[str, Any]) -> dict[str, Any]:
    out = WORK / name
    shutil.rmtree(out, ignore_errors=True)
    summary_file = WORK / f"{name}.json"
    code = (
        "import json, time; from pathlib import Path; from candour.generate import generate; "
        f"s = generate(Path({str(out)!r}), **{args!r}); "
        "s['cpu_s'] = time.process_time(); "
        f"Path({str(summary_file)!r}).write_text(json.dumps(s))"
    )
    measured = run_measured(python_cmd(code))
    summary = json.loads(summary_file.read_text())
    incidents = summary["tables"]["incidents"]
    size = sum(p.stat().st_size for p in out.rglob("*.csv"))
    shutil.rmtree(out, ignore_errors=True)
    return {
        "args": args,
        "incidents": incidents,
        "rows": sum(summary["tables"].values()),
        "findings": summary["findings"],
        "bytes_written": size,
        "wall_s": round(measured["wall_s"], 1),
        "peak_rss_mib": round(measured["peak_rss_mib"], 1),
        "incidents_per_s": round(incidents / measured["wall_s"]),
        "cpu_s": round(summary["cpu_s"], 1),
        "incidents_per_cpu_s": round(incidents / summary["cpu_s"]),
    }


def main(results: Path) -> dict[str, Any]:
    WORK.mkdir(parents=True, exist_ok=True)
    whole = _run("whole_world", WHOLE_WORLD)
    one = _run("one_force_national_density", ONE_FORCE)
    national_incidents = round(whole["incidents"] / WHOLE_WORLD["scale"] * NATIONAL["scale"])
    rate = whole["incidents_per_s"]
    cpu_rate = whole["incidents_per_cpu_s"]
    figures = {
        "national_world": NATIONAL,
        "measured_whole_world": whole,
        "measured_one_force_at_national_scale": one,
        "extrapolated_national": {
            "incidents": national_incidents,
            "wall_s": round(national_incidents / rate),
            "wall_min": round(national_incidents / rate / 60, 1),
            "cpu_s": round(national_incidents / cpu_rate),
            "cpu_min": round(national_incidents / cpu_rate / 60, 1),
            "peak_rss_mib_estimate": max(whole["peak_rss_mib"], one["peak_rss_mib"]),
            "bytes_written_estimate": round(
                whole["bytes_written"] / WHOLE_WORLD["scale"] * NATIONAL["scale"]
            ),
            "method": "wall time = incidents / measured incidents per wall second of the 43x10 run (on a "
            "shared machine: the child got a fraction of a core); cpu time = incidents / incidents per "
            "CPU second (what one free core needs); memory is held "
            "per force, so the national peak is the one-force peak at national density "
            "(plus truth trackers that grow with exploitation incidents only)",
        },
    }
    result = write_result(results, "generate", figures)
    ext = figures["extrapolated_national"]
    (results / "generate.md").write_text(
        "| run | incidents | wall s | CPU s | incidents/CPU s | peak RSS MiB |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        f"| 43 forces x 10 years, scale {WHOLE_WORLD['scale']} (measured) | {whole['incidents']:,} | "
        f"{whole['wall_s']} | {whole['cpu_s']} | {whole['incidents_per_cpu_s']:,} | {whole['peak_rss_mib']} |\n"
        f"| 1 force x 10 years, scale {ONE_FORCE['scale']} (measured) | {one['incidents']:,} | "
        f"{one['wall_s']} | {one['cpu_s']} | {one['incidents_per_cpu_s']:,} | {one['peak_rss_mib']} |\n"
        f"| 43 x 10 at scale {NATIONAL['scale']} (extrapolated) | {ext['incidents']:,} | {ext['wall_s']} | "
        f"{ext['cpu_s']} | {cpu_rate:,} | ≈ {ext['peak_rss_mib_estimate']} |\n"
    )
    return result
