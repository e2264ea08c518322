"""Real people and the records different systems hold about them.

A `Person` is the truth: one human with a date of birth. Each source system
(a force's police system, social care, health, education) holds a `record`
of that person, written the way real systems write them: nicknames, typos,
day and month swapped, an age instead of a date of birth, an old surname or
postcode, fields missing. The truth-age of a person follows rules.md: the
lowest age that any of their records' dates of birth gives (or, with no date
of birth anywhere, the lowest stated age).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from candour.generate import names


@dataclass(slots=True)
class Person:
    person_id: str
    sex: str
    forename: str
    surname: str
    dob: date
    ethnicity: int  # index into the ethnicity banks (data quality only)
    address: str
    postcode: str
    phone: str
    home_force: int
    alt_surname: str | None = None
    alt_address: tuple[str, str] | None = None
    nickname: str | None = None
    dobs: list[date] = field(default_factory=list)  # every DOB written on a record
    ages: list[int] = field(default_factory=list)  # ages stated on DOB-less records
    police: dict[int, list[str]] = field(default_factory=dict)  # force number -> record ids


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def truth_age(p: Person, day: date) -> int | None:
    """rules.md: age from a date of birth on any record of the person (lowest if they
    conflict), else the lowest stated age."""
    if p.dobs:
        return min(age_on(d, day) for d in p.dobs)
    return min(p.ages) if p.ages else None


def typo(rng: random.Random, s: str) -> str:
    if len(s) < 4:
        return s
    i = rng.randint(1, len(s) - 2)
    k = rng.random()
    if k < 0.35:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if k < 0.6:
        return s[:i] + s[i + 1 :]
    if k < 0.8:
        return s[:i] + s[i] + s[i:]
    return s[:i] + rng.choice("aeiouyn") + s[i + 1 :]


def make_person(
    rng: random.Random,
    pid: str,
    force_number: int,
    towns: list[str],
    area: str,
    dob: date,
    sex: str | None = None,
) -> Person:
    sex = sex or ("F" if rng.random() < 0.5 else "M")
    bank = names.FEMALE if sex == "F" else names.MALE
    fn = rng.choice(list(bank))
    sn = rng.choice(names.SURNAMES)
    addr = f"{rng.randint(1, 180)} {names.street(rng)}, {rng.choice(towns)}"
    p = Person(
        pid,
        sex,
        fn,
        sn,
        dob,
        rng.randrange(len(names.ETHNICITY_LABEL)),
        addr,
        names.postcode(rng, area),
        names.phone(rng),
        force_number,
    )
    if rng.random() < 0.12:
        p.alt_surname = rng.choice(names.SURNAMES)
    if rng.random() < 0.25:
        p.alt_address = (
            f"{rng.randint(1, 180)} {names.street(rng)}, {rng.choice(towns)}",
            names.postcode(rng, area),
        )
    return p


def variant_forename(rng: random.Random, p: Person) -> str:
    bank = names.FEMALE if p.sex == "F" else names.MALE
    r = rng.random()
    if r < 0.68:
        return p.forename
    if r < 0.88:
        return rng.choice(bank.get(p.forename, (p.forename,)))
    if r < 0.93:
        return typo(rng, p.forename)
    if r < 0.96:
        return p.forename[0]
    return f"{p.forename} {rng.choice(list(bank))}"


def variant_dob(rng: random.Random, dob: date) -> date:
    r = rng.random()
    if r < 0.6 and dob.day <= 12 and dob.day != dob.month:
        return date(dob.year, dob.day, dob.month)
    if r < 0.8:
        try:
            return dob.replace(year=dob.year + rng.choice((-1, 1)))
        except ValueError:
            return dob
    try:
        return dob.replace(day=min(28, dob.day + rng.choice((-1, 1, 10))))
    except ValueError:
        return dob


@dataclass(slots=True)
class RecordRow:
    record_id: str
    source: str
    force_id: str
    surname: str
    forenames: str
    dob: str
    age: str
    sex: str
    ethnicity: str
    address: str
    postcode: str
    phone: str

    def row(self) -> list[str]:
        return [
            self.record_id,
            self.source,
            self.force_id,
            self.surname,
            self.forenames,
            self.dob,
            self.age,
            self.sex,
            self.ethnicity,
            self.address,
            self.postcode,
            self.phone,
        ]


def make_record(
    rng: random.Random,
    p: Person,
    rid: str,
    source: str,
    force_id: str,
    made: date,
    *,
    quality: float = 1.0,
    keep_dob: bool = False,
) -> RecordRow:
    """One record of `p` as a source system holds it; errors at realistic rates.

    `quality` < 1 makes errors more likely (partner-agency and duplicate records).
    `keep_dob` guarantees a date of birth (the main police nominal of a child).
    """
    err = 1.0 / max(quality, 0.2)
    fn = variant_forename(rng, p)
    sn = p.surname
    if p.alt_surname and rng.random() < 0.3 * err:
        sn = p.alt_surname  # a changed surname (marriage, a parent's new partner)
        if rng.random() < 0.15:
            sn = f"{p.surname}-{p.alt_surname}"
    if rng.random() < 0.05 * err:
        sn = typo(rng, sn)
    dob_s, age_s = p.dob.isoformat(), ""
    r = rng.random()
    if not keep_dob and r < 0.07 * err:
        dob_s = ""
        a = age_on(p.dob, made) - (1 if rng.random() < 0.15 else 0)
        age_s = str(max(a, 0))
        p.ages.append(int(age_s))
    elif not keep_dob and r < 0.1 * err:
        dob_s = ""
    elif r < 0.16 * err:
        d = variant_dob(rng, p.dob)
        dob_s = d.isoformat()
    if dob_s:
        d = date.fromisoformat(dob_s)
        if d not in p.dobs:
            p.dobs.append(d)
    if dob_s and rng.random() < 0.25:
        d = date.fromisoformat(dob_s)
        dob_s = f"{d.day:02d}/{d.month:02d}/{d.year}"
    sex = p.sex if rng.random() > 0.05 * err else rng.choice(("U", ""))
    eth = ""
    if rng.random() > 0.15 * err:
        eth = (
            names.ETHNICITY_POLICE[p.ethnicity % len(names.ETHNICITY_POLICE)]
            if source == "police"
            else names.ETHNICITY_LABEL[p.ethnicity]
        )
    addr, pc = p.address, p.postcode
    r = rng.random()
    if p.alt_address and r < 0.35:
        addr, pc = p.alt_address
    if rng.random() < 0.1 * err:
        addr = ""
    if pc and rng.random() < 0.15:
        pc = rng.choice((pc.replace(" ", ""), pc.lower(), pc))
    if rng.random() < 0.06 * err:
        pc = ""
    ph = p.phone if rng.random() < (0.45 if source != "education" else 0.1) else ""
    if ph and rng.random() < 0.3:
        ph = rng.choice((ph.replace(" ", ""), "+44" + ph[1:].replace(" ", ""), ph))
    if addr and rng.random() < 0.3:
        for long, short in names.STREET_ABBR.items():
            if f" {long}," in addr:
                addr = addr.replace(f" {long},", f" {short},")
                break
    if addr and rng.random() < 0.05:
        addr = addr.upper()
    if rng.random() < 0.04 * err:
        fn = fn.upper()
        sn = sn.upper()
    if rng.random() < 0.015 * err:  # keyed into the wrong boxes
        fn, sn = sn, fn
    return RecordRow(rid, source, force_id, sn, fn, dob_s, age_s, sex, eth, addr, pc, ph)
