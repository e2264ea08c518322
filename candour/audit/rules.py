"""The rules catalogue: each finding kind of spec/rules.md as a rule with its sources.

Rules are data: an id, the finding kind, a one-line statement, the rule ids of
domain/brief.md it applies, parameters (defaults from spec/rules.md) and the
function that applies it. ``candour rules`` prints this catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from candour.audit.episodes import Episodes
from candour.audit.facts import Crime, Facts, narrative_child_age, summary_text
from candour.audit.reading import CONSENTING, Reading, dealt_with_by_crime
from candour.data.offences import offence
from candour.screen.text import Indicator
from candour.store import Store


@dataclass
class Finding:
    kind: str
    subject_type: str
    subject_id: str
    force_id: str | None
    score: float
    rule_id: str
    summary: str
    sources: list[str]
    spans: list[dict[str, Any]]
    records: list[str] = field(default_factory=list)
    officer_id: str | None = None
    event_at: datetime | None = None
    incident_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What every rule may read: one partition's facts, each of its incidents' reading and
    whole column values as text; the recorded crimes naming each person as suspect; and
    the state a rule carries from partition to partition (``state[rule.id]``)."""

    facts: Facts
    readings: dict[str, Reading]
    texts: TextLookup  # (table, id, column) → value as text
    suspects: dict[str, list[tuple[datetime, str]]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    store: Store | None = None


class TextLookup(Protocol):
    """Whole column values as text: ``get((table, id, column))``."""

    def get(self, key: tuple[str, str, str], /) -> str | None: ...


RuleFunction = Callable[["Rule", Context], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: ``function`` is applied to each partition; ``finish`` (if any) once at the
    end, for rules that look across partitions (a child's incidents in every force)."""

    id: str
    kind: str
    statement: str
    sources: tuple[str, ...]
    parameters: dict[str, Any]
    function: RuleFunction
    finish: RuleFunction | None = None

    def with_parameters(self, **overrides: Any) -> Rule:
        return replace(self, parameters={**self.parameters, **overrides})

    def apply(self, ctx: Context, **overrides: Any) -> list[Finding]:
        rule = self.with_parameters(**overrides) if overrides else self
        return self.function(rule, ctx)

    def complete(self, ctx: Context, **overrides: Any) -> list[Finding]:
        """The findings of a rule that looks across partitions, once all have been read."""
        rule = self.with_parameters(**overrides) if overrides else self
        return self.finish(rule, ctx) if self.finish is not None else []

    @property
    def p(self) -> dict[str, Any]:
        return self.parameters


# --- evidence helpers -------------------------------------------------------------


def span(table: str, key: str, column: str, f: Indicator) -> dict[str, Any]:
    return {
        "table": table,
        "id": key,
        "column": column,
        "start": f.start,
        "end": f.end,
        "text": f.text,
    }


def whole(ctx: Context, table: str, key: str, column: str) -> list[dict[str, Any]]:
    """A span over a whole column value (a date, a code) when no narrative span applies."""
    value = ctx.texts.get((table, key, column))
    if not value:
        return []
    return [
        {"table": table, "id": key, "column": column, "start": 0, "end": len(value), "text": value}
    ]


def narrative_spans(inc_id: str, inds: list[Indicator]) -> list[dict[str, Any]]:
    seen: set[tuple[int, int]] = set()
    out = []
    for f in sorted(inds, key=lambda f: (f.start, f.end)):
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        out.append(span("incidents", inc_id, "narrative", f))
    return out


def clamp(x: float) -> float:
    return round(max(0.0, min(1.0, x)), 4)


# --- unrecorded_crime -------------------------------------------------------------


def unrecorded_crime(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    for r in ctx.readings.values():
        inc = r.incident
        if r.offence is None or inc.crimes:
            continue
        sexual = r.offence == "sexual"
        score = rule.p["base_score"] + (0.05 if sexual else 0.0)
        if sexual and r.child_age is not None and r.child_age < 16:
            score += 0.1
        if r.penetration:
            score += 0.05
        if r.adult_present:
            score += 0.03
        if r.victim_records:
            score += 0.02
        what = "a sexual offence against a child" if sexual and r.child else f"{r.offence}"
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="incident",
                subject_id=inc.incident_id,
                force_id=inc.force_id,
                score=clamp(score),
                rule_id=rule.id,
                summary=f"Narrative discloses {what}"
                + (f" (age {r.child_age})" if r.child else "")
                + "; no crime record refers to the incident",
                sources=list(rule.sources),
                spans=narrative_spans(
                    inc.incident_id, r.offence_spans + r.child_age_evidence + r.penetration
                ),
                records=[rid for rid, _ in inc.roles],
                officer_id=inc.officer_id,
                event_at=inc.reported_at,
                incident_id=inc.incident_id,
                extra={"offence": r.offence, "child_age": r.child_age, "ages": r.age_conflict},
            )
        )
    return out


# --- invalid_cancellation ---------------------------------------------------------

INVALID_REASON = re.compile(
    r"consen\w*|concen\w*|relationship|boy\s?friend|partner|lifestyle|life\s+style|choice\w*|"
    r"withdr\w*|retract\w*|won'?t|will\s+not|would\s+not|does\s+not\s+wish|doesn'?t\s+want|"
    r"not\s+wish\w*|unwilling|declin\w*|refus\w*|not\s+support\w*|no\s+longer|engag\w*|"
    r"insufficient|lack\s+of\s+evidence|no\s+evidence|evidential|nfa|no\s+further\s+action|"
    r"not\s+credible|not\s+believed|unreliable|streetwise|prostitut\w*|cps|prosecut\w*|"
    r"no\s+complaint|not\s+in\s+public\s+interest|public\s+interest|victim\s+not|"
    r"uncooperative|non[\s-]?cooperative|not\s+co-?operat\w*|cannot\s+be\s+contacted|"
    r"no\s+contact|unable\s+to\s+contact",
    re.IGNORECASE,
)
AVI = re.compile(
    r"cctv|footage|verif\w*|confirm\w*|establish\w*|prove[dn]?|record(?:s|ed)\s+show\w*|"
    r"alibi|in\s+custody|at\s+school|in\s+hospital|abroad|located|was\s+found|"
    r"forensic\w*|medical\s+evidence|independent\s+witness\w*|admitted\s+(?:making|fabricat)|"
    r"fabricat\w*|false\s+(?:report|allegation)|malicious\s+report|"
    r"no\s+(?:crime|offence)\s+(?:occurred|took\s+place)|did\s+not\s+occur|"
    r"additional\s+verifiable\s+information|avi\b|bank\s+records|phone\s+records|"
    r"gps|telematics|timestamp\w*|receipt\w*|body[\s-]?worn|bwv|"
    r"found\s+(?:the\s+)?(?:property|item|items|phone|bike|purse|wallet|bag|keys|car|money)|"
    r"(?:property|item|items|phone|bike|purse|wallet)\s+(?:was\s+|were\s+)?(?:found|located|"
    r"recovered|returned)|seen\s+by\s+(?:the\s+)?(?:oic|officers?)|"
    r"no\s+\w+\s+(?:occurred|took\s+place|happened)|had\s+(?:lent|borrowed|given|sold)",
    re.IGNORECASE,
)
VALID_CLASSES = ("C1", "C2", "C3", "C4", "C5")


def crime_victim_age(c: Crime, ctx: Context) -> tuple[int | None, list[str], list[Indicator]]:
    """The victim's youngest credible age at the crime's event time, with its source."""
    f = ctx.facts
    ages = []
    recs = []
    for rid, role in c.roles:
        if role == "victim":
            a = f.youngest(rid, c.event_at)
            if a is not None:
                ages.append(a.age)
                recs.append(rid)
    if ages:
        return min(ages), recs, []
    reading = ctx.readings.get(c.incident_id or "")
    if reading is not None and reading.child:
        return (
            reading.child_age,
            [a.record_id for a in reading.child_records],
            (reading.child_age_evidence),
        )
    nar = narrative_child_age(c.indicators)  # an age in the cancellation reason
    if nar is not None:
        return int(nar.value), [], []
    return None, [], []


def invalid_cancellation(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    valid = tuple(rule.p["valid_classes"])
    for c in ctx.facts.crimes.values():
        if c.status != "cancelled":
            continue
        cls = (c.cancellation_class or "").strip().upper()
        reasons: list[str] = []
        spans: list[dict[str, Any]] = []
        reason = c.cancellation_reason or ""
        score = 0.5
        if not cls:
            reasons.append("no cancellation class")
        elif cls not in valid:
            reasons.append(f"class {c.cancellation_class!r} is not one of {', '.join(valid)}")
            spans += whole(ctx, "crimes", c.crime_id, "cancellation_class")
        elif cls == "C2":
            avi = [
                m
                for m in AVI.finditer(reason)
                if not _negated_before(reason, m.start()) and not _negated_after(reason, m.end())
            ]
            bad = list(INVALID_REASON.finditer(reason))
            if not avi:
                reasons.append(
                    "C2 without additional verifiable information"
                    + (f": {bad[0].group()!r}" if bad else "")
                )
                score += 0.15 if bad else 0.05
                spans += [_reason_span(c.crime_id, m) for m in bad]
        age, recs, age_spans = crime_victim_age(c, ctx)
        if age is not None and age < rule.p["under13_age"] and cls not in rule.p["under13_classes"]:
            reasons.append(f"victim aged {age} and class {cls or 'none'}")
            score += 0.15
        by = (c.cancelled_by_id or "").strip()
        if not by:
            reasons.append("no one recorded as cancelling")
        elif c.oic_id and by == c.oic_id.strip():
            reasons.append("cancelled by the investigating officer")
            spans += whole(ctx, "crimes", c.crime_id, "cancelled_by_id")
        if not reasons:
            continue
        if reason and not spans:
            spans.append(
                {"table": "crimes", "id": c.crime_id, "column": "cancellation_reason",
                 "start": 0, "end": len(reason), "text": reason}
            )  # fmt: skip
        spans += [span("incidents", c.incident_id or "", "narrative", f) for f in age_spans]
        if not spans:
            spans = whole(ctx, "crimes", c.crime_id, "status")
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="crime",
                subject_id=c.crime_id,
                force_id=c.force_id,
                score=clamp(min(0.74, score + 0.05 * (len(reasons) - 1))),
                rule_id=rule.id,
                summary="Cancellation invalid: " + "; ".join(reasons),
                sources=list(rule.sources),
                spans=spans,
                records=recs + [rid for rid, _ in c.roles],
                officer_id=c.cancelled_by_id or c.oic_id,
                event_at=c.event_at,
                incident_id=c.incident_id,
                extra={"reasons": reasons, "class": c.cancellation_class, "victim_age": age},
            )
        )
    return out


_NEG_BEFORE = re.compile(
    r"\b(?:no|not|without|nil|unable\s+to|could\s+not|nothing)\b[^.;,]*$", re.I
)


def _negated_before(text: str, at: int) -> bool:
    return bool(_NEG_BEFORE.search(text[max(0, at - 40) : at]))


# "CCTV not retained", "footage was not available", "CCTV wiped": no evidence, so no AVI
_NEG_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,2}?(?:not|n't|never|unavailable|wiped|overwritten|deleted|"
    r"no\s+longer|lost)\b",
    re.I,
)


