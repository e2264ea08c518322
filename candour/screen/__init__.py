"""The screen stage: narrative text → indicators with exact spans, and disclosures.

Reads incidents.narrative, crimes.cancellation_reason and documents.text;
writes ``indicators`` (one row per indicator, ``text`` equal to the column's
characters at ``start``:``end``) and ``disclosures`` (whether each text as a
whole discloses child sexual exploitation, with a score).
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from multiprocessing import get_context
from typing import Any

import pyarrow as pa
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from candour.screen.spelling import common_words, word_counts
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


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# The corpus's common words, set before the worker processes are forked (so
# they inherit it instead of receiving a copy with every chunk).
_COMMON: Mapping[str, int] | None = None


def screen_rows(
    rows: Iterable[tuple[str, str | None, date | datetime | None]],
    common: Mapping[str, int] | None = None,
    table: str = "incidents",
    column: str = "narrative",
) -> tuple[pa.Table, pa.Table]:
    """Screen (id, text, event date) rows of one column: ``indicators`` and ``disclosures`` rows."""
    ids: list[str] = []
    kinds: list[str] = []
    values: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quotes: list[str] = []
    negated: list[bool] = []
    seen: list[str] = []
    verdicts: list[bool] = []
    scores: list[float] = []
    for key, text, at in rows:
        inds = screen_text(text, at, common)
        for f in inds:
            ids.append(key)
            kinds.append(f.indicator)
            values.append(f.value)
            starts.append(f.start)
            ends.append(f.end)
            quotes.append(f.text)
            negated.append(f.negated)
        if text:
            ok, score = disclosure(inds)
            seen.append(key)
            verdicts.append(ok)
            scores.append(score)
    n = len(ids)
    ind = pa.table(
        [
            pa.repeat(pa.scalar(table), n),
            pa.array(ids, pa.string()),
            pa.repeat(pa.scalar(column), n),
            pa.array(kinds, pa.string()),
            pa.array(values, pa.string()),
            pa.array(starts, pa.int32()),
            pa.array(ends, pa.int32()),
            pa.array(quotes, pa.string()),
            pa.array(negated, pa.bool_()),
        ],
        schema=INDICATOR_SCHEMA,
    )
    dis = pa.table(
        [
            pa.repeat(pa.scalar(table), len(seen)),
            pa.array(seen, pa.string()),
            pa.array(verdicts, pa.bool_()),
            pa.array(scores, pa.float64()),
        ],
        schema=DISCLOSURE_SCHEMA,
    )
    return ind, dis


def _screen_chunk(job: tuple[str, str, list[Any]]) -> tuple[pa.Table, pa.Table]:
    """Screen one chunk of one column (Arrow tables are cheap to send back)."""
    table, column, rows = job
    return screen_rows(rows, _COMMON, table, column)


# The jobs of the current run, set before the worker processes are forked: a
# worker receives only a job's number, not a pickled copy of its texts.
_JOBS: list[tuple[str, str, list[Any]]] = []


def _screen_job(i: int) -> tuple[pa.Table, pa.Table]:
    return _screen_chunk(_JOBS[i])


def _count_job(i: int) -> Counter[str]:
    return word_counts(r[1] for r in _JOBS[i][2])


def _screen_all(
    jobs: list[tuple[str, str, list[Any]]], workers: int
) -> Iterator[tuple[pa.Table, pa.Table]]:
    """Screen every job, in order (across ``workers`` forked processes when worthwhile).

    The corpus's common words (see :func:`common_words`) are counted first,
    across the same workers. The texts already loaded are frozen out of the
    garbage collector's sight while screening: they live to the end, and
    scanning them again and again for cycles cost a tenth of the screen's time.
    """
    global _COMMON, _JOBS
    gc.freeze()
    _JOBS = jobs
    try:
        if workers <= 1 or sum(len(j[2]) for j in jobs) < 2 * CHUNK:
            _COMMON = common_words(r[1] for j in jobs for r in j[2])
            yield from map(_screen_chunk, jobs)
            return
        fork = get_context("fork")
        counts: Counter[str] = Counter()
        with fork.Pool(workers) as pool:
            for part in pool.imap_unordered(_count_job, range(len(jobs))):
                counts.update(part)
        _COMMON = common_words(counts)
        with fork.Pool(workers) as pool:  # forked again: the workers inherit _COMMON
            yield from pool.imap(_screen_job, range(len(jobs)))
    finally:
        _COMMON = None
        _JOBS = []
        gc.unfreeze()


@contextmanager
def _progress(console: Console | None, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar of texts screened (on ``console``; nothing without one)."""
    if console is None:
        yield lambda n: None
        return
    with Progress(
        TextColumn("[bold]screen"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("texts"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("screen", total=total)
        yield lambda n: bar.advance(task, n)


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
    jobs = [
        (table, column, chunk)
        for table, _key, column, _at in SOURCES
        if table in texts
        for chunk in _chunks(texts[table], CHUNK)
    ]
    ind_parts: list[pa.Table] = [INDICATOR_SCHEMA.empty_table()]
    dis_parts: list[pa.Table] = [DISCLOSURE_SCHEMA.empty_table()]
    with _progress(console, sum(counts.values())) as advance:
        for job, (ind, dis) in zip(jobs, _screen_all(jobs, workers), strict=True):
            ind_parts.append(ind)
            dis_parts.append(dis)
            advance(len(job[2]))
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
