"""One force-year of incidents: background business and exploitation episodes,
their people, the crimes that followed (or did not), and their truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from candour.generate import crimes as cr
from candour.generate import names
from candour.generate import narrative_background as bgn
from candour.generate import narrative_exploitation as nx
from candour.generate.clock import clock_change_days, safe
from candour.generate.exploitation import Group, Planned
from candour.generate.people import Person, truth_age, variant_forename
from candour.generate.phrasing import (
    age_text,
    describe_adult,
    describe_child,
    home_phrase,
    person_name,
)
from candour.generate.population import Registry, Residents
from candour.generate.style import HouseStyle, render
from candour.generate.truth import CrimeFacts, IncidentFacts, Offence, Truth
from candour.generate.world import Force
from candour.generate.writer import Sink

HOURS = (3, 2, 2, 1, 1, 1, 2, 4, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 6, 6, 5, 5, 4)
_KIND_FNS = [k for k, _ in bgn.KINDS]
_KIND_W = [w for _, w in bgn.KINDS]
CHILD_AGES = {
    "child_lost": (4, 9), "child_truant": (11, 15), "child_mfh": (11, 17), "teen_couple": (17, 17),
    "relative_collects": (9, 15), "child_welfare": (4, 13), "school_fight": (11, 15),
    "online_worry": (12, 15), "contact_dispute": (3, 12),
}  # fmt: skip
TOKENS = ("caller", "victim", "suspect", "child", "relative", "peer")


@dataclass
class Context:
    """What every force-year shares."""

    sink: Sink
    registry: Registry
    truth: Truth
    offences: dict[str, Offence]
    forces: dict[int, Force]
    crime_counter: dict[str, int] = field(default_factory=dict)

    def crime_id(self, force: Force, at: datetime) -> str:
        n = self.crime_counter[force.force_id] = self.crime_counter.get(force.force_id, 0) + 1
        return f"{force.force_id}/{n:06d}/{at:%y}"


def _tok(name: str) -> str:
    return f"\x00{name}\x00"


def _name(rng: random.Random, p: Person) -> str:
    sn = p.alt_surname if p.alt_surname and rng.random() < 0.2 else p.surname
    return person_name(rng, variant_forename(rng, p), sn)


def _officers(force: Force, rng: random.Random, at: datetime, unit_kind: str) -> cr.Officers:
    posts = force.posts_of(unit_kind, "constable") or force.posts_of("response", "constable")
    post = rng.choice(posts)
    oic = force.holder(post, at.date())
    sup = force.supervisor(post, at.date()) or ""
    if rng.random() < 0.08:
        sup = ""
    registrars = force.posts_of("registrar", "staff")
    insp = force.posts_of(unit_kind, "inspector") or force.posts_of("response", "inspector")
    registrar = force.holder(rng.choice(registrars if rng.random() < 0.7 else insp), at.date())
    return cr.Officers(oic, sup, registrar)


class ForceYear:
    """Generates and writes one force-year."""

    def __init__(
        self,
        ctx: Context,
        force: Force,
        year: int,
        residents: Residents,
        style: HouseStyle,
        rng: random.Random,
    ) -> None:
        self.ctx = ctx
        self.force = force
        self.year = year
        self.residents = residents
        self.style = style
        self.rng = rng
        self.day_seq: dict[str, int] = {}
        self.counts = {"background": 0, "exploitation": 0}
        self.last_log: dict[str, str] = {}
        self.districts = max(1, len({k[1] for k in force.by_kind if k[0] == "response"}))

    # --- ids and officers ---------------------------------------------------------------
    def incident_id(self, at: datetime) -> str:
        key = f"{at:%Y%m%d}"
        n = self.day_seq[key] = self.day_seq.get(key, 0) + 1
        return f"{self.force.force_id}-{key}-{n:04d}"

    def attending(self, at: datetime, kind: str = "response") -> str:
        d = self.rng.randrange(self.districts)
        posts = self.force.posts_of(
            kind, "constable", d if kind in ("response", "neighbourhood", "cid") else 0
        )
        if not posts:
            posts = self.force.posts_of("response", "constable")
        return self.force.holder(self.rng.choice(posts), at.date())

    def closer(self, at: datetime) -> str:
        posts = self.force.posts_of("control", "staff") or self.force.posts_of(
            "response", "sergeant"
        )
        return self.force.holder(self.rng.choice(posts), at.date())

    # --- the year -----------------------------------------------------------------------
    def run(self, n_background: int, planned: list[Planned]) -> None:
        rng = self.rng
        start = datetime(self.year, 1, 1)
        days = (datetime(self.year + 1, 1, 1) - start).days
        items: list[tuple[datetime, int, Planned | str | None]] = []
        for i in range(n_background):
            hour = rng.choices(range(24), HOURS)[0]
            t = safe(
                start + timedelta(days=rng.randrange(days), hours=hour, minutes=rng.randrange(60))
            )
            items.append((t, i, None))
        # incidents on the eve of the clock changes, recorded about 24 wall-clock hours later
        spring, autumn = clock_change_days(self.year)
        for j, day in enumerate((spring, autumn)):
            t = datetime(day.year, day.month, day.day, 22, rng.randrange(50)) - timedelta(days=1)
            items.append((t, n_background + j, "dst"))
        for j, p in enumerate(planned):
            items.append((p.at, n_background + 2 + j, p))
        items.sort(key=lambda x: (x[0], x[1]))
        for t, _, what in items:
            if isinstance(what, Planned):
                self.exploitation(t, what)
                self.counts["exploitation"] += 1
            else:
                self.background(t, dst=what == "dst")
                self.counts["background"] += 1

    # --- background ---------------------------------------------------------------------
    def background(self, at: datetime, dst: bool = False) -> None:
        rng = self.rng
        force = self.force
        fn = bgn.theft_cycle if dst else rng.choices(_KIND_FNS, _KIND_W)[0]
        lo, hi = CHILD_AGES.get(fn.__name__, (10, 15))  # type: ignore[attr-defined]
        child_age = rng.randint(lo, hi)
        town = rng.choice(force.towns)
        people: dict[str, tuple[Person, str]] = {}
        name = fn.__name__  # type: ignore[attr-defined]
        child_dob = None
        if name in CHILD_AGES:
            lo, hi = CHILD_AGES[name]
            people["child"] = self.residents.child(rng, at, lo, hi, missing=name == "child_mfh")
            cp = people["child"][0]
            child_age = at.year - cp.dob.year - ((at.month, at.day) < (cp.dob.month, cp.dob.day))
            child_dob = cp.dob
        cast = bgn.Cast(
            caller=_tok("caller"),
            victim=_tok("victim"),
            suspect=_tok("suspect"),
            child=_tok("child"),
            child_age=child_age,
            child_sex=people["child"][0].sex if "child" in people else "F",
            child_dob=child_dob,
            relative=_tok("relative"),
            place=f"{names.street(rng)} {rng.choice(('park', 'rec', 'shops', 'car park', 'playing fields'))}",
            street=f"{names.street(rng)}, {town}",
            town=town,
            shop=rng.choice(bgn.SHOPS),
            hotel=f"{rng.choice(names.HOTELS)} {town}",
            vrm=names.vrm(rng),
            vrm2=names.vrm(rng),
        )
        bg: bgn.Background = fn(rng, cast)  # type: ignore[operator]
        used = [w for _, w in bg.roles]
        text_all = "\n".join(t for _, t in bg.entries)
        for w in TOKENS:
            if _tok(w) in text_all and w not in used:
                used.append(w)
        for w in used:
            if w in people:
                continue
            if w == "child":
                people[w] = self.residents.child(
                    rng, at, bg.child_min, bg.child_max, missing=bg.kind == "mfh"
                )
            elif w == "peer":
                people[w] = self.residents.child(rng, at, 17, 17)
            else:
                people[w] = self.residents.adult(rng, at, bg.sexes.get(w))
        entries = []
        for m, text in bg.entries:
            for w, (p, _) in people.items():
                if _tok(w) in text:
                    text = text.replace(_tok(w), _name(rng, p))
            entries.append((m, text))
        if "caller" in people and rng.random() < 0.15:
            caller = people["caller"][0]
            entries.insert(
                1,
                (
                    entries[0][0],
                    rng.choice(
                        (
                            f"RP tel {caller.phone}",
                            f"Contact no. {caller.phone}",
                            f"RP mobile {caller.phone.replace(' ', '')}",
                        )
                    ),
                ),
            )
        narrative = render(rng, self.style, at, entries)
        if bg.kind in ("alarm", "highway") and rng.random() < 0.1:
            narrative = ""  # some logs carry no remarks at all
        incident_id = self.incident_id(at)
        attending = self.attending(at) if bg.channel != "online" or rng.random() < 0.2 else ""
        closed_at = safe(at + timedelta(minutes=entries[-1][0] + rng.randint(5, 240)))
        closing = rng.choice(
            ("RESOLVED", "ADVICE GIVEN", "NFA", "NO POLICE ACTION", "FILED", "REFERRED")
        )
        crimes: list[cr.Written] = []
        if bg.offence:
            victims = [people[w][0] for r, w in bg.roles if r == "victim"]
            vrecs = [people[w][1] for r, w in bg.roles if r == "victim"]
            suspects = [people[w][0] for r, w in bg.roles if r == "suspect"]
            srecs = [people[w][1] for r, w in bg.roles if r == "suspect"]
            handling = "dst" if dst else self._bg_handling(bg.offence)
            crimes = self._crimes(
                incident_id,
                at,
                bg.offence,
                handling,
                victims,
                vrecs,
                suspects,
                srecs,
                "cid" if bg.offence in ("BUR", "VAP") and rng.random() < 0.4 else "response",
                cse=False,
            )
            if crimes:
                closing = rng.choice(("CRIME RECORDED", "CRIME", "CRIME REPORT"))
        self.ctx.sink.row(
            "incidents",
            [
                incident_id,
                force.force_id,
                at,
                bg.channel,
                self.style.code(bg.opening_code),
                self.style.code(closing),
                cast.street,
                narrative,
                attending,
                self.closer(at),
                closed_at,
            ],
        )
        seen: set[tuple[str, str]] = set()
        for role, w in bg.roles:
            rid = people[w][1]
            if (rid, role) not in seen:
                seen.add((rid, role))
                self.ctx.sink.row("incident_records", [incident_id, rid, role])
        child = people["child"][0] if "child" in people else None
        facts = IncidentFacts(
            incident_id, at, discloses=bg.offence is not None, indicator=bg.indicator, child=child
        )
        self._write_crimes(crimes)
        self.ctx.truth.incident(facts, [c.facts for c in crimes])

    def _bg_handling(self, code: str) -> str:
        r = self.rng.random()
        if code in ("DRG", "PUB"):
            return "ok" if r < 0.95 else "late"
        if r < 0.045:
            return "unrecorded"
        if r < 0.09:
            return "late"
        if r < 0.115:
            return "valid_cancel"
        if r < 0.135:
            return "invalid_cancel"
        if r < 0.14:
            return "transferred"
        return "ok"

    # --- crimes -------------------------------------------------------------------------
    def _crimes(
        self,
        incident_id: str,
        at: datetime,
        code: str,
        handling: str,
        victims: list[Person],
        vrecs: list[str],
        suspects: list[Person],
        srecs: list[str],
        unit: str,
        *,
        cse: bool,
        consent: bool = False,
        other_force: Force | None = None,
    ) -> list[cr.Written]:
        rng = self.rng
        ctx = self.ctx
        force = self.force
        if handling in ("unrecorded", "none"):
            return []
        late = handling == "late"
        if handling == "dst":
            # the wall clock says about 24 hours; the real elapsed time decides
            recorded = at + timedelta(hours=24, minutes=rng.choice((20, 30, 40)))
            if at.month == 10:
                recorded = at + timedelta(hours=23, minutes=rng.choice((20, 30, 40)))
        else:
            recorded = cr.delay(rng, at, late)
        off = ctx.offences[code]
        officers = _officers(force, rng, recorded, unit)
        cid = ctx.crime_id(force, recorded)
        people = [(r, "victim") for r in vrecs] + [(r, "suspect") for r in srecs]
        facts = CrimeFacts(
            cid,
            at,
            recorded,
            "recorded",
            code,
            oic=officers.oic,
            victims=victims,
            suspects=suspects,
        )
        out: list[cr.Written] = []
        if handling in ("ok", "late", "dst", "under_class"):
            outcome, outcome_at = cr.outcome_for(rng, recorded)
            row = cr.crime_row(
                cid,
                force.force_id,
                incident_id,
                recorded,
                off,
                "recorded",
                outcome=outcome,
                outcome_at=outcome_at,
                oic=officers.oic,
                supervisor=officers.supervisor,
            )
            return [cr.Written(row, people, facts)]
        if handling == "transferred":
            facts.status = "transferred"
            row = cr.crime_row(
                cid,
                force.force_id,
                incident_id,
                recorded,
                off,
                "transferred",
                oic=officers.oic,
                supervisor=officers.supervisor,
            )
            return [cr.Written(row, people, facts)]
        cancelled_at = safe(recorded + timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 9)))
        facts.status = "cancelled"
        if handling == "valid_cancel":
            kind = rng.random()
            if other_force is not None or (not cse and kind < 0.1):
                dest = (
                    other_force
                    or self.ctx.forces[(force.number + 1) % max(1, len(self.ctx.forces))]
                )
                cls, reason = "C1", cr.transfer_reason(dest.name)
            elif cse or kind < 0.45:
                # a duplicate: the original stays recorded
                orig_id = ctx.crime_id(force, recorded)
                orig_facts = CrimeFacts(
                    orig_id,
                    at,
                    recorded,
                    "recorded",
                    code,
                    oic=officers.oic,
                    victims=victims,
                    suspects=suspects,
                )
                outcome, outcome_at = cr.outcome_for(rng, recorded)
                out.append(
                    cr.Written(
                        cr.crime_row(
                            orig_id,
                            force.force_id,
                            incident_id,
                            recorded,
                            off,
                            "recorded",
                            outcome=outcome,
                            outcome_at=outcome_at,
                            oic=officers.oic,
                            supervisor=officers.supervisor,
                        ),
                        people,
                        orig_facts,
                    )
                )
                cls, reason = "C3", cr.duplicate_reason(orig_id)
            elif kind < 0.6:
                cls, reason = "C4", cr.error_reason(rng)
            else:
                cls, reason, by, avi, _c = cr.cancel(rng, "avi", officers, recorded, cse=False)
                facts.reason_is_avi = avi
            facts.cancellation_class = cls
            facts.cancelled_by = officers.registrar
            row = cr.crime_row(
                cid,
                force.force_id,
                incident_id,
                recorded,
                off,
                "cancelled",
                cls,
                reason,
                cancelled_at,
                officers.registrar,
                oic=officers.oic,
                supervisor=officers.supervisor,
            )
            out.append(cr.Written(row, people, facts))
            return out
        cls, reason, by, avi, cons = cr.cancel(
            rng, "invalid", officers, recorded, cse=cse, consent=handling == "ctac_cancel"
        )
        facts.cancellation_class, facts.reason_is_avi, facts.reason_consent, facts.cancelled_by = (
            cls,
            avi,
            cons,
            by,
        )
        row = cr.crime_row(
            cid,
            force.force_id,
            incident_id,
            recorded,
            off,
            "cancelled",
            cls,
            reason,
            cancelled_at,
            by,
            oic=officers.oic,
            supervisor=officers.supervisor,
        )
        return [cr.Written(row, people, facts)]

    def _write_crimes(self, crimes: list[cr.Written]) -> None:
        for c in crimes:
            self.ctx.sink.row("crimes", c.row)
            seen: set[tuple[str, str]] = set()
            for rid, role in c.people:
                if (rid, role) not in seen:
                    seen.add((rid, role))
                    self.ctx.sink.row("crime_records", [c.facts.crime_id, rid, role])

    # --- exploitation -------------------------------------------------------------------
    def exploitation(self, at: datetime, p: Planned) -> None:
        rng = self.rng
        force = self.force
        reg = self.ctx.registry
        v = p.victim
        age = truth_age(v, at.date())
        assert age is not None
        true_age = at.year - v.dob.year - ((at.month, at.day) < (v.dob.month, v.dob.day))
        child_rec = reg.police_record(rng, v, force, at.date(), keep_dob=True)
        g: Group = p.group
        in_care = v.person_id in g.in_care
        home = home_phrase(rng, in_care, g.in_care.get(v.person_id, rng.choice(force.towns)))
        linked: list[tuple[Person, str, str]] = []  # adult, record, role
        identified = p.adult_handling in ("arrested", "cawn", "later_crime", "not_dealt_linked")
        for a in p.adults:
            rec = reg.police_record(rng, a, force, at.date(), keep_dob=True)
            if p.adult_handling == "arrested":
                linked.append((a, rec, "suspect"))
            elif identified:
                linked.append((a, rec, rng.choice(("subject", "other", "subject"))))
            elif (
                not p.with_adults
                and p.crime
                in ("ok", "late", "under_class", "invalid_cancel", "ctac_cancel", "valid_cancel")
                and rng.random() < 0.6
            ):
                linked.append((a, rec, "suspect"))
        adults_written = [
            nx.Adult(
                _name(rng, a) if any(a is x for x, _, _ in linked) or rng.random() < 0.2 else "",
                a.nickname,
                truth_age(a, at.date()) or 30,
                a.sex,
            )
            for a in p.adults
        ]
        reporter_txt = ""
        if p.reporter is not None:
            reporter_txt = (
                rng.choice(("Mother", "Mum", "Mother of the child", "Parent"))
                + " "
                + _name(rng, p.reporter)
            )
        elif p.kind == "mfh":
            reporter_txt = rng.choice(
                ("Care staff", "Residential worker", "Night staff", "Unit manager")
            )
        elif p.kind == "third_party":
            reporter_txt = rng.choice(
                {
                    "car": (
                        "Taxi driver",
                        "Member of public",
                        "Security guard",
                        "Car park attendant",
                    ),
                    "hotel": ("Night manager", "Hotel receptionist", "Cleaner at the hotel"),
                    "takeaway": ("Delivery driver", "Member of public", "Takeaway customer"),
                    "flat": ("Neighbour", "Member of public", "Housing officer"),
                }.get(p.setting, ("Member of public",))
            )
        elif p.kind == "disclosure":
            reporter_txt = rng.choice(
                (
                    "her teacher",
                    "the school safeguarding lead",
                    "her social worker",
                    "a youth worker",
                    "her aunt",
                )
            )
        # which crime handling applies
        handling = p.crime
        code: str | None = None
        if p.disclosure:
            code = cr.victim_code(self.ctx.offences, age, v.sex, p.disclosure, rng)
            if handling == "under_class":
                code = cr.under_code(self.ctx.offences, age, v.sex, p.disclosure) or code
        elif p.adult_handling == "arrested":
            handling, code = "ok", cr.victim_code(self.ctx.offences, age, v.sex, None, rng)
        # a valid cancellation of an incident in the neighbouring force: transferred (C1)
        # to the group's home force, where the abuse took place
        other = None
        if handling == "valid_cancel" and force.number != g.force:
            other = self.ctx.forces.get(g.force)
        incident_id = self.incident_id(at)
        suspects = [a for a, _, r in linked if r == "suspect"] or (
            p.adults[:1] if p.disclosure else []
        )
        srecs = [reg.police_record(rng, a, force, at.date(), keep_dob=True) for a in suspects]
        crimes = (
            self._crimes(
                incident_id,
                at,
                code or "71",
                handling,
                [v],
                [child_rec],
                suspects,
                srecs,
                "ppu",
                cse=True,
                other_force=other,
            )
            if code
            else []
        )
        recorded_now = [
            c
            for c in crimes
            if c.facts.status == "recorded" and (c.facts.recorded_at - at) < timedelta(hours=12)
        ]
        # one appearance line at the same rate for every exploitation incident, whatever happened
        description = ""
        if rng.random() < 0.3:
            if p.adults and rng.random() < 0.5:
                ic = rng.random() < 0.55
                head = rng.choice(("Males described as: ", "Desc of males: ", "Adults: "))
                description = head + "; ".join(
                    describe_adult(rng, truth_age(a, at.date()) or 30, a.sex, ic) for a in p.adults
                )
            else:
                description = describe_child(rng, v.sex)
        scene = nx.Scene(
            kind=p.kind,
            child=_name(rng, v),
            age=age_text(rng, true_age, v.dob if rng.random() < 0.3 else None, v.sex),
            sex=v.sex,
            home=home,
            setting=p.setting,
            place=p.place,
            vrm=p.vrm,
            adults=adults_written,
            disclosure=p.disclosure,
            consent=p.consent,
            intoxicated=p.intox,
            with_adults=p.with_adults,
            arrested=p.adult_handling == "arrested",
            cawn="served"
            if p.adult_handling == "cawn"
            else "considered"
            if p.cawn_considered
            else None,
            child_arrested=p.child_arrested,
            removed=p.removed,
            crime_ref=recorded_now[0].facts.crime_id
            if recorded_now and rng.random() < 0.5
            else None,
            promise_crime=handling in ("unrecorded", "late") and rng.random() < 0.35,
            reporter=reporter_txt,
            agency=p.agency,
            prior_missing=p.prior_missing,
            age_n=true_age,
            description=description,
            keeper=(_name(rng, p.adults[0]) + ", " + p.adults[0].address)
            if p.adults and p.with_adults and rng.random() < 0.35
            else "",
            previous=self.last_log.get(v.person_id, "") if rng.random() < 0.2 else "",
            at=at,
            others=[
                f"{_name(rng, o)} {age_text(rng, truth_age(o, at.date()) or 15, None, o.sex)}"
                for o in p.others
            ],
        )
        self.last_log[v.person_id] = incident_id
        entries = nx.write(rng, scene)
        narrative = render(rng, self.style, at, entries)
        channel = {"partner": "partner_agency", "found": "officer_generated"}.get(
            p.kind, rng.choice(("999", "101"))
        )
        opening = {
            "mfh": ("MFH", "MISSING PERSON", "MISPER", "MISSING FROM CARE" if in_care else "MFH"),
            "found": ("SUSPICIOUS CIRCS", "CONCERN FOR CHILD", "STOP CHECK", "CSE"),
            "third_party": ("CONCERN FOR CHILD", "SUSPICIOUS CIRCS", "CONCERN FOR SAFETY"),
            "intox": ("CONCERN FOR SAFETY", "DRUNK", "CONCERN FOR CHILD"),
            "disclosure": ("SEXUAL OFFENCE", "CHILD PROTECTION", "CONCERN FOR CHILD", "INFO"),
            "partner": ("CHILD PROTECTION", "INFO ONLY", "PARTNER REFERRAL", "CSE"),
        }[p.kind]
        closing = (
            "CRIME RECORDED"
            if crimes
            else rng.choice(
                (
                    "MFH LOCATED",
                    "RESOLVED",
                    "NFA",
                    "REFERRED TO PARTNER AGENCY",
                    "ADVICE GIVEN",
                    "INFO ONLY",
                    "SAFEGUARDING",
                )
            )
        )
        attending = self.attending(
            at, "ppu" if p.kind in ("partner", "disclosure") and rng.random() < 0.5 else "response"
        )
        closed_at = safe(at + timedelta(minutes=entries[-1][0] + rng.randint(5, 300)))
        self.ctx.sink.row(
            "incidents",
            [
                incident_id,
                force.force_id,
                at,
                channel,
                self.style.code(rng.choice(opening)),
                self.style.code(closing),
                p.place if p.with_adults else f"{names.street(rng)}, {rng.choice(force.towns)}",
                narrative,
                attending,
                self.closer(at),
                closed_at,
            ],
        )
        rows = [(child_rec, "victim" if p.disclosure else "subject")]
        if p.reporter is not None:
            rows.append((reg.police_record(rng, p.reporter, force, at.date()), "reporter"))
        rows += [(rec, role) for _, rec, role in linked]
        rows += [
            (reg.police_record(rng, o, force, at.date(), keep_dob=True), "subject")
            for o in p.others
        ]
        seen: set[tuple[str, str]] = set()
        for rid, role in rows:
            if (rid, role) not in seen:
                seen.add((rid, role))
                self.ctx.sink.row("incident_records", [incident_id, rid, role])
        self._write_crimes(crimes)
        # an adult dealt with later: a crime recorded within days, not tied to this incident
        if p.adult_handling == "later_crime" and linked:
            a, arec, _ = linked[0]
            later = safe(at + timedelta(days=rng.randint(2, 25), hours=rng.randint(0, 8)))
            ccode = cr.victim_code(
                self.ctx.offences, truth_age(v, later.date()) or age, v.sex, None, rng
            )
            officers = _officers(force, rng, later, "ppu")
            cid = self.ctx.crime_id(force, later)
            row = cr.crime_row(
                cid,
                force.force_id,
                "",
                later,
                self.ctx.offences[ccode],
                "recorded",
                oic=officers.oic,
                supervisor=officers.supervisor,
            )
            w = cr.Written(
                row,
                [(child_rec, "victim"), (arec, "suspect")],
                CrimeFacts(
                    cid, None, later, "recorded", ccode, oic=officers.oic, victims=[v], suspects=[a]
                ),
            )
            self._write_crimes([w])
            self.ctx.truth.crime_alone(w.facts)
        facts = IncidentFacts(
            incident_id,
            at,
            discloses=p.disclosure is not None,
            penetration=p.penetration,
            consent=p.consent,
            risk=p.with_adults,
            cawn_served=p.adult_handling == "cawn",
            indicator=True,
            child=v,
            linked_adults=[a for a, _, _ in linked],
            others=list(p.others),
            adult_suspect_linked=any(r == "suspect" for _, _, r in linked),
        )
        self.ctx.truth.incident(facts, [c.facts for c in crimes])
