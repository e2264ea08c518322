"""`candour eval`: score an analysis's outputs against a synthetic bundle's truth/.

Only this package reads truth/. Each part scores one output file if it exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from candour.eval.scores import (
    score_findings,
    score_groups,
    score_knowledge,
    score_people,
)


def evaluate(bundle: Path, out: Path) -> dict[str, Any]:
    """Score every output in ``out`` that truth/ covers; write ``out``/eval.json."""
    truth = bundle / "truth"
    if not truth.is_dir():
        raise FileNotFoundError(
            f"{bundle} has no truth/ folder: only synthetic bundles can be scored"
        )
    result: dict[str, Any] = {}
    if (out / "findings.csv").exists() and (truth / "findings.csv").exists():
        result["findings"] = score_findings(
            out / "findings.csv",
            truth / "findings.csv",
            people_found=out / "people.csv",
            people_truth=truth / "people.csv",
        )
        from candour.eval.baseline import reviewer_effort

        result["reviewer_effort"] = reviewer_effort(bundle, out)
    if (out / "people.csv").exists() and (truth / "people.csv").exists():
        result["people"] = score_people(out / "people.csv", truth / "people.csv")
    if (out / "groups.csv").exists() and (truth / "groups.csv").exists():
        result["groups"] = score_groups(out / "groups.csv", truth / "groups.csv")
    if (out / "knowledge.csv").exists() and (truth / "knowledge.csv").exists():
        result["knowledge"] = score_knowledge(out / "knowledge.csv", truth / "knowledge.csv")
    (out / "eval.json").write_text(json.dumps(result, indent=2))
    return result


def render(result: dict[str, Any], console: Console) -> None:
    """Print the scores as tables."""
    findings = result.get("findings")
    if findings:
        t = Table(
            "kind", "truth", "found", "precision", "recall", "F1", "recall@100", title="Findings"
        )
        for kind, s in findings["by_kind"].items():
            t.add_row(
                kind,
                str(s["truth"]),
                str(s["found"]),
                f"{s['precision']:.3f}",
                f"{s['recall']:.3f}",
                f"{s['f1']:.3f}",
                f"{s['recall_at'].get('100', 0):.3f}",
            )
        console.print(t)
        console.print(
            "recall within first k (all kinds): "
            + ", ".join(f"{k}: {v:.3f}" for k, v in findings["recall_at"].items())
        )
    effort = result.get("reviewer_effort")
    if effort:
        console.print(
            f"reviewer effort to 90 %: candour {effort['candour']}, keyword search "
            f"{effort['keyword']} (ratio {effort['ratio']:.3f})"
        )
        if "keyword_recall_at" in effort:
            console.print(
                "recall within first k (unrecorded_crime + adult_not_dealt_with): candour "
                + ", ".join(f"{k}: {v:.3f}" for k, v in effort["candour_recall_at"].items())
                + " | keyword search "
                + ", ".join(f"{k}: {v:.3f}" for k, v in effort["keyword_recall_at"].items())
            )
    for part in ("people", "groups", "knowledge"):
        if part in result:
            console.print(
                f"{part}: "
                + ", ".join(
                    f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in result[part].items()
                )
            )
