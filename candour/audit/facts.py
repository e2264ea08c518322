"""What the audit knows, read from the store one partition of incidents at a time.

Everyone's records (and, when the link stage has run, people) are read once and
kept compactly (:class:`People`); incidents are read in partitions of a few tens
of thousands, each with its narratives, indicators, linked records and crimes
(:class:`Facts`), and freed once the rules have read them. Each table is
streamed once, in the incidents' stored order, so the audit's time grows
linearly with the incidents and its memory with a partition, not the inquiry.

Ages come from the records linked to an incident or crime (date of birth at
the event time, else the record's stated ``age``) and, when the link stage's
``people`` table exists, from every record of the same person; the youngest
credible age wins and conflicts are kept as evidence. Where no record gives an
age, the narrative's stated ages are used.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
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
# incidents per partition: large enough that per-partition costs vanish, small
# enough that a partition's narratives, indicators and readings stay in tens of MB
PARTITION = 10_000


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
    order: int = 0  # position in the incidents table (ties in time keep it)


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


def stream(store: Store, sql: str, batch: int = 65_536) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql``, fetched a batch at a time (never the whole result at once)."""
    cur = store.con.cursor()
    try:
        cur.execute(portable(sql, store.engine))
        while rows := cur.fetchmany(batch):
            yield from rows
    finally:
        cur.close()


class People:
    """Every record (date of birth, stated age, surname) and the person it belongs to."""

    def __init__(self, store: Store) -> None:
        self.records: dict[str, Record] = {}
        self.person_of: dict[str, str] = {}
        self.records_of: dict[str, list[str]] = {}
        self.has_people = store.has("people") and store.count("people") > 0
        surnames: dict[str, str] = {}
        for rid, dob, age, surname in stream(
            store, "SELECT record_id, dob, age, surname FROM records"
        ):
            if isinstance(dob, datetime):
                dob = dob.date()
            if surname is not None:
                surname = surnames.setdefault(surname, surname)
            self.records[rid] = Record(rid, dob, age, surname)
        if self.has_people:
            for rid, pid in stream(store, "SELECT record_id, person_id FROM people"):
                self.person_of[rid] = pid
                self.records_of.setdefault(pid, []).append(rid)

    def person(self, record_id: str) -> str:
        """The person a record belongs to (the record itself when there is no linkage)."""
        return self.person_of.get(record_id, record_id)

    def same_person(self, record_id: str) -> list[str]:
        pid = self.person_of.get(record_id)
        return self.records_of.get(pid, []) if pid is not None else [record_id]

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
        if (
            own is not None
            and own.age is not None
            and CREDIBLE_AGE[0] <= own.age <= CREDIBLE_AGE[1]
        ):
            out.append(RecordAge(record_id, own.age, "age", record_id))
        return out

    def youngest(self, record_id: str, at: datetime | date | None) -> RecordAge | None:
        ages = self.record_ages(record_id, at)
        return min(ages, key=lambda a: a.age) if ages else None


