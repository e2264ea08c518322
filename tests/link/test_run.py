"""`candour.link.run` on a store: people for every record, explained links, quality."""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import candour.link

FAKE = Path("/work/shared/data/splink-datasets/fake_1000.csv")


def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for k, v in labels.items():
        groups[v].append(k)
    return {p for g in groups.values() for p in combinations(sorted(g), 2)}


@pytest.fixture(scope="module")
def fake_rows() -> list[dict[str, str]]:
    if not FAKE.exists():
        pytest.skip("splink's fake_1000 dataset is not on this machine")
    with FAKE.open(newline="") as f:
        return list(csv.DictReader(f))


def test_run_links_fake_1000(store_factory: Any, fake_rows: list[dict[str, str]]) -> None:
    """Splink's labelled fake_1000 as an inquiry's records: every record gets a person."""
    records = [
        {
            "record_id": r["unique_id"],
            "source": "police",
            "forenames": r["first_name"] or None,
            "surname": r["surname"] or None,
            "dob": r["dob"] or None,
            "address": r["city"] or None,
        }
        for r in fake_rows
    ]
    store = store_factory(records=[])
    store.con.register("fake", pa.Table.from_pylist(records))
    store.execute(
        "INSERT INTO records (record_id, source, forenames, surname, dob, address) "
        "SELECT record_id, source, forenames, surname, CAST(dob AS DATE), address FROM fake"
    )
    summary = candour.link.run(store)
    people = dict(store.rows("SELECT record_id, person_id FROM people"))
    assert len(people) == len(records) == summary["records"]
    truth = {r["unique_id"]: r["cluster"] for r in fake_rows}
    found, true = pairs(people), pairs(truth)
    precision = len(found & true) / len(found)
    recall = len(found & true) / len(true)
    assert precision >= 0.95
    assert recall >= 0.6  # fake_1000 is heavily corrupted; generic models reach about 0.3
    # every accepted link says why: a weight and a level for each comparison
    link = store.dicts("SELECT * FROM links ORDER BY match_weight DESC LIMIT 1")[0]
    why = json.loads(link["comparisons"])
    assert {"forename", "surname", "birth"} <= set(why)
    model = store.dicts("SELECT prior, threshold FROM link_model")[0]
    assert 0 < model["prior"] < 0.05 and model["threshold"] == 0.9
    prior_weight = math.log2(model["prior"] / (1 - model["prior"]))
    weights = sum(p["weight"] for p in why.values())
    assert weights + prior_weight == pytest.approx(link["match_weight"], abs=0.05)
    assert people[link["record_id_l"]] == people[link["record_id_r"]]
    assert link["match_probability"] >= 0.9
