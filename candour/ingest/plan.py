"""Before anything is written: which files make each table, and where each contract column comes from.

Planning reads only headers. Every fatal problem (no such file, an unreadable
file, a required column nobody supplies, a mapped column the file lacks) is
found here, so a bundle that cannot be ingested leaves the database untouched.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from candour.bundle.contract import TABLES, Table
from candour.bundle.mapping import MAPPING_FILE, BundleMapping, TableMapping
from candour.bundle.vocabulary import vocabulary_key
from candour.ingest.errors import BundleError
from candour.ingest.sources import Source, read_header

SUFFIXES = (".csv", ".csv.gz", ".parquet")


@dataclass(frozen=True)
class Binding:
    """Where one contract column's value comes from."""

    kind: Literal["stage", "join", "constant"]
    index: int = -1  # staging (or joined) column position
    value: str = ""  # the constant


@dataclass
class JoinPlan:
    sources: list[Source]
    columns: list[str]  # union of the joined files' column names
    left: int  # staging column of the table's file to match on
    right: int  # joined column to match on


@dataclass
class TablePlan:
    table: Table
    mapping: TableMapping
    sources: list[Source] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # union of the sources' column names
    bindings: dict[str, Binding] = field(default_factory=dict)
    join: JoinPlan | None = None

    @property
    def name(self) -> str:
        return self.table.name

    def positions(self, source: Source) -> list[int]:
        return [self.columns.index(h) for h in source.header]

    def unused(self) -> tuple[list[int], list[int]]:
        """Staging and joined columns no contract column reads (kept in ``_extra``)."""
        used = {(b.kind, b.index) for b in self.bindings.values()}
        stage = [i for i in range(len(self.columns)) if ("stage", i) not in used]
        joined = [
            i for i in range(len(self.join.columns) if self.join else 0) if ("join", i) not in used
        ]
        if self.join:
            joined = [i for i in joined if i != self.join.right]
        return stage, joined


def _files(
    root: Path, pattern: str, what: str, encoding: str = "utf-8", delimiter: str = ","
) -> list[Source]:
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise BundleError(f"{MAPPING_FILE}: {what}: {pattern!r} must be a path inside the bundle")
    paths = sorted(p for p in root.glob(pattern) if p.is_file())
    if not paths:
        raise BundleError(f"{pattern}: no file in the bundle matches ({what})")
    return [
        Source(p, p.relative_to(root).as_posix(), encoding=_text(encoding), delimiter=delimiter)
        for p in paths
    ]


def _text(encoding: str) -> str:
    """The codec to read with: UTF-8 is read with or without a byte-order mark."""
    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


def _default_sources(
    root: Path, name: str, encoding: str = "utf-8", delimiter: str = ","
) -> list[Source]:
    found = [root / f"{name}{s}" for s in SUFFIXES if (root / f"{name}{s}").is_file()]
    if len(found) > 1:
        raise BundleError(
            f"{', '.join(p.name for p in found)}: the bundle holds table {name} more than once"
        )
    return [Source(p, p.name, encoding=_text(encoding), delimiter=delimiter) for p in found]


def _same_name(header: str) -> str:
    return " ".join(header.split()).casefold()


def _union(sources: list[Source]) -> list[str]:
    """The column names of several files read as one table.

    A header spelt with other capitals or spacing in a later file ("Surname",
    "SURNAME ") is the same column as the first file's ("SURNAME"), unless one
    file itself holds both spellings.
    """
    first: dict[str, str] = {}
    columns: dict[str, None] = {}
    for s in sources:
        header = read_header(s)
        keys = [_same_name(h) for h in header]
        if len(set(keys)) == len(keys):
            header = [first.setdefault(k, h) for k, h in zip(keys, header, strict=True)]
        s.header = header
        columns.update(dict.fromkeys(header))
    return list(columns)


def _find(columns: list[str], wanted: str, exact_only: bool) -> int:
    if wanted in columns:
        return columns.index(wanted)
    if exact_only:
        return -1
    folded = [vocabulary_key(c) for c in columns]
    key = vocabulary_key(wanted)
    return folded.index(key) if key and key in folded else -1


def plan_table(root: Path, table: Table, mapping: TableMapping) -> TablePlan:
    plan = TablePlan(table, mapping)
    where = f"tables.{table.name}"
    if mapping.rows is not None:
        plan.sources = [Source(None, MAPPING_FILE, rows=mapping.rows)]
    elif mapping.file:
        plan.sources = _files(
            root, mapping.file, f"{where}.file", mapping.encoding, mapping.delimiter
        )
    else:
        plan.sources = _default_sources(root, table.name, mapping.encoding, mapping.delimiter)
    if not plan.sources:
        return plan  # an absent table is empty
    plan.columns = _union(plan.sources)
    if mapping.join is not None:
        jsources = _files(
            root, mapping.join.file, f"{where}.join.file", mapping.join.encoding or mapping.encoding
        )
        jcolumns = _union(jsources)
        left, right = mapping.join.columns()
        li, ri = _find(plan.columns, left, True), _find(jcolumns, right, True)
        if li < 0:
            raise BundleError(f"{plan.sources[0].name}: no column {left!r} ({where}.join.on)")
        if ri < 0:
            raise BundleError(f"{jsources[0].name}: no column {right!r} ({where}.join.on)")
        plan.join = JoinPlan(jsources, jcolumns, li, ri)
    for column in table.columns:
        plan.bindings.update(_bind(plan, column.name, column.required))
    return plan


def _bind(plan: TablePlan, column: str, required: bool) -> dict[str, Binding]:
    mapping, first = plan.mapping, plan.sources[0].name
    mapped = mapping.columns.get(column)
    wanted = mapped or column
    if mapped is None and column in mapping.constants:
        return {column: Binding("constant", value=mapping.constants[column])}
    i = _find(plan.columns, wanted, mapped is not None)
    if i >= 0:
        binding = Binding("stage", i)
        for s in plan.sources:  # a column read from the files must be in every one
            if plan.columns[i] not in s.header and (required or mapped):
                raise BundleError(
                    f"{s.name}: no column {plan.columns[i]!r} "
                    f"(needed for {plan.name}.{column}; other files of the table have it)"
                )
        return {column: binding}
    if plan.join is not None:
        j = _find(plan.join.columns, wanted, mapped is not None)
        if j >= 0:
            return {column: Binding("join", j)}
    if mapped is not None:
        raise BundleError(
            f"{first}: no column {mapped!r} (bundle.yaml maps {plan.name}.{column} to it)"
        )
    if required:
        raise BundleError(
            f"{first}: required column {column!r} of {plan.name} is missing "
            "(name it in the header, map it in bundle.yaml, or give a constant)"
        )
    return {}


def plan_bundle(root: Path, mapping: BundleMapping) -> list[TablePlan]:
    """Plans for every contract table, in contract order (absent tables have no sources).

    A table mapped in parts (one per layout) has one plan per part, in order.
    """
    return [
        plan_table(root, table, part)
        for name, table in TABLES.items()
        for part in mapping.parts(name)
    ]
