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
    People,
    RecordAge,
    narrative_child_age,
    night,
    stream,
)
from candour.screen.text import Indicator
from candour.store import Store

NON_CONSENT = re.compile(
    r"rap|assault|abus|grop|indecent|touch|forc|without|against|did\s+not\s+consent|made|"
    r"attack|expos",
    re.IGNORECASE,
)
# a hand on an adult's body, reported by them ("grabbed her bottom", "hand up her skirt"):
# unwanted by its telling (a child's case is read by age, not by these words)
UNWANTED_TOUCH = re.compile(r"grab|squeez|hands?\s+(?:down|up|inside|in)\b", re.IGNORECASE)
# Consent language that treats a child as consenting (R-C1, R-C2, R-D8); the
# weaker victim-blaming words ("naughty", "out of control") are not enough.
CONSENTING = re.compile(
    r"\b(?:consen\w*|concen\w*|willing\w*|own\s+(?:free\s+)?(?:will|accord)|happy\s+to|"
    r"wanted\s+to|instigat\w*|up\s+for\s+it|not\s+a\s+victim|lifestyle|life\s+style|"
    r"choice\w*|choos\w*|chose|knows\s+what|street\s?-?wise|sexually\s+active|promiscu\w*|"
    r"prostitu\w*|sex\s+worker|on\s+the\s+game|rent\s+boy|relationship|boy\s?friend)\b",
    re.IGNORECASE,
)
CONSENSUAL = re.compile(r"con[sc]en", re.IGNORECASE)
HOME = re.compile(r"\b(?:home|own|her|family)\b", re.IGNORECASE)
THEIR_PLACE = re.compile(r"^(?:his|their|males?|mans?|adult|unknown|private)", re.IGNORECASE)
# the one who reported it, and words that make them the owner or the one harmed
# ("RP reports his bike stolen", "caller states a neighbour kicked her door in")
REPORTER = re.compile(r"\b(?:rp|r/p|caller|informant|inft|owner)\b", re.I)
OWNER = re.compile(
    r"\b(?:his|her|their|my|our|him|them|me|us|(?:rp|r/p|caller|informant|inft)(?:'|’)s|"
    r"belonging\s+to|owned\s+by)\b",
    re.I,
)
OWNER_NEAR = 40  # characters either side of an offence
PERSON_NEAR = 60  # characters: how far back an arrest looks for whom it names


def pos(inds: list[Indicator], indicator: str, *values: str) -> list[Indicator]:
    """Un-negated indicators of one kind (and value)."""
    return [
        f
        for f in inds
        if f.indicator == indicator and not f.negated and (not values or f.value in values)
    ]


@dataclass(slots=True)
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
    seen: list[Indicator] = field(default_factory=list)
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


