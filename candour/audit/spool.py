"""Rows the audit sets aside on disk, a partition at a time, to read back with SQL.

Findings and children's incidents are written as Parquet files in a temporary
folder as each partition is read, so neither memory nor the inquiry database
holds them until the end (the store may be open read-only).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


class Spool:
    """Arrow tables of one schema, spooled to Parquet files under a temporary folder."""

    def __init__(self, name: str, schema: pa.Schema) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=f"candour-audit-{name}-"))
        self.schema = schema
        self.files = 0
        self.add(schema.empty_table())  # so the files are never none

    def add(self, table: pa.Table) -> None:
        pq.write_table(table.cast(self.schema), self.folder / f"{self.files:06d}.parquet")
        self.files += 1

    def sql(self) -> str:
        """A FROM-clause expression reading every spooled row."""
        return f"read_parquet('{(self.folder / '*.parquet').as_posix()}')"

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
