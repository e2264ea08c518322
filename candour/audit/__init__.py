"""The audit stage: the rules catalogue over screened incidents, crimes and people.

Writes ``findings`` (the columns of spec/outputs.md, plus ``sources``,
``officer_id``, ``event_at``, ``incident_id`` and ``details``) and
``compliance`` (per force and offence group; see :mod:`candour.audit.compliance`).
The incidents are read a partition at a time (:func:`candour.audit.facts.partitions`)
and each partition's findings spooled to disk, so time grows linearly with the
incidents and memory stays near that of one partition plus everyone's records.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from rich.console import Console

from candour.audit.compliance import Tally
from candour.audit.facts import Facts, People, evidence_json, partitions
from candour.audit.reading import read, recorded_suspect_crimes
from candour.audit.rules import RULES, Context, Finding, Rule
from candour.audit.spool import Spool
from candour.store import Engine, Store

__all__ = ["RULES", "Finding", "Rule", "run", "audit", "findings_table", "FINDINGS_SCHEMA"]

FINDINGS_SCHEMA = pa.schema(
    [
        ("finding_id", pa.string()),
        ("kind", pa.string()),
        ("subject_type", pa.string()),
        ("subject_id", pa.string()),
        ("force_id", pa.string()),
        ("score", pa.float64()),
        ("rule_id", pa.string()),
        ("summary", pa.string()),
        ("evidence", pa.string()),
        ("sources", pa.string()),
        ("officer_id", pa.string()),
        ("event_at", pa.timestamp("us")),
        ("incident_id", pa.string()),
        ("details", pa.string()),
    ]
)

# DuckDB's share while the audit runs: its sorts and temporary tables spill to disk beyond it
MEMORY_LIMIT = "512MB"


_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}  # fmt: skip


def _bytes(setting: str) -> float:
    """A DuckDB size setting ("18.8 GiB", "1GB") in bytes."""
    m = re.fullmatch(r"\s*([\d.]+)\s*([a-z]*)\s*", setting.lower())
    return float(m.group(1)) * _UNITS.get(m.group(2), 1) if m else float("inf")


@contextmanager
def _memory_limit(store: Store, limit: str = MEMORY_LIMIT) -> Iterator[None]:
    """DuckDB's memory capped at ``limit`` for the audit (a lower cap is kept), then restored."""
    con = store.con
    before = str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
    lower = _bytes(limit) < _bytes(before)
    if lower:
        con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        if lower:
            con.execute(f"SET memory_limit = '{before}'")


def _partitions(
    store: Store, rules: tuple[Rule, ...], tally: Tally, console: Console | None = None
) -> Iterator[list[Finding]]:
    """Each partition's findings (rules in catalogue order), then those of rules that look
    across partitions; ``tally`` gathers the compliance counts on the way."""
    night_hours = (22, 4)
    for r in rules:
        if "night_hours" in r.parameters:
            night_hours = tuple(r.parameters["night_hours"])  # type: ignore[assignment]
    # The collector would otherwise run every few thousand allocations and walk every
    # live object each time (a third of the audit's time): it runs once per partition
    # instead, when that partition's objects are gone; everyone's records, which live to
    # the end, are frozen out of its walks.
    collecting = gc.isenabled()
    gc.disable()
    state: dict[str, Any] = {}
    found_by_rule = dict.fromkeys((r.id for r in rules), 0)
    try:
        people = People(store)
        suspects = recorded_suspect_crimes(store, people)
        gc.freeze()
        for facts in partitions(store, people):
            readings = {iid: read(inc, facts, night_hours) for iid, inc in facts.incidents.items()}
            ctx = Context(facts, readings, facts, suspects, state, store)
            out: list[Finding] = []
            for rule in rules:
                found = rule.apply(ctx)
                found_by_rule[rule.id] += len(found)
                out += found
            invalid = {f.subject_id for f in out if f.kind == "invalid_cancellation"}
            late = {f.subject_id for f in out if f.kind == "late_recording"}
            tally.add(facts, readings, invalid, late)
            del ctx, readings, facts
            yield out
            del out
            gc.collect()
        end = Context(Facts(people), {}, Facts(people), suspects, state, store)
        for rule in rules:
            found = rule.complete(end)
            found_by_rule[rule.id] += len(found)
            yield found
        if console:
            for rule in rules:
                console.log(f"audit: {rule.id} {rule.kind}: {found_by_rule[rule.id]:,} findings")
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
        for value in state.values():
            if hasattr(value, "close"):
                value.close()