# a full stop ends a sentence, except the abbreviation of an age ("14 y.o. in rear")
SENTENCE_BREAK = re.compile(r"\n|(?<!\by\.o)[.;!?](?:\s|$)", re.I)
# the people a child is "with" in an adult's home: anyone but family, friends or the child
_NOT_AN_ADULTS_HOME = (
    r"(?:(?:own|mum|mother|mam|dad|father|nan|nana|gran\w*|grand\w*|aunt\w*|uncle|brother|"
    r"sister|cousin|parents?|carers?|foster\w*|friends?|mates?|family|child\w*|girl|boy|yp|ip|"
    r"misper|juvenile|school\w*|victim|rp|caller|informant|inft|he|she|it|that|there|who|what|"
    r"where|one|someone|everyone|today|tonight)(?:'|’)?s?\b)"
)
# at an adult's home: "home of X", "address of X", "X's flat", "RO's house"
ADULT_HOME = (
    r"\b(?:(?:home|house|flat|address|residence|bedsit|premises)\s+(?:address\s+)?(?:of|"
    r"belonging\s+to|owned\s+by|rented\s+by)\s+"
    rf"(?!(?:(?:a|an|the|her|his|their)\s+)?(?:own\s+)?{_NOT_AN_ADULTS_HOME})\w+|"
    rf"(?!{_NOT_AN_ADULTS_HOME})\w+(?:'|’)s\s+(?:home\s+address|address|flat|house|home|bedsit|"
    r"place)\b)"
)
ADULTS_HOME = re.compile(ADULT_HOME, re.I)
WITH_ADULTS = re.compile(
    r"\bw/|\b(?:with|occupants?|males?|men|man|adults?|driver|accompanied|company)\b|" + ADULT_HOME,
    re.I,
)
# a report of past or habitual behaviour ("mother says he has been seen getting into cars
# with older males", "friends say she hangs around with older lads"): not adults present
HABITUAL = re.compile(
    r"\b(?:regularly|often|frequently|previously|in\s+the\s+past|recently|lately|"
    r"on\s+(?:several|numerous|many|other|previous|a\s+number\s+of)\s+occasions|"
    r"most\s+(?:nights|days|weekends)|every\s+(?:night|day|weekend)|over\s+the\s+(?:last|past)|"
    r"for\s+(?:weeks|months)|used\s+to|hangs?\s+(?:around|about|out)|hanging\s+(?:around|about|"
    r"out)\s+with|(?:is|are)\s+known\s+to|(?:has|have)\s+been\s+associating|associates\s+with)\b",
    re.I,
)
THIRD_PARTY = re.compile(
    r"\b(?:friends?|teachers?|mother|mum|father|dad|parents?|staff|school|carers?|"
    r"social\s+worker|s/w|youth\s+worker|intel\w*|rumou?r\w*|anonymous|third\s+party|believed|"
    r"suspected|concerns?\s+that|worried\s+that)\b",
    re.I,
)
PAST_SIGHTING = re.compile(
    r"\b(?:has|have|had)\s+been\s+(?:seen|spotted|getting|going|hanging|meeting|staying|"
    r"picked\s+up|collected|receiving|given)\b|\b(?:gets|goes)\s+(?:into|in|off)\b",
    re.I,
)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence (a log line, or up to a full stop) around position ``at``."""
    start = 0
    for m in SENTENCE_BREAK.finditer(text, 0, at):
        start = m.end()
    m2 = SENTENCE_BREAK.search(text, at)
    return start, (m2.start() if m2 else len(text))


def _near_sentences(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at`` with its neighbours in the same log line.

    Officers often write "Room 208 attended. 2 males and female ..." or "occupier
    Keith approx 40 yrs. Liam located in living room": the finding and the adults
    sit in adjacent sentences of one entry.
    """
    lo, hi = _sentence(text, at)
    line_lo = text.rfind("\n", 0, at) + 1
    line_hi = text.find("\n", at)
    line_hi = len(text) if line_hi < 0 else line_hi
    if lo > line_lo:
        lo = max(line_lo, _sentence(text, max(line_lo, lo - 2))[0])
    if hi < line_hi:
        hi = min(line_hi, _sentence(text, hi + 1)[1])
    return lo, hi


def _past_report(text: str, lo: int, hi: int) -> int | None:
    """Where a report of past or habitual behaviour begins in ``text[lo:hi]``, or None."""
    at = []
    if m := HABITUAL.search(text, lo, hi):
        at.append(m.start())
    if (m := THIRD_PARTY.search(text, lo, hi)) and PAST_SIGHTING.search(text, m.end(), hi):
        at.append(m.start())
    return min(at) if at else None


def _present_parts(text: str, f: Indicator) -> list[tuple[int, int]]:
    """The stretches of the sentences around ``f`` that tell what happened at the incident.

    A report of past or habitual behaviour is left out, from where it begins to the
    end of its sentence; if ``f`` itself is inside one, nothing is left.
    """
    lo, hi = _sentence(text, f.start)
    if f.value == "found":
        lo, hi = _near_sentences(text, f.start)
    parts = []
    a = lo
    for b, nxt in [(m.start(), m.end()) for m in SENTENCE_BREAK.finditer(text, lo, hi)] + [
        (hi, hi)
    ]:
        cut = _past_report(text, a, b)
        if cut is not None and a <= f.start < b and cut <= f.start:
            return []  # "... has been seen getting into cars": not seen by police now
        parts.append((a, b if cut is None else cut))
        a = nxt
    return parts


def _with_adults(text: str, f: Indicator, adults: list[Indicator], adult_records: bool) -> bool:
    """Whether the sentences saying the child was found also have the child with someone.

    The adults themselves are known from the narrative or the linked records; adults
    only said to have been seen with the child before are not with the child now.
    """
    if not text:
        return bool(adults)
    parts = _present_parts(text, f)
    if any(lo <= a.start < hi for a in adults for lo, hi in parts):
        return True
    return (adult_records or bool(adults)) and any(
        WITH_ADULTS.search(text, lo, hi) for lo, hi in parts
    )


HEARSAY = re.compile(
    r"\b(?:friends?|teachers?|mother|mum|father|dad|parents?|staff|school|caller|neighbou?rs?|"
    r"carers?|social\s+worker|s/w|youth\s+worker|believed|rumou?r\w*|intel\w*|anonymous|"
    r"third\s+party|talks\s+about)\b",
    re.I,
)