class Facts:
    """One partition: its incidents and their crimes (or crimes with no incident), with
    everyone's records; whole column values (dates, codes) as text for evidence."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.records = people.records
        self.incidents: dict[str, Incident] = {}
        self.crimes: dict[str, Crime] = {}
        self.texts: dict[tuple[str, str], dict[str, str]] = {}

    def person(self, record_id: str) -> str:
        return self.people.person(record_id)

    def same_person(self, record_id: str) -> list[str]:
        return self.people.same_person(record_id)

    def record_ages(self, record_id: str, at: datetime | date | None) -> list[RecordAge]:
        return self.people.record_ages(record_id, at)

    def youngest(self, record_id: str, at: datetime | date | None) -> RecordAge | None:
        return self.people.youngest(record_id, at)

    def get(self, key: tuple[str, str, str]) -> str | None:
        """A whole column value as text: ``get((table, id, column))``."""
        table, sid, column = key
        values = self.texts.get((table, column))
        return values.get(sid) if values is not None else None

    def _text(self, table: str, column: str, sid: str, value: str | None) -> None:
        if value is not None:
            self.texts.setdefault((table, column), {})[sid] = value


def _position(row: tuple[Any, ...]) -> Any:
    return row[0] if row[0] is not None else math.inf


def _i(value: str | None) -> str | None:
    """One copy of a value that repeats (a force, officer, code or role)."""
    return intern(value) if value is not None else None


class _Ordered:
    """The rows of a query ordered by incident position (NULL last), handed out up to a bound."""

    def __init__(self, store: Store, sql: str) -> None:
        self._cur = store.con.cursor()
        self._cur.execute(portable(sql, store.engine))
        self._rows: list[tuple[Any, ...]] = []
        self._at = 0
        self._done = False

    def _more(self) -> bool:
        """Fetch the next batch once the current one is used up; False at the end."""
        if self._at < len(self._rows):
            return True
        if self._done:
            return False
        self._rows, self._at = self._cur.fetchmany(16_384), 0
        if not self._rows:
            self.close()
            return False
        return True

    def take(self, n: int) -> list[tuple[Any, ...]]:
        """The next ``n`` rows (fewer at the end)."""
        out: list[tuple[Any, ...]] = []
        while len(out) < n and self._more():
            part = self._rows[self._at : self._at + n - len(out)]
            self._at += len(part)
            out += part
        return out

    def upto(self, bound: int | None) -> list[tuple[Any, ...]]:
        """The rows whose position (first column) is below ``bound`` (None: every row left)."""
        out: list[tuple[Any, ...]] = []
        while self._more():
            rows = self._rows
            if bound is None:
                end = len(rows)
            else:
                end = bisect_left(rows, bound, self._at, key=_position)
            out += rows[self._at : end]
            self._at = end
            if end < len(rows):
                break
        return out

    def close(self) -> None:
        if not self._done:
            self._done = True
            self._cur.close()


_INCIDENTS = (
    "SELECT rowid, incident_id, force_id, reported_at, attending_officer_id, narrative, "
    "CAST(reported_at AS VARCHAR) FROM incidents"
)
_DISCLOSURES = (
    "SELECT i.rowid AS pos, d.discloses_exploitation, d.score FROM disclosures d "
    "JOIN incidents i ON i.incident_id = d.source_id WHERE d.source_table = 'incidents' "
    "ORDER BY pos, d.rowid"
)
_INDICATORS = (
    'SELECT i.rowid AS pos, ind.indicator, ind.value, ind.start, ind."end", ind.negated '
    "FROM indicators ind JOIN incidents i ON i.incident_id = ind.source_id "
    "WHERE ind.source_table = 'incidents' ORDER BY pos, ind.start, ind.rowid"
)
_ROLES = (
    "SELECT i.rowid AS pos, ir.record_id, ir.role FROM incident_records ir "
    "JOIN incidents i ON i.incident_id = ir.incident_id ORDER BY pos, ir.rowid"
)
_CRIME_COLUMNS = ("recorded_at", "cancellation_class", "cancelled_by_id", "status", "offence_code")
_CRIMES = (
    "SELECT i.rowid AS pos, c.crime_id, c.force_id, c.incident_id, c.recorded_at, "
    "c.offence_code, c.status, c.cancellation_class, c.cancellation_reason, c.cancelled_by_id, "
    "c.oic_id, coalesce(i.reported_at, c.recorded_at), "
    + ", ".join(f'CAST(c."{col}" AS VARCHAR)' for col in _CRIME_COLUMNS)
    + " FROM crimes c LEFT JOIN incidents i ON i.incident_id = c.incident_id "
    "ORDER BY pos NULLS LAST, c.rowid"
)
_CRIME_ROLES = (
    "SELECT i.rowid AS pos, cr.crime_id, cr.record_id, cr.role FROM crime_records cr "
    "JOIN crimes c ON c.crime_id = cr.crime_id "
    "LEFT JOIN incidents i ON i.incident_id = c.incident_id ORDER BY pos NULLS LAST, cr.rowid"
)
_CRIME_INDICATORS = (
    'SELECT i.rowid AS pos, ind.source_id, ind.indicator, ind.value, ind.start, ind."end", '
    "ind.text, ind.negated FROM indicators ind JOIN crimes c ON c.crime_id = ind.source_id "
    "LEFT JOIN incidents i ON i.incident_id = c.incident_id WHERE ind.source_table = 'crimes' "
    "ORDER BY pos NULLS LAST, ind.source_id, ind.start, ind.rowid"
)
# Crime fields (by position in _CRIMES, after the incident position) whose values repeat.
_SHARED_CRIME_FIELDS = frozenset({1, 4, 5, 6, 8, 9})


def partitions(store: Store, people: People, size: int | None = None) -> Iterator[Facts]:
    """The store's incidents a partition at a time, each with everything the rules read
    about them; last, one partition of the crimes that refer to no incident."""
    size = size or PARTITION
    has_ind = store.has("indicators")
    streams = {
        "roles": _Ordered(store, _ROLES),
        "crimes": _Ordered(store, _CRIMES),
        "crime_roles": _Ordered(store, _CRIME_ROLES),
    }
    if has_ind:
        streams["indicators"] = _Ordered(store, _INDICATORS)
        streams["crime_indicators"] = _Ordered(store, _CRIME_INDICATORS)
    if store.has("disclosures"):
        streams["disclosures"] = _Ordered(store, _DISCLOSURES)
    incidents = _Ordered(store, _INCIDENTS)
    try:
        last = -1
        while True:
            facts = Facts(people)
            by_pos: dict[int, Incident] = {}
            for pos, iid, force, rep, officer, text, rep_text in incidents.take(size):
                if pos <= last:
                    raise RuntimeError("incidents were not read in their stored order")
                last = pos
                inc = Incident(iid, _i(force), rep, _i(officer), text or "", order=pos)
                facts.incidents[iid] = by_pos[pos] = inc
                facts._text("incidents", "reported_at", iid, rep_text)
            bound: int | None = last + 1
            if not by_pos:
                bound = None  # every incident read: the crimes that refer to no incident
            _fill(facts, by_pos, streams, bound)
            if by_pos or facts.crimes:
                yield facts
            if bound is None:
                return
    finally:
        incidents.close()
        for s in streams.values():
            s.close()


def _fill(
    facts: Facts,
    by_pos: dict[int, Incident],
    streams: dict[str, _Ordered],
    bound: int | None,
) -> None:
    """Attach to a partition's incidents everything about them below position ``bound``."""
    if "disclosures" in streams:
        for pos, ok, score in streams["disclosures"].upto(bound):
            inc = by_pos[pos]
            inc.discloses, inc.disclosure_score = bool(ok), float(score or 0)
    for pos, rid, role in streams["roles"].upto(bound):
        by_pos[pos].roles.append((rid, _i(role)))  # type: ignore[arg-type]
    if "indicators" in streams:
        # an indicator's text is its narrative's characters at its span (the screen's
        # contract), so it is cut from the narrative rather than carried through the sort
        offsets: dict[int, int] = {}
        for pos, ind, val, start, end, neg in streams["indicators"].upto(bound):
            inc = by_pos[pos]
            inc.indicators.append(
                Indicator(
                    intern(ind),
                    intern(val),
                    offsets.setdefault(start, start),
                    offsets.setdefault(end, end),
                    inc.narrative[start:end],
                    bool(neg),
                )
            )
    for row in streams["crimes"].upto(bound):
        pos, fields, texts = row[0], row[1:12], row[12:]
        values: list[Any] = [
            _i(x) if i in _SHARED_CRIME_FIELDS else x for i, x in enumerate(fields)
        ]
        crime = Crime(*values)
        facts.crimes[crime.crime_id] = crime
        for column, value in zip(_CRIME_COLUMNS, texts, strict=True):
            facts._text("crimes", column, crime.crime_id, value)
        if pos is not None:
            by_pos[pos].crimes.append(crime.crime_id)
    for _pos, cid, rid, role in streams["crime_roles"].upto(bound):
        facts.crimes[cid].roles.append((rid, _i(role)))  # type: ignore[arg-type]
    if "crime_indicators" in streams:
        for _pos, cid, ind, val, start, end, text, neg in streams["crime_indicators"].upto(bound):
            facts.crimes[cid].indicators.append(
                Indicator(intern(ind), intern(val), start, end, text, bool(neg))
            )


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
