"""Groups from co-presence of adults and children across incidents (hand-made store)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from candour.link.groups import write_groups

ADULT = dt.date(1980, 1, 1)
CHILD = dt.date(1996, 1, 1)


def scenario() -> dict[str, list[dict[str, Any]]]:
    people = {
        "A1": ADULT, "A2": ADULT, "A3": ADULT, "C1": CHILD, "C2": CHILD,  # group one (force F1, F2)
        "B1": ADULT, "B2": ADULT, "C3": CHILD,  # group two
        "P": ADULT, "C4": CHILD,  # a parent reporting her child missing, twice
        "D": ADULT, "C5": CHILD,  # an adult seen with a child once
    }  # fmt: skip
    incidents = {
        "i1": ("F1", [("A1", "suspect"), ("A2", "other"), ("C1", "victim")]),
        "i2": ("F1", [("A1", "subject"), ("C1", "victim")]),
        "i3": ("F2", [("A2", "other"), ("A3", "suspect"), ("C2", "victim"), ("C1", "victim")]),
        "i4": ("F2", [("A3", "suspect"), ("A2", "subject"), ("C2", "victim")]),
        "i5": ("F1", [("B1", "suspect"), ("B2", "suspect"), ("C3", "victim")]),
        "i6": ("F1", [("B1", "other"), ("B2", "other"), ("C3", "subject")]),
        "i7": ("F1", [("P", "reporter"), ("C4", "subject")]),
        "i8": ("F1", [("P", "reporter"), ("C4", "subject")]),
        "i9": ("F2", [("D", "other"), ("C5", "subject")]),
    }
    at = dt.datetime(2010, 6, 1, 22, 0)
    return {
        "records": [
            {"record_id": f"r{p}", "source": "police", "dob": b} for p, b in people.items()
        ],
        "incidents": [
            {"incident_id": i, "force_id": f, "reported_at": at} for i, (f, _) in incidents.items()
        ],
        "incident_records": [
            {"incident_id": i, "record_id": f"r{p}", "role": role}
            for i, (_, present) in incidents.items()
            for p, role in present
        ],
    }


def test_groups_are_offenders_with_the_children_around_them(store_factory: Any) -> None:
    tables = scenario()
    store = store_factory(**tables)
    ids = [r["record_id"] for r in tables["records"]]
    store.write("people", pa.table({"record_id": ids, "person_id": [i[1:] for i in ids]}))
    assert write_groups(store) == 2
    groups: dict[str, set[tuple[str, str]]] = {}
    for person, group, role in store.rows("SELECT person_id, group_id, role FROM groups"):
        groups.setdefault(group, set()).add((person, role))
    found = sorted(groups.values(), key=len)
    assert found[0] == {("B1", "offender"), ("B2", "offender"), ("C3", "victim")}
    assert found[1] == {
        ("A1", "offender"), ("A2", "offender"), ("A3", "offender"),
        ("C1", "victim"), ("C2", "victim"),
    }  # fmt: skip
    summary = store.dicts("SELECT * FROM group_summary ORDER BY offenders DESC")
    assert summary[0]["cross_force"] and summary[0]["forces"] == "F1,F2"
    assert not summary[1]["cross_force"]
    repeat = {r["person_id"]: r["incidents"] for r in store.dicts("SELECT * FROM repeat_victims")}
    assert repeat == {"C1": 3, "C2": 2, "C3": 2, "C4": 2}


def test_an_inquiry_without_records_gets_empty_tables(store_factory: Any) -> None:
    import candour.link

    store = store_factory()
    summary = candour.link.run(store)
    assert summary["records"] == 0 and summary["groups"] == 0
    for table in ("people", "links", "groups", "group_summary", "repeat_victims"):
        assert store.has(table) and store.count(table) == 0