def _negated_after(text: str, at: int) -> bool:
    return bool(_NEG_AFTER.search(text[at : at + 40]))


def _reason_span(crime_id: str, m: re.Match[str]) -> dict[str, Any]:
    return {
        "table": "crimes",
        "id": crime_id,
        "column": "cancellation_reason",
        "start": m.start(),
        "end": m.end(),
        "text": m.group(),
    }


# --- late_recording -------------------------------------------------------------


def elapsed_hours(start: datetime, end: datetime, tz: str) -> float:
    """Real elapsed hours between two local wall-clock times (clock changes counted)."""
    zone = ZoneInfo(tz)
    a = start.replace(tzinfo=zone).timestamp()
    b = end.replace(tzinfo=zone).timestamp()
    return (b - a) / 3600.0


def late_recording(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    limit = float(rule.p["hours"])
    for c in ctx.facts.crimes.values():
        inc = ctx.facts.incidents.get(c.incident_id or "")
        if inc is None or inc.reported_at is None or c.recorded_at is None:
            continue
        hours = elapsed_hours(inc.reported_at, c.recorded_at, rule.p["timezone"])
        if hours <= limit:
            continue
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="crime",
                subject_id=c.crime_id,
                force_id=c.force_id,
                score=clamp(0.3 + min(0.15, (hours - limit) / 24 / 60)),
                rule_id=rule.id,
                summary=f"Recorded {hours:.1f} h after the incident was reported (limit {limit:g} h)",
                sources=list(rule.sources),
                spans=whole(ctx, "crimes", c.crime_id, "recorded_at")
                + whole(ctx, "incidents", inc.incident_id, "reported_at"),
                records=[rid for rid, _ in c.roles],
                officer_id=c.oic_id,
                event_at=inc.reported_at,
                incident_id=inc.incident_id,
                extra={"elapsed_hours": round(hours, 2)},
            )
        )
    return out


