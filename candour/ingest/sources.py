"""Reading a bundle's files as streams of Arrow record batches of text cells.

A CSV (or CSV.gz) is read by Python's csv module over a text stream, so every
record keeps the physical line it starts on (the header is line 1) and
embedded newlines, quotes and commas follow RFC 4180. A Parquet file is read
in row groups; its "line" is the row number. Cells stay text here: typing and
checking happen in DuckDB (candour.ingest.checks).

A record the reader itself cannot use is still yielded, with its cells empty
and a problem named in ``_reason`` (``field_count``: a truncated or
overlong line; ``invalid_utf8``: bytes that are not UTF-8; ``malformed_csv``),
so that every record read is counted once.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from candour.ingest.errors import BundleError

BATCH_ROWS = 20_000
# A quoted field longer than this is a broken quote swallowing the file, not a narrative.
csv.field_size_limit(min(sys.maxsize, 64 * 2**20))

_SURROGATE = re.compile("[\udc80-\udcff]")
META = ("_file", "_line", "_seq", "_reason", "_column", "_message", "_raw")


@dataclass
class Source:
    """One file (or the inline rows) of a bundle table."""

    path: Path | None  # None for inline rows
    name: str  # as reported: the path inside the bundle
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] | None = None
    encoding: str = "utf-8-sig"  # a CSV's text encoding (bundle.yaml's ``encoding``)
    delimiter: str = ","  # a CSV's field separator (bundle.yaml's ``delimiter``)

    @property
    def kind(self) -> str:
        if self.rows is not None:
            return "rows"
        return "parquet" if self.name.lower().endswith(".parquet") else "csv"

    @property
    def size(self) -> int:
        if self.path is None:
            return len(self.rows or [])
        return self.path.stat().st_size


def unique_names(names: list[str]) -> list[str]:
    """Header names made usable: blanks named by position, repeats numbered."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for i, raw in enumerate(names):
        name = escape(raw).strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def escape(text: str) -> str:
    """Text with undecodable bytes shown as ``\\xNN`` (valid UTF-8 again)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _open_text(source: Source) -> tuple[IO[bytes], io.TextIOWrapper]:
    assert source.path is not None
    raw = source.path.open("rb")
    stream: IO[bytes] = raw
    if source.path.name.lower().endswith(".gz"):
        stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    text = io.TextIOWrapper(stream, encoding=source.encoding, errors="surrogateescape", newline="")
    return raw, text


_READ_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def read_header(source: Source) -> list[str]:
    """The source's column names; an unreadable file is a BundleError naming it."""
    if source.rows is not None:
        names: dict[str, None] = {}
        for row in source.rows:
            names.update(dict.fromkeys(row))
        return list(names)
    assert source.path is not None
    try:
        if source.kind == "parquet":
            return unique_names(list(pq.ParquetFile(source.path).schema_arrow.names))
        raw, text = _open_text(source)
        with raw, text:
            first = next(csv.reader(text, delimiter=source.delimiter), None)
    except (*_READ_ERRORS, csv.Error, pa.ArrowException) as exc:
        raise BundleError(f"{source.name}: cannot read the file: {exc}") from exc
    if not first or not any(c.strip() for c in first):
        raise BundleError(f"{source.name}: no header row (the file is empty)")
    return unique_names(first)


def schema(columns: list[str]) -> pa.Schema:
    """The staging schema: positional text columns, then provenance and problems."""
    fields = [pa.field(c, pa.string()) for c in columns]
    fields += [pa.field(m, pa.int64() if m in ("_line", "_seq") else pa.string()) for m in META]
    return pa.schema(fields)


