"""Chain of command at any date, from officers' postings; and the chain above every finding.

A posting is one row of ``officers``: an officer's rank, unit and line manager
(``supervisor_id``) from ``from_date``. The posting in force on a date is the
officer's latest posting that began on or before it; the officer is *in post*
unless that posting ended (``to_date``) or they left service before the date.
The chain at a date climbs line managers, each at their own posting in force
on that date, and stops at an officer who is not in post (the line is broken
there) or at the top.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from candour.bundle.contract import seniority
from candour.store import Store

MAX_LEVELS = 30


def as_date(value: date | datetime | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Posting:
    officer_id: str
    force_id: str | None
    rank: str | None
    unit: str | None
    supervisor_id: str | None
    from_date: date
    to_date: date | None
    left_service: date | None

    def in_post(self, on: date) -> bool:
        return (self.to_date is None or on <= self.to_date) and (
            self.left_service is None or on <= self.left_service
        )


@dataclass(frozen=True)
class Link:
    """One officer in a chain: level 0 is the officer the chain starts from."""

    level: int
    officer_id: str
    rank: str | None
    force_id: str | None
    unit: str | None
    in_post: bool
    posting_from: date | None


class Postings:
    """Every officer's postings, ordered by ``from_date``, for look-ups by date."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        by_officer: dict[str, list[Posting]] = {}
        for r in rows:
            start = as_date(r.get("from_date"))
            if r.get("officer_id") is None or start is None:
                continue
            by_officer.setdefault(str(r["officer_id"]), []).append(
                Posting(
                    officer_id=str(r["officer_id"]),
                    force_id=r.get("force_id"),
                    rank=r.get("rank"),
                    unit=r.get("unit"),
                    supervisor_id=r.get("supervisor_id") or None,
                    from_date=start,
                    to_date=as_date(r.get("to_date")),
                    left_service=as_date(r.get("left_service")),
                )
            )
        self._postings = {k: sorted(v, key=lambda p: p.from_date) for k, v in by_officer.items()}
        self._starts = {k: [p.from_date for p in v] for k, v in self._postings.items()}

    @classmethod
    def from_store(cls, store: Store) -> Postings:
        if not store.has("officers"):
            return cls([])
        return cls(
            store.dicts(
                "SELECT officer_id, force_id, rank, unit, supervisor_id, from_date, to_date, "
                "left_service FROM officers"
            )
        )

    def officers(self) -> Iterator[str]:
        return iter(self._postings)

    def postings(self, officer_id: str) -> list[Posting]:
        return list(self._postings.get(officer_id, []))

    def at(self, officer_id: str, on: date | datetime | str) -> Posting | None:
        """The posting in force on a date (the latest begun on or before it), if any."""
        d = as_date(on)
        starts = self._starts.get(officer_id)
        if not starts or d is None:
            return None
        i = bisect.bisect_right(starts, d) - 1
        return self._postings[officer_id][i] if i >= 0 else None

    def rank_at(self, officer_id: str, on: date | datetime | str) -> str | None:
        p = self.at(officer_id, on)
        return p.rank if p else None

    def highest_rank(self, officer_id: str) -> str | None:
        ranks = [p.rank for p in self._postings.get(officer_id, [])]
        return max(ranks, key=seniority) if ranks else None

    def chain_at(self, officer_id: str, on: date | datetime | str) -> list[Link]:
        """The officer and every line manager above them on a date, nearest first."""
        d = as_date(on)
        if d is None:
            return []
        chain: list[Link] = []
        seen: set[str] = set()
        current: str | None = officer_id
        while current and current not in seen and len(chain) <= MAX_LEVELS:
            seen.add(current)
            p = self.at(current, d)
            in_post = p is not None and p.in_post(d)
            chain.append(
                Link(
                    level=len(chain),
                    officer_id=current,
                    rank=p.rank if p else None,
                    force_id=p.force_id if p else None,
                    unit=p.unit if p else None,
                    in_post=in_post,
                    posting_from=p.from_date if p else None,
                )
            )
            if p is None or not in_post:
                break
            current = p.supervisor_id
        return chain


def chain_at(store: Store, officer_id: str, on: date | datetime | str) -> list[Link]:
    """The chain of command above ``officer_id`` on a date (level 0 is the officer)."""
    return Postings.from_store(store).chain_at(officer_id, on)


FINDING_CHAIN_SCHEMA = pa.schema(
    [
        ("finding_id", pa.string()),
        ("kind", pa.string()),
        ("subject_type", pa.string()),
        ("subject_id", pa.string()),
        ("as_at", pa.date32()),
        ("handled_by", pa.string()),
        ("handler_role", pa.string()),
        ("handled_in", pa.string()),
        ("officer_id", pa.string()),
        ("level", pa.int32()),
        ("rank", pa.string()),
        ("force_id", pa.string()),
        ("unit", pa.string()),
        ("in_post", pa.bool_()),
        ("senior", pa.bool_()),
    ]
)


