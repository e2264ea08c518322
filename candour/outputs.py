"""The output files of spec/outputs.md, written from the store's stage tables."""

from __future__ import annotations

from pathlib import Path

from candour.store import Store

# output file: (store table, columns in contract order, ORDER BY)
OUTPUTS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "findings.csv": (
        "findings",
        (
            "finding_id",
            "kind",
            "subject_type",
            "subject_id",
            "force_id",
            "score",
            "rule_id",
            "summary",
            "evidence",
        ),
        "score DESC, finding_id",
    ),
    "people.csv": ("people", ("record_id", "person_id"), "record_id"),
    "groups.csv": ("groups", ("person_id", "group_id", "role"), "group_id, person_id"),
    "knowledge.csv": (
        "knowledge",
        ("officer_id", "document_id", "informed_at"),
        "officer_id, informed_at",
    ),
}


def write_all(store: Store, out: Path) -> list[Path]:
    """Write every output whose stage table exists; return the paths written."""
    written = []
    for filename, (table, columns, order) in OUTPUTS.items():
        if not store.has(table):
            continue
        path = out / filename
        cols = ", ".join(f'"{c}"' for c in columns)
        store.con.execute(
            f"COPY (SELECT {cols} FROM \"{table}\" ORDER BY {order}) TO '{path}' "
            "(HEADER, DELIMITER ',')"
        )
        written.append(path)
    return written
