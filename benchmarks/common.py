"""Helpers for benchmarks: peak memory of a child process, medians, result files."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil


def run_measured(args: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Run a command in a child process; its wall time (s) and peak RSS (MiB).

    RSS is sampled every 50 ms over the child and its descendants (a JVM too).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd)
    parent = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return {"wall_s": wall, "peak_rss_mib": peak / 2**20}


def python_cmd(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def write_result(results: Path, name: str, figures: dict[str, Any]) -> dict[str, Any]:
    figures = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **figures}
    (results / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
    return figures
