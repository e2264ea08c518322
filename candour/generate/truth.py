"""Ground truth: every finding kind of spec/rules.md, derived from what was written.

The generator hands over the facts of each incident (what its narrative
discloses, who was found where, who is linked in which role) and of each
crime (status, class, reason, officers, offence code, people); this module
applies the rules' definitions to them. It never looks at candour's analyses.

Readings of rules.md that needed a choice are written down in
docs/generator.md (e.g. the 365-day window of missed_pattern is any window).
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from candour.generate.clock import is_late
from candour.generate.people import Person, truth_age
from candour.generate.writer import Sink

VALID_CLASSES = ("C1", "C2", "C3", "C4", "C5")
UNDER_13_CLASSES = ("C1", "C3", "C4")
ADULT_WINDOW = timedelta(days=30)
PATTERN_WINDOW = timedelta(days=365)
PATTERN_COUNT = 3


@dataclass(frozen=True)
class Offence:
    code: str
    title: str
    category: str
    age_min: int | None
    age_max: int | None
    sex: str
    penetrative: bool


def load_offences() -> dict[str, Offence]:
    path = Path(__file__).resolve().parent.parent / "data" / "offences.csv"
    out: dict[str, Offence] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[r["code"]] = Offence(
                r["code"],
                r["title"],
                r["category"],
                int(r["victim_age_min"]) if r["victim_age_min"] else None,
                int(r["victim_age_max"]) if r["victim_age_max"] else None,
                r["victim_sex"],
                r["penetrative"] == "yes",
            )
    return out


@dataclass
class CrimeFacts:
    crime_id: str
    incident_at: datetime | None
    recorded_at: datetime
    status: str
    code: str
    cancellation_class: str = ""
    reason_is_avi: bool = False  # the reason states verifiable information that no crime occurred
    reason_consent: bool = False  # the reason describes the child as consenting / choosing
    cancelled_by: str = ""
    oic: str = ""
    victims: list[Person] = field(default_factory=list)
    suspects: list[Person] = field(default_factory=list)

    @property
    def event_at(self) -> datetime:
        return self.incident_at or self.recorded_at


@dataclass
class IncidentFacts:
    incident_id: str
    reported_at: datetime
    discloses: bool = False  # discloses a notifiable offence against an identifiable victim
    penetration: bool = False  # discloses penetration of the child
    consent: bool = False  # the child is described as consenting / in a relationship / choosing
    risk: bool = (
        False  # child found with a non-family adult in a risk setting (or arrested/removed)
    )
    cawn_served: bool = False
    indicator: bool = False  # an exploitation indicator (missing episodes count)
    child: Person | None = None
    linked_adults: list[Person] = field(
        default_factory=list
    )  # adults in incident_records, any role
    adult_suspect_linked: bool = False
    others: list[Person] = field(
        default_factory=list
    )  # other children present (indicators count for them)


class Truth:
    """Applies the rules to facts as they are generated; writes truth/findings.csv."""

    def __init__(self, sink: Sink, offences: dict[str, Offence]) -> None:
        self.sink = sink
        self.offences = offences
        self.indicators: dict[str, list[datetime]] = {}
        self.victim_crimes: dict[str, list[datetime]] = {}
        self.suspect_crimes: dict[str, list[datetime]] = {}
        self.watched: set[str] = set()  # adults who may be linked to risk incidents
        self.pending: list[tuple[str, datetime, list[str]]] = []

    # --- crimes --------------------------------------------------------------------------
    def _min_victim_age(self, c: CrimeFacts) -> int | None:
        ages = [a for v in c.victims if (a := truth_age(v, c.event_at.date())) is not None]
        return min(ages) if ages else None

    def _crime(self, c: CrimeFacts, penetration: bool) -> None:
        age = self._min_victim_age(c)
        if c.incident_at is not None and is_late(c.incident_at, c.recorded_at):
            self.sink.finding("late_recording", "crime", c.crime_id)
        if c.status == "cancelled":
            cls = c.cancellation_class
            invalid = (
                not cls
                or cls not in VALID_CLASSES
                or (cls == "C2" and not c.reason_is_avi)
                or (age is not None and age < 13 and cls not in UNDER_13_CLASSES)
                or not c.cancelled_by
                or c.cancelled_by == c.oic
            )
            if invalid:
                self.sink.finding("invalid_cancellation", "crime", c.crime_id)
        if c.status in ("recorded", "cancelled") and age is not None:
            off = self.offences[c.code]
            under = off.age_min is not None and age < off.age_min
            if penetration and age < 16 and off.category != "rape":
                under = True
            if under:
                self.sink.finding("under_classified", "crime", c.crime_id)
        if c.status == "recorded":
            for v in c.victims:
                a = truth_age(v, c.event_at.date())
                if a is not None and a < 18:
                    self.victim_crimes.setdefault(v.person_id, []).append(c.event_at)
            for s in c.suspects:
                if s.person_id in self.watched:
                    self.suspect_crimes.setdefault(s.person_id, []).append(c.recorded_at)

    def crime_alone(self, c: CrimeFacts) -> None:
        """A crime with no incident."""
        self._crime(c, False)
        if c.reason_consent and c.status == "cancelled":
            age = self._min_victim_age(c)
            if age is not None and age < 16:
                self.sink.finding("child_treated_as_consenting", "crime", c.crime_id)

    # --- incidents -----------------------------------------------------------------------
    def incident(self, inc: IncidentFacts, crimes: list[CrimeFacts]) -> None:
        for c in crimes:
            self._crime(c, inc.penetration)
        if inc.discloses and not crimes:
            self.sink.finding("unrecorded_crime", "incident", inc.incident_id)
        day = inc.reported_at.date()
        age = truth_age(inc.child, day) if inc.child is not None else None
        recorded = [c for c in crimes if c.status == "recorded"]
        cancelled = [c for c in crimes if c.status == "cancelled"]
        if not recorded and age is not None and age < 16:
            consent_crimes = [c for c in cancelled if c.reason_consent]
            if inc.consent or consent_crimes:
                subject = (consent_crimes or cancelled)[0].crime_id if cancelled else None
                if subject:
                    self.sink.finding("child_treated_as_consenting", "crime", subject)
                else:
                    self.sink.finding("child_treated_as_consenting", "incident", inc.incident_id)
        if inc.indicator:
            for o in inc.others:
                a = truth_age(o, day)
                if a is not None and a < 18:
                    self.indicators.setdefault(o.person_id, []).append(inc.reported_at)
        if inc.child is not None and age is not None and age < 18:
            if inc.indicator:
                self.indicators.setdefault(inc.child.person_id, []).append(inc.reported_at)
            if inc.risk and not inc.adult_suspect_linked and not inc.cawn_served:
                self.pending.append(
                    (inc.incident_id, inc.reported_at, [a.person_id for a in inc.linked_adults])
                )

    # --- end of the run ------------------------------------------------------------------
    def finish(self) -> None:
        for incident_id, at, adults in self.pending:
            dealt = False
            for pid in adults:
                times = sorted(self.suspect_crimes.get(pid, ()))
                i = bisect_left(times, at)
                if i < len(times) and times[i] <= at + ADULT_WINDOW:
                    dealt = True
                    break
            if not dealt:
                self.sink.finding("adult_not_dealt_with", "incident", incident_id)
        for pid in self.indicators:
            if missed_pattern(self.indicators[pid], self.victim_crimes.get(pid, [])):
                self.sink.finding("missed_pattern", "person", pid)


def missed_pattern(incidents: list[datetime], crimes: list[datetime]) -> bool:
    """Is there any 365-day window holding >= 3 indicator incidents and no recorded
    crime against the child? (Windows are closed intervals.)"""
    t = sorted(incidents)
    c = sorted(crimes)
    eps = timedelta(minutes=1)
    for i in range(len(t) - PATTERN_COUNT + 1):
        j = i + PATTERN_COUNT - 1
        if t[j] - t[i] > PATTERN_WINDOW:
            continue
        if bisect_right(c, t[j]) - bisect_left(c, t[i]) > 0:
            continue  # a crime between the first and last incident
        k = bisect_left(c, t[i])
        prev = c[k - 1] if k > 0 else None
        k2 = bisect_right(c, t[j])
        nxt = c[k2] if k2 < len(c) else None
        lo = t[j] - PATTERN_WINDOW
        hi = t[i]
        a = lo if prev is None or prev < lo else prev + eps
        b = hi if nxt is None or nxt - PATTERN_WINDOW > hi else nxt - PATTERN_WINDOW - eps
        if a <= b:
            return True
    return False
