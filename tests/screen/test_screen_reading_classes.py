"""Phrasing classes a third hand-written bundle showed were missed (cases written here).

Vehicle stops, a child in a vehicle with its driver, property stolen or damaged,
threatening messages, a hand on the body, "Y/P". Positive and negative cases.
"""

from __future__ import annotations

import pytest

from candour.screen import screen_text


def values(text: str, indicator: str) -> set[str]:
    return {f.value for f in screen_text(text) if f.indicator == indicator and not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "vehicle stop on the ring road at 0130hrs",
        "Veh stopped on Mill Lane, 2 occupants",
        "traffic stop outside the garage",
        "officers pulled the car over on Bridge St",
        "pulled over a blue van near the rec",
        "MFH loc in a van on the industrial estate",
        "girl loc'd at the park",
    ],
)
def test_vehicle_stops_and_locating_are_finding_the_child(text: str) -> None:
    assert "found" in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "bus stop on the ring road",
        "vehicle parked up on the drive",
        "Loc: 4 High Street",
        "location of the vehicle unknown",
        "pulled her hair",
    ],
)
def test_not_a_vehicle_stop(text: str) -> None:
    assert "found" not in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "girl sat in the front passenger seat next to the driver",
        "15yo was the passenger of a white van with the owner",
        "the boy was in a car being driven by a man in his 40s",
        "YP in passenger seat w/ male driver",
        "the girl was in the front of his car",
        "13yo in the front seat, two men in the back",
    ],
)
def test_a_child_in_a_vehicle_with_its_driver(text: str) -> None:
    assert "with" in values(text, "found"), text


@pytest.mark.parametrize(
    "text",
    [
        "passenger seat was damaged",
        "passenger side window smashed",
        "the car was driven to the tip",
        "she was stood in front of the car",
        "in the front garden",
    ],
)
def test_a_vehicle_without_anyone_with_the_child(text: str) -> None:
    assert "with" not in values(text, "found"), text


@pytest.mark.parametrize(
    ("text", "offence"),
    [
        ("his bike was nicked from the shed", "theft"),
        ("someone nicked her purse at the bar", "theft"),
        ("two youths made off with her handbag", "theft"),
        ("tools stolen from van overnight", "theft"),
        ("neighbour kicked in the back door", "damage"),
        ("youths kicking her car on the drive", "damage"),
        ("a brick was thrown causing damage.", "damage"),
        ("the lad caused some damage.", "damage"),
        ("her car was vandalised overnight", "damage"),
        ("ongoing threatening texts from her ex", "threats"),
        ("threatening behaviour towards staff", "threats"),
        ("he kicked him in the face", "assault"),
    ],
)
def test_offences_against_property_and_person(text: str, offence: str) -> None:
    assert offence in values(text, "offence"), text


@pytest.mark.parametrize(
    ("text", "offence"),
    [
        ("he was nicked for drink driving", "theft"),
        ("kicking a football against the garages", "assault"),
        ("kicked the door shut behind her", "assault"),
        ("no damage to the car", "damage"),
        ("the wind caused no damage.", "damage"),
        ("the weather was threatening", "threats"),
    ],
)
def test_not_that_offence(text: str, offence: str) -> None:
    assert offence not in values(text, "offence"), text


@pytest.mark.parametrize(
    ("text", "sexual"),
    [
        ("a man grabbed her backside in the queue", True),
        ("male squeezing her breasts on the tram", True),
        ("he grabbed her arm to stop her falling", False),
    ],
)
def test_a_hand_on_the_body_is_sexual_contact(text: str, sexual: bool) -> None:
    assert ("contact" in values(text, "sexual")) is sexual, text


def test_y_slash_p_is_a_young_person() -> None:
    assert "child" in values("Y/P arrested for D&D", "child")
    assert "child" not in values("Y arrested", "child")
