"""Per-force recording compliance, the way a crime data integrity inspection reports it.

For each force and offence group: the share of indicator-bearing incidents
that led to a crime record, the share of cancellations that were correct and
the share of crimes recorded within 24 hours, each with its sample size and a
95 % Wilson interval, extrapolated to annual volumes (estimated crimes per year
left unrecorded, wrongly cancelled or recorded late).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime
from typing import Any

import pyarrow as pa

from candour.audit.facts import Facts
from candour.audit.reading import Reading
from candour.data.offences import offence

Z95 = 1.959963984540054

SCHEMA = pa.schema(
    [
        ("force_id", pa.string()),
        ("offence_group", pa.string()),
        ("measure", pa.string()),
        ("numerator", pa.int64()),
        ("n", pa.int64()),
        ("rate", pa.float64()),
        ("ci_low", pa.float64()),
        ("ci_high", pa.float64()),
        ("years", pa.float64()),
        ("annual_n", pa.float64()),
        ("annual_shortfall", pa.float64()),
        ("annual_shortfall_low", pa.float64()),
        ("annual_shortfall_high", pa.float64()),
    ]
)

MEASURES = {
    "recorded": "indicator-bearing incidents that led to a crime record",
    "cancellation_correct": "cancelled crimes whose cancellation was valid",
    "timely": "crimes recorded within 24 hours of the report",
}


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return lo, hi


def incident_group(r: Reading) -> str:
    if r.offence == "sexual":
        return "rape" if r.penetration else "sexual_offences"
    if r.offence in ("assault", "threats"):
        return "violence"
    if r.offence == "robbery":
        return "robbery"
    return "other"


def crime_group(code: str | None) -> str:
    off = offence(code)
    return off.group if off else "unknown"


def _years(first: datetime, last: datetime) -> float:
    span = (last - first).total_seconds() / (365.25 * 86400)
    return max(span, 1 / 12)  # a month at least: no extrapolation from a single day


class Tally:
    """The compliance counts, added to a partition at a time (see :func:`compliance`)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.spans: dict[str, tuple[datetime, datetime]] = {}  # force → first, last report

    def add(
        self, facts: Facts, readings: dict[str, Reading], invalid: set[str], late: set[str]
    ) -> None:
        """A partition's incidents and crimes; ``invalid`` and ``late``: its crimes found so."""
        counts = self.counts
        for r in readings.values():
            if r.offence is None:
                continue
            key = (r.incident.force_id or "", incident_group(r), "recorded")
            counts[key][1] += 1
            counts[key][0] += bool(r.incident.crimes)
        for c in facts.crimes.values():
            group = crime_group(c.offence_code)
            force = c.force_id or ""
            if c.status == "cancelled":
                ck = (force, group, "cancellation_correct")
                counts[ck][1] += 1
                counts[ck][0] += c.crime_id not in invalid
            if c.incident_id in facts.incidents and c.recorded_at is not None:
                tk = (force, group, "timely")
                counts[tk][1] += 1
                counts[tk][0] += c.crime_id not in late
        for inc in facts.incidents.values():
            at = inc.reported_at
            if at is None:
                continue
            force = inc.force_id or ""
            span = self.spans.get(force)
            if span is None:
                self.spans[force] = (at, at)
            elif at < span[0] or at > span[1]:
                self.spans[force] = (min(at, span[0]), max(at, span[1]))

    def table(self) -> pa.Table:
        """The compliance table (one row per force, offence group and measure)."""
        years = {force: _years(*span) for force, span in self.spans.items()}
        rows: dict[str, list[Any]] = {f.name: [] for f in SCHEMA}
        for (force, group, measure), (k, n) in sorted(self.counts.items()):
            lo, hi = wilson(k, n)
            y = years.get(force, 1.0)
            annual = n / y
            for name, value in (
                ("force_id", force),
                ("offence_group", group),
                ("measure", measure),
                ("numerator", k),
                ("n", n),
                ("rate", k / n if n else None),
                ("ci_low", lo),
                ("ci_high", hi),
                ("years", round(y, 3)),
                ("annual_n", round(annual, 2)),
                ("annual_shortfall", round((1 - k / n) * annual, 2) if n else None),
                ("annual_shortfall_low", round((1 - hi) * annual, 2)),
                ("annual_shortfall_high", round((1 - lo) * annual, 2)),
            ):
                rows[name].append(value)
        return pa.table(rows, schema=SCHEMA)


def compliance(
    facts: Facts, readings: dict[str, Reading], invalid: set[str], late: set[str]
) -> pa.Table:
    """The compliance table of one set of facts (the audit adds partitions to a :class:`Tally`)."""
    tally = Tally()
    tally.add(facts, readings, invalid, late)
    return tally.table()
