"""Complaint outcomes by rank: allegations, adverse findings and sanctions per rank band.

Each complaint is placed at its subject's rank when it was received. A complaint
is *decided* when it has a finding and a decision date; an officer who left
service before the decision (or before any decision) is shown as
``left_before_decision`` — the hearing that never happened is itself a result.
Rates carry 95 % Wilson intervals; senior against junior officers is compared
with Fisher's exact test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from candour.bundle.contract import RANKS, seniority
from candour.store import Store
from candour.trace.command import Postings, as_date

ADVERSE_FINDINGS = frozenset({"case_to_answer", "upheld"})
NO_SANCTION = frozenset({"none"})
Z95 = 1.959963984540054

# Rank bands (lowest rank of each band); the senior band starts at the senior rank.
DEFAULT_BANDS: tuple[tuple[str, str], ...] = (
    ("staff", "staff"),
    ("constable_sergeant", "constable"),
    ("inspector_chief_inspector", "inspector"),
)

COMPLAINT_SCHEMA = pa.schema(
    [
        ("complaint_id", pa.string()),
        ("subject_id", pa.string()),
        ("force_id", pa.string()),
        ("received_at", pa.timestamp("us")),
        ("rank", pa.string()),
        ("band", pa.string()),
        ("senior", pa.bool_()),
        ("finding", pa.string()),
        ("sanction", pa.string()),
        ("decided_at", pa.timestamp("us")),
        ("left_service", pa.date32()),
        ("status", pa.string()),
        ("adverse", pa.bool_()),
        ("sanctioned", pa.bool_()),
    ]
)

OUTCOME_SCHEMA = pa.schema(
    [
        ("grouping", pa.string()),
        ("grp", pa.string()),
        ("allegations", pa.int64()),
        ("officers", pa.int64()),
        ("decided", pa.int64()),
        ("left_before_decision", pa.int64()),
        ("undecided", pa.int64()),
        ("adverse_findings", pa.int64()),
        ("finding_rate", pa.float64()),
        ("finding_ci_low", pa.float64()),
        ("finding_ci_high", pa.float64()),
        ("finding_rate_decided", pa.float64()),
        ("finding_decided_ci_low", pa.float64()),
        ("finding_decided_ci_high", pa.float64()),
        ("sanctions", pa.int64()),
        ("sanction_rate", pa.float64()),
        ("sanction_ci_low", pa.float64()),
        ("sanction_ci_high", pa.float64()),
        ("fisher_p_finding", pa.float64()),
        ("odds_ratio_finding", pa.float64()),
        ("fisher_p_sanction", pa.float64()),
        ("odds_ratio_sanction", pa.float64()),
    ]
)


def wilson(k: int, n: int, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval for k successes in n trials (None when n = 0)."""
    if n == 0:
        return None, None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def band_of(
    rank: str | None, senior_rank: str, bands: Sequence[tuple[str, str]] = DEFAULT_BANDS
) -> str:
    """The rank band of a rank: the last band whose lowest rank it reaches; senior at the top."""
    s = seniority(rank)
    if s < 0:
        return "unknown"
    if s >= seniority(senior_rank):
        return "senior"
    name = "unknown"
    for band, lowest in bands:
        if s >= seniority(lowest):
            name = band
    return name


def complaint_ranks(store: Store, postings: Postings, senior_rank: str) -> pa.Table:
    """Every complaint with its subject's rank at receipt and what became of it."""
    cols: dict[str, list[Any]] = {n: [] for n in COMPLAINT_SCHEMA.names}
    if not store.has("complaints"):
        return pa.Table.from_pydict(cols, schema=COMPLAINT_SCHEMA)
    for cid, sid, force, received, finding, sanction, decided in store.rows(
        "SELECT complaint_id, subject_id, force_id, received_at, finding, sanction, decided_at "
        "FROM complaints ORDER BY received_at, complaint_id"
    ):
        rank = postings.rank_at(sid, received) if received is not None else None
        posts = postings.postings(sid)
        left = next((p.left_service for p in posts if p.left_service is not None), None)
        decided_on = as_date(decided)
        if left is not None and (decided_on is None or left < decided_on):
            status = "left_before_decision"
        elif decided_on is not None and finding:
            status = "decided"
        else:
            status = "undecided"
        cols["complaint_id"].append(cid)
        cols["subject_id"].append(sid)
        cols["force_id"].append(force)
        cols["received_at"].append(received)
        cols["rank"].append(rank)
        cols["band"].append(band_of(rank, senior_rank))
        cols["senior"].append(seniority(rank) >= seniority(senior_rank))
        cols["finding"].append(finding)
        cols["sanction"].append(sanction)
        cols["decided_at"].append(decided)
        cols["left_service"].append(left)
        cols["status"].append(status)
        cols["adverse"].append(status == "decided" and finding in ADVERSE_FINDINGS)
        cols["sanctioned"].append(
            status == "decided" and sanction is not None and sanction not in NO_SANCTION
        )
    return pa.Table.from_pydict(cols, schema=COMPLAINT_SCHEMA)


