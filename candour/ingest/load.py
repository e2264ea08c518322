"""`candour ingest`: a bundle into the inquiry database, every row loaded or quarantined.

The whole ingest is one DuckDB transaction: a fatal problem, an exception or
a killed process leaves the database as it was. Contract tables, the
``quarantine`` table and ``ingest_report`` are replaced (re-ingesting is
idempotent); any other table in the database (the ledger, workspace users) is
left alone. Rows stream from the files into DuckDB in Arrow batches; typing,
checking and de-duplication run as SQL there, so memory stays bounded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from candour.bundle.contract import KEPT_AS_WRITTEN, TABLES, VOCABULARIES
from candour.bundle.mapping import MAPPING_FILE, MappingError, read_mapping
from candour.ingest.checks import checked_sql, duplicates_sql, q, raw_sql, vocabulary_rows
from candour.ingest.errors import BundleError
from candour.ingest.plan import TablePlan, plan_bundle
from candour.ingest.sources import META, Batcher, Source, read_batches

REPORT_FILE = "ingest_report.json"
EXAMPLES = 10  # quarantine examples per table in the report
MEMORY_LIMIT = "768MB"  # DuckDB's share; it spills to disk beyond this

SQL_TYPES = {
    "str": "VARCHAR",
    "enum": "VARCHAR",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "int": "INTEGER",
}

QUARANTINE_DDL = """
CREATE OR REPLACE TABLE quarantine (
    table_name VARCHAR, file VARCHAR, line BIGINT, column_name VARCHAR,
    reason VARCHAR, message VARCHAR, raw VARCHAR
)"""


def ingest(
    bundle: Path,
    db: Path,
    console: Console | None = None,
    mapping: Path | None = None,
) -> dict[str, Any]:
    """Load ``bundle`` into the DuckDB file ``db``; the ingest report (also written beside ``db``).

    ``bundle`` is a bundle folder (its ``bundle.yaml``, if any, maps it) or a
    bundle.yaml whose folder holds the files; ``mapping`` names a bundle.yaml
    kept elsewhere (examples/ holds mappings for real exports).
    """
    bundle, db = Path(bundle), Path(db)
    if bundle.is_file() and bundle.suffix in (".yaml", ".yml"):
        root, mapping = bundle.parent, mapping or bundle
    else:
        root = bundle
    if not root.is_dir():
        raise BundleError(f"{bundle}: no such bundle folder")
    try:
        declared = read_mapping(mapping or root / MAPPING_FILE)
    except MappingError as exc:
        raise BundleError(str(exc)) from exc
    plans = plan_bundle(root, declared)  # every fatal problem is found before any write
    report: dict[str, Any] = {
        "bundle": str(root),
        "name": declared.name,
        "ingested_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    existed = db.exists()
    try:
        report["tables"] = _load(plans, db, console, report)
    except BaseException:
        if not existed:  # nothing written: not even an empty database file
            for leftover in (db, db.with_name(db.name + ".wal")):
                leftover.unlink(missing_ok=True)
        raise
    (db.parent / REPORT_FILE).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def _load(
    plans: list[TablePlan], db: Path, console: Console | None, report: dict[str, Any]
) -> dict[str, Any]:
    """Every table in one transaction; the per-table accounting."""
    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db))
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET enable_progress_bar = false")
    progress = _progress(console)
    tables: dict[str, dict[str, Any]] = {}
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(QUARANTINE_DDL)
        with progress or contextlib.nullcontext():
            for plan in plans:
                earlier = tables.get(plan.name)
                done = _load_table(con, plan, progress, append=earlier is not None)
                tables[plan.name] = done if earlier is None else _add_part(earlier, done)
        for plan in plans:
            tables[plan.name]["dangling"] = _dangling(con, plan)
        con.execute("CREATE OR REPLACE TABLE ingest_report (ingested_at TIMESTAMP, report JSON)")
        con.execute(
            "INSERT INTO ingest_report VALUES (?, ?)",
            [report["ingested_at"], json.dumps({**report, "tables": tables})],
        )
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return tables


def _progress(console: Console | None) -> Progress | None:
    if console is None:
        return None
    return Progress(
        TextColumn("[bold]{task.description:<20}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"),
        TimeElapsedColumn(),
        console=console,
    )


def _stage_ddl(name: str, columns: list[str]) -> str:
    cols = [f"{q(c)} VARCHAR" for c in columns]
    cols += [f"{m} {'BIGINT' if m in ('_line', '_seq') else 'VARCHAR'}" for m in META]
    return f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(cols)})"


def _stage(
    con: duckdb.DuckDBPyConnection,
    into: str,
    prefix: str,
    sources: list[Source],
    columns: list[str],
    advance: Any,
) -> None:
    names = [f"{prefix}{i}" for i in range(len(columns))]
    con.execute(_stage_ddl(into, names))
    seq = 0
    for source in sources:
        positions = [columns.index(h) for h in source.header]
        batcher = Batcher(names, positions, source.name, seq)
        done = partial(advance, source)
        for batch in read_batches(source, batcher, done):
            # from_arrow, not register: a registered Arrow table stays alive until the
            # connection closes, and RSS would grow with the bundle
            con.from_arrow(pa.Table.from_batches([batch])).insert_into(into)
            advance(source, None, batch.num_rows)
        seq = batcher.seq


def _add_part(earlier: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """The accounting of a table loaded in parts: this part's added to the earlier ones'."""
    reasons = dict(earlier["reasons"])
    for reason, n in part["reasons"].items():
        reasons[reason] = reasons.get(reason, 0) + n
    return {
        **part,  # loaded, quarantined and kept_as_written count the whole table already
        "read": earlier["read"] + part["read"],
        "reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "examples": (earlier["examples"] + part["examples"])[:EXAMPLES],
    }


def _load_table(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    progress: Progress | None,
    append: bool = False,
) -> dict[str, Any]:
    """Load one table (or, with ``append``, one more part of a table loaded in parts)."""
    table = plan.table
    if not plan.sources:
        cols = [f"{q(c.name)} {SQL_TYPES[c.type]}" for c in table.columns]
        cols += ["_file VARCHAR", "_line BIGINT", "_extra VARCHAR"]
        con.execute(f"CREATE OR REPLACE TABLE {q(table.name)} ({', '.join(cols)})")
        return {"read": 0, "loaded": 0, "quarantined": 0, "reasons": {}, "examples": []}

    everything = plan.sources + (plan.join.sources if plan.join else [])
    task = None
    if progress is not None:
        total = sum(s.size for s in everything)
        task = progress.add_task(table.name, total=total, rows=0)
    finished: dict[str, int] = {}
    rows = 0

    def advance(source: Source, done: int | None, n: int = 0) -> None:
        nonlocal rows
        if done is not None:
            finished[source.name] = done
        rows += n
        if progress is not None and task is not None:
            progress.update(task, completed=sum(finished.values()), rows=rows)

    if plan.join:
        _stage(con, "_joined_raw", "j", plan.join.sources, plan.join.columns, advance)
        right = q(f"j{plan.join.right}")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _joined AS SELECT * FROM _joined_raw "
            f"WHERE _reason IS NULL AND {right} IS NOT NULL "
            f"QUALIFY row_number() OVER (PARTITION BY {right} ORDER BY _seq) = 1"
        )
        con.execute("DROP TABLE _joined_raw")
        rows = 0
    _stage(con, "_stage", "s", plan.sources, plan.columns, advance)

    con.execute("CREATE OR REPLACE TEMP TABLE _vocab (col VARCHAR, key VARCHAR, value VARCHAR)")
    vocab = vocabulary_rows(plan)
    if vocab:
        con.executemany("INSERT INTO _vocab VALUES (?, ?, ?)", vocab)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _checked AS {checked_sql(plan)}")
    if append:
        con.execute(duplicates_sql(plan, earlier=q(table.name)))
    con.execute(duplicates_sql(plan))
    columns = ", ".join(q(c) for c in table.column_names)
    select = (
        f"SELECT {columns}, _file, _line, _extra FROM _checked WHERE _reason IS NULL ORDER BY _seq"
    )
    if append:
        con.execute(f"INSERT INTO {q(table.name)} {select}")
    else:
        con.execute(f"CREATE OR REPLACE TABLE {q(table.name)} AS {select}")
    con.execute(
        "INSERT INTO quarantine SELECT ?, c._file, c._line, c._column, c._reason, c._message, "
        f"{raw_sql(plan)} FROM _checked c JOIN _stage s USING (_seq) "
        "WHERE c._reason IS NOT NULL ORDER BY c._seq",
        [table.name],
    )
    result = _accounting(con, table.name)
    for cleanup in ("_stage", "_checked", "_vocab", "_joined"):
        con.execute(f"DROP TABLE IF EXISTS {cleanup}")
    if progress is not None and task is not None:
        progress.update(task, completed=progress.tasks[task].total)
    return result


def _accounting(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any]:
    def one(sql: str, params: list[Any] | None = None) -> int:
        row = con.execute(sql, params or []).fetchone()
        return int(row[0]) if row else 0

    read = one("SELECT count(*) FROM _checked")
    loaded = one(f"SELECT count(*) FROM {q(name)}")
    quarantined = one("SELECT count(*) FROM quarantine WHERE table_name = ?", [name])
    reasons = dict(
        con.execute(
            "SELECT _reason, count(*) FROM _checked WHERE _reason IS NOT NULL "
            "GROUP BY _reason ORDER BY count(*) DESC, _reason"
        ).fetchall()
    )
    examples = [
        {"file": f, "line": line, "column": c, "message": m}
        for f, line, c, m in con.execute(
            # the first row of each reason, then the earliest others
            "SELECT _file, _line, _column, _message FROM (SELECT *, row_number() OVER "
            "(PARTITION BY _reason ORDER BY _seq) AS _nth FROM _checked WHERE _reason IS NOT NULL) "
            f"ORDER BY _nth > 1, _seq LIMIT {EXAMPLES}"
        ).fetchall()
    ]
    result: dict[str, Any] = {
        "read": read,
        "loaded": loaded,
        "quarantined": quarantined,
        "reasons": reasons,
        "examples": examples,
    }
    kept = _kept_as_written(con, name)
    if kept:
        result["kept_as_written"] = kept
    return result


def _kept_as_written(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, dict[str, int]]:
    """Values outside a vocabulary that the contract keeps as written (cancellation_class)."""
    kept: dict[str, dict[str, int]] = {}
    for column in TABLES[name].columns:
        if column.vocabulary not in KEPT_AS_WRITTEN:
            continue
        assert column.vocabulary is not None
        allowed = ", ".join(f"'{v}'" for v in VOCABULARIES[column.vocabulary])
        counts = con.execute(
            f"SELECT {q(column.name)}, count(*) FROM {q(name)} WHERE {q(column.name)} "
            f"NOT IN ({allowed}) GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        if counts:
            kept[column.name] = {str(v): int(n) for v, n in counts}
    return kept


def _dangling(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> dict[str, int]:
    """References to keys that do not exist, per column (the rows are kept)."""
    out: dict[str, int] = {}
    for column in plan.table.columns:
        if not column.references:
            continue
        target, key = column.references.split(".")
        row = con.execute(
            f"SELECT count(*) FROM {q(plan.name)} a WHERE a.{q(column.name)} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {q(target)} b WHERE b.{q(key)} = a.{q(column.name)})"
        ).fetchone()
        out[column.name] = int(row[0]) if row else 0
    return out
