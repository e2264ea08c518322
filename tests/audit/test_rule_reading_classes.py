"""Reading classes a third hand-written bundle showed were missed (cases written here).

An adult's home, a vehicle stop, adults only said to have been seen with the child
before, the reporter's own property, a hand on an adult's body. Each class has
positive and negative cases through the real ingest, screen and audit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit_cases import crime, incident, record
from test_rules import kinds, run_case, victim

AD = ("adult_not_dealt_with", "I1")
UC = ("unrecorded_crime", "I1")


def _with_adult(
    tmp: Path, narrative: str, at: str = "2012-05-01T23:40", **extra: Any
) -> set[tuple[str, str]]:
    """A child of 14 (record R1) and an adult of 38 (record R2, linked as subject)."""
    tables: dict[str, list[dict[str, Any]]] = {
        "incidents": [incident("I1", narrative, reported_at=at)],
        "records": [record("R1", age="14"), record("R2", surname="Doyle", age="38")],
        "incident_records": [victim("I1", "R1", "subject"), victim("I1", "R2", "subject")],
    }
    for k, v in extra.items():
        tables[k] = tables.get(k, []) + v
    return kinds(run_case(tmp, tables))


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        # an adult's home, however the log says it
        ("Misper traced to DOYLE's flat on Kay St, returned to her carers. Doyle's details "
         "recorded", True),
        ("Girl found at the home address of Mr Doyle. Doyle spoken to and details taken", True),
        ("MFH located at the address of Kevin Doyle, taken back to placement", True),
        ("MFH located at the RO's house, Doyle is the RO. YP conveyed home", True),
        ("MFH located at a flat belonging to Doyle, taken back to placement", True),
        # family or friends, or the child's own home, are not an adult's home
        ("Misper traced to her nan's flat on Kay St, returned to her carers", False),
        ("MFH located at the home of a school friend, taken back to placement", False),
        ("MFH returned to the home address of her mother by officers", False),
        # a CAWN served on the adult deals with him
        ("Girl found at the home address of Mr Doyle. CAWN served on Doyle", False),
    ],
)  # fmt: skip
def test_at_an_adults_home(tmp_path: Path, narrative: str, expected: bool) -> None:
    assert (AD in _with_adult(tmp_path, narrative)) is expected, narrative


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        ("Vehicle stop Mill Lane. Driver Gary DOYLE, girl in the front seat. Doyle given "
         "advice and allowed to go", True),
        ("Officers pulled the car over on the bypass, driver Doyle and a 14yo girl inside. "
         "Advice given", True),
        # in the passenger seat with the driver, the child taken home (in daytime)
        ("YP in the passenger seat with the driver, a man in his 40s. YP taken home by "
         "officers", True),
        # the driver is her father
        ("Vehicle stop Mill Lane. Driver Gary DOYLE, girl in the front seat w/ her dad. "
         "Advice given", False),
        # a warning notice served on the driver
        ("Vehicle stop Mill Lane. Driver Gary DOYLE, girl in the front seat. CAWN served on "
         "the driver", False),
    ],
)  # fmt: skip
def test_a_child_in_a_stopped_vehicle(tmp_path: Path, narrative: str, expected: bool) -> None:
    at = "2012-05-01T15:00" if "daytime" in narrative or "passenger seat" in narrative else None
    found = _with_adult(tmp_path, narrative, **({"at": at} if at else {}))
    assert (AD in found) is expected, narrative


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        # adults only said (by a parent, friends) to have been with the child before
        ("MFH 14. Father says she has been seen getting into a car with older men near the "
         "park. Traced 0130hrs at the bus station and taken home", False),
        ("Friends state she regularly hangs around with men in their 30s. Located 2345hrs "
         "on the high street, returned home", False),
        ("It is suspected she has been staying with older men. Located 2345hrs on the high "
         "street, returned home", False),
        # ... but found with them now
        ("MFH 14. Located 0130hrs in a car with two older men near the park. Taken home", True),
        ("MFH 14. Father says she has been seen with older men. Located 0130hrs in a car "
         "with two men in their 30s. Taken home", True),
    ],
)  # fmt: skip
def test_reported_past_is_not_adults_present(
    tmp_path: Path, narrative: str, expected: bool
) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative, reported_at="2012-05-01T20:00")],
                "records": [record("R1", age="14")],
                "incident_records": [victim("I1", "R1", "subject")],
            },
        )
    )
    assert (AD in found) is expected, narrative


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        ("RP states his van was broken into overnight. NFA", True),
        ("Caller reports her handbag nicked from the pub. Advised", True),
        ("RP reports lads kicked in her garden gate last night. Words of advice", True),
        ("informant reports someone made off with his tools from the site. Advised", True),
        ("Bike owned by the RP stolen from the rack at the station", True),
        # no offence, or an offence with no owner named
        ("Caller reports youths kicking a football against the garages. Advised", False),
        ("RP reports finding a bike dumped in the hedge, not known if stolen", False),
        ("Caller reports a car being damaged in the street. Units busy", False),
        ("RP reports he lost his wallet in town. Advised", False),
    ],
)  # fmt: skip
def test_an_offence_against_the_reporter(tmp_path: Path, narrative: str, expected: bool) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative)],
                "records": [record("R1", age="45")],
                "incident_records": [victim("I1", "R1", "reporter")],
            },
        )
    )
    assert (UC in found) is expected, narrative


def test_an_offence_against_the_reporter_recorded_is_no_finding(tmp_path: Path) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", "RP states his van was broken into overnight")],
                "records": [record("R1", age="45")],
                "incident_records": [victim("I1", "R1", "reporter")],
                "crimes": [crime("C1", "I1", "28E")],
            },
        )
    )
    assert UC not in found


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        ("Woman aged 40 reports a man grabbed her backside in the queue", True),
        ("IP reports ongoing threatening messages from her ex-partner", True),
        ("Woman aged 40 reports a man grabbed her arm to stop her falling", False),
        ("Woman aged 40 reports a stranger put his hand inside her top on the train", True),
    ],
)
def test_offences_against_an_adult_victim(tmp_path: Path, narrative: str, expected: bool) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative)],
                "records": [record("R1", age="40")],
                "incident_records": [victim("I1", "R1")],
            },
        )
    )
    assert (UC in found) is expected, narrative


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        # "a 12 year old male" describes the child, not an adult with him
        ("Patrol found a 12 year old male in the shopping centre in school hours, "
         "returned to school", False),
        # "Y/P" arrested while the adult is let go
        ("Located 2330hrs in car with male in his 30s. Y/P arrested for D&D. Male allowed "
         "to leave", True),
    ],
)  # fmt: skip
def test_who_is_the_child(tmp_path: Path, narrative: str, expected: bool) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative, reported_at="2012-05-01T23:30")],
                "records": [record("R1", age="12")],
                "incident_records": [victim("I1", "R1", "subject")],
            },
        )
    )
    assert (AD in found) is expected, narrative


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        # a 16-year-old who rang it in is not the child found with the man
        (("reporter",), False),
        # ... but one who is also the one found is
        (("reporter", "subject"), True),
    ],
)
def test_the_caller_is_not_the_child_found(
    tmp_path: Path, roles: tuple[str, ...], expected: bool
) -> None:
    narrative = (
        "Caller concerned for a man asleep in a parked car at 0100hrs. Officers located male "
        "in the car, taken home to his wife. No concerns"
    )
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative, reported_at="2012-05-01T01:00")],
                "records": [record("R1", age="16"), record("R2", surname="Doyle", age="50")],
                "incident_records": [victim("I1", "R1", role) for role in roles]
                + [victim("I1", "R2", "subject")],
            },
        )
    )
    assert (AD in found) is expected, roles
