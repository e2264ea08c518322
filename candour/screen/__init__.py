"""The screen stage: narrative text → indicators with exact spans, and disclosures.

Reads incidents.narrative, crimes.cancellation_reason and documents.text;
writes ``indicators`` (one row per indicator, ``text`` equal to the column's
characters at ``start``:``end``) and ``disclosures`` (whether each text as a
whole discloses child sexual exploitation, with a score).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from multiprocessing import get_context
from typing import Any

import pyarrow as pa
from rich.console import Console

from candour.screen.spelling import common_words
from candour.screen.text import Indicator, disclosure, screen_text
from candour.store import Engine, Store

__all__ = ["Indicator", "disclosure", "run", "screen_text", "screen_rows", "SOURCES"]

# (table, key, text column, SQL for the event date)
SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("incidents", "incident_id", "narrative", "reported_at"),
    (
        "crimes",
        "crime_id",
        "cancellation_reason",
        "coalesce((SELECT i.reported_at FROM incidents i WHERE i.incident_id = t.incident_id "
        "LIMIT 1), t.recorded_at)",
    ),
    ("documents", "document_id", "text", "created_at"),
)

INDICATOR_SCHEMA = pa.schema(
    [
        ("source_table", pa.string()),
        ("source_id", pa.string()),
        ("source_column", pa.string()),
        ("indicator", pa.string()),
        ("value", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("negated", pa.bool_()),
    ]
)
DISCLOSURE_SCHEMA = pa.schema(
    [
        ("source_table", pa.string()),
        ("source_id", pa.string()),
        ("discloses_exploitation", pa.bool_()),
        ("score", pa.float64()),
    ]
)

CHUNK = 5_000


def screen_rows(
    rows: Iterable[tuple[str, str | None, date | datetime | None]],
    common: Mapping[str, int] | None = None,
) -> tuple[list[tuple[Any, ...]], list[tuple[str, bool, float]]]:
    """Screen (id, text, event date) rows: indicator rows and disclosure rows."""
    found: list[tuple[Any, ...]] = []
    verdicts: list[tuple[str, bool, float]] = []
    for key, text, at in rows:
        inds = screen_text(text, at, common)
        for f in inds:
            found.append((key, f.indicator, f.value, f.start, f.end, f.text, f.negated))
        if text:
            ok, score = disclosure(inds)
            verdicts.append((key, ok, score))
    return found, verdicts


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# The corpus's common words, set before the worker processes are forked (so
# they inherit it instead of receiving a copy with every chunk).
_COMMON: Mapping[str, int] | None = None


def _screen_chunk(job: tuple[str, str, list[Any]]) -> tuple[pa.Table, pa.Table]:
    """Screen one chunk of one column; Arrow tables travel back cheaply."""
    table, column, rows = job
    found, verdicts = screen_rows(rows, _COMMON)
    cols: list[Any] = list(zip(*found, strict=True)) if found else [[] for _ in range(7)]
    n = len(found)
    ind = pa.table(
        {
            "source_table": pa.array([table] * n, pa.string()),
            "source_id": pa.array(cols[0], pa.string()),
            "source_column": pa.array([column] * n, pa.string()),
            "indicator": pa.array(cols[1], pa.string()),
            "value": pa.array(cols[2], pa.string()),
            "start": pa.array(cols[3], pa.int32()),
            "end": pa.array(cols[4], pa.int32()),
            "text": pa.array(cols[5], pa.string()),
            "negated": pa.array(cols[6], pa.bool_()),
        },
        schema=INDICATOR_SCHEMA,
    )
    vcols: list[Any] = list(zip(*verdicts, strict=True)) if verdicts else [[], [], []]
    dis = pa.table(
        {
            "source_table": pa.array([table] * len(verdicts), pa.string()),
            "source_id": pa.array(vcols[0], pa.string()),
            "discloses_exploitation": pa.array(vcols[1], pa.bool_()),
            "score": pa.array(vcols[2], pa.float64()),
        },
        schema=DISCLOSURE_SCHEMA,
    )
    return ind, dis


# The jobs of the current run, set before the worker processes are forked: a
# worker receives only a job's number, not a pickled copy of its texts.
_JOBS: list[tuple[str, str, list[Any]]] = []


def _screen_job(i: int) -> tuple[pa.Table, pa.Table]:
    return _screen_chunk(_JOBS[i])


def _screen_all(
    jobs: list[tuple[str, str, list[Any]]], workers: int, common: Mapping[str, int] | None
) -> Iterator[tuple[pa.Table, pa.Table]]:
    """Screen every job, in order (across ``workers`` forked processes when worthwhile)."""
    global _COMMON, _JOBS
    _COMMON = common
    try:
        if workers <= 1 or sum(len(j[2]) for j in jobs) < 2 * CHUNK:
            yield from map(_screen_chunk, jobs)
            return
        _JOBS = jobs
        with get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_screen_job, range(len(jobs)))
    finally:
        _COMMON = None
        _JOBS = []


def run(
    store: Store,
    *,
    engine: Engine = "duckdb",
    console: Console | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Screen every narrative, cancellation reason and document of ``store``."""
    workers = workers or min(os.cpu_count() or 1, 4)
    counts: dict[str, int] = {}
    texts: dict[str, list[Any]] = {}
    for table, key, column, at_sql in SOURCES:
        if store.has(table):
            texts[table] = store.rows(
                f'SELECT CAST(t."{key}" AS VARCHAR), CAST(t."{column}" AS VARCHAR), {at_sql} '
                f'FROM "{table}" t WHERE t."{column}" IS NOT NULL'
            )
            counts[table] = len(texts[table])
    common = common_words(r[1] for rows in texts.values() for r in rows)
    jobs = [
        (table, column, chunk)
        for table, _key, column, _at in SOURCES
        if table in texts
        for chunk in _chunks(texts[table], CHUNK)
    ]
    ind_parts: list[pa.Table] = [INDICATOR_SCHEMA.empty_table()]
    dis_parts: list[pa.Table] = [DISCLOSURE_SCHEMA.empty_table()]
    for ind, dis in _screen_all(jobs, workers, common):
        ind_parts.append(ind)
        dis_parts.append(dis)
    indicators = pa.concat_tables(ind_parts)
    disclosures = pa.concat_tables(dis_parts)
    if console:
        for table, n in counts.items():
            console.log(f"screen: {table}: {n:,} texts")
    with store.transaction():
        store.write("indicators", indicators)
        store.write("disclosures", disclosures)
    counts["indicators"] = indicators.num_rows
    return counts
