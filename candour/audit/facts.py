"""What the audit knows about each incident and crime, read once from the store.

Ages come from the records linked to an incident or crime (date of birth at
the event time, else the record's stated ``age``) and, when the link stage's
``people`` table exists, from every record of the same person; the youngest
credible age wins and conflicts are kept as evidence. Where no record gives an
age, the narrative's stated ages are used.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from sys import intern
from typing import Any

from candour.screen.text import Indicator, age_at
from candour.store import Store, portable

CREDIBLE_AGE = (4, 110)
# Another record of the same person is credible for age when its date of birth is
# within this of the record's own (a typo, not a different person linked by mistake).
MAX_DOB_GAP_DAYS = 3 * 366
NOT_SUSPECT = ("victim", "subject", "reporter", "witness", "other")
ADULT_ROLES = ("suspect", "subject", "other")


@dataclass(slots=True)
class RecordAge:
    record_id: str
    age: int
    source: str  # "dob", "age" or "person dob" (another record of the same person)
    via: str  # the record that gave it


@dataclass(slots=True)
class Incident:
    incident_id: str
    force_id: str | None
    reported_at: datetime | None
    officer_id: str | None
    narrative: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (record_id, role)
    crimes: list[str] = field(default_factory=list)
    discloses: bool = False
    disclosure_score: float = 0.0


@dataclass(slots=True)
class Crime:
    crime_id: str
    force_id: str | None
    incident_id: str | None
    recorded_at: datetime | None
    offence_code: str | None
    status: str | None
    cancellation_class: str | None
    cancellation_reason: str | None
    cancelled_by_id: str | None
    oic_id: str | None
    event_at: datetime | None
    indicators: list[Indicator] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Record:
    record_id: str
    dob: date | None
    age: int | None
    surname: str | None


def _stream(store: Store, sql: str, batch: int = 65_536) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql``, fetched a batch at a time (never the whole result at once)."""
    cur = store.con.execute(portable(sql, store.engine))
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield from rows


# Crime fields (by position in the query of Facts._load) whose values repeat across rows.
_SHARED_CRIME_FIELDS = frozenset({1, 4, 5, 6, 8, 9})


