"""Surnames misspelt near their start (letters swapped or dropped) on a record with an age only.

Such a surname shares neither its first three letters nor its sound with the
correct spelling, so only the same address and forename can bring the two
records together for comparison; the comparison then scores the surname one
edit out. Hand-made records: a background of distinct people around the cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from candour.link.model import link
from candour.link.prepare import prepare
from candour.link.settings import BLOCKING_RULES, comparison_level

SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("forenames", pa.string()),
        ("surname", pa.string()),
        ("dob", pa.date32()),
        ("age", pa.int32()),
        ("event_date", pa.date32()),
        ("sex", pa.string()),
        ("address", pa.string()),
    ]
)

FORENAMES = ["Alan", "Brenda", "Colin", "Denise", "Eric", "Fiona", "Glen", "Heather"]
SURNAMES = ["Ambler", "Brear", "Cockroft", "Denton", "Exley", "Foxcroft", "Gaukroger", "Hanson"]

# (correct record, misspelt record): the misspelt one states an age, no date of birth
CASES = [
    (  # the first two letters swapped
        {"record_id": "oldfield", "forenames": "Stacey", "surname": "OLDFIELD",
         "dob": dt.date(1983, 3, 14), "sex": "F", "address": "12 Tenter Croft",
         "event_date": dt.date(2008, 5, 1)},
        {"record_id": "lodfield", "forenames": "Stacey", "surname": "LODFIELD", "age": 26,
         "sex": "F", "address": "12 Tenter Croft", "event_date": dt.date(2009, 6, 2)},
    ),
    (  # a letter dropped from the first three
        {"record_id": "thwaite", "forenames": "Gavin", "surname": "THWAITE",
         "dob": dt.date(1961, 10, 2), "sex": "M", "address": "3 Shaw Fold",
         "event_date": dt.date(2009, 2, 20)},
        {"record_id": "twaite", "forenames": "Gavin", "surname": "TWAITE", "age": 48,
         "sex": "M", "address": "3 Shaw Fold", "event_date": dt.date(2010, 1, 8)},
    ),
]  # fmt: skip

# the same address and surname, another forename: a brother, not the same man
BROTHER = {
    "record_id": "thwaite_brother",
    "forenames": "Keith",
    "surname": "TWAITE",
    "age": 45,
    "sex": "M",
    "address": "3 Shaw Fold",
    "event_date": dt.date(2010, 4, 3),
}


def table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([{c: r.get(c) for c in SCHEMA.names} for r in rows], SCHEMA)


def background() -> list[dict[str, Any]]:
    """Sixty-four distinct people, every fifth recorded twice."""
    rows = []
    for i in range(64):
        person = {
            "forenames": FORENAMES[i % 8],
            "surname": SURNAMES[(i // 8 + i) % 8],
            "dob": dt.date(1950 + i % 50, 1 + i % 12, 1 + (i * 3) % 28),
            "sex": "F" if i % 2 else "M",
            "address": f"{i + 1} Ovenden Road",
            "event_date": dt.date(2008 + i % 3, 1 + (i * 5) % 12, 15),
        }
        rows.append({"record_id": f"bg{i:02d}a", **person})
        if i % 5 == 0:
            rows.append({"record_id": f"bg{i:02d}b", **person})
    return rows


def test_the_misspellings_share_no_surname_key() -> None:
    """The premise: surname sound and first letters differ, so no name block pairs them."""
    for left, right in CASES:
        a, b = prepare(table([left, right])).to_pylist()
        assert a["sn_mp"] != b["sn_mp"] and a["sn_start"] != b["sn_start"]


def test_a_swapped_or_dropped_letter_is_one_edit() -> None:
    for left, right in CASES:
        a, b = prepare(table([left, right])).to_pylist()
        assert comparison_level("surname", a, b) == "surname one edit"
        assert comparison_level("birth", a, b) == "stated age compatible with date of birth"
        assert comparison_level("place", a, b) == "address exact"


def test_the_fixed_blocking_rules_pair_them_by_address_and_forename() -> None:
    """A large inquiry affords no broad rules; the fixed rules alone must compare these."""
    rows = [r for pair in CASES for r in pair]
    con = duckdb.connect()
    con.register("p", prepare(table(rows)))
    rules = " OR ".join(
        f"({rule.get_blocking_rule('duckdb').blocking_rule_sql})" for rule in BLOCKING_RULES
    )
    pairs = con.execute(
        f"SELECT l.record_id, r.record_id FROM p l JOIN p r ON l.record_id < r.record_id "
        f"AND ({rules})"
    ).fetchall()
    assert {tuple(sorted(p)) for p in pairs} >= {("lodfield", "oldfield"), ("thwaite", "twaite")}


@pytest.fixture(scope="module")
def people() -> dict[str, str]:
    rows = [*background(), *(r for pair in CASES for r in pair), BROTHER]
    clusters = link(prepare(table(rows))).clusters.to_pylist()
    return {r["record_id"]: r["cluster_id"] for r in clusters}


def test_misspelt_surname_with_forename_age_and_address_links(people: dict[str, str]) -> None:
    assert people["oldfield"] == people["lodfield"]
    assert people["thwaite"] == people["twaite"]


def test_a_brother_at_the_address_stays_apart(people: dict[str, str]) -> None:
    assert people["thwaite_brother"] not in {people["thwaite"], people["twaite"]}


def test_the_background_links_only_its_own_duplicates(people: dict[str, str]) -> None:
    for i in range(0, 64, 5):
        assert people[f"bg{i:02d}a"] == people[f"bg{i:02d}b"]
    assert len({people[f"bg{i:02d}a"] for i in range(64)}) == 64
