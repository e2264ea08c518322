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
from functools import partial
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

CHUNK = 20_000


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


def _screen_all(
    rows: list[Any], workers: int, common: Mapping[str, int] | None = None
) -> Iterator[tuple[list[Any], list[Any]]]:
    work = partial(screen_rows, common=common)
    if workers <= 1 or len(rows) < 2 * CHUNK:
        for chunk in _chunks(rows, CHUNK):
            yield work(chunk)
        return
    with get_context("fork").Pool(workers) as pool:
        yield from pool.imap(work, _chunks(rows, CHUNK))


def run(
    store: Store,
    *,
    engine: Engine = "duckdb",
    console: Console | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Screen every narrative, cancellation reason and document of ``store``."""
    workers = workers or min(os.cpu_count() or 1, 4)
    ind_cols: dict[str, list[Any]] = {f.name: [] for f in INDICATOR_SCHEMA}
    dis_cols: dict[str, list[Any]] = {f.name: [] for f in DISCLOSURE_SCHEMA}
    counts: dict[str, int] = {}
    texts: dict[str, list[Any]] = {}
    for table, key, column, at_sql in SOURCES:
        if store.has(table):
            texts[table] = store.rows(
                f'SELECT CAST(t."{key}" AS VARCHAR), CAST(t."{column}" AS VARCHAR), {at_sql} '
                f'FROM "{table}" t WHERE t."{column}" IS NOT NULL'
            )
    common = common_words(r[1] for rows in texts.values() for r in rows)
    for table, _key, column, _at in SOURCES:
        if table not in texts:
            continue
        rows = texts[table]
        counts[table] = len(rows)
        for found, verdicts in _screen_all(rows, workers, common):
            for k, ind, val, s, e, txt, neg in found:
                ind_cols["source_table"].append(table)
                ind_cols["source_id"].append(k)
                ind_cols["source_column"].append(column)
                ind_cols["indicator"].append(ind)
                ind_cols["value"].append(val)
                ind_cols["start"].append(s)
                ind_cols["end"].append(e)
                ind_cols["text"].append(txt)
                ind_cols["negated"].append(neg)
            for k, ok, score in verdicts:
                dis_cols["source_table"].append(table)
                dis_cols["source_id"].append(k)
                dis_cols["discloses_exploitation"].append(ok)
                dis_cols["score"].append(score)
        if console:
            console.log(f"screen: {table}.{column}: {len(rows):,} texts")
    with store.transaction():
        store.write("indicators", pa.table(ind_cols, schema=INDICATOR_SCHEMA))
        store.write("disclosures", pa.table(dis_cols, schema=DISCLOSURE_SCHEMA))
    counts["indicators"] = len(ind_cols["indicator"])
    return counts
