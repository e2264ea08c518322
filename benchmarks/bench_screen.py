"""Screening throughput: narratives per second on 2 cores (target >= 20,000/s, issue 3).

The narratives are command-and-control style entries assembled from the
benchmark's own fragments (ages, times, places, negations, capitals), not from
the generator, averaging about 190 characters. Run: `python -m benchmarks screen`.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import write_result

N = 200_000
WORKERS = 2
RUNS = 3

OPENINGS = [
    "RP reports {who} {age}yo MFH since {time}.",
    "Call from care home staff: {who} aged {age} has absconded.",
    "CONCERN FOR WELFARE. {who} APPROX {age}-{age1} SEEN {place}.",
    "Officers on patrol {time} stopped {car} in {place}.",
    "Shoplifting at {shop}, male detained by security.",
    "RTC, two vehicles, damage only, details exchanged.",
    "Neighbour dispute re noise, words of advice given, no offences disclosed.",
    "IP states ex partner punched her and took her phone.",
]
MIDDLES = [
    "{who} located {place} with {n} males in their {dec}s.",
    "IP intox, smelling of alcohol, states she was given vodka and cannabis.",
    "IP disclosed she had sex with the driver.",
    "No disclosure made, denies any sexual contact.",
    "Nil of note. No concerns.",
    "Described as streetwise and making her own choices.",
    "Males allowed to leave, no details taken.",
    "CAWN served on male.",
    "IC1 male, slim build, dark hair, 5ft 10.",
    "Vehicle VRM {vrm} PNC checked, no trace.",
]
CLOSINGS = [
    "{who} conveyed home.",
    "NFA.",
    "Crime report to follow.",
    "Intel submitted.",
    "Closed: advice given.",
    "Returned to placement.",
]
WHO = ["female", "IP", "YP", "girl", "misper", "her daughter"]
PLACES = ["in a takeaway", "at an address on Mill Lane", "in a hotel", "in the park", "in a car"]


def narratives(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        age = rng.randint(11, 17)
        fields = {
            "who": rng.choice(WHO),
            "age": age,
            "age1": age + 1,
            "time": f"{rng.randint(0, 23):02d}{rng.choice(['00', '15', '30', '45'])}hrs",
            "place": rng.choice(PLACES),
            "car": rng.choice(["a silver Vauxhall", "a taxi", "a black BMW"]),
            "shop": rng.choice(["Tesco", "the corner shop"]),
            "n": rng.randint(1, 4),
            "dec": rng.choice([20, 30, 40]),
            "vrm": f"AB{rng.randint(10, 99)}CDE",
        }
        parts = [rng.choice(OPENINGS)] + rng.sample(MIDDLES, rng.randint(1, 4))
        parts.append(rng.choice(CLOSINGS))
        text = " ".join(parts).format(**fields)
        out.append(text.upper() if rng.random() < 0.2 else text)
    return out


def main(results: Path) -> dict[str, Any]:
    """Narratives/s on 1 and 2 cores (median of 3 runs each), as the screen stage runs them.

    Wall time on a shared machine depends on what else runs; the CPU time of the
    1-core run gives the throughput of one quiet core, reported beside it.
    """
    import os
    import statistics
    from datetime import datetime

    import pyarrow as pa

    from candour.screen import CHUNK, _chunks, _screen_all

    texts = narratives(N)
    rows = [(str(i), t, datetime(2012, 1, 1)) for i, t in enumerate(texts)]
    jobs = [("incidents", "narrative", chunk) for chunk in _chunks(rows, CHUNK)]
    figures: dict[str, Any] = {
        "narratives": N,
        "mean_chars": round(sum(map(len, texts)) / N, 1),
        "runs": RUNS,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    alone: list[pa.Table] = []
    for workers in (1, WORKERS):
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            parts = list(_screen_all(jobs, workers))
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        figures[f"narratives_per_s_{workers}_cores"] = round(N / statistics.median(walls))
        if workers == 1:
            figures["narratives_per_cpu_s_1_core"] = round(N / statistics.median(cpus))
        screened = [pa.concat_tables(p) for p in zip(*parts, strict=True)]
        figures["indicators"] = screened[0].num_rows
        if workers == 1:
            alone = screened
        else:  # the forked workers screen exactly as one process does
            figures["same_output_1_and_2_cores"] = all(
                a.equals(b) for a, b in zip(alone, screened, strict=True)
            )
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["target_per_s_2_cores"] = 20_000
    return write_result(results, "screen", figures)
