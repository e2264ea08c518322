"""The screen stage on a real DuckDB store: indicators and disclosures of every text column."""

from __future__ import annotations

import csv
from pathlib import Path

import candour.screen
from candour.bundle.contract import TABLES
from candour.ingest import ingest
from candour.store import DB_NAME, Store


def _write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    columns = list(TABLES[name].column_names)
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows([{c: r.get(c, "") for c in columns} for r in rows])


def test_screen_stage_writes_indicators_and_disclosures(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    _write(bundle, "forces", [{"force_id": "F1", "name": "F"}])
    _write(
        bundle,
        "officers",
        [{"officer_id": "O1", "force_id": "F1", "surname": "A", "forenames": "B",
          "rank": "constable", "from_date": "2000-01-01"}],
    )  # fmt: skip
    _write(
        bundle,
        "incidents",
        [
            {"incident_id": "I1", "force_id": "F1", "reported_at": "2012-03-12T02:30",
             "narrative": "MFH YP DOB 12/03/1998 FOUND IN VEH WITH MALE 35. DISCLOSED SEX."},
            {"incident_id": "I2", "force_id": "F1", "reported_at": "2012-03-12T10:00",
             "narrative": "Shoplifting, nil of note, no concerns."},
        ],
    )  # fmt: skip
    _write(
        bundle,
        "crimes",
        [{"crime_id": "C1", "force_id": "F1", "incident_id": "I1",
          "recorded_at": "2012-03-12T05:00", "offence_code": "22B", "status": "cancelled",
          "cancellation_class": "C2", "cancellation_reason": "Victim is consenting, lifestyle."}],
    )  # fmt: skip
    _write(
        bundle,
        "documents",
        [{"document_id": "D1", "force_id": "F1", "kind": "briefing",
          "created_at": "2012-01-01", "text": "Girls aged 13-15 groomed by older men at takeaways."},
         {"document_id": "D2", "force_id": "F1", "kind": "minutes",
          "created_at": "2012-01-02", "text": "Burglary figures for the quarter."}],
    )  # fmt: skip
    ingest(bundle, tmp_path / DB_NAME)
    with Store(tmp_path / DB_NAME) as store:
        counts = candour.screen.run(store, workers=1)
        assert counts["incidents"] == 2 and counts["crimes"] == 1 and counts["documents"] == 2
        rows = store.dicts(
            "SELECT source_table, source_id, source_column, indicator, value, negated FROM indicators"
        )
        got = {(r["source_table"], r["indicator"], r["value"]) for r in rows}
        assert (
            "incidents",
            "age",
            "14",
        ) in got  # the DOB read at the incident's date (13 the day before)
        assert ("incidents", "missing", "missing") in got
        assert ("crimes", "consent_language", "consenting") in got
        assert ("documents", "cse_term", "cse") in got
        assert {r["source_column"] for r in rows} == {"narrative", "cancellation_reason", "text"}
        assert all(
            r["negated"] for r in rows if r["source_id"] == "I2" and r["indicator"] != "offence"
        )
        bad = store.rows(
            "SELECT count(*) FROM indicators i JOIN incidents n ON i.source_id = n.incident_id "
            "WHERE i.source_table = 'incidents' "
            'AND substr(n.narrative, i.start + 1, i."end" - i.start) <> i.text'
        )[0][0]
        assert bad == 0
        disclosed = dict(
            store.rows("SELECT source_id, discloses_exploitation FROM disclosures")  # type: ignore[arg-type]
        )
        assert disclosed == {"I1": True, "I2": False, "C1": False, "D1": True, "D2": False}