# --- child_treated_as_consenting ----------------------------------------------------


def child_treated_as_consenting(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    limit = rule.p["age_under"]
    done_crimes: set[str] = set()
    for r in ctx.readings.values():
        inc = r.incident
        crimes = [ctx.facts.crimes[c] for c in inc.crimes]
        if any(c.status == "recorded" for c in crimes):
            continue
        spans = narrative_spans(inc.incident_id, r.consent_spans) if r.consent_spans else []
        cancelled = [c for c in crimes if c.status == "cancelled"]
        for c in cancelled:
            for m in CONSENTING.finditer(c.cancellation_reason or ""):
                spans.append(_reason_span(c.crime_id, m))
        age = r.child_age
        if cancelled:
            a, _recs, _ = crime_victim_age(cancelled[0], ctx)
            if a is not None and (age is None or a < age):
                age = a
        if not spans or age is None or age >= limit:
            continue
        subject = cancelled[0] if cancelled else None
        if subject is not None:
            done_crimes.add(subject.crime_id)
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="crime" if subject else "incident",
                subject_id=subject.crime_id if subject else inc.incident_id,
                force_id=subject.force_id if subject else inc.force_id,
                score=clamp(0.6 + (0.1 if age < 13 else 0.0) + (0.05 if r.adult_present else 0)),
                rule_id=rule.id,
                summary=f"Child aged {age} described as consenting or choosing: "
                + ", ".join(sorted({summary_text(s["text"], 30) for s in spans})[:3]),
                sources=list(rule.sources),
                spans=spans + narrative_spans(inc.incident_id, r.child_age_evidence),
                records=[rid for rid, _ in inc.roles],
                officer_id=(subject.cancelled_by_id or subject.oic_id)
                if subject
                else inc.officer_id,
                event_at=inc.reported_at,
                incident_id=inc.incident_id,
                extra={"child_age": age},
            )
        )
    # cancelled crimes with no incident: the cancellation reason alone
    for c in ctx.facts.crimes.values():
        if c.status != "cancelled" or c.crime_id in done_crimes or c.incident_id in ctx.readings:
            continue
        hits = list(CONSENTING.finditer(c.cancellation_reason or ""))
        age, recs, _ = crime_victim_age(c, ctx)
        if not hits or age is None or age >= limit:
            continue
        out.append(
            Finding(
                kind=rule.kind, subject_type="crime", subject_id=c.crime_id, force_id=c.force_id,
                score=clamp(0.6 + (0.1 if age < 13 else 0.0)), rule_id=rule.id,
                summary=f"Child aged {age}: cancellation reason treats the child as consenting",
                sources=list(rule.sources), spans=[_reason_span(c.crime_id, m) for m in hits],
                records=recs, officer_id=c.cancelled_by_id or c.oic_id, event_at=c.event_at,
                extra={"child_age": age},
            )
        )  # fmt: skip
    return out