def _order(findings: list[Finding]) -> list[Finding]:
    """One finding per subject and kind (the highest score), highest score first."""
    best: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        key = (f.kind, f.subject_type, f.subject_id)
        if key not in best or f.score > best[key].score:
            best[key] = f
    return sorted(best.values(), key=lambda f: (-f.score, f.kind, f.subject_id))


def audit(
    store: Store, rules: tuple[Rule, ...] = RULES, console: Console | None = None
) -> tuple[list[Finding], pa.Table]:
    """Apply every rule; the findings (highest score first) and the compliance table.

    Every finding is kept in memory: :func:`run` writes them to the store a partition
    at a time instead.
    """
    tally = Tally()
    found: list[Finding] = []
    with _memory_limit(store):
        for part in _partitions(store, rules, tally, console):
            found += part
    return _order(found), tally.table()


def findings_table(findings: list[Finding], batch: int = 50_000) -> pa.Table:
    """The findings as an Arrow table, built a batch at a time (evidence JSON is bulky)."""
    parts = [FINDINGS_SCHEMA.empty_table()]
    for lo in range(0, len(findings), batch):
        cols: dict[str, list[Any]] = {f.name: [] for f in FINDINGS_SCHEMA}
        for f in findings[lo : lo + batch]:
            cols["finding_id"].append(f"{f.kind}:{f.subject_type}:{f.subject_id}")
            cols["kind"].append(f.kind)
            cols["subject_type"].append(f.subject_type)
            cols["subject_id"].append(f.subject_id)
            cols["force_id"].append(f.force_id)
            cols["score"].append(f.score)
            cols["rule_id"].append(f.rule_id)
            cols["summary"].append(f.summary)
            cols["evidence"].append(evidence_json(f.sources, f.spans, f.records))
            cols["sources"].append(",".join(f.sources))
            cols["officer_id"].append(f.officer_id)
            cols["event_at"].append(f.event_at)
            cols["incident_id"].append(f.incident_id)
            cols["details"].append(json.dumps(f.extra, default=str))
        parts.append(pa.table(cols, schema=FINDINGS_SCHEMA))
    return pa.concat_tables(parts)


# the order of :func:`_order`: one finding per subject and kind (the highest score, the
# first found among equals), highest score first, then kind and subject
_BEST = """
SELECT * EXCLUDE (seq, first_seq, rank) FROM (
    SELECT *, min(seq) OVER subject AS first_seq,
           row_number() OVER (subject ORDER BY score DESC, seq) AS rank
    FROM {staged} WINDOW subject AS (PARTITION BY kind, subject_type, subject_id))
WHERE rank = 1 ORDER BY score DESC, kind, subject_id, first_seq"""
_ALL = "SELECT * EXCLUDE (seq) FROM {staged} ORDER BY score DESC, kind, subject_id, seq"


def run(
    store: Store, *, engine: Engine = "duckdb", console: Console | None = None
) -> dict[str, int]:
    """Write ``findings`` and ``compliance`` to the store, a partition at a time.

    Each partition's findings (their evidence JSON built then) are spooled to disk
    as they are made; the findings table is all of them, sorted, in one statement.
    """
    tally = Tally()
    spool = Spool("findings", FINDINGS_SCHEMA.append(pa.field("seq", pa.int64())))
    seq = 0
    try:
        with _memory_limit(store):
            for part in _partitions(store, RULES, tally, console):
                if not part:
                    continue
                table = findings_table(part)
                order = pa.array(range(seq, seq + len(part)), pa.int64())
                spool.add(table.append_column("seq", order))
                seq += len(part)
                del table, part
            staged = spool.sql()
            twice = store.rows(
                f"SELECT count(*) - count(DISTINCT (kind, subject_type, subject_id)) FROM {staged}"
            )[0][0]
            with store.transaction():
                store.write("findings", (_BEST if twice else _ALL).format(staged=staged))
                store.write("compliance", tally.table())
    finally:
        spool.close()
    return {
        kind: int(n)
        for kind, n in store.rows("SELECT kind, count(*) FROM findings GROUP BY kind ORDER BY kind")
    }