class Batcher:
    """Collects records into Arrow record batches in a table's staging layout."""

    def __init__(self, stage_columns: list[str], positions: list[int], file: str, seq: int):
        self.stage_columns = stage_columns  # every staging column of the table
        self.positions = positions  # staging column index of each source column
        self.file = file
        self.seq = seq
        self.schema = schema(stage_columns)
        self.cells: list[list[str | None]] = []
        self.lines: list[int] = []
        self.problems: dict[int, tuple[str, str, str]] = {}  # row index → reason, message, raw

    def _reset(self) -> None:
        """Empty the batch (in place: readers hold the lists' append methods)."""
        self.cells.clear()
        self.lines.clear()
        self.problems.clear()

    def __len__(self) -> int:
        return len(self.cells)

    def add(self, cells: list[str | None], line: int) -> None:
        self.cells.append(cells)
        self.lines.append(line)

    def add_problem(self, line: int, reason: str, message: str, raw: str) -> None:
        self.problems[len(self.cells)] = (reason, message, raw)
        self.cells.append([None] * len(self.positions))
        self.lines.append(line)

    def batch(self) -> pa.RecordBatch:
        n = len(self.cells)
        columns = list(zip(*self.cells, strict=True)) if n else [()] * len(self.positions)
        arrays: list[pa.Array] = [pa.nulls(n, pa.string())] * len(self.stage_columns)
        for pos, values in zip(self.positions, columns, strict=True):
            try:
                arrays[pos] = pa.array(values, pa.string())
            except UnicodeEncodeError:
                return self._undecodable()
        if self.problems:
            reasons = [self.problems.get(i, (None, None, None)) for i in range(n)]
            reason, message, raw = (
                pa.array([r[k] for r in reasons], pa.string()) for k in range(3)
            )
        else:
            reason = message = raw = pa.nulls(n, pa.string())
        arrays += [
            pa.repeat(self.file, n).cast(pa.string()) if n else pa.array([], pa.string()),
            pa.array(self.lines, pa.int64()),
            pa.array(range(self.seq, self.seq + n), pa.int64()),
            reason,
            pa.nulls(n, pa.string()),
            message,
            raw,
        ]
        self.seq += n
        self._reset()
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)

    def _undecodable(self) -> pa.RecordBatch:
        """Mark records holding bytes that are not UTF-8 as problems, then build again."""
        for i, cells in enumerate(self.cells):
            joined = "\x1f".join(c for c in cells if c is not None)
            if _SURROGATE.search(joined):
                raw = escape(_csv_line([c or "" for c in cells]))
                self.problems[i] = (
                    "invalid_utf8",
                    "bytes that are not UTF-8 (shown as \\xNN in raw); if the export is in "
                    "another encoding, name it in bundle.yaml (encoding: cp1252)",
                    raw,
                )
                self.cells[i] = [None] * len(self.positions)
        return self.batch()


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


Progress = Callable[[int], None]


def read_batches(
    source: Source, batcher: Batcher, progress: Progress | None = None
) -> Iterator[pa.RecordBatch]:
    """Every record of one source as staging batches; ``progress`` gets bytes (or rows) done."""
    if source.kind == "rows":
        yield from _rows_batches(source, batcher)
    elif source.kind == "parquet":
        yield from _parquet_batches(source, batcher, progress)
    else:
        yield from _csv_batches(source, batcher, progress)


def _rows_batches(source: Source, batcher: Batcher) -> Iterator[pa.RecordBatch]:
    for i, row in enumerate(source.rows or [], start=1):
        batcher.add([row.get(h) for h in source.header], i)
    yield batcher.batch()


def _parquet_batches(
    source: Source, batcher: Batcher, progress: Progress | None
) -> Iterator[pa.RecordBatch]:
    assert source.path is not None
    line = 0
    try:
        pf = pq.ParquetFile(source.path)
        total_rows = max(pf.metadata.num_rows, 1)
        for rb in pf.iter_batches(batch_size=BATCH_ROWS):
            columns = [_as_text(rb.column(i)) for i in range(rb.num_columns)]
            for cells in zip(*columns, strict=True):
                line += 1
                batcher.add(list(cells), line)
            yield batcher.batch()
            if progress:
                progress(int(source.size * line / total_rows))
    except (pa.ArrowException, OSError) as exc:
        raise BundleError(f"{source.name}: cannot read the file: {exc}") from exc


def _as_text(column: pa.Array) -> list[Any]:
    """A Parquet column's values as text; types Arrow cannot cast go through Python's str."""
    try:
        return column.cast(pa.string()).to_pylist()
    except pa.ArrowException:  # e.g. no string cast for lists, structs or binary
        return [None if v is None else str(v) for v in column.to_pylist()]


def _csv_batches(
    source: Source, batcher: Batcher, progress: Progress | None
) -> Iterator[pa.RecordBatch]:
    assert source.path is not None
    width = len(source.header)
    try:
        raw, text = _open_text(source)
        with raw, text:
            reader = csv.reader(text, delimiter=source.delimiter)
            next(reader, None)  # the header, already read
            last = reader.line_num
            add_cells, add_line = batcher.cells.append, batcher.lines.append
            while True:
                try:
                    for cells in reader:
                        start, last = last + 1, reader.line_num
                        if len(cells) == width:
                            add_cells(cells)  # type: ignore[arg-type]
                            add_line(start)
                        elif cells:
                            batcher.add_problem(
                                start,
                                "field_count",
                                f"expected {width} fields, found {len(cells)}"
                                + (" (a truncated line?)" if len(cells) < width else ""),
                                escape(_csv_line(cells)),
                            )
                        else:
                            continue  # a blank line is not a record
                        if len(batcher.cells) >= BATCH_ROWS:
                            yield batcher.batch()
                            if progress:
                                progress(raw.tell())
                    break
                except csv.Error as exc:
                    start, last = last + 1, reader.line_num
                    batcher.add_problem(start, "malformed_csv", f"unreadable CSV: {exc}", "")
            if len(batcher):
                yield batcher.batch()
            if progress:
                progress(source.size)
    except _READ_ERRORS as exc:
        raise BundleError(f"{source.name}: cannot read the file: {exc}") from exc