# --- under_classified ---------------------------------------------------------------


MALE_CHILD = re.compile(r"\b(?:son|boy|nephew|grandson|schoolboy|lad)\b", re.I)
FEMALE_CHILD = re.compile(r"\b(?:daughter|girl|niece|granddaughter|schoolgirl)s?\b", re.I)
MALE_ADULT = re.compile(r"\b(?:males?|m[ae]n|guys?|lads?|blokes?|driver)\b", re.I)
PENETRATED_HIM = re.compile(r"\b(?:him|anal\w*|his\s+(?:anus|bottom|mouth))\b", re.I)


def _child_penetrated(r: Reading, pen: list[Indicator]) -> bool:
    """Whether the child can be the penetrated party (penetration-not-rape, R-U2).

    A boy with a woman ("his son aged 14 ... with a 20 year old female and they have
    had sex") is not the one penetrated, unless the narrative says so.
    """
    text = r.incident.narrative or ""
    if any(PENETRATED_HIM.search(f.text) for f in pen):
        return True
    male_child = bool(MALE_CHILD.search(text)) and not FEMALE_CHILD.search(text)
    female = any(f.indicator == "person" and f.value == "female" for f in r.incident.indicators)
    male_adult = any(MALE_ADULT.search(f.text) for f in r.adult_spans if f.indicator == "adult")
    return not (male_child and female and not male_adult)


