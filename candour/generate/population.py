"""Creating people and writing their records; a force's resident population.

`Registry` hands out person and record ids (global counters, so the bundle's
keys are unique) and writes each record with its truth/people.csv row the
moment it is made. `Residents` is one force's population of callers,
victims, suspects and children; some people come back again and again.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from candour.generate.people import Person, make_person, make_record, truth_age
from candour.generate.world import Force
from candour.generate.writer import Sink

_SOURCE_PREFIX = {"social_care": "SC", "health": "NHS", "education": "ED", "other": "OT"}


class Registry:
    def __init__(self, sink: Sink, start: date) -> None:
        self.sink = sink
        self.start = start
        self._people = 0
        self._records: dict[str, int] = {}

    def person(self, rng: random.Random, force: Force, dob: date, sex: str | None = None) -> Person:
        self._people += 1
        return make_person(
            rng, f"PER{self._people:08d}", force.number, force.towns, force.area, dob, sex
        )

    def _rid(self, source: str, force: Force | None) -> str:
        key = force.force_id if source == "police" and force else source
        n = self._records[key] = self._records.get(key, 0) + 1
        if source == "police" and force:
            return f"{force.force_id}-N{n:07d}"
        return f"{_SOURCE_PREFIX[source]}{n:08d}"

    def record(
        self,
        rng: random.Random,
        p: Person,
        source: str,
        force: Force | None,
        made: date,
        *,
        quality: float = 1.0,
        keep_dob: bool = False,
    ) -> str:
        rid = self._rid(source, force)
        row = make_record(
            rng,
            p,
            rid,
            source,
            force.force_id if force else "",
            made,
            quality=quality,
            keep_dob=keep_dob,
        )
        if source != "police" and force is not None and rng.random() < 0.3:
            row.force_id = ""
        self.sink.row("records", row.row())
        self.sink.row("truth/people", [rid, p.person_id])
        if source == "police" and force is not None:
            p.police.setdefault(force.number, []).append(rid)
        return rid

    def police_record(
        self, rng: random.Random, p: Person, force: Force, made: date, *, keep_dob: bool = False
    ) -> str:
        """One of the person's nominal records in this force (made if there is none)."""
        recs = p.police.get(force.number)
        if not recs:
            rid = self.record(rng, p, "police", force, made, keep_dob=keep_dob)
            if rng.random() < 0.08:  # a duplicate nominal, keyed in again later
                self.record(rng, p, "police", force, made, quality=0.6)
            return rid
        return recs[0] if len(recs) == 1 or rng.random() < 0.7 else rng.choice(recs)

    def other_records(
        self, rng: random.Random, p: Person, force: Force, made: date, child: bool
    ) -> None:
        """Partner-agency records: health, education (school age), social care."""
        if rng.random() < (0.55 if child else 0.25):
            self.record(rng, p, "health", force, made, quality=0.8)
        if child and rng.random() < 0.6:
            self.record(rng, p, "education", force, made, quality=0.8)
        if rng.random() < (0.12 if child else 0.03):
            self.record(rng, p, "social_care", force, made, quality=0.7)


class Residents:
    """A force's population met in background incidents (bounded: one force at a time)."""

    def __init__(self, registry: Registry, force: Force) -> None:
        self.registry = registry
        self.force = force
        self.adults: list[Person] = []
        self.children: list[Person] = []
        self.missing: list[Person] = []  # children who go missing again and again

    def _new(
        self, rng: random.Random, at: datetime, age_lo: int, age_hi: int, sex: str | None = None
    ) -> Person:
        age = rng.randint(age_lo, age_hi)
        dob = at.date() - timedelta(days=age * 365 + rng.randint(10, 350))
        p = self.registry.person(rng, self.force, dob, sex)
        made = at.date() - timedelta(days=rng.randint(0, 900))
        self.registry.police_record(rng, p, self.force, made, keep_dob=age < 18)
        self.registry.other_records(rng, p, self.force, made, age < 18)
        return p

    def adult(self, rng: random.Random, at: datetime, sex: str | None = None) -> tuple[Person, str]:
        if self.adults and rng.random() < 0.3:
            p = rng.choice(self.adults[-5000:]) if rng.random() < 0.7 else rng.choice(self.adults)
            a = truth_age(p, at.date())
            if a is not None and a >= 18 and (sex is None or p.sex == sex):
                return p, self.registry.police_record(rng, p, self.force, at.date())
        p = self._new(rng, at, 18, 85, sex)
        self.adults.append(p)
        return p, self.registry.police_record(rng, p, self.force, at.date())

    def child(
        self, rng: random.Random, at: datetime, lo: int, hi: int, *, missing: bool = False
    ) -> tuple[Person, str]:
        pool = self.missing if missing else self.children
        if pool and rng.random() < (0.45 if missing else 0.15):
            for _ in range(4):
                p = rng.choice(pool)
                a = truth_age(p, at.date())
                if a is not None and lo <= a <= hi:
                    return p, self.registry.police_record(rng, p, self.force, at.date())
        p = self._new(rng, at, lo, hi)
        (self.missing if missing else self.children).append(p)
        return p, self.registry.police_record(rng, p, self.force, at.date())
