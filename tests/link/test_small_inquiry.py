"""A small hand-made inquiry, too small to train EM well: linked on the prior m probabilities.

Forty background people (some recorded twice) surround the cases under test:
a surname one letter out with an age in place of a date of birth, an initial
for a forename, and the pairs that must stay apart (an incompatible age,
twins and a sibling at one address).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest

from candour.link.model import PRIOR_PAIRS, blend_prior_m, link
from candour.link.prepare import prepare
from candour.link.settings import PRIOR_M

FORENAMES = [
    "Aaron", "Bethany", "Callum", "Danielle", "Ethan", "Freya", "Gareth", "Hollie",
    "Imran", "Jasmine", "Kieran", "Lauren", "Mason", "Nadia", "Owen", "Paige",
    "Reece", "Shannon", "Tariq", "Vicky",
]  # fmt: skip
SURNAMES = [
    "Ackroyd", "Barraclough", "Crowther", "Dyson", "Entwistle", "Firth", "Greenwood",
    "Haigh", "Illingworth", "Jagger", "Kershaw", "Lumb", "Midgley", "Naylor", "Oldroyd",
    "Pickles", "Quarmby", "Ramsden", "Sutcliffe", "Thornton",
]  # fmt: skip

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
        ("postcode", pa.string()),
    ]
)


def background() -> list[dict[str, Any]]:
    """Forty distinct people; every fourth is recorded a second time, unchanged."""
    rows = []
    for i in range(40):
        person = {
            "forenames": FORENAMES[i % 20],
            "surname": SURNAMES[(i * 7 + i // 20) % 20],
            "dob": dt.date(1960 + i, 1 + i % 12, 1 + (i * 5) % 28),
            "sex": "F" if i % 2 else "M",
            "event_date": dt.date(2008 + i % 3, 1 + i % 12, 10),
            "address": f"{i + 1} Mill Lane",
            "postcode": f"NM{1 + i % 9} {i % 10}AB",
        }
        rows.append({"record_id": f"B{i:03d}a", **person})
        if i % 4 == 0:
            rows.append({"record_id": f"B{i:03d}b", **person})
    return rows


CASES = [
    # a surname one letter out, an age (13) compatible with the date of birth then
    {"record_id": "reeve", "forenames": "Tyler", "surname": "REEVE", "dob": dt.date(1996, 9, 9),
     "sex": "M", "event_date": dt.date(2009, 11, 2)},
    {"record_id": "reeves", "forenames": "Tyler", "surname": "REEVES", "age": 13,
     "sex": "M", "event_date": dt.date(2010, 3, 1)},
    # an initial for the forename, same surname, age 14 compatible
    {"record_id": "kayleigh", "forenames": "Kayleigh", "surname": "MARSH",
     "dob": dt.date(1995, 2, 14), "sex": "F", "event_date": dt.date(2008, 9, 12)},
    {"record_id": "k", "forenames": "K", "surname": "MARSH", "age": 14, "sex": "F",
     "event_date": dt.date(2009, 6, 1)},
    # same surname and initial, but 31 then: not the girl born in 1990
    {"record_id": "jade", "forenames": "Jade", "surname": "HOLT", "dob": dt.date(1993, 4, 2),
     "sex": "F", "event_date": dt.date(2008, 5, 5)},
    {"record_id": "j31", "forenames": "J", "surname": "HOLT", "age": 31, "sex": "F",
     "event_date": dt.date(2009, 7, 7)},
    # twins and a sister at one address: different people
    {"record_id": "liam", "forenames": "Liam", "surname": "DOYLE", "dob": dt.date(2001, 5, 5),
     "sex": "M", "address": "7 Beck Lane", "postcode": "NM4 2JQ",
     "event_date": dt.date(2010, 1, 4)},
    {"record_id": "noah", "forenames": "Noah", "surname": "DOYLE", "dob": dt.date(2001, 5, 5),
     "sex": "M", "address": "7 Beck Lane", "postcode": "NM4 2JQ",
     "event_date": dt.date(2010, 1, 4)},
    {"record_id": "amy", "forenames": "Amy", "surname": "DOYLE", "age": 11, "sex": "F",
     "address": "7 Beck Lane", "postcode": "NM4 2JQ", "event_date": dt.date(2010, 1, 4)},
]  # fmt: skip


@pytest.fixture(scope="module")
def people() -> dict[str, str]:
    """Record id → cluster id, linked by DuckDB on the hand-made records."""
    import candour.link.model as model

    rows = [*background(), *CASES]
    table = pa.Table.from_pylist([{c: r.get(c) for c in SCHEMA.names} for r in rows], SCHEMA)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(model, "SEPARATE_KIN", True)  # this inquiry has a family at one address
        clusters = link(prepare(table)).clusters.to_pylist()
    return {r["record_id"]: r["cluster_id"] for r in clusters}


def test_surname_one_letter_out_with_a_compatible_age_links(people: dict[str, str]) -> None:
    assert people["reeve"] == people["reeves"]


def test_initial_with_surname_and_compatible_age_links(people: dict[str, str]) -> None:
    assert people["kayleigh"] == people["k"]


def test_initial_with_an_incompatible_age_stays_apart(people: dict[str, str]) -> None:
    assert people["jade"] != people["j31"]


def test_twins_and_sister_at_one_address_stay_apart(people: dict[str, str]) -> None:
    assert len({people["liam"], people["noah"], people["amy"]}) == 3


def test_background_duplicates_link_and_nothing_else_does(people: dict[str, str]) -> None:
    for i in range(0, 40, 4):
        assert people[f"B{i:03d}a"] == people[f"B{i:03d}b"]
    background_people = {people[f"B{i:03d}a"] for i in range(40)}
    assert len(background_people) == 40
    cases = {people[r["record_id"]] for r in CASES}
    assert not background_people & cases


def test_prior_m_counts_for_less_as_matching_pairs_grow() -> None:
    em = {"birth": {"date of birth exact": 0.2, "born apart": 0.8}}
    model = {
        "comparisons": [
            {
                "output_column_name": "birth",
                "comparison_levels": [
                    {"sql_condition": "x IS NULL", "is_null_level": True},
                    *(
                        {"sql_condition": label, "label_for_charts": label, "m_probability": m}
                        for label, m in em["birth"].items()
                    ),
                ],
            }
        ]
    }

    def exact(pairs: float) -> float:
        import copy

        levels = blend_prior_m(copy.deepcopy(model), pairs)["comparisons"][0]["comparison_levels"]
        return float(levels[1]["m_probability"])

    prior = PRIOR_M["birth"]["date of birth exact"]
    assert prior is not None
    assert exact(0) == pytest.approx(prior)
    assert exact(PRIOR_PAIRS) == pytest.approx((0.2 + prior) / 2)
    assert abs(exact(1e7) - 0.2) < 1e-3


def test_blocking_without_broad_rules_compares_the_variants() -> None:
    """A large inquiry affords no broad rules: the fixed ones must still pair these records."""
    import duckdb

    from candour.link.settings import BLOCKING_RULES

    rows = [r for r in CASES if r["record_id"] in ("reeve", "reeves", "kayleigh", "k")]
    table = pa.Table.from_pylist([{c: r.get(c) for c in SCHEMA.names} for r in rows], SCHEMA)
    con = duckdb.connect()
    con.register("p", prepare(table))
    rules = " OR ".join(
        f"({rule.get_blocking_rule('duckdb').blocking_rule_sql})" for rule in BLOCKING_RULES
    )
    pairs = con.execute(
        f"SELECT l.record_id, r.record_id FROM p l JOIN p r ON l.record_id < r.record_id "
        f"AND ({rules})"
    ).fetchall()
    assert {tuple(sorted(p)) for p in pairs} >= {("reeve", "reeves"), ("k", "kayleigh")}
