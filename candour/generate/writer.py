"""Streaming CSV output: every contract table and the truth files, row by row.

Rows are written as they are made, so memory stays bounded whatever the
size of the inquiry. Column order is the contract's (candour.bundle.contract).
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import yaml

from candour.bundle.contract import TABLES

TRUTH: dict[str, tuple[str, ...]] = {
    "people": ("record_id", "person_id"),
    "groups": ("person_id", "group_id", "role"),
    "findings": ("kind", "subject_type", "subject_id"),
    "knowledge": ("officer_id", "document_id", "informed_at"),
}


def cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%dT%H:%M")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


class Sink:
    """Open CSV writers for the bundle's tables and its truth/."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "truth").mkdir(exist_ok=True)
        self.out = out
        self._files: list[IO[str]] = []
        self._writers: dict[str, Any] = {}
        self.counts: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        for name, table in TABLES.items():
            self._open(name, out / f"{name}.csv", table.column_names)
        for name, cols in TRUTH.items():
            self._open(f"truth/{name}", out / "truth" / f"{name}.csv", cols)

    def _open(self, key: str, path: Path, header: tuple[str, ...]) -> None:
        f = path.open("w", newline="", encoding="utf-8")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        self._files.append(f)
        self._writers[key] = w

    def row(self, table: str, values: list[Any]) -> None:
        self._writers[table].writerow([v if type(v) is str else cell(v) for v in values])
        self.counts[table] += 1

    def finding(self, kind: str, subject_type: str, subject_id: str) -> None:
        self.row("truth/findings", [kind, subject_type, subject_id])
        self.findings[kind] += 1

    def close(self, meta: dict[str, Any]) -> None:
        for f in self._files:
            f.close()
        doc = {
            "bundle": 1,
            "name": meta.get("name", "synthetic inquiry"),
            "generator": {k: v for k, v in meta.items() if k != "name"},
        }
        (self.out / "bundle.yaml").write_text(
            yaml.safe_dump(doc, sort_keys=False), encoding="utf-8"
        )
