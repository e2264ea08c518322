"""`candour info DB`: what an inquiry database holds, and how its bundle was ingested."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from candour.bundle.contract import TABLES
from candour.store import Store

# (table, time column) whose span per force is worth a glance
SPANS = (
    ("incidents", "reported_at"),
    ("crimes", "recorded_at"),
    ("documents", "created_at"),
    ("complaints", "received_at"),
)


def summary(db: Path) -> dict[str, Any]:
    """Tables and row counts, the last ingest's accounting, quarantine reasons, time spans."""
    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such inquiry database")
    with Store(db, read_only=True) as store:
        tables = {name: store.count(name) for name in store.tables()}
        result: dict[str, Any] = {"database": str(db), "tables": tables}
        if store.has("ingest_report"):
            row = store.rows("SELECT report FROM ingest_report LIMIT 1")
            if row:
                report = json.loads(row[0][0])
                result["ingest"] = {k: report.get(k) for k in ("bundle", "name", "ingested_at")}
                result["accounting"] = report.get("tables", {})
        if store.has("quarantine"):
            result["quarantine"] = [
                {"table": t, "reason": r, "rows": n}
                for t, r, n in store.rows(
                    "SELECT table_name, reason, count(*) FROM quarantine "
                    "GROUP BY 1, 2 ORDER BY 1, 3 DESC"
                )
            ]
        spans = []
        for table, column in SPANS:
            if tables.get(table) and column in TABLES[table].column_names:
                spans += [
                    {"table": table, "force_id": f, "rows": n, "from": str(lo), "to": str(hi)}
                    for f, n, lo, hi in store.rows(
                        f'SELECT force_id, count(*), min("{column}"), max("{column}") '
                        f'FROM "{table}" GROUP BY 1 ORDER BY 1'
                    )
                ]
        result["spans"] = spans
    return result


def render(info: dict[str, Any], console: Console) -> None:
    """The summary as tables."""
    ingest = info.get("ingest")
    if ingest:
        console.print(
            f"[bold]{ingest.get('name') or ingest.get('bundle')}[/bold] "
            f"ingested {ingest.get('ingested_at')} from {ingest.get('bundle')}"
        )
    accounting = info.get("accounting", {})
    rows = Table(
        "table", "rows", "read", "loaded", "quarantined", "dangling refs", title=info["database"]
    )
    for name, n in info["tables"].items():
        a = accounting.get(name)
        cells = ["", "", "", ""]
        if a:
            dangling = sum(a.get("dangling", {}).values())
            cells = [f"{a['read']:,}", f"{a['loaded']:,}", f"{a['quarantined']:,}", f"{dangling:,}"]
        rows.add_row(name, f"{n:,}", *cells)
    console.print(rows)
    if info.get("quarantine"):
        q = Table("table", "reason", "rows", title="quarantined rows")
        for item in info["quarantine"]:
            q.add_row(item["table"], item["reason"], f"{item['rows']:,}")
        console.print(q)
    if info.get("spans"):
        s = Table("table", "force", "rows", "from", "to", title="time spans")
        for item in info["spans"]:
            s.add_row(
                item["table"], str(item["force_id"]), f"{item['rows']:,}", item["from"], item["to"]
            )
        console.print(s)
