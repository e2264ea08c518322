"""Reading one incident: who is a child, which adults were present, what was disclosed.

Every conclusion keeps the indicators (exact spans) and records behind it, so
a finding can show its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from candour.audit.facts import (
    ADULT_ROLES,
    Facts,
    Incident,
    RecordAge,
    narrative_child_age,
    night,
)
from candour.screen.text import Indicator

NON_CONSENT = re.compile(
    r"rap|assault|abus|grop|indecent|touch|forc|without|against|did\s+not\s+consent|made|"
    r"attack|expos",
    re.IGNORECASE,
)
# Consent language that treats a child as consenting (R-C1, R-C2, R-D8); the
# weaker victim-blaming words ("naughty", "out of control") are not enough.
CONSENTING = re.compile(
    r"consen|concen|willing|own\s+(?:free\s+)?(?:will|accord)|happy\s+to|wanted\s+to|"
    r"instigat|up\s+for\s+it|not\s+a\s+victim|see\s+(?:herself|himself)|lifestyle|life\s+style|"
    r"choice|choos|chose|decision|knows\s+what|street|sexually\s+active|promiscu|prostitu|"
    r"prostitue|sex\s+worker|on\s+the\s+game|rent\s+boy",
    re.IGNORECASE,
)
HOME = re.compile(r"\b(?:home|own|her|family)\b", re.IGNORECASE)
THEIR_PLACE = re.compile(r"^(?:his|their|males?|mans?|adult|unknown|private)", re.IGNORECASE)
PERSON_NEAR = 60  # characters: how far back an arrest looks for whom it names


def pos(inds: list[Indicator], indicator: str, *values: str) -> list[Indicator]:
    """Un-negated indicators of one kind (and value)."""
    return [
        f
        for f in inds
        if f.indicator == indicator and not f.negated and (not values or f.value in values)
    ]


@dataclass
class Reading:
    incident: Incident
    child_age: int | None = None
    child_age_evidence: list[Indicator] = field(default_factory=list)
    child_records: list[RecordAge] = field(default_factory=list)
    age_conflict: list[int] = field(default_factory=list)
    adult_records: list[tuple[str, str, int]] = field(default_factory=list)
    adult_spans: list[Indicator] = field(default_factory=list)
    non_family_adult: bool = False
    risk_spans: list[Indicator] = field(default_factory=list)
    risk_night: bool = False
    found: list[Indicator] = field(default_factory=list)
    child_arrested: list[Indicator] = field(default_factory=list)
    adult_arrested: list[Indicator] = field(default_factory=list)
    child_removed: list[Indicator] = field(default_factory=list)
    cawn: list[Indicator] = field(default_factory=list)
    offence: str | None = None  # "sexual", or the kind of another offence
    offence_spans: list[Indicator] = field(default_factory=list)
    penetration: list[Indicator] = field(default_factory=list)
    consent_spans: list[Indicator] = field(default_factory=list)
    exploitation_spans: list[Indicator] = field(default_factory=list)
    victim_records: list[str] = field(default_factory=list)

    @property
    def child(self) -> bool:
        return self.child_age is not None and self.child_age < 18

    @property
    def adult_present(self) -> bool:
        return bool(self.adult_records or self.adult_spans)


def _nearest_person(inds: list[Indicator], at: int) -> str | None:
    """Whom the words just before position ``at`` name: "child", "adult" or None."""
    best: tuple[int, str] | None = None
    for f in inds:
        if f.end > at or f.start < at - PERSON_NEAR or f.negated:
            continue
        who: str | None = None
        if f.indicator in ("child", "victim_ref", "person"):
            who = "child"
        elif f.indicator == "adult":
            who = "adult"
        elif f.indicator == "age":
            who = "child" if int(f.value) < 18 else "adult"
        if who and (best is None or f.end > best[0]):
            best = (f.end, who)
    return best[1] if best else None


def read(inc: Incident, facts: Facts, night_hours: tuple[int, int] = (22, 4)) -> Reading:
    """Everything the rules need to know about one incident."""
    inds = inc.indicators
    r = Reading(inc)
    at = inc.reported_at
    # --- ages: records first (the youngest credible), else the narrative ---------
    record_child: list[RecordAge] = []
    child_surnames: set[str] = set()
    for rid, role in inc.roles:
        youngest = facts.youngest(rid, at)
        if youngest is None:
            continue
        if role != "suspect" and youngest.age < 18:
            record_child.append(youngest)
            rec = facts.records.get(rid)
            if rec and rec.surname:
                child_surnames.add(rec.surname.strip().lower())
        elif youngest.age >= 18 and role in ADULT_ROLES:
            r.adult_records.append((rid, role, youngest.age))
        if role == "victim":
            r.victim_records.append(rid)
    narrative = narrative_child_age(inds)
    ages = [a.age for a in record_child]
    if record_child:
        r.child_records = record_child
        r.child_age = min(ages)
    if narrative is not None:
        n = int(narrative.value)
        if r.child_age is None or n < r.child_age:
            r.child_age = n
        r.child_age_evidence = [narrative]
        ages.append(n)
    if len(set(ages)) > 1:
        r.age_conflict = sorted(set(ages))
    # --- adults ----------------------------------------------------------------
    family = pos(inds, "family", "family")
    for f in inds:
        if f.negated:
            continue
        if f.indicator == "adult" or (f.indicator == "age" and int(f.value) >= 18):
            near_family = any(0 <= f.start - g.end <= 25 or g.start >= f.start and g.start - f.end < 3 for g in family)
            if not near_family:
                r.adult_spans.append(f)
    # "a male" only counts as an adult when no second child age is given for the males
    child_ages = {int(f.value) for f in inds if f.indicator == "age" and int(f.value) < 18}
    if len(child_ages) > 1:
        r.adult_spans = [
            f for f in r.adult_spans if not (f.indicator == "adult" and f.value == "male")
        ]
    record_non_family = any(
        (facts.records[rid].surname or "").strip().lower() not in child_surnames
        for rid, _role, _age in r.adult_records
        if rid in facts.records
    )
    narrative_non_family = any(f.indicator == "adult" or f.indicator == "age" for f in r.adult_spans)
    r.non_family_adult = (record_non_family or narrative_non_family) and not pos(
        inds, "family", "adult_is_family"
    )
    r.found = pos(inds, "found")
    # --- risk settings -----------------------------------------------------------
    for f in pos(inds, "setting"):
        if f.value == "private_address" and HOME.search(f.text) and not THEIR_PLACE.match(f.text):
            continue
        r.risk_spans.append(f)
    r.risk_spans += pos(inds, "intoxication") + pos(inds, "exchange", "alcohol", "drugs")
    r.risk_night = night(at, *night_hours)
    # --- what officers did ---------------------------------------------------------
    for f in pos(inds, "arrest"):
        who = _nearest_person(inds, f.start)
        (r.adult_arrested if who == "adult" else r.child_arrested).append(f)
    r.child_removed = pos(inds, "removed")
    r.cawn = pos(inds, "cawn")
    # --- disclosed offences ----------------------------------------------------------
    sexual = pos(inds, "sexual")
    r.penetration = [f for f in sexual if f.value == "penetration"]
    non_consent = [f for f in sexual + pos(inds, "disclosure") if NON_CONSENT.search(f.text)]
    exploitation = pos(inds, "cse_term")
    exchange = pos(inds, "exchange")
    r.consent_spans = [f for f in pos(inds, "consent_language") if CONSENTING.search(f.text)]
    partner_adult = r.adult_present
    for f in pos(inds, "consent_language", "relationship"):
        if partner_adult and f not in r.consent_spans:
            r.consent_spans.append(f)
    if r.child and sexual:
        assert r.child_age is not None
        if r.child_age < 16:
            r.offence, r.offence_spans = "sexual", sexual
        elif non_consent or exploitation or (exchange and r.adult_present):
            r.offence, r.offence_spans = "sexual", sexual + non_consent + exploitation
    if r.offence is None and r.child and exploitation and r.adult_present:
        if any(re.search(r"exploited|groomed|trafficked|abuse", f.text, re.I) for f in exploitation):
            r.offence, r.offence_spans = "sexual", exploitation
    if r.offence is None and sexual and non_consent and not r.child:
        r.offence, r.offence_spans = "sexual", non_consent
    if r.offence is None:
        other = pos(inds, "offence")
        if other and (pos(inds, "victim_ref") or r.victim_records):
            r.offence, r.offence_spans = other[0].value, other
    # --- exploitation indicators (for missed_pattern; missing episodes count) ----------
    ex: list[Indicator] = []
    if inc.discloses:
        ex += sexual + exploitation
    ex += pos(inds, "missing") + exploitation + r.consent_spans
    if r.child:
        ex += sexual + pos(inds, "intoxication")
        ex += pos(inds, "exchange", "gifts", "money", "phone_credit", "drugs", "alcohol")
        ex += pos(inds, "consent_language")
        if r.adult_present and (r.risk_spans or r.found or exchange):
            ex += r.risk_spans + r.adult_spans + r.found
    r.exploitation_spans = sorted(set(ex), key=lambda f: (f.start, f.end))
    return r


def recorded_suspect_crimes(facts: Facts) -> dict[str, list[tuple[datetime, str]]]:
    """Person → (recorded_at, crime_id) of recorded crimes naming them as suspect."""
    out: dict[str, list[tuple[datetime, str]]] = {}
    for c in facts.crimes.values():
        if c.status != "recorded" or c.recorded_at is None:
            continue
        for rid, role in c.roles:
            if role == "suspect":
                out.setdefault(facts.person(rid), []).append((c.recorded_at, c.crime_id))
    return out


def dealt_with_by_crime(
    r: Reading, facts: Facts, suspects: dict[str, list[tuple[datetime, str]]], days: int
) -> str | None:
    """A recorded crime within ``days`` naming as suspect an adult linked to the incident."""
    at = r.incident.reported_at
    if at is None:
        return None
    for rid, _role in r.incident.roles:
        for when, cid in suspects.get(facts.person(rid), ()):
            if at <= when <= at + timedelta(days=days):
                return cid
    return None
