"""Hand-made inquiry stores for the link stage's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from candour.bundle.contract import TABLES
from candour.store import Store

ARROW = {"str": pa.string(), "enum": pa.string(), "date": pa.date32(), "int": pa.int32()}


def contract_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """A contract table (all its columns, typed) from partial rows."""
    fields = [(c.name, ARROW.get(c.type, pa.timestamp("us"))) for c in TABLES[name].columns]
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{c: r.get(c) for c, _ in fields} for r in rows], schema=schema)


def make_store(path: Path, **tables: list[dict[str, Any]]) -> Store:
    store = Store(path)
    for name in ("records", "incidents", "incident_records", "crimes", "crime_records"):
        store.write(name, contract_table(name, tables.get(name, [])))
    return store


@pytest.fixture
def store_factory(tmp_path: Path) -> Any:
    def make(**tables: list[dict[str, Any]]) -> Store:
        return make_store(tmp_path / "inquiry.duckdb", **tables)

    return make
