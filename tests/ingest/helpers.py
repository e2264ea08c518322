"""Small bundles written byte for byte, and the accounting every ingest must satisfy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from candour.bundle.contract import TABLES

FORCES = "force_id,name\nF1,First Force\nF2,Second Force\n"
OFFICERS = (
    "officer_id,force_id,surname,forenames,rank,unit,supervisor_id,from_date\n"
    "O1,F1,Hale,Ann,Chief Supt,HQ,,2005-01-01\n"
    "O2,F1,Marsh,Ben,DI,CID,O1,01/04/2006\n"
    "O3,F1,Webb,Cara,PC,Response,O2,2007-09-03\n"
    "O4,F2,Orr,Dev,Sgt,Response,,14-Mar-2009\n"
)
INCIDENTS = (
    "incident_id,force_id,reported_at,channel,narrative,attending_officer_id,closed_at\n"
    "I1,F1,14/03/2009 23:40,999,Caller reports girl aged 14 in car with two adult males,O3,15/03/09 01:10\n"
    'I2,F1,2009-03-15T09:00,101,"Report of theft, ""no"" suspect named",O3,\n'
    "I3,F2,2009-04-01 10:00,999,Missing from home returned,O4,\n"
)
CRIMES = (
    "crime_id,force_id,incident_id,recorded_at,offence_code,status,cancellation_class\n"
    "C1,F1,I1,2009-03-16,19C,recorded,\n"
    "C2,F1,I2,2009-03-16,49,No Crimed,C2\n"
)


def bundle(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name → text or bytes) into ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
    return root


def valid_files() -> dict[str, str | bytes]:
    return {
        "forces.csv": FORCES,
        "officers.csv": OFFICERS,
        "incidents.csv": INCIDENTS,
        "crimes.csv": CRIMES,
    }


def assert_accounting(db: Path, report: dict[str, Any]) -> None:
    """read = loaded + quarantined for every table, and the database agrees with the report."""
    assert set(report["tables"]) == set(TABLES)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name, t in report["tables"].items():
            assert t["read"] == t["loaded"] + t["quarantined"], name
            assert sum(t["reasons"].values()) == t["quarantined"], name
            (loaded,) = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()  # type: ignore[misc]
            (quarantined,) = con.execute(
                "SELECT count(*) FROM quarantine WHERE table_name = ?", [name]
            ).fetchone()  # type: ignore[misc]
            assert (loaded, quarantined) == (t["loaded"], t["quarantined"]), name
    finally:
        con.close()


def query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def quarantined(db: Path, table: str) -> list[tuple[Any, ...]]:
    """(line, column_name, reason, message) of a table's quarantined rows, in line order."""
    return query(
        db,
        "SELECT line, column_name, reason, message FROM quarantine WHERE table_name = ? "
        "ORDER BY file, line",
        [table],
    )


def big_bundle(root: Path, incidents: int) -> Path:
    """A contract-shaped bundle with ``incidents`` incident rows (narratives and all)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "forces.csv").write_text(FORCES)
    (root / "officers.csv").write_text(OFFICERS)
    with (root / "incidents.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("incident_id,force_id,reported_at,channel,narrative,attending_officer_id\n")
        for i in range(incidents):
            day, minute = 1 + i % 28, i % 60
            f.write(
                f'I{i},F{1 + i % 2},{day:02d}/03/2009 10:{minute:02d},999,"Caller reports '
                f'a disturbance at flat {i % 97}, ""shouting"" heard; officers attended and '
                f'spoke to occupants, no further action",O{1 + i % 4}\n'
            )
    return root