class Facts:
    """Incidents, crimes, records and people of one store, joined for the rules."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.incidents: dict[str, Incident] = {}
        self.crimes: dict[str, Crime] = {}
        self.records: dict[str, Record] = {}
        self.person_of: dict[str, str] = {}
        self.records_of: dict[str, list[str]] = defaultdict(list)
        self.has_people = store.has("people") and store.count("people") > 0
        self._load()

    # -- loading --------------------------------------------------------------
    def _load(self) -> None:
        s = self.store
        # codes, officers, forces and roles repeat on every row: keep one copy of each
        shared: dict[str, str] = {}

        def one(value: Any) -> Any:
            return value if not isinstance(value, str) else shared.setdefault(value, value)

        for iid, force, rep, officer, text in _stream(
            s,
            "SELECT incident_id, force_id, reported_at, attending_officer_id, narrative "
            "FROM incidents",
        ):
            self.incidents[iid] = Incident(iid, one(force), rep, one(officer), text or "")
        for row in _stream(
            s,
            "SELECT c.crime_id, c.force_id, c.incident_id, c.recorded_at, c.offence_code, "
            "c.status, c.cancellation_class, c.cancellation_reason, c.cancelled_by_id, c.oic_id, "
            "coalesce(i.reported_at, c.recorded_at) FROM crimes c "
            "LEFT JOIN incidents i ON i.incident_id = c.incident_id",
        ):
            crime = Crime(*(one(x) if i in _SHARED_CRIME_FIELDS else x for i, x in enumerate(row)))
            self.crimes[crime.crime_id] = crime
            if crime.incident_id in self.incidents:
                self.incidents[crime.incident_id].crimes.append(crime.crime_id)
        for rid, dob, age, surname in _stream(
            s, "SELECT record_id, dob, age, surname FROM records"
        ):
            if isinstance(dob, datetime):
                dob = dob.date()
            self.records[rid] = Record(rid, dob, age, one(surname))
        for iid, rid, role in _stream(
            s, "SELECT incident_id, record_id, role FROM incident_records"
        ):
            if iid in self.incidents:
                self.incidents[iid].roles.append((rid, one(role)))
        for cid, rid, role in _stream(s, "SELECT crime_id, record_id, role FROM crime_records"):
            if cid in self.crimes:
                self.crimes[cid].roles.append((rid, one(role)))
        if self.has_people:
            for rid, pid in _stream(s, "SELECT record_id, person_id FROM people"):
                self.person_of[rid] = pid
                self.records_of[pid].append(rid)
        if s.has("indicators"):
            quotes: dict[str, str] = {}
            offsets: dict[int, int] = {}
            for table, sid, ind, val, start, end, text, neg in _stream(
                s,
                'SELECT source_table, source_id, indicator, value, start, "end", text, negated '
                "FROM indicators WHERE source_table IN ('incidents', 'crimes') "
                "ORDER BY source_table, source_id, start",
            ):
                # kinds, values and quoted words repeat millions of times: keep one copy
                f = Indicator(
                    intern(ind),
                    intern(val),
                    offsets.setdefault(start, start),  # offsets repeat too (small ints are
                    offsets.setdefault(end, end),  # shared by Python only up to 256)
                    quotes.setdefault(text, text),
                    bool(neg),
                )
                if table == "incidents":
                    inc = self.incidents.get(sid)
                    if inc is not None:
                        inc.indicators.append(f)
                else:
                    target = self.crimes.get(sid)
                    if target is not None:
                        target.indicators.append(f)
        if s.has("disclosures"):
            for sid, ok, score in _stream(
                s,
                "SELECT source_id, discloses_exploitation, score FROM disclosures "
                "WHERE source_table = 'incidents'",
            ):
                inc = self.incidents.get(sid)
                if inc is not None:
                    inc.discloses, inc.disclosure_score = bool(ok), float(score or 0)

    # -- people and ages ------------------------------------------------------
    def person(self, record_id: str) -> str:
        """The person a record belongs to (the record itself when there is no linkage)."""
        return self.person_of.get(record_id, record_id)

    def same_person(self, record_id: str) -> list[str]:
        pid = self.person_of.get(record_id)
        return self.records_of[pid] if pid is not None else [record_id]

    def record_ages(self, record_id: str, at: datetime | date | None) -> list[RecordAge]:
        """Credible ages of a record's person at ``at``: dates of birth first, then stated ages."""
        when = at.date() if isinstance(at, datetime) else at
        out: list[RecordAge] = []
        own = self.records.get(record_id)
        own_dob = own.dob if own is not None else None
        for rid in self.same_person(record_id):
            rec = self.records.get(rid)
            if rec is None:
                continue
            if (
                own_dob is not None
                and rec.dob is not None
                and abs((rec.dob - own_dob).days) > MAX_DOB_GAP_DAYS
            ):
                continue  # a linked record whose date of birth contradicts this one's
            if rec.dob is not None and when is not None and rec.dob <= when:
                a = age_at(rec.dob, when)
                if CREDIBLE_AGE[0] <= a <= CREDIBLE_AGE[1]:
                    out.append(RecordAge(rid, a, "dob" if rid == record_id else "person dob", rid))
        rec = self.records.get(record_id)
        if (
            rec is not None
            and rec.age is not None
            and CREDIBLE_AGE[0] <= rec.age <= CREDIBLE_AGE[1]
        ):
            out.append(RecordAge(record_id, rec.age, "age", record_id))
        return out

    def youngest(self, record_id: str, at: datetime | date | None) -> RecordAge | None:
        ages = self.record_ages(record_id, at)
        return min(ages, key=lambda a: a.age) if ages else None


def narrative_child_age(indicators: list[Indicator]) -> Indicator | None:
    """The youngest under-18 age stated in a text (not negated)."""
    ages = [f for f in indicators if f.indicator == "age" and not f.negated and int(f.value) < 18]
    ages = [f for f in ages if int(f.value) >= CREDIBLE_AGE[0]]
    return min(ages, key=lambda f: int(f.value)) if ages else None


def night(at: datetime | None, start_hour: int = 22, end_hour: int = 4) -> bool:
    """Whether a local time falls in the night (22:00–04:00 by default)."""
    if at is None:
        return False
    return at.hour >= start_hour or at.hour < end_hour


def within(a: datetime | None, b: datetime | None, days: int) -> bool:
    return a is not None and b is not None and timedelta(0) <= b - a <= timedelta(days=days)


def evidence_json(
    sources: list[str], spans: list[dict[str, Any]], records: list[str], **extra: Any
) -> str:
    return json.dumps(
        {"source": sources, "spans": spans, "records": sorted(set(records)), **extra},
        default=str,
        ensure_ascii=False,
    )


_WS = re.compile(r"\s+")


def summary_text(text: str, limit: int = 60) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