# "friends of her brother": a claimed tie to a relative does not make the adult family
CLAIMED_TIE = re.compile(
    r"\b(?:friends?|mates?|pals?|associates?|colleagues?|know|knows|known\s+to|workmates?)"
    r"\s+(?:of\s+|with\s+)?$",
    re.I,
)


def _claimed_tie(text: str, f: Indicator) -> bool:
    return bool(text) and bool(CLAIMED_TIE.search(text, max(0, f.start - 25), f.start))


DENIED = re.compile(r"\b(?:no|nil|not|without|any)\s+(?:\w+\s+)?$", re.I)


def _directly_denied(text: str, f: Indicator) -> bool:
    return not text or bool(DENIED.search(text, max(0, f.start - 15), f.start))


ADULT_WORD = re.compile(r"\b(?:adult|older|grown|m[ae]n)\b", re.I)


def _child_described(f: Indicator, child_ages: list[Indicator]) -> bool:
    """Whether a bare "male" is the child's own description ("a 14 year old male", "male 15")."""
    if ADULT_WORD.search(f.text):
        return False
    return any(
        a.start <= f.start < a.end or (0 <= f.start - a.end <= 2 and a.text[-1:].isalnum())
        for a in child_ages
    )


DESCRIPTION = re.compile(r"\bdesc\w*\W{0,5}$", re.I)


def _description(text: str, f: Indicator) -> bool:
    """Whether a bare "male" opens a description ("DESC: male, 5'10")."""
    return bool(text) and bool(DESCRIPTION.search(text, max(0, f.start - 20), f.start))


def _reported_before(text: str, f: Indicator, disclosures: list[Indicator]) -> bool:
    """Whether a disclosure ("disclosed", "states that") precedes ``f`` in its sentence."""
    if not text:
        return False
    lo, _hi = _sentence(text, f.start)
    return any(lo <= d.start < f.start for d in disclosures)


def _hearsay(text: str, f: Indicator) -> bool:
    """Whether the sentence attributes the words to someone other than the child or officer."""
    if not text:
        return False
    lo, _hi = _sentence(text, f.start)
    return bool(HEARSAY.search(text, lo, f.start))


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


def _reporter(inc: Incident) -> bool:
    """Whether someone reported the incident: a linked reporter, or "RP", "caller" in the log."""
    return any(role == "reporter" for _rid, role in inc.roles) or bool(
        inc.narrative and REPORTER.search(inc.narrative)
    )


def _owned(text: str, f: Indicator) -> bool:
    """Whether an owner or a person harmed is named next to an offence, in its sentence."""
    lo, hi = _sentence(text, f.start)
    return bool(OWNER.search(text, max(lo, f.start - OWNER_NEAR), min(hi, f.end + OWNER_NEAR)))


