"""Classes of phrasing missed on a hand-written bundle: co-presence, drivers, coercion, robbery.

Positive and negative cases written by hand (not the fixture's sentences).
"""

from __future__ import annotations

import pytest

from candour.screen import screen_text


def values(text: str, indicator: str) -> set[str]:
    return {f.value for f in screen_text(text) if f.indicator == indicator and not f.negated}


def ages(text: str) -> set[int]:
    return {int(f.value) for f in screen_text(text) if f.indicator == "age"}


@pytest.mark.parametrize(
    "text",
    [
        "three men sat in a silver astra with a 13 year old girl",
        "two males in the car park with young girl",
        "adults in flat 3 w/ juvenile",
        "older males outside the shop with girls from the school",
    ],
)
def test_adults_with_a_child_is_co_presence(text: str) -> None:
    assert "with" in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "nurse attended the clinic with the girl",
        "mother came to the front office with her daughter",
        "she walked home with a girl from school",
    ],
)
def test_with_a_child_needs_adults_before_it(text: str) -> None:
    assert "with" not in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    ["flat 2 attended, 3 adults present", "o/s at the garage", "house occupied by two men"],
)
def test_attendance_framings(text: str) -> None:
    assert "found" in values(text, "found"), text


def test_drivers_are_adults_but_not_the_drivers_seat() -> None:
    assert values("sat with 3 drivers in the office", "adult")
    assert not values("she was in the drivers seat", "adult")


@pytest.mark.parametrize(
    ("text", "age"),
    [("MUM REPORTS SON JAMIE 13 MISSING", 13), ("daughter Amy 12 not home", 12)],
)
def test_age_after_a_family_noun_and_name(text: str, age: int) -> None:
    assert age in ages(text)


@pytest.mark.parametrize(
    "text", ["the son has 12 previous convictions", "son Liam 14:30 left the house"]
)
def test_no_age_from_counts_or_times(text: str) -> None:
    assert not ages(text) & {12, 14}


@pytest.mark.parametrize(
    "text",
    [
        "she says she was made to do things for the men",
        "he made her do what they wanted",
        "girls were told to do favours for his friends",
        "they pass her round at the flat",
    ],
)
def test_coerced_unspecified_acts(text: str) -> None:
    assert "coerced" in values(text, "cse_term"), text


@pytest.mark.parametrize(
    "text", ["she was made to do her homework", "he did her a favour and gave a lift"]
)
def test_ordinary_chores_are_not_coercion(text: str) -> None:
    assert "coerced" not in values(text, "cse_term"), text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lads threatened her with a blade and took her gold necklace", "threats"),
        ("he took his new phone and ran", "theft"),
    ],
)
def test_robbery_by_threat_and_taking(text: str, kind: str) -> None:
    assert kind in values(text, "offence"), text


def test_threatened_without_a_weapon_is_not_a_weapon_threat() -> None:
    assert "threats" not in values("he threatened him with a complaint to the council", "offence")


def test_address_of_an_adult_is_a_private_address() -> None:
    assert "private_address" in values("believed to be at address of older male", "setting")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("male punched IP in the face causing a cut to her lip", "assault"),
        ("house burgled while occupants asleep, IP reports TV taken", "burglary"),
        ("Loser Mrs JONES states her purse was stolen from her handbag", "theft"),
    ],
)
def test_other_notifiable_offences_with_a_victim(text: str, kind: str) -> None:
    assert kind in values(text, "offence"), text
    assert values(text, "victim_ref"), text


@pytest.mark.parametrize(
    "text", ["IP reports loud music from next door", "loser of a bank card, no use made of it"]
)
def test_no_offence_without_an_offence_cue(text: str) -> None:
    assert not values(text, "offence"), text
