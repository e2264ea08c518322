"""Hand-written inquiry bundles for the audit's edge cases, loaded through the real ingest."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from candour.bundle.contract import TABLES

FORCE = {"force_id": "F1", "name": "Test Force"}
OFFICERS = [
    {"officer_id": "O1", "force_id": "F1", "surname": "Able", "forenames": "A", "rank": "constable",
     "from_date": "2000-01-01"},
    {"officer_id": "O2", "force_id": "F1", "surname": "Baker", "forenames": "B", "rank": "sergeant",
     "from_date": "2000-01-01"},
    {"officer_id": "O3", "force_id": "F1", "surname": "Cole", "forenames": "C",
     "rank": "inspector", "from_date": "2000-01-01"},
]  # fmt: skip


def write_bundle(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """Write each table as NAME.csv with the contract's columns (absent values empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"forces": [FORCE], "officers": OFFICERS, **tables}
    for name, rows in tables.items():
        columns = list(TABLES[name].column_names)
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            for row in rows:
                w.writerow({c: row.get(c, "") for c in columns})
    return folder


def incident(iid: str, narrative: str, reported_at: str = "2012-05-01T15:00", **kw: Any) -> dict:
    return {"incident_id": iid, "force_id": "F1", "reported_at": reported_at,
            "narrative": narrative, "attending_officer_id": "O1", **kw}  # fmt: skip


def record(rid: str, surname: str = "Smith", **kw: Any) -> dict:
    return {"record_id": rid, "source": "police", "force_id": "F1", "surname": surname,
            "forenames": "Jo", **kw}  # fmt: skip


def crime(cid: str, iid: str | None, code: str, status: str = "recorded", **kw: Any) -> dict:
    return {"crime_id": cid, "force_id": "F1", "incident_id": iid or "",
            "recorded_at": kw.pop("recorded_at", "2012-05-01T18:00"), "offence_code": code,
            "status": status, "oic_id": "O1", **kw}  # fmt: skip