def read(inc: Incident, facts: Facts, night_hours: tuple[int, int] = (22, 4)) -> Reading:
    """Everything the rules need to know about one incident."""
    inds = inc.indicators
    by_kind: dict[str, list[Indicator]] = {}
    for f in inds:
        if not f.negated:
            by_kind.setdefault(f.indicator, []).append(f)

    def p(indicator: str, *values: str) -> list[Indicator]:
        """Un-negated indicators of one kind (and value), like :func:`pos`."""
        found = by_kind.get(indicator, [])
        return [f for f in found if f.value in values] if values else list(found)

    r = Reading(inc)
    at = inc.reported_at
    # --- ages: records first (the youngest credible), else the narrative ---------
    record_child: list[RecordAge] = []
    child_surnames: set[str] = set()
    for rid, role in inc.roles:
        if role == "victim":
            r.victim_records.append(rid)
        youngest = facts.youngest(rid, at)
        if youngest is None:
            continue
        if role not in ("suspect", "reporter") and youngest.age < 18:
            record_child.append(youngest)
            rec = facts.records.get(rid)
            if rec and rec.surname:
                child_surnames.add(rec.surname.strip().lower())
        elif youngest.age >= 18 and role in ADULT_ROLES:
            r.adult_records.append((rid, role, youngest.age))
    narrative = narrative_child_age(inds)
    ages = [a.age for a in record_child]
    if record_child:
        r.child_records = record_child
        r.child_age = min(ages)
    if narrative is not None:
        n = int(narrative.value)
        # rules.md: a date of birth on a record first, else a stated age (a record's
        # age column or the narrative's); a stated age never overrides a date of birth
        from_dob = any(a.source != "age" for a in record_child)
        if r.child_age is None or (n < r.child_age and not from_dob):
            r.child_age = n
        r.child_age_evidence = [narrative]
        ages.append(n)
    if len(set(ages)) > 1:
        r.age_conflict = sorted(set(ages))
    # --- adults ----------------------------------------------------------------
    family = p("family", "family")
    adult_is_family = [
        f for f in p("family", "adult_is_family") if not _claimed_tie(inc.narrative, f)
    ]
    child_age_spans = [f for f in inds if f.indicator == "age" and int(f.value) < 18]
    for f in inds:
        # a negation elsewhere in the clause ("denies sexual contact with the males") does
        # not make the adults absent; only "no males", "no adults" does
        if f.negated and (f.indicator != "adult" or _directly_denied(inc.narrative, f)):
            continue
        if f.indicator == "adult" and f.value == "male" and _description(inc.narrative, f):
            continue  # "DESC: male, dark hair" describes someone; it is not an adult present
        if f.indicator == "adult" and f.value == "male" and _child_described(f, child_age_spans):
            continue  # "a 14 year old male", "male 15": the child, not an adult
        if f.indicator == "adult" or (f.indicator == "age" and int(f.value) >= 18):
            near_family = any(
                0 <= f.start - g.end <= 25 or g.start >= f.start and g.start - f.end < 3
                for g in family
            )
            if not near_family:
                r.adult_spans.append(f)
    # "a male" only counts as an adult when no second child age is given for the males
    child_ages = {int(f.value) for f in inds if f.indicator == "age" and int(f.value) < 18}
    if len(child_ages) > 1:
        r.adult_spans = [
            f
            for f in r.adult_spans
            if not (f.indicator == "adult" and f.value == "male" and not ADULT_WORD.search(f.text))
        ]
    record_non_family = any(
        (facts.records[rid].surname or "").strip().lower() not in child_surnames
        for rid, _role, _age in r.adult_records
        if rid in facts.records
    )
    narrative_non_family = any(
        f.indicator == "adult" or f.indicator == "age" for f in r.adult_spans
    )
    r.non_family_adult = (record_non_family or narrative_non_family) and not adult_is_family
    with_adults = [
        f
        for f in p("found")
        if _with_adults(inc.narrative, f, r.adult_spans, bool(r.adult_records))
    ]
    r.found = [f for f in with_adults if f.value == "found"]
    r.seen = [f for f in with_adults if f.value == "seen"]
    # "in the rear of the car", "in company of": a sighting, unless the sentence reports
    # what someone disclosed ("disclosed he had sex with her in the back of the car")
    r.seen += [
        f
        for f in with_adults
        if f.value == "with" and not _reported_before(inc.narrative, f, p("disclosure"))
    ]
    # --- risk settings -----------------------------------------------------------
    for f in p("setting"):
        if f.value == "private_address" and HOME.search(f.text) and not THEIR_PLACE.match(f.text):
            continue
        r.risk_spans.append(f)
    r.risk_spans += p("intoxication") + p("exchange", "alcohol", "drugs")
    if r.adult_present and inc.narrative:  # at an adult's home: a private address not the child's
        r.risk_spans += [
            Indicator("setting", "private_address", m.start(), m.end(), m.group())
            for m in ADULTS_HOME.finditer(inc.narrative)
        ]
    r.risk_night = night(at, *night_hours)
    # --- what officers did ---------------------------------------------------------
    for f in p("arrest"):
        who = _nearest_person(inds, f.start)
        (r.adult_arrested if who == "adult" else r.child_arrested).append(f)
    r.child_removed = p("removed")
    r.cawn = p("cawn")
    # --- disclosed offences ----------------------------------------------------------
    # sexual activity only implied (emergency contraception, an STI screen) needs a named
    # adult: an adult's age ("partner is 19") or an adult ("older man"), not just "males"
    named_adult = any(f.indicator == "age" or f.value == "adult" for f in r.adult_spans)
    sexual = [f for f in p("sexual") if f.value != "implied" or named_adult]
    r.penetration = [f for f in sexual if f.value == "penetration"]
    non_consent = [f for f in sexual + p("disclosure") if NON_CONSENT.search(f.text)]
    exploitation = p("cse_term")
    exchange = p("exchange")
    r.consent_spans = p("consent_language", "consenting", "choices")
    if r.adult_present:  # a "relationship" only with an adult, and in the child's or
        # an officer's words, not hearsay ("friends say she has an older boyfriend")
        r.consent_spans += [
            f for f in p("consent_language", "relationship") if not _hearsay(inc.narrative, f)
        ]
    if r.child and sexual:
        assert r.child_age is not None
        if r.child_age < 16:
            r.offence, r.offence_spans = "sexual", sexual
        elif non_consent or exploitation or exchange or r.adult_present:
            r.offence, r.offence_spans = "sexual", sexual + non_consent + exploitation
    if r.offence is None and r.child and exploitation and r.adult_present:
        if any(
            f.value == "coerced" or re.search(r"exploited|groomed|trafficked|abuse", f.text, re.I)
            for f in exploitation
        ):
            r.offence, r.offence_spans = "sexual", exploitation
    # a child under 16 said to have "consensual" contact with a named adult (an adult's
    # age given): sexual activity is disclosed, and an adult's sexual contact with a child
    # under 16 is an offence whatever the child is said to want. "Happy", "went with
    # them" or "nothing sexual has happened" do not disclose it.
    adult_ages = [f for f in r.adult_spans if f.indicator == "age"]
    stated = [f for f in p("consent_language", "consenting") if CONSENSUAL.search(f.text)]
    denied_sexual = any(f.indicator == "sexual" and f.negated for f in inds)
    if r.offence is None and r.child and r.child_age is not None and r.child_age < 16:
        if stated and (adult_ages or r.adult_records) and not denied_sexual:
            r.offence, r.offence_spans = "sexual", stated + adult_ages
    unwanted = non_consent + [f for f in sexual if UNWANTED_TOUCH.search(f.text)]
    if r.offence is None and sexual and unwanted and not r.child:
        r.offence, r.offence_spans = "sexual", unwanted
    if r.offence is None:
        other = p("offence")
        if other and (p("victim_ref") or r.victim_records):
            r.offence, r.offence_spans = other[0].value, other
        elif other and _reporter(inc):
            # the reporter's own property or person: an identifiable victim
            owned = [f for f in other if _owned(inc.narrative, f)]
            if owned:
                r.offence, r.offence_spans = owned[0].value, owned
    # --- exploitation indicators (for missed_pattern; missing episodes count) ----------
    ex: list[Indicator] = []
    if inc.discloses:
        ex += sexual + exploitation
    ex += p("missing") + exploitation + r.consent_spans
    if r.child:
        ex += sexual + p("intoxication")
        ex += p("exchange", "gifts", "money", "phone_credit", "drugs", "alcohol")
        ex += p("consent_language")
        if r.adult_present and (r.risk_spans or r.found or r.seen or exchange):
            ex += r.risk_spans + r.adult_spans + r.found + r.seen
        elif r.non_family_adult and r.adult_spans:  # associating with adults
            ex += r.adult_spans
    # each distinct indicator once (by value), in the order of the text
    distinct: dict[tuple[str, str, int, int, str, bool], Indicator] = {}
    for f in ex:
        distinct.setdefault((f.indicator, f.value, f.start, f.end, f.text, f.negated), f)
    r.exploitation_spans = sorted(distinct.values(), key=lambda f: (f.start, f.end))
    return r


