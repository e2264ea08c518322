"""The linker's comparisons on hand-made records: nicknames, swapped dates, ages, surnames."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest

from candour.link.nicknames import groups_of, same_person_names
from candour.link.prepare import prepare
from candour.link.settings import comparison_level


def records(*rows: dict[str, Any]) -> list[dict[str, Any]]:
    """Prepared records (the linker's own standardisation) from hand-made rows."""
    base = {"forenames": None, "surname": None, "dob": None, "age": None, "event_date": None}
    table = pa.Table.from_pylist(
        [{"record_id": str(i), **base, **r} for i, r in enumerate(rows)],
        schema=pa.schema(
            [
                ("record_id", pa.string()),
                ("forenames", pa.string()),
                ("surname", pa.string()),
                ("dob", pa.date32()),
                ("age", pa.int32()),
                ("event_date", pa.date32()),
            ]
        ),
    )
    return prepare(table).to_pylist()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kate", "Katherine"),
        ("Katie", "Cathy"),
        ("Mohammed", "Muhammad"),
        ("Mo", "Mohammad"),
        ("Bill", "William"),
        ("Liz", "Elizabeth"),
    ],
)
def test_nicknames_share_a_group(a: str, b: str) -> None:
    assert same_person_names(a, b)
    left, right = records({"forenames": a}, {"forenames": b})
    assert comparison_level("forename", left, right) == "forename nickname (same name group)"


def test_unrelated_forenames_do_not_share_a_group() -> None:
    assert not same_person_names("William", "Katherine")
    assert groups_of("chris") == ("christina", "christopher")
    left, right = records({"forenames": "William"}, {"forenames": "Katherine"})
    assert comparison_level("forename", left, right) == "forename different"


def test_forename_typo_and_middle_names() -> None:
    left, right = records({"forenames": "Shazia Begum"}, {"forenames": "SHAZIA"})
    assert comparison_level("forename", left, right) == "forename exact"
    left, right = records({"forenames": "Jonathon"}, {"forenames": "Jonathan"})
    assert comparison_level("forename", left, right) == "forename one edit"


def test_day_month_swapped_dates_of_birth() -> None:
    left, right = records({"dob": dt.date(1995, 3, 7)}, {"dob": dt.date(1995, 7, 3)})
    assert comparison_level("birth", left, right) == "date of birth day/month swapped"
    left, right = records({"dob": dt.date(1995, 3, 7)}, {"dob": dt.date(1995, 3, 7)})
    assert comparison_level("birth", left, right) == "date of birth exact"
    left, right = records({"dob": dt.date(1995, 3, 7)}, {"dob": dt.date(1985, 7, 3)})
    assert comparison_level("birth", left, right) == "born apart"


def test_age_compatible_with_event_date() -> None:
    dob = dt.date(1996, 11, 20)
    # 14 on 2011-06-01 (born 1996-06-02 .. 1997-06-01): compatible
    left, right = records({"dob": dob}, {"age": 14, "event_date": dt.date(2011, 6, 1)})
    assert comparison_level("birth", left, right) == "stated age compatible with date of birth"
    # 14 on 2011-12-01 (born 1996-12-02 .. 1997-12-01): a year out
    left, right = records({"dob": dob}, {"age": 14, "event_date": dt.date(2011, 12, 1)})
    assert comparison_level("birth", left, right) == "stated age a year out"
    # 30 then: incompatible
    left, right = records({"dob": dob}, {"age": 30, "event_date": dt.date(2011, 6, 1)})
    assert comparison_level("birth", left, right) == "born apart"
    # two stated ages, years apart, that agree on the birth year
    left, right = records(
        {"age": 13, "event_date": dt.date(2009, 1, 10)},
        {"age": 15, "event_date": dt.date(2011, 1, 12)},
    )
    assert comparison_level("birth", left, right) == "stated ages compatible"


def test_age_without_an_event_date_is_unknown() -> None:
    left, right = records({"dob": dt.date(1996, 11, 20)}, {"age": 14})
    assert right["born_from"] is None
    assert comparison_level("birth", left, right) == "no date of birth or age"


def test_changed_surname_and_transposed_names() -> None:
    left, right = records(
        {"forenames": "Sarah", "surname": "Hill"}, {"forenames": "Sarah", "surname": "Okafor"}
    )
    assert comparison_level("surname", left, right) == "surname different"
    left, right = records(
        {"forenames": "Hill", "surname": "Sarah"}, {"forenames": "Sarah", "surname": "Hill"}
    )
    assert comparison_level("forename", left, right) == "forename and surname transposed"
    assert comparison_level("surname", left, right) == "forename and surname transposed"
    left, right = records({"surname": "O'Brien"}, {"surname": "OBRIEN"})
    assert comparison_level("surname", left, right) == "surname exact"


def test_postcode_and_phone_standardised() -> None:
    table = pa.table(
        {
            "record_id": ["a", "b"],
            "postcode": ["s60 1aa", "S60 1AB"],
            "phone": ["07700 900 123", "+44 7700900123"],
        }
    )
    left, right = prepare(table).to_pylist()
    assert comparison_level("place", left, right) == "postcode sector"
    assert comparison_level("phone", left, right) == "phone exact"


def test_address_counts_once_with_its_postcode() -> None:
    table = pa.table(
        {
            "record_id": ["a", "b", "c"],
            "address": ["24 High Road, Shepford", "24 HIGH ROAD SHEPFORD", "3 Mill Lane"],
            "postcode": ["NA6 3JF", None, "NA6 3JF"],
        }
    )
    a, b, c = prepare(table).to_pylist()
    assert comparison_level("place", a, b) == "address exact"
    assert comparison_level("place", a, c) == "postcode exact"
    assert comparison_level("place", b, c) == "postcode missing, address differs"