def handlers(
    store: Store, subjects: set[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[str, str, date | None]]]:
    """(incident|crime, id) → [(officer_id, role, event date)] for the subjects asked for."""
    out: dict[tuple[str, str], list[tuple[str, str, date | None]]] = {}
    wanted = {kind: sorted(i for k, i in subjects if k == kind) for kind in ("incident", "crime")}
    if wanted["incident"] and store.has("incidents"):
        rows = store.rows(
            "SELECT incident_id, reported_at, attending_officer_id, closed_by_id "
            "FROM incidents WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))",
            [wanted["incident"]],
        )
        for iid, when, attending, closer in rows:
            for oid, role in ((attending, "attending_officer"), (closer, "closed_by")):
                out.setdefault(("incident", iid), [])
                if oid:
                    out[("incident", iid)].append((oid, role, as_date(when)))
    if wanted["crime"] and store.has("crimes"):
        join = (
            "LEFT JOIN incidents i ON i.incident_id = c.incident_id"
            if store.has("incidents")
            else ""
        )
        when_sql = "coalesce(i.reported_at, c.recorded_at)" if join else "c.recorded_at"
        rows = store.rows(
            f"SELECT c.crime_id, {when_sql}, c.oic_id, c.supervisor_id, c.cancelled_by_id "
            f"FROM crimes c {join} WHERE c.crime_id IN (SELECT unnest(?::VARCHAR[]))",
            [wanted["crime"]],
        )
        for cid, when, oic, sup, canc in rows:
            key = ("crime", cid)
            out.setdefault(key, [])
            for oid, role in (
                (oic, "officer_in_case"),
                (sup, "supervisor"),
                (canc, "cancelled_by"),
            ):
                if oid:
                    out[key].append((oid, role, as_date(when)))
    return out


def _evidence_subjects(evidence: Any) -> list[tuple[str, str]]:
    """Incidents and crimes a (person) finding's evidence names."""
    try:
        ev = json.loads(evidence) if isinstance(evidence, str) else evidence
    except ValueError:
        return []
    found: list[tuple[str, str]] = []
    spans = ev.get("spans", []) if isinstance(ev, dict) else []
    for s in spans if isinstance(spans, list) else []:
        if isinstance(s, dict) and s.get("table") in ("incidents", "crimes") and s.get("id"):
            item = ("incident" if s["table"] == "incidents" else "crime", str(s["id"]))
            if item not in found:
                found.append(item)
    return found


def finding_chains(store: Store, postings: Postings, senior_rank: str) -> pa.Table:
    """For every finding, the chain above each officer who handled its subject, at its date."""
    cols: dict[str, list[Any]] = {n: [] for n in FINDING_CHAIN_SCHEMA.names}
    if not store.has("findings"):
        return pa.Table.from_pydict(cols, schema=FINDING_CHAIN_SCHEMA)
    threshold = seniority(senior_rank)
    has_evidence = "evidence" in {
        r[0]
        for r in store.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'findings'"
        )
    }
    ev_sql = "evidence" if has_evidence else "NULL"
    findings = []
    for fid, kind, stype, sid, evidence in store.rows(
        f"SELECT CAST(finding_id AS VARCHAR), kind, subject_type, CAST(subject_id AS VARCHAR), "
        f"{ev_sql} FROM findings ORDER BY finding_id"
    ):
        subjects = [(stype, sid)] if stype in ("incident", "crime") else []
        if stype == "person":
            subjects = _evidence_subjects(evidence)
        findings.append((fid, kind, stype, sid, subjects))
    by_subject = handlers(store, {s for *_, subs in findings for s in subs})
    for fid, kind, stype, sid, subjects in findings:
        for sub in subjects:
            for handler, role, when in by_subject.get(sub, []):
                if when is None:
                    continue
                for link in postings.chain_at(handler, when):
                    cols["finding_id"].append(fid)
                    cols["kind"].append(kind)
                    cols["subject_type"].append(stype)
                    cols["subject_id"].append(sid)
                    cols["as_at"].append(when)
                    cols["handled_by"].append(handler)
                    cols["handler_role"].append(role)
                    cols["handled_in"].append(f"{sub[0]} {sub[1]}")
                    cols["officer_id"].append(link.officer_id)
                    cols["level"].append(link.level)
                    cols["rank"].append(link.rank)
                    cols["force_id"].append(link.force_id)
                    cols["unit"].append(link.unit)
                    cols["in_post"].append(link.in_post)
                    cols["senior"].append(seniority(link.rank) >= threshold)
    return pa.Table.from_pydict(cols, schema=FINDING_CHAIN_SCHEMA)