def recorded_suspect_crimes(store: Store, people: People) -> dict[str, list[tuple[datetime, str]]]:
    """Person → (recorded_at, crime_id) of recorded crimes naming them as suspect."""
    out: dict[str, list[tuple[datetime, str]]] = {}
    for rid, when, cid in stream(
        store,
        "SELECT cr.record_id, c.recorded_at, c.crime_id FROM crime_records cr "
        "JOIN crimes c ON c.crime_id = cr.crime_id "
        "WHERE c.status = 'recorded' AND c.recorded_at IS NOT NULL AND cr.role = 'suspect'",
    ):
        out.setdefault(people.person(rid), []).append((when, cid))
    return out


def dealt_with_by_crime(
    r: Reading, facts: Facts, suspects: dict[str, list[tuple[datetime, str]]], days: int
) -> str | None:
    """A recorded crime within ``days`` naming as suspect an adult linked to the incident."""
    at = r.incident.reported_at
    if at is None:
        return None
    for rid, _role in r.incident.roles:
        youngest = facts.youngest(rid, at)
        if youngest is not None and youngest.age < 18:
            continue  # a crime whose suspect is the child does not deal with the adults
        for when, cid in suspects.get(facts.person(rid), ()):
            if at <= when <= at + timedelta(days=days):
                return cid
    return None
