"""Phrasings written by other hands: euphemism, image-based abuse, txt-speak, found framings.

Each class has positive and negative cases, written by hand (not from any bundle).
"""

from __future__ import annotations

import pytest

from candour.screen import disclosure, screen_text


def values(text: str, indicator: str) -> set[str]:
    return {f.value for f in screen_text(text) if f.indicator == indicator and not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "YP says they have been sleeping together at his flat",
        "she admits she slept with him twice",
        "14yo states she has been sleepin with the male",
        "stayed the night with an older man at a hotel",
        "spent the night with a 30 year old male",
        "school nurse: yr 8 pupil asked for the morning after pill",
        "attended the clinic requesting EC",
        "was given emergency contraception by pharmacist",
        "mum found a pregnancy test in her room",
        "booked an STI screen at the clinic",
        "YP admits sexting a man online",
        "he sent her indecent images",
        "found nudes on her phone",
        "he has been sending her sexual messages",
        "man keeps sending her dirty msgs",
        "yp sed she slept wiv him",
        "she has been intimate with the male",
        "she sent him photos of herself",
    ],
)
def test_sexual_activity_by_euphemism_or_implication(text: str) -> None:
    assert values(text, "sexual"), text


@pytest.mark.parametrize(
    "text",
    [
        "YP slept at her friend's house and returned home",
        "stayed the night with her nan",
        "stayed the night with a friend from school",
        "consent to search given, nothing found",
        "ECG normal at hospital",
        "EC3 postcode given",
        "she sent him a picture of her dog",
        "he took photos of the damage to the car",
        "said he will send the photos of the damage to his insurers",
        "she sent him photos of the car",
        "he is an intimate partner of the caller's sister",
    ],
)
def test_no_sexual_activity_without_a_sexual_sense(text: str) -> None:
    assert not values(text, "sexual"), text


@pytest.mark.parametrize(
    "text",
    [
        "sed shes bin gettin msgs, he is sayin he will share her pics w/ everyone",
        "male threatened to post her photos online unless she met him",
        "he said he would send the pictures of her to her school",
        "threatening to share her nudes",
        "older male asked her to send pictures",
        "he keeps asking her for pics",
        "man sent her pics of himself",
    ],
)
def test_image_based_abuse_and_sextortion(text: str) -> None:
    assert "images" in values(text, "sexual"), text


@pytest.mark.parametrize(
    ("text", "grooming"),
    [
        ("yr 9 girl gettin msgs off an older guy", True),
        ("she has been receiving messages from an adult male", True),
        ("older man has been messaging her on snapchat", True),
        ("she has been getting messages from her friends", False),
        ("getting msgs from her mum", False),
    ],
)
def test_grooming_by_message(text: str, grooming: bool) -> None:
    assert ("grooming" in values(text, "cse_term")) is grooming


def test_sextortion_of_a_child_discloses_exploitation() -> None:
    text = "Yr 9 girl sed older guy (20s) sayin he will share her pics w/ everyone if she dont"
    assert disclosure(screen_text(text))[0]


@pytest.mark.parametrize(
    "text",
    [
        "stop chk of vehicle, misper 14yo in rear, 2 males in front",
        "0200hrs: 14yo girl in the back of the car with two adult males",
        "attended: 13 y.o. in room with male 31yrs",
        "14yo located in company of two adults",
        "misper accompanied by a male aged 30",
        "YP was at the address of an adult male",
        "girl arrested, 2 other adult males present at the address",
        "on attendance YP with 3 males in the flat",
    ],
)
def test_police_saw_the_child_with_adults(text: str) -> None:
    assert values(text, "found") & {"found", "with"}, text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("stop chk of vehicle", "found"),
        ("attended: 13 y.o. girl", "found"),
        ("on attendance the girl was upstairs", "found"),
        ("girl in the rear of the vehicle", "with"),
        ("yp in company of older males", "with"),
    ],
)
def test_attendance_is_found_and_company_is_with(text: str, value: str) -> None:
    assert value in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "mum present throughout",
        "appropriate adult present for interview",
        "burglary at the rear of the house, entry via rear door",
        "caller states she is in the rear garden",
        "nurse attended the clinic with the girl",
    ],
)
def test_not_a_police_sighting(text: str) -> None:
    assert not values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "he bought her a new phone and trainers",
        "male has been buying her vodka",
        "given her cigarettes and phone credit",
        "supplied with alcohol by the males",
        "she has received gifts from an older man",
        "unexplained new clothes and jewellery",
        "he gave her money for the taxi",
    ],
)
def test_gifts_need_a_giver(text: str) -> None:
    assert "gifts" in values(text, "exchange"), text


@pytest.mark.parametrize(
    "text",
    [
        "burglary: jewellery and a laptop stolen from the bedroom",
        "mum present",
        "2 other adult males present at address",
        "all contents present and correct",
        "christmas presents stolen from under the tree",
        "perfume stolen from Boots",
        "present at the address when police arrived",
    ],
)
def test_no_gifts_without_a_giver(text: str) -> None:
    assert "gifts" not in values(text, "exchange"), text


def test_emergency_contraception_discloses_only_with_an_adult() -> None:
    alone = "13 y.o. female attended requesting EC. nurse has concerns"
    partner = "13 y.o. female attended requesting EC, states partner is 19"
    assert values(alone, "sexual") == {"implied"}
    assert not disclosure(screen_text(alone))[0]
    assert disclosure(screen_text(partner))[0]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("states partner is 19", 19),
        ("says he is 23 and works nights", 23),
        ("he is 25 minutes away", None),
        ("she was 14 days late", None),
    ],
)
def test_age_stated_of_a_partner(text: str, age: int | None) -> None:
    got = [int(f.value) for f in screen_text(text) if f.indicator == "age"]
    assert got == ([age] if age else [])


def test_phone_credit_is_not_swallowed_by_gifts() -> None:
    assert values("male bought her phone credit", "exchange") >= {"gifts", "phone_credit"}
