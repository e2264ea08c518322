"""Rule cases for phrasing classes a hand-written bundle showed were missed (hand-written here).

Each class has a positive and a negative case through the real ingest, screen and audit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit_cases import crime, incident, record
from test_rules import kinds, run_case, victim


def _child_case(
    tmp: Path, narrative: str, at: str = "2012-05-01T01:30", age: str = "14", **extra: Any
) -> set[tuple[str, str]]:
    tables: dict[str, list[dict[str, Any]]] = {
        "incidents": [incident("I1", narrative, reported_at=at)],
        "records": [record("R1", age=age)],
        "incident_records": [victim("I1", "R1", "subject")],
    }
    for k, v in extra.items():
        tables[k] = tables.get(k, []) + v
    return kinds(run_case(tmp, tables))


AD = ("adult_not_dealt_with", "I1")
UC = ("unrecorded_crime", "I1")


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        # co-presence without "found": adults in a car with a child, child taken home
        ("two males aged about 30 in parked car with 13 yr old girl. girl taken home. "
         "males not spoken to", True),
        ("girl 13 in parked car with her uncle. girl taken home", False),
        # a claimed tie to a relative is not family; the relative himself is
        ("2 males in their 20s in car with girl. males say they are mates of her cousin. "
         "girl taken home, no details taken", True),
        ("girl in car with her cousin and 2 males in their 20s. girl taken home", False),
        # outdoors at night with alcohol
        ("4 men in their 30s with girl on the rec, bottles of vodka. girl conveyed home. "
         "men dispersed", True),
        # the child arrested at an adults' address; the adults not spoken to
        ("o/s. house occupied by several adult males, vodka present. girl 14yo has kicked "
         "the door and is arrested for damage. males not spoken to", True),
        ("o/s. house occupied by several adult males, vodka present. girl 14yo has kicked "
         "the door and is arrested for damage. males arrested for harbouring", False),
        # hotel room, the child unnamed, an age range; the adults left before details
        ("Room 12 attended. 3 males and a female, appears approx 14-15, no name given. "
         "males left before names were taken", True),
        # a taxi office at night with drivers
        ("located in the back of a minicab office with 3 drivers. returned home, drivers not "
         "spoken to", True),
        ("located at the minicab office, returned home", False),
    ],
)  # fmt: skip
def test_adult_not_dealt_with_classes(tmp_path: Path, narrative: str, expected: bool) -> None:
    assert (AD in _child_case(tmp_path, narrative, age="13")) is expected, narrative


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        ("spoke to IP, she is 13, says it is consensual and he is 25. NFA", True),
        ("spoke to IP, she is 13, says they are in a relationship and it is consensual, "
         "boyfriend is 14", False),
        ("IP is 13, says he is 20 and it is consensual but nothing sexual has happened", False),
        ("13yo says she was made to do things by older men at a flat. NFA", True),
        ("13yo says she was made to do her homework by her mum. NFA", False),
        ("IP (13) states 2 youths threatened him with a knife and took his bike. NPA", True),
        ("IP (13) states 2 youths shouted at him on the way home. NPA", False),
    ],
)  # fmt: skip
def test_unrecorded_crime_classes(tmp_path: Path, narrative: str, expected: bool) -> None:
    tables: dict[str, list[dict[str, Any]]] = {
        "incidents": [incident("I1", narrative)],
        "records": [record("R1", age="13")],
        "incident_records": [victim("I1", "R1")],
    }
    found = kinds(run_case(tmp_path, tables))
    assert (UC in found) is expected, narrative
    if "consensual" in narrative and expected:
        assert ("child_treated_as_consenting", "I1") in found


@pytest.mark.parametrize(
    ("reason", "invalid"),
    [
        ("Insufficient evidence to proceed, CCTV not retained", True),
        ("No further lines, footage was wiped", True),
        ("CCTV shows the item was not taken; AVI", False),
    ],
)
def test_c2_avi_needs_a_positive_statement(tmp_path: Path, reason: str, invalid: bool) -> None:
    from test_rules import _cancel_case, _cancelled

    found = _cancel_case(tmp_path, _cancelled("C2", reason))
    assert any(f["kind"] == "invalid_cancellation" for f in found) is invalid, reason


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        ("father reports his son aged 14 has had sex with a 20 year old female", False),
        ("mother reports her daughter aged 14 has had sex with a 20 year old male", True),
        ("father reports his son aged 14 was raped by a 30 year old man", True),
    ],
)
def test_penetration_not_rape_needs_the_child_penetrated(
    tmp_path: Path, narrative: str, expected: bool
) -> None:
    found = kinds(
        run_case(
            tmp_path,
            {
                "incidents": [incident("I1", narrative)],
                "records": [record("R1", age="14")],
                "incident_records": [victim("I1", "R1")],
                "crimes": [crime("C1", "I1", "22B")],
                "crime_records": [{"crime_id": "C1", "record_id": "R1", "role": "victim"}],
            },
        )
    )
    assert (("under_classified", "C1") in found) is expected, narrative
