"""The audit stage: the rules catalogue over screened incidents, crimes and people.

Writes ``findings`` (the columns of spec/outputs.md, plus ``sources``,
``officer_id``, ``event_at``, ``incident_id`` and ``details``) and
``compliance`` (per force and offence group; see :mod:`candour.audit.compliance`).
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
from rich.console import Console

from candour.audit.compliance import compliance
from candour.audit.facts import Facts, evidence_json
from candour.audit.reading import read
from candour.audit.rules import RULES, Context, Finding, Rule
from candour.store import Engine, Store, portable

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

# whole-value columns a finding may cite when no narrative span applies
_VALUE_COLUMNS = {
    "crimes": (
        "crime_id",
        ("recorded_at", "cancellation_class", "cancelled_by_id", "status", "offence_code"),
    ),
    "incidents": ("incident_id", ("reported_at",)),
}


class _Texts:
    """(table, id, column) → a whole column value as text, kept per table and column."""

    def __init__(self, by_column: dict[tuple[str, str], dict[str, str]]) -> None:
        self._by_column = by_column

    def get(self, key: tuple[str, str, str]) -> str | None:
        table, sid, column = key
        values = self._by_column.get((table, column))
        return values.get(sid) if values is not None else None


def _texts(store: Store) -> _Texts:
    out: dict[tuple[str, str], dict[str, str]] = {}
    for table, (key, columns) in _VALUE_COLUMNS.items():
        cols = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in columns)
        stores = [out.setdefault((table, c), {}) for c in columns]
        sql = f'SELECT CAST("{key}" AS VARCHAR), {cols} FROM "{table}"'
        cur = store.con.execute(portable(sql, store.engine))
        while rows := cur.fetchmany(65_536):
            for row in rows:
                for values, value in zip(stores, row[1:], strict=True):
                    if value is not None:
                        values[row[0]] = value
    return _Texts(out)


def audit(
    store: Store, rules: tuple[Rule, ...] = RULES, console: Console | None = None
) -> tuple[list[Finding], pa.Table]:
    """Apply every rule; the findings (highest score first) and the compliance table."""
    facts = Facts(store)
    night_hours = (22, 4)
    for r in rules:
        if "night_hours" in r.parameters:
            night_hours = tuple(r.parameters["night_hours"])  # type: ignore[assignment]
    readings = {iid: read(inc, facts, night_hours) for iid, inc in facts.incidents.items()}
    ctx = Context(facts, readings, _texts(store))
    best: dict[tuple[str, str, str], Finding] = {}
    for rule in rules:
        found = rule.apply(ctx)
        if console:
            console.log(f"audit: {rule.id} {rule.kind}: {len(found):,} findings")
        for f in found:
            key = (f.kind, f.subject_type, f.subject_id)
            if key not in best or f.score > best[key].score:
                best[key] = f
    findings = sorted(best.values(), key=lambda f: (-f.score, f.kind, f.subject_id))
    invalid = {f.subject_id for f in findings if f.kind == "invalid_cancellation"}
    late = {f.subject_id for f in findings if f.kind == "late_recording"}
    return findings, compliance(facts, readings, invalid, late)


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


def run(
    store: Store, *, engine: Engine = "duckdb", console: Console | None = None
) -> dict[str, int]:
    """Write ``findings`` and ``compliance`` to the store."""
    findings, table = audit(store, console=console)
    with store.transaction():
        store.write("findings", findings_table(findings))
        store.write("compliance", table)
    by_kind: dict[str, int] = {}
    for f in findings:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
    return by_kind
