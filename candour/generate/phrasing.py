"""Small phrase helpers shared by the narrative writers: ages, people, places."""

from __future__ import annotations

import random
from datetime import date

from candour.generate import names

_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()  # fmt: skip


def age_text(rng: random.Random, age: int, dob: date | None, sex: str) -> str:
    """An age as logs write it; ranges start at or below the true age."""
    g = "F" if sex == "F" else "M"
    noun = rng.choice(
        ("female", "girl", "YP", "juvenile") if sex == "F" else ("male", "boy", "YP", "juvenile")
    )
    forms = [
        f"{age}yo",
        f"{age} yrs",
        f"{age} years old",
        f"aged {_WORDS[age] if age < len(_WORDS) else age}",
        f"({age})",
        f"{age}y/o",
        f"{g}{age}",
        f"a {age} year old {noun}",
        f"approx {age - rng.choice((0, 1))}-{age + 1}",
        f"{age}yrs old",
        f"age {age}",
        f"{age} YOA",
        f"{age}YOA",
        f"{age} yrs of age",
    ]
    if dob is not None:
        forms += [
            f"DOB {dob.day:02d}/{dob.month:02d}/{dob.year}",
            f"dob {dob:%d.%m.%y}",
            f"(DOB {dob:%d/%m/%Y})",
            f"{dob:%d/%m/%Y} ({age})",
        ]
    return rng.choice(forms)


def adult_age_text(rng: random.Random, age: int) -> str:
    decade = age // 10 * 10
    return rng.choice(
        (
            f"{age}yrs",
            f"aged {age}",
            f"in his {decade}s",
            f"approx {decade}-{decade + 10}",
            f"{age}",
            f"late {decade}s" if age % 10 > 5 else f"early {decade}s",
        )
    )


def describe_adult(rng: random.Random, age: int, sex: str = "M", ic: bool | None = None) -> str:
    """An appearance description as officers write it. It is drawn the same way for
    every kind of incident and every outcome: it never tells whether anything went wrong."""
    who = "male" if sex == "M" else "female"
    head = (
        f"{rng.choice(names.IC_CODES)} {who}"
        if rng.random() < 0.55
        else rng.choice((who, f"adult {who}", who.upper()))
    )
    build = rng.choice(("slim build", "stocky", "heavy build", "medium build", "thin", "", ""))
    extra = rng.choice(
        (
            "short dark hair",
            "beard",
            "shaved head",
            "grey hoodie",
            "dark jacket",
            "glasses",
            "tracksuit",
            "",
            "",
        )
    )
    parts = [head, adult_age_text(rng, age), build, extra]
    return ", ".join(p for p in parts if p)


def describe_child(rng: random.Random, sex: str) -> str:
    who = "female" if sex == "F" else "male"
    head = f"{rng.choice(names.IC_CODES)} {who}" if rng.random() < 0.55 else who
    height = rng.choice(("5'0", "5'2", "5'4", "5'6", "approx 5ft", "small build", "tall for age"))
    hair = rng.choice(
        (
            "long dark hair",
            "blonde hair in a ponytail",
            "short brown hair",
            "dyed red hair",
            "dark curly hair",
        )
    )
    wearing = rng.choice(
        (
            "black puffer jacket",
            "grey hoodie and leggings",
            "school uniform",
            "pink jacket",
            "black tracksuit",
            "denim jacket and trainers",
        )
    )
    return rng.choice(
        (
            f"Desc: {head}, {height}, {hair}, wearing {wearing}.",
            f"Description - {head}, {hair}, last seen wearing {wearing}.",
            f"{head.upper()}, {height}, {hair}, {wearing}.",
        )
    )


def person_name(rng: random.Random, forenames: str, surname: str) -> str:
    r = rng.random()
    if r < 0.4:
        return f"{forenames} {surname.upper()}"
    if r < 0.7:
        return f"{forenames.upper()} {surname.upper()}"
    if r < 0.85:
        return f"{surname.upper()}, {forenames}"
    return f"{forenames} {surname}"


def vehicle(rng: random.Random, vrm: str) -> str:
    make, model = rng.choice(names.CAR_MAKES)
    colour = rng.choice(names.COLOURS)
    return rng.choice(
        (
            f"{colour} {make} {model} VRM {vrm}",
            f"{colour} {make} {vrm}",
            f"{make} {model} ({colour}) reg {vrm}",
            f"veh {vrm} {colour} {make}",
            f"{vrm} - {make} {model}",
        )
    )


def home_phrase(rng: random.Random, in_care: bool, home: str) -> str:
    if in_care:
        return rng.choice(
            (
                f"{home} childrens home",
                f"residential unit at {home}",
                f"foster placement in {home}",
                f"{home} care home",
                f"the {home} unit",
            )
        )
    return rng.choice(
        ("home address", "mums address", "her home", "the family home", f"home in {home}")
    )
