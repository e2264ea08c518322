"""The trace stage: chain of command, knowledge trail, complaint outcomes by rank.

Reads ``officers``, ``incidents``, ``crimes``, ``documents``,
``document_recipients``, ``complaints`` and the earlier stages' ``findings``,
``disclosures`` and ``indicators``; writes

- ``finding_chain``: for every finding, the chain of command above each officer
  who handled its subject, at the finding's event date;
- ``knowledge`` (officer_id, document_id, informed_at, …): who was told of
  exploitation by which document (knowledge.csv);
- ``senior_exposure``: for each senior officer, when first told, what, and the
  findings under their command afterwards;
- ``complaint_ranks`` and ``complaint_outcomes``: complaints by rank at receipt,
  rates with 95 % Wilson intervals, Fisher's exact test senior vs junior.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from candour.bundle.contract import RANKS, SENIOR_RANK_DEFAULT
from candour.store import Engine, Store
from candour.trace.command import Link, Posting, Postings, chain_at, finding_chains
from candour.trace.knowledge import knowledge, senior_exposure
from candour.trace.outcomes import complaint_outcomes, complaint_ranks, wilson

__all__ = ["Link", "Posting", "Postings", "chain_at", "run", "wilson"]


def run(
    store: Store,
    *,
    engine: Engine = "duckdb",
    console: Console | None = None,
    senior_rank: str = SENIOR_RANK_DEFAULT,
    topic_only_tells: bool = False,
) -> dict[str, Any]:
    """Write the trace tables into ``store``; returns their row counts.

    ``senior_rank``: the lowest rank counted as senior. ``topic_only_tells``:
    whether a document naming exploitation only as a topic tells its recipients
    (candour.trace.knowledge.specific).
    """
    if senior_rank not in RANKS:
        raise ValueError(f"senior rank {senior_rank!r} is not one of {', '.join(RANKS)}")
    console = console or Console(stderr=True, quiet=True)
    postings = Postings.from_store(store)
    chains = finding_chains(store, postings, senior_rank)
    told = knowledge(store, postings, senior_rank, topic_only_tells=topic_only_tells)
    seniors = senior_exposure(store, postings, told, chains, senior_rank)
    complaints = complaint_ranks(store, postings, senior_rank)
    outcomes = complaint_outcomes(complaints)
    tables = {
        "finding_chain": chains,
        "knowledge": told,
        "senior_exposure": seniors,
        "complaint_ranks": complaints,
        "complaint_outcomes": outcomes,
    }
    with store.transaction():
        for name, table in tables.items():
            store.write(name, table)
    counts = {name: table.num_rows for name, table in tables.items()}
    console.log(
        "trace: "
        + ", ".join(f"{name} {n:,}" for name, n in counts.items())
        + f" (senior: {senior_rank} and above)"
    )
    return counts