def _summary(grouping: str, grp: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    adverse = sum(r["adverse"] for r in rows)
    sanctions = sum(r["sanctioned"] for r in rows)
    decided = sum(r["status"] == "decided" for r in rows)
    flo, fhi = wilson(adverse, n)
    dlo, dhi = wilson(adverse, decided)
    slo, shi = wilson(sanctions, n)
    return {
        "grouping": grouping,
        "grp": grp,
        "allegations": n,
        "officers": len({r["subject_id"] for r in rows}),
        "decided": decided,
        "left_before_decision": sum(r["status"] == "left_before_decision" for r in rows),
        "undecided": sum(r["status"] == "undecided" for r in rows),
        "adverse_findings": adverse,
        "finding_rate": adverse / n if n else None,
        "finding_ci_low": flo,
        "finding_ci_high": fhi,
        "finding_rate_decided": adverse / decided if decided else None,
        "finding_decided_ci_low": dlo,
        "finding_decided_ci_high": dhi,
        "sanctions": sanctions,
        "sanction_rate": sanctions / n if n else None,
        "sanction_ci_low": slo,
        "sanction_ci_high": shi,
        "fisher_p_finding": None,
        "odds_ratio_finding": None,
        "fisher_p_sanction": None,
        "odds_ratio_sanction": None,
    }


def _fisher(a: list[dict[str, Any]], b: list[dict[str, Any]], key: str) -> tuple[float, float]:
    """Fisher's exact test (two-sided) of ``key`` in group a against group b."""
    from scipy.stats import fisher_exact

    ka, kb = sum(r[key] for r in a), sum(r[key] for r in b)
    result = fisher_exact([[ka, len(a) - ka], [kb, len(b) - kb]])
    odds = float(result[0])
    return float(result[1]), odds if math.isfinite(odds) else float("inf")


def complaint_outcomes(complaints: pa.Table) -> pa.Table:
    """Per rank, per band, and senior against junior (with Fisher's exact test).

    Rates are over all allegations against the group (a complaint whose subject
    left before a decision counts as neither an adverse finding nor a sanction,
    and is counted in ``left_before_decision``); ``finding_rate_decided`` is the
    share of decided complaints with an adverse finding.
    """
    rows = complaints.to_pylist()
    out: list[dict[str, Any]] = []
    for rank in RANKS:
        group = [r for r in rows if r["rank"] == rank]
        if group:
            out.append(_summary("rank", rank, group))
    unknown = [r for r in rows if r["rank"] not in RANKS]
    if unknown:
        out.append(_summary("rank", "unknown", unknown))
    for band in [b for b, _ in DEFAULT_BANDS] + ["senior", "unknown"]:
        group = [r for r in rows if r["band"] == band]
        if group:
            out.append(_summary("band", band, group))
    senior = [r for r in rows if r["senior"]]
    junior = [r for r in rows if not r["senior"] and r["rank"] in RANKS]
    s_row, j_row = (
        _summary("senior_vs_junior", "senior", senior),
        _summary("senior_vs_junior", "junior", junior),
    )
    if senior and junior:
        p, odds = _fisher(senior, junior, "adverse")
        s_row["fisher_p_finding"], s_row["odds_ratio_finding"] = p, odds
        p, odds = _fisher(senior, junior, "sanctioned")
        s_row["fisher_p_sanction"], s_row["odds_ratio_sanction"] = p, odds
    out += [s_row, j_row]
    return pa.Table.from_pylist(out, schema=OUTCOME_SCHEMA)
