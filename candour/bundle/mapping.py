"""``bundle.yaml``: how a bundle's own files and columns map to the contract.

Every scalar in the YAML is read as a string (``NO``, ``01`` and ``C1`` stay
as written); pydantic then checks the shape. Two additions to the layout of
spec/bundle.md serve real exports that split or omit tables:

- ``join: {file, on}`` reads a second file and adds its columns to each row
  of the table's file where the ``on`` column matches (the first match; a
  column the table's file already has is not replaced);
- ``rows: [{column: value, ...}]`` gives a small table inline (a forces list
  the export only names in passing);
- a table may be a list of such mappings, one per layout: the parts load
  into one table (a force's nominals and a council's referrals, each with its
  own column names and constants), a key repeated across parts quarantined as
  a duplicate like any other.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from candour.bundle.contract import TABLES, VOCABULARIES
from candour.bundle.vocabulary import builtin_spellings, vocabulary_key

MAPPING_FILE = "bundle.yaml"
DELIMITERS = (",", ";", "|", "\t")


class MappingError(ValueError):
    """bundle.yaml does not describe a usable mapping."""


class Join(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    encoding: str | None = None  # the joined file's, if not the table's
    on: (
        str | dict[str, str]
    )  # one column name in both files, or {table_file_column: join_file_column}

    def columns(self) -> tuple[str, str]:
        """(column in the table's file, column in the joined file)."""
        if isinstance(self.on, str):
            return self.on, self.on
        if len(self.on) != 1:
            raise MappingError("join.on must name one column, or one {left: right} pair")
        ((left, right),) = self.on.items()
        return left, right


class TableMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    constants: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    date_format: str | list[str] | dict[str, str | list[str]] | None = None
    join: Join | None = None
    rows: list[dict[str, str]] | None = None
    encoding: str = "utf-8"  # of the table's CSV files (cp1252 for many Windows exports)
    delimiter: str = ","  # of the table's CSV files: "," ";" "|" or "\t" (or comma, tab, ...)

    @field_validator("delimiter", mode="before")
    @classmethod
    def _named_delimiter(cls, value: object) -> object:
        names = {"comma": ",", "semicolon": ";", "pipe": "|", "tab": "\t"}
        return names.get(value.lower(), value) if isinstance(value, str) else value

    def formats_for(self, column: str) -> list[str]:
        """The declared date formats for one contract column (empty: none declared)."""
        fmt = self.date_format
        if isinstance(fmt, dict):
            fmt = fmt.get(column)
        if fmt is None:
            return []
        return [fmt] if isinstance(fmt, str) else list(fmt)


class BundleMapping(BaseModel):
    model_config = ConfigDict(extra="allow")

    bundle: int = 1
    name: str | None = None
    tables: dict[str, TableMapping | list[TableMapping]] = Field(default_factory=dict)

    @field_validator("tables", mode="before")
    @classmethod
    def _no_null_tables(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: ({} if v in (None, "") else v) for k, v in value.items()}
        return value

    def parts(self, name: str) -> list[TableMapping]:
        """The mappings of one table: one, or one per layout its files come in."""
        declared = self.tables.get(name)
        if isinstance(declared, list):
            return declared or [TableMapping()]
        return [declared or TableMapping()]


def read_mapping(path: Path | None) -> BundleMapping:
    """Read and check a bundle.yaml (``None`` or a missing file: the contract as is)."""
    if path is None or not path.exists():
        return BundleMapping()
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: cannot read YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise MappingError(f"{path}: expected a mapping at the top level")
    try:
        mapping = BundleMapping.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MappingError(f"{path}: {where}: {first['msg']}") from exc
    check(mapping, path)
    return mapping


def check(mapping: BundleMapping, path: Path) -> None:
    """Every table and contract column named exists; vocabulary targets are contract values."""
    if mapping.bundle != 1:
        raise MappingError(f"{path}: bundle contract version {mapping.bundle} (this is version 1)")
    for name in mapping.tables:
        if name not in TABLES:
            raise MappingError(
                f"{path}: unknown table {name!r}; the contract's tables are {', '.join(TABLES)}"
            )
        parts = mapping.parts(name)
        if len(parts) > 1 and any(t.file is None and t.rows is None for t in parts):
            raise MappingError(f"{path}: tables.{name}: each part of a table needs a file or rows")
        for table in parts:
            _check_table(name, table, path)


def _check_table(name: str, table: TableMapping, path: Path) -> None:
    """One mapping of one table: its columns exist; vocabulary targets are contract values."""
    contract = TABLES[name]
    named = [*table.columns, *table.constants, *table.values]
    if isinstance(table.date_format, dict):
        named += list(table.date_format)
    for column in named:
        if column not in contract.column_names:
            raise MappingError(
                f"{path}: tables.{name}: {column!r} is not a column of {name} "
                f"({', '.join(contract.column_names)})"
            )
    if table.rows is not None and table.file is not None:
        raise MappingError(f"{path}: tables.{name}: give either file or rows, not both")
    if table.delimiter not in DELIMITERS:
        raise MappingError(
            f"{path}: tables.{name}.delimiter: {table.delimiter!r} is not one of "
            + ", ".join(repr(d) for d in DELIMITERS)
        )
    for where, encoding in (
        ("encoding", table.encoding),
        ("join.encoding", table.join and table.join.encoding),
    ):
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise MappingError(
                    f"{path}: tables.{name}.{where}: unknown text encoding {encoding!r}"
                ) from None
    for column, values in table.values.items():
        vocab = contract.column(column).vocabulary
        if vocab is None:
            continue
        spellings = builtin_spellings(vocab)
        for source, target in values.items():
            if vocabulary_key(target) not in spellings:
                raise MappingError(
                    f"{path}: tables.{name}.values.{column}: {source!r} maps to {target!r}, "
                    f"not one of {', '.join(VOCABULARIES[vocab])}"
                )
