"""The keyword-search baseline: what an analyst does today, scored like candour.

A fixed list of terms an analyst would search incident narratives for; incidents
are ranked by how many distinct terms they hit (ties in a random order with a
fixed seed, incidents with no hit last). Reviewer effort is the number of items
a reviewer reads, in order, to find 90 % of the truth incidents of the kinds
unrecorded_crime and adult_not_dealt_with: candour's findings (in file order,
counting distinct subjects) against the keyword ranking.
"""

from __future__ import annotations

import csv
import math
import random
import re
from pathlib import Path
from typing import Any

from candour.store import DB_NAME, Store

TERMS: tuple[str, ...] = (
    "sex",
    "sexual",
    "rape",
    "abuse",
    "exploitation",
    "CSE",
    "grooming",
    "underage",
    "missing",
    "MFH",
    "older male",
    "boyfriend",
    "prostitute",
    "drunk",
    "alcohol",
    "drugs",
    "car",
    "hotel",
    "takeaway",
    "assault",
    "touched",
    "child",
    "girl",
    "consent",
    "naked",
)
KINDS = ("unrecorded_crime", "adult_not_dealt_with")
SHARE = 0.9
SEED = 20091
KS = (100, 500, 1000)

_PATTERNS = tuple(
    re.compile(r"\b" + r"\s+".join(map(re.escape, t.split())) + r"\b", re.IGNORECASE) for t in TERMS
)


def terms_hit(text: str | None) -> int:
    """How many distinct terms of the list occur in ``text``."""
    if not text:
        return 0
    return sum(1 for p in _PATTERNS if p.search(text))


def keyword_ranking(incidents: list[tuple[str, str | None]], seed: int = SEED) -> list[str]:
    """Incident ids by distinct terms hit (most first), ties shuffled with ``seed``."""
    ids = [(iid, terms_hit(text)) for iid, text in incidents]
    random.Random(seed).shuffle(ids)
    ids.sort(key=lambda x: -x[1])  # stable: ties keep the shuffled order
    return [iid for iid, _ in ids]


def effort(order: list[str], truth: set[str], share: float = SHARE) -> int | None:
    """Items read, in order, until ``share`` of ``truth`` is found (None if never)."""
    if not truth:
        return 0
    need = math.ceil(share * len(truth))
    found = 0
    for i, item in enumerate(order, start=1):
        if item in truth:
            found += 1
            if found >= need:
                return i
    return None


def recall_at(order: list[str], truth: set[str], ks: tuple[int, ...] = KS) -> dict[str, float]:
    return {str(k): (len(truth & set(order[:k])) / len(truth) if truth else 1.0) for k in ks}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _incidents(out: Path) -> list[tuple[str, str | None]]:
    with Store(out / DB_NAME, read_only=True) as store:
        return [(str(a), b) for a, b in store.rows("SELECT incident_id, narrative FROM incidents")]


def reviewer_effort(bundle: Path, out: Path, seed: int = SEED) -> dict[str, Any]:
    """Candour's reviewer effort beside the keyword search's (spec/outputs.md)."""
    truth = {
        r["subject_id"]
        for r in _read_csv(bundle / "truth" / "findings.csv")
        if r["kind"] in KINDS and r["subject_type"] == "incident"
    }
    incidents = _incidents(out)
    keyword = keyword_ranking(incidents, seed)
    # candour: distinct subjects in file order, then (if 90 % is not reached) the
    # remaining incidents in the keyword search's order
    seen: set[tuple[str, str]] = set()
    items: list[str] = []
    for r in _read_csv(out / "findings.csv"):
        key = (r["subject_type"], r["subject_id"])
        if key in seen:
            continue
        seen.add(key)
        items.append(r["subject_id"] if r["subject_type"] == "incident" else f"{key}")
    read_from_findings = len(items)
    reached = effort(items, truth) is not None
    read_incidents = {s for t, s in seen if t == "incident"}
    items += [i for i in keyword if i not in read_incidents]
    candour = effort(items, truth) or len(items)
    kw = effort(keyword, truth) or len(keyword)
    return {
        "candour": candour,
        "keyword": kw,
        "ratio": candour / kw if kw else 0.0,
        "truth_incidents": len(truth),
        "share": SHARE,
        "incidents": len(incidents),
        "candour_reached_from_findings": reached,
        "candour_items": read_from_findings,
        "candour_recall_at": recall_at(items, truth),
        "keyword_recall_at": recall_at(keyword, truth),
        "terms": list(TERMS),
        "seed": seed,
    }
