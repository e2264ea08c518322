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


def _present(
    people: dict[str, dt.date],
    incidents: dict[str, list[tuple[str, str]]],
    crimes: dict[str, tuple[str, list[tuple[str, str]]]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Store tables: each person one record `r<id>`; incidents and crimes (from an incident)."""
    at = dt.datetime(2011, 3, 5, 23, 0)
    crimes = crimes or {}
    return {
        "records": [
            {"record_id": f"r{p}", "source": "police", "dob": b} for p, b in people.items()
        ],
        "incidents": [{"incident_id": i, "force_id": "F1", "reported_at": at} for i in incidents],
        "incident_records": [
            {"incident_id": i, "record_id": f"r{p}", "role": role}
            for i, present in incidents.items()
            for p, role in present
        ],
        "crimes": [
            {"crime_id": c, "incident_id": i, "force_id": "F1", "recorded_at": at}
            for c, (i, _) in crimes.items()
        ],
        "crime_records": [
            {"crime_id": c, "record_id": f"r{p}", "role": role}
            for c, (_, present) in crimes.items()
            for p, role in present
        ],
    }


def _groups(store: Any) -> list[set[tuple[str, str]]]:
    ids = [r[0] for r in store.rows("SELECT record_id FROM records")]
    store.write("people", pa.table({"record_id": ids, "person_id": [i[1:] for i in ids]}))
    write_groups(store)
    found: dict[str, set[tuple[str, str]]] = {}
    for person, group, role in store.rows("SELECT person_id, group_id, role FROM groups"):
        found.setdefault(group, set()).add((person, role))
    return sorted(found.values(), key=len)


def test_adults_met_once_each_with_the_same_children_are_one_group(store_factory: Any) -> None:
    """No adult meets any child twice, but two men share the children between them."""
    people = {"M1": ADULT, "M2": ADULT, "G1": CHILD, "G2": CHILD, "G3": CHILD}
    incidents = {
        "j1": [("M1", "other"), ("G1", "subject")],  # found at his flat
        "j2": [("M2", "subject"), ("G1", "subject")],  # in his car, weeks later
        "j3": [("M2", "other"), ("G2", "subject")],
        "j4": [("M1", "suspect"), ("G3", "victim")],
    }
    found = _groups(store_factory(**_present(people, incidents)))
    assert found == [
        {("M1", "offender"), ("M2", "offender"), ("G1", "victim"), ("G2", "victim"),
         ("G3", "victim")}
    ]  # fmt: skip


def test_one_adult_and_the_children_around_him_are_not_a_group(store_factory: Any) -> None:
    """A single offender is not group offending, even with a recorded crime or two children."""
    people = {"S": ADULT, "V1": CHILD, "T": ADULT, "V2": CHILD, "V3": CHILD}
    incidents = {
        "k1": [("S", "suspect"), ("V1", "victim")],
        "k2": [("T", "subject"), ("V2", "subject")],
        "k3": [("T", "subject"), ("V3", "subject")],
    }
    crimes = {"c1": ("k1", [("S", "suspect"), ("V1", "victim")])}
    assert _groups(store_factory(**_present(people, incidents, crimes))) == []


def _documents(store: Any, texts: dict[str, tuple[str, bool]]) -> None:
    store.write(
        "documents",
        pa.table({"document_id": list(texts), "text": [t for t, _ in texts.values()]}),
    )
    store.write(
        "disclosures",
        pa.table(
            {
                "source_table": ["documents"] * len(texts),
                "source_id": list(texts),
                "discloses_exploitation": [flag for _, flag in texts.values()],
                "score": [0.9 if flag else 0.0 for _, flag in texts.values()],
            }
        ),
    )


def _two_men_apart() -> dict[str, list[dict[str, Any]]]:
    people = {"M1": ADULT, "M2": ADULT, "G1": CHILD, "G2": CHILD, "G3": CHILD, "G4": CHILD}
    people_names = {"M1": ("Royston", "MELLOR"), "M2": ("Dale", "ARMITAGE")}
    incidents = {
        "m1": [("M1", "subject"), ("G1", "subject")],
        "m2": [("M1", "subject"), ("G2", "subject")],
        "m3": [("M2", "other"), ("G3", "subject")],
        "m4": [("M2", "other"), ("G4", "subject")],
    }
    tables = _present(people, incidents)
    for r in tables["records"]:
        forename, surname = people_names.get(r["record_id"][1:], (None, None))
        r.update(forenames=forename, surname=surname)
    return tables


def test_adults_named_together_in_an_intelligence_document_are_one_group(
    store_factory: Any,
) -> None:
    """Each man is found with his own two children; a briefing names them as associates."""
    store = store_factory(**_two_men_apart())
    _documents(
        store,
        {
            "brief": ("Intel: girls aged 13 taken to flats by MELLOR and Dale Armitage.", True),
            "rota": ("Rota: Royston MELLOR and ARMITAGE on the football team list.", False),
        },
    )
    found = _groups(store)
    assert len(found) == 1 and {("M1", "offender"), ("M2", "offender")} <= found[0]
    assert len(found[0]) == 6


def test_adults_named_only_in_a_document_without_exploitation_stay_apart(
    store_factory: Any,
) -> None:
    store = store_factory(**_two_men_apart())
    _documents(store, {"rota": ("Royston MELLOR and ARMITAGE on the team list.", False)})
    assert _groups(store) == []  # each man alone with his children: no group
    _documents(store, {"brief": ("Girls seen with Mellor and armitage (lower case).", True)})
    assert _groups(store) == []  # a surname alone counts only in capitals
