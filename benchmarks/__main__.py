"""Run every benchmark module (or those named): `python -m benchmarks [NAME ...]`.

Each ``benchmarks/bench_NAME.py`` defines ``main(results: Path) -> dict`` and
writes its figures under ``benchmarks/results/``; a summary is printed.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def main(names: list[str]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    found = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    chosen = [n for n in found if not names or n.removeprefix("bench_") in names or n in names]
    for name in chosen:
        start = time.perf_counter()
        print(f"== {name}", flush=True)
        figures = importlib.import_module(f"benchmarks.{name}").main(RESULTS)
        print(json.dumps(figures, indent=2, default=str))
        print(f"== {name} done in {time.perf_counter() - start:.1f}s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