def under_classified(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    for c in ctx.facts.crimes.values():
        if c.status not in ("recorded", "cancelled"):
            continue
        off = offence(c.offence_code)
        if off is None:
            continue
        age, recs, age_spans = crime_victim_age(c, ctx)
        if age is None:
            continue
        why = None
        lo = off.victim_age_min
        if lo is not None and age < lo and any(age < line <= lo for line in rule.p["age_lines"]):
            why = f"victim aged {age} recorded under {off.code} ({off.title})"
        reading = ctx.readings.get(c.incident_id or "")
        pen = reading.penetration if reading else []
        if pen and reading is not None and not _child_penetrated(reading, pen):
            pen = []
        if why is None and pen and age < rule.p["penetration_age_under"] and off.category != "rape":
            why = f"penetration of a child aged {age} recorded under {off.code}, not rape"
        if why is None:
            continue
        spans = narrative_spans(c.incident_id or "", pen + age_spans) if c.incident_id else []
        spans += whole(ctx, "crimes", c.crime_id, "offence_code")
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="crime",
                subject_id=c.crime_id,
                force_id=c.force_id,
                score=clamp(0.55 + (0.1 if age < 13 else 0) + (0.05 if pen else 0)),
                rule_id=rule.id,
                summary=why[0].upper() + why[1:],
                sources=list(rule.sources),
                spans=spans,
                records=recs,
                officer_id=c.oic_id,
                event_at=c.event_at,
                incident_id=c.incident_id,
                extra={"victim_age": age, "offence_code": off.code, "category": off.category},
            )
        )
    return out


# --- adult_not_dealt_with -----------------------------------------------------------


def _child_record(ctx: Context, rid: str, at: datetime | None) -> bool:
    """Whether a linked record is of a child at the event (so not one of the adults)."""
    youngest = ctx.facts.youngest(rid, at)
    return youngest is not None and youngest.age < 18


def adult_not_dealt_with(rule: Rule, ctx: Context) -> list[Finding]:
    out = []
    suspects = ctx.suspects
    for r in ctx.readings.values():
        inc = r.incident
        if not r.child:
            continue
        if not r.adult_present or not r.non_family_adult:
            continue
        # found by police with the adults (not merely said to know them) in a risk
        # setting; or arrested or removed when seen with them
        found_with = bool(r.found) and bool(r.risk_spans or r.risk_night)
        acted_on_child = bool(r.child_arrested or r.child_removed) and bool(r.found or r.seen)
        if not (found_with or acted_on_child):
            continue
        if any(
            role == "suspect" and not _child_record(ctx, rid, inc.reported_at)
            for rid, role in inc.roles
        ):
            continue  # an adult suspect (a child arrested as suspect is not the adults)
        if r.cawn or r.adult_arrested:
            continue
        if dealt_with_by_crime(r, ctx.facts, suspects, rule.p["days"]) is not None:
            continue
        details_not_taken = [
            f for f in inc.indicators
            if f.indicator == "adult_details" and f.value == "not_taken" and not f.negated
        ]  # fmt: skip
        score = 0.75 + (0.05 if r.child_age is not None and r.child_age < 16 else 0.0)
        score += 0.05 * bool(r.risk_spans) + 0.05 * bool(details_not_taken)
        score += 0.05 * bool(r.child_arrested)
        ev = r.found + r.seen + r.adult_spans + r.risk_spans + r.child_arrested + r.child_removed
        ev += details_not_taken + r.child_age_evidence
        spans = narrative_spans(inc.incident_id, ev) or whole(
            ctx, "incidents", inc.incident_id, "reported_at"
        )
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="incident",
                subject_id=inc.incident_id,
                force_id=inc.force_id,
                score=clamp(score),
                rule_id=rule.id,
                summary=f"Child aged {r.child_age} with adults"
                + (" in a risk setting" if found_with else "")
                + ("; child arrested" if r.child_arrested else "")
                + "; no adult dealt with (no suspect, crime or CAWN)",
                sources=list(rule.sources),
                spans=spans,
                records=[rid for rid, _ in inc.roles],
                officer_id=inc.officer_id,
                event_at=inc.reported_at,
                incident_id=inc.incident_id,
                extra={"child_age": r.child_age, "night": r.risk_night},
            )
        )
    return out


