"""The inquiry database: one DuckDB file per inquiry, behind one small interface.

Stages read tables and write tables through a :class:`Store`. SQL in stages is
written in DuckDB's dialect and passes through :func:`portable`, which
transpiles it with SQLGlot when the engine is Spark, so no engine-specific SQL
is scattered through the stages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa
import sqlglot

Engine = Literal["duckdb", "spark"]

DB_NAME = "inquiry.duckdb"


def portable(sql: str, engine: Engine = "duckdb") -> str:
    """SQL written in DuckDB's dialect, rendered for ``engine``."""
    if engine == "duckdb":
        return sql
    return ";\n".join(sqlglot.transpile(sql, read="duckdb", write="spark"))


class Store:
    """An inquiry's DuckDB database file."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        self.engine: Engine = "duckdb"
        self.in_transaction = False  # inside transaction(): writers join it, not nest

    # -- reading -------------------------------------------------------------
    def has(self, table: str) -> bool:
        rows = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchall()
        return bool(rows and rows[0][0])

    def tables(self) -> list[str]:
        return [
            r[0]
            for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name"
            ).fetchall()
        ]

    def count(self, table: str) -> int:
        if not self.has(table):
            return 0
        rows = self.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()
        return int(rows[0][0]) if rows else 0

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(portable(sql, self.engine), params or []).fetchall()

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(portable(sql, self.engine), params or [])
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def arrow(self, table_or_sql: str, params: list[Any] | None = None) -> pa.Table:
        sql = table_or_sql if " " in table_or_sql.strip() else f'SELECT * FROM "{table_or_sql}"'
        return self.con.sql(portable(sql, self.engine), params=params or None).to_arrow_table()

    # -- writing -------------------------------------------------------------
    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        self.con.execute(portable(sql, self.engine), params or [])

    def write(self, name: str, data: pa.Table | str) -> None:
        """Replace table ``name`` with an Arrow table or the result of a SELECT."""
        if isinstance(data, str):
            self.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS {portable(data, self.engine)}')
        else:
            self.con.register("_candour_write", data)
            try:
                self.con.execute(
                    f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _candour_write'
                )
            finally:
                self.con.unregister("_candour_write")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure (or a killed process) leaves the store as before."""
        self.con.execute("BEGIN TRANSACTION")
        self.in_transaction = True
        try:
            yield
        except BaseException:
            self.in_transaction = False
            self.con.execute("ROLLBACK")
            raise
        self.in_transaction = False
        self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
