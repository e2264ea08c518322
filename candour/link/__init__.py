"""candour.link: records → people (Splink), people → groups (networkx).

``run(store)`` reads the ingested `records` (with incident and crime dates),
and writes:

- ``people(record_id, person_id)`` for every record;
- ``links(record_id_l, record_id_r, match_weight, match_probability, comparisons)``
  for each accepted link, ``comparisons`` being JSON of the comparison level
  and its weight per field, so a reviewer sees why two records were joined;
- ``link_model(model, prior, threshold, engine)``: the trained model;
- ``groups(person_id, group_id, role)``, ``group_summary`` and ``repeat_victims``.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pyarrow as pa
from rich.console import Console

from candour.link.groups import write_groups
from candour.link.model import THRESHOLD, Linkage, link
from candour.link.prepare import prepare, store_records
from candour.store import Engine, Store

__all__ = ["run", "link", "prepare", "Linkage", "people_ids"]


def people_ids(clusters: pa.Table) -> pa.Table:
    """record_id, person_id: person ids numbered by each person's smallest record id."""
    ids = clusters.column("record_id").to_pylist()
    cluster = clusters.column("cluster_id").to_pylist()
    number = {c: i for i, c in enumerate(sorted(set(cluster)), start=1)}
    return pa.table(
        {
            "record_id": pa.array([str(r) for r in ids], pa.string()),
            "person_id": pa.array([f"P{number[c]:06d}" for c in cluster], pa.string()),
        }
    )


def run(
    store: Store, *, engine: Engine = "duckdb", console: Console | None = None
) -> dict[str, Any]:
    """Link the store's records into people and people into groups."""
    console = console or Console(stderr=True)
    start = time.perf_counter()
    records = store_records(store)
    prepared = prepare(records)
    linkage = link(prepared, engine)
    people = people_ids(linkage.clusters)
    with store.transaction():
        store.write("people", people)
        store.write("links", linkage.links)
        store.write(
            "link_model",
            pa.table(
                {
                    "model": [json.dumps(linkage.model, default=str)],
                    "prior": [float(linkage.model.get("probability_two_random_records_match", 0))],
                    "threshold": [THRESHOLD],
                    "engine": [engine],
                }
            ),
        )
        n_groups = write_groups(store)
    summary = {
        "records": records.num_rows,
        "people": len(set(people.column("person_id").to_pylist())),
        "links": linkage.links.num_rows,
        "groups": n_groups,
        "seconds": round(time.perf_counter() - start, 1),
    }
    console.log(
        f"link: {summary['records']:,} records → {summary['people']:,} people "
        f"({summary['links']:,} links), {n_groups:,} groups [{engine}]"
    )
    return summary