# --- missed_pattern ------------------------------------------------------------------

_TICK = timedelta(seconds=1)
T = TypeVar("T")


def _crime_free_window(
    seq: list[T],
    times: list[datetime],
    crimes: list[datetime],
    window: timedelta,
    need: int,
) -> list[T] | None:
    """The incidents of the first `window`-long period (closed) holding `need` of them
    and no recorded crime against the child; None if no such period exists.

    Any such period holds `need` consecutive incidents, so it is enough to try each run
    of `need` consecutive incidents [t0, t1] and ask whether a start s exists with
    t1 - window <= s <= t0 such that no crime falls in [s, s + window].
    """
    for i in range(len(times) - need + 1):
        t0, t1 = times[i], times[i + need - 1]
        if t1 - t0 > window or any(t0 <= ct <= t1 for ct in crimes):
            continue
        before = [ct for ct in crimes if ct < t0]
        after = [ct for ct in crimes if ct > t1]
        lo = max(t1 - window, before[-1] + _TICK) if before else t1 - window
        hi = min(t0, after[0] - window - _TICK) if after else t0
        if lo <= hi:
            return [r for r, t in zip(seq, times, strict=True) if lo <= t <= lo + window]
    return None


def missed_pattern(rule: Rule, ctx: Context) -> list[Finding]:
    """Note each child's incidents with exploitation indicators (found at :func:`missed_patterns`,
    once every partition has been read: a child's incidents span forces and years)."""
    f = ctx.facts
    if ctx.store is None:
        raise ValueError(
            "missed_pattern reads victims' crimes from the store: Context.store is unset"
        )
    episodes = ctx.state.get(rule.id)
    if episodes is None:
        episodes = ctx.state[rule.id] = Episodes(ctx.store)
    for r in ctx.readings.values():
        if not r.exploitation_spans or r.incident.reported_at is None:
            continue
        children: list[str] = []
        for rid, role in r.incident.roles:
            if role == "suspect":
                continue
            youngest = f.youngest(rid, r.incident.reported_at)
            if youngest is not None:
                is_child = youngest.age < 18
            else:
                is_child = role in ("victim", "subject") and r.child
            if is_child:
                children.append(f.person(rid))
        if children:
            inc = r.incident
            episodes.add(
                children,
                inc,
                [rid for rid, _ in inc.roles],
                r.exploitation_spans[:3],
            )
    return []


def missed_patterns(rule: Rule, ctx: Context) -> list[Finding]:
    """Children with ``min_incidents`` such incidents within a window free of recorded
    crimes against them."""
    window = timedelta(days=rule.p["window_days"])
    need = rule.p["min_incidents"]
    episodes: Episodes | None = ctx.state.get(rule.id)
    if episodes is None or ctx.store is None:
        return []
    out = []
    for person, seq, crimes in episodes.children(need, ctx.facts.people):
        times = [e.reported_at for e in seq]
        hit = _crime_free_window(seq, times, sorted(crimes), window, need)
        if hit is None:
            continue
        spans = [
            s
            for e in hit
            for s in narrative_spans(e.incident_id, [Indicator("", "", *x) for x in e.spans])
        ]
        last = hit[-1]
        out.append(
            Finding(
                kind=rule.kind,
                subject_type="person",
                subject_id=person,
                force_id=last.force_id,
                score=clamp(
                    0.5 + 0.02 * min(len(hit) - need, 5) + 0.05 * any(e.discloses for e in hit)
                ),
                rule_id=rule.id,
                summary=f"{len(hit)} incidents with exploitation indicators within "
                f"{rule.p['window_days']} days and no recorded crime with this child as victim",
                sources=list(rule.sources),
                spans=spans,
                records=sorted({rid for e in hit for rid in e.records}),
                officer_id=last.officer_id,
                event_at=hit[0].reported_at,
                incident_id=last.incident_id,
                extra={"incidents": [e.incident_id for e in hit]},
            )
        )
    return out


# --- the catalogue ---------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        "UC-1",
        "unrecorded_crime",
        "An incident whose narrative discloses a notifiable offence against an identifiable "
        "victim (for a child under 16 any sexual activity with them) has no crime record.",
        ("R-A1", "R-A2", "R-A5"),
        {"base_score": 0.8},
        unrecorded_crime,
    ),
    Rule(
        "IC-1",
        "invalid_cancellation",
        "A cancelled crime has no class, a class outside C1–C5, a C2 reason that is not "
        "additional verifiable information, a victim under 13 with a class other than C1/C3/C4, "
        "or was cancelled by nobody or by its own investigating officer.",
        ("R-B1", "R-B2", "R-B3", "R-A6", "R-C1"),
        {
            "valid_classes": list(VALID_CLASSES),
            "under13_age": 13,
            "under13_classes": ["C1", "C3", "C4"],
        },
        invalid_cancellation,
    ),
    Rule(
        "LR-1",
        "late_recording",
        "A crime was recorded more than 24 real elapsed hours after its incident was reported.",
        ("R-A3",),
        {"hours": 24, "timezone": "Europe/London"},
        late_recording,
    ),
    Rule(
        "CC-1",
        "child_treated_as_consenting",
        "A child under 16 is described as consenting, in a relationship with an adult or making "
        "choices, and no recorded crime covers the act.",
        ("R-C1", "R-C2", "R-D8"),
        {"age_under": 16},
        child_treated_as_consenting,
    ),
    Rule(
        "UCL-1",
        "under_classified",
        "A recorded or cancelled crime's victim is younger than its offence code's age band "
        "allows, or penetration of a child under 16 is recorded under a code that is not rape.",
        ("R-C1", "R-C2"),
        {"age_lines": [13, 16], "penetration_age_under": 16},
        under_classified,
    ),
    Rule(
        "AD-1",
        "adult_not_dealt_with",
        "A child found with a non-family adult in a risk setting, or arrested or removed while "
        "adults were present, and no adult was linked as suspect, named in a crime within 30 days "
        "or served a CAWN.",
        ("R-D1", "R-D4", "R-C5"),
        {"days": 30, "night_hours": [22, 4]},
        adult_not_dealt_with,
    ),
    Rule(
        "MP-1",
        "missed_pattern",
        "A child has at least 3 incidents with exploitation indicators within some 365-day "
        "period and is not the victim of any recorded crime whose event time falls in that period.",
        ("R-D3", "R-D5"),
        {"min_incidents": 3, "window_days": 365},
        missed_pattern,
        missed_patterns,
    ),
)


def catalogue_markdown() -> str:
    """The rules catalogue as Markdown (docs/rules.md is generated from this)."""
    lines = [
        "# Rules catalogue",
        "",
        "Generated from the code by `candour rules --markdown`; do not edit by hand.",
        "Sources are the rule ids of the domain brief (legal and regulatory basis).",
        "",
        "| rule | finding kind | statement | sources | parameters (defaults) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in RULES:
        params = ", ".join(f"`{k}`={v}" for k, v in r.parameters.items())
        lines.append(f"| {r.id} | `{r.kind}` | {r.statement} | {', '.join(r.sources)} | {params} |")
    return "\n".join(lines) + "\n"
