"""The bad-input corpus of issue 2: each case gets its behaviour, and the accounting holds."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from candour.ingest import REPORT_FILE, BundleError, ingest

from .helpers import (
    CRIMES,
    INCIDENTS,
    OFFICERS,
    assert_accounting,
    bundle,
    quarantined,
    query,
    valid_files,
)


def run(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Path, dict]:
    root = bundle(tmp_path / "bundle", files)
    db = tmp_path / "out" / "inquiry.duckdb"
    report = ingest(root, db)
    assert_accounting(db, report)
    return db, report


def test_a_clean_bundle_loads_every_row_typed_and_normalised(tmp_path: Path) -> None:
    db, report = run(tmp_path, valid_files())
    assert {
        t: report["tables"][t]["loaded"] for t in ("forces", "officers", "incidents", "crimes")
    } == {
        "forces": 2,
        "officers": 4,
        "incidents": 3,
        "crimes": 2,
    }
    assert all(t["quarantined"] == 0 for t in report["tables"].values())
    assert query(db, "SELECT officer_id, rank, from_date FROM officers ORDER BY officer_id") == [
        ("O1", "chief_superintendent", dt.date(2005, 1, 1)),
        ("O2", "inspector", dt.date(2006, 4, 1)),
        ("O3", "constable", dt.date(2007, 9, 3)),
        ("O4", "sergeant", dt.date(2009, 3, 14)),
    ]
    assert query(db, "SELECT reported_at, closed_at FROM incidents WHERE incident_id = 'I1'") == [
        (dt.datetime(2009, 3, 14, 23, 40), dt.datetime(2009, 3, 15, 1, 10))
    ]
    assert query(db, "SELECT status FROM crimes WHERE crime_id = 'C2'") == [("cancelled",)]
    assert query(db, "SELECT _file, _line FROM incidents ORDER BY _line") == [
        ("incidents.csv", 2),
        ("incidents.csv", 3),
        ("incidents.csv", 4),
    ]
    # the report is written beside the database and matches what ingest returned
    assert json.loads((db.parent / REPORT_FILE).read_text())["tables"] == report["tables"]
    # absent tables exist, empty, with the contract's columns typed
    assert report["tables"]["documents"]["read"] == 0
    assert ("created_at", "TIMESTAMP") in query(
        db,
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'documents'",
    )


def test_truncated_last_line_is_quarantined_with_its_line(tmp_path: Path) -> None:
    cut = INCIDENTS + "I4,F1,2009-05-01 10:00,999,Girl aged 15 seen ge"
    db, report = run(tmp_path, {**valid_files(), "incidents.csv": cut})
    t = report["tables"]["incidents"]
    assert (t["read"], t["loaded"], t["quarantined"]) == (4, 3, 1)
    [(line, column, reason, message)] = quarantined(db, "incidents")
    assert (line, column, reason) == (5, None, "field_count")
    assert "expected 7 fields, found 5" in message


def test_invalid_utf8_row_is_quarantined_with_its_bytes_shown(tmp_path: Path) -> None:
    data = INCIDENTS.encode() + b"I4,F1,2009-05-01 10:00,999,Caf\xe9 owner \xff reports,O3,\n"
    db, report = run(tmp_path, {**valid_files(), "incidents.csv": data})
    assert report["tables"]["incidents"]["reasons"] == {"invalid_utf8": 1}
    [(raw,)] = query(db, "SELECT raw FROM quarantine WHERE reason = 'invalid_utf8'")
    assert "Caf\\xe9 owner \\xff reports" in raw
    assert report["tables"]["incidents"]["loaded"] == 3


def test_bom_and_crlf_are_read_as_plain_csv(tmp_path: Path) -> None:
    forces = "\ufeff" + "force_id,name\r\nF1,First Force\r\nF2,Second Force\r\n"
    incidents = INCIDENTS.replace("\n", "\r\n")
    db, report = run(tmp_path, {**valid_files(), "forces.csv": forces, "incidents.csv": incidents})
    assert query(db, "SELECT force_id, name FROM forces ORDER BY 1") == [
        ("F1", "First Force"),
        ("F2", "Second Force"),
    ]
    assert report["tables"]["incidents"]["loaded"] == 3
    assert query(
        db, "SELECT count(*) FROM incidents WHERE narrative LIKE '%' || chr(13) || '%'"
    ) == [(0,)]


def test_narratives_with_commas_quotes_and_newlines_are_kept_exactly(tmp_path: Path) -> None:
    narrative = 'Girl, 14, said "he\'s my boyfriend, he\'s 24"\nSeen in car; ""no"" disclosure.'
    quoted = '"' + narrative.replace('"', '""') + '"'
    incidents = (
        "incident_id,force_id,reported_at,narrative\n"
        f"I1,F1,2009-03-14 23:40,{quoted}\n"
        "I2,F1,2009-03-15 00:10,next\n"
    )
    db, _ = run(tmp_path, {**valid_files(), "incidents.csv": incidents})
    assert query(db, "SELECT incident_id, narrative, _line FROM incidents ORDER BY 1") == [
        ("I1", narrative, 2),
        ("I2", "next", 4),  # the physical line: I1's narrative spans lines 2 and 3
    ]


def test_unknown_rank_is_a_row_error_naming_the_allowed_values(tmp_path: Path) -> None:
    officers = OFFICERS + "O5,F1,Lowe,Eve,Chief Wizard,HQ,,2008-01-01\n"
    db, report = run(tmp_path, {**valid_files(), "officers.csv": officers})
    [(line, column, reason, message)] = quarantined(db, "officers")
    assert (line, column, reason) == (6, "rank", "unknown_value")
    assert "'Chief Wizard'" in message and "chief_inspector" in message
    assert report["tables"]["officers"]["examples"] == [
        {"file": "officers.csv", "line": 6, "column": "rank", "message": message}
    ]


def test_an_impossible_date_is_a_row_error(tmp_path: Path) -> None:
    officers = OFFICERS + "O5,F1,Lowe,Eve,PC,HQ,,31/02/2009\n"
    db, _ = run(tmp_path, {**valid_files(), "officers.csv": officers})
    [(line, column, reason, message)] = quarantined(db, "officers")
    assert (line, column, reason) == (6, "from_date", "bad_date")
    assert "31/02/2009" in message


def test_ambiguous_dates_are_day_first_unless_the_mapping_declares_otherwise(
    tmp_path: Path,
) -> None:
    incidents = "incident_id,force_id,reported_at\nI1,F1,03/04/2009 10:00\nI2,F1,14/03/2009 10:00\n"
    db, _ = run(tmp_path / "uk", {**valid_files(), "incidents.csv": incidents})
    assert query(db, "SELECT incident_id, reported_at FROM incidents ORDER BY 1") == [
        ("I1", dt.datetime(2009, 4, 3, 10, 0)),
        ("I2", dt.datetime(2009, 3, 14, 10, 0)),
    ]
    us = "bundle: 1\ntables:\n  incidents:\n    date_format: {reported_at: '%m/%d/%Y %H:%M'}\n"
    db, _ = run(tmp_path / "us", {**valid_files(), "incidents.csv": incidents, "bundle.yaml": us})
    assert query(db, "SELECT incident_id, reported_at FROM incidents") == [
        ("I1", dt.datetime(2009, 3, 4, 10, 0))
    ]
    # 14/03/2009 is no date in the declared month-first format: an error, never a guess
    [(line, column, reason, _)] = quarantined(db, "incidents")
    assert (line, column, reason) == (3, "reported_at", "bad_date")


def test_duplicate_keys_keep_the_first_and_quarantine_the_rest(tmp_path: Path) -> None:
    incidents = INCIDENTS + "I1,F1,2010-01-01 00:00,999,a later copy,O3,\n"
    # a second posting of O1 (a new from_date) is not a duplicate; the same posting again is
    officers = (
        OFFICERS + "O1,F1,Hale,Ann,ACC,HQ,,2010-01-01\nO2,F1,Marsh,Ben,DI,CID,O1,2006-04-01\n"
    )
    db, report = run(
        tmp_path, {**valid_files(), "incidents.csv": incidents, "officers.csv": officers}
    )
    assert query(db, "SELECT narrative FROM incidents WHERE incident_id = 'I1'") == [
        ("Caller reports girl aged 14 in car with two adult males",)
    ]
    [(line, column, reason, message)] = quarantined(db, "incidents")
    assert (line, column, reason) == (5, "incident_id", "duplicate_key")
    assert "first loaded from incidents.csv line 2" in message
    assert report["tables"]["officers"]["reasons"] == {"duplicate_key": 1}
    assert report["tables"]["officers"]["loaded"] == 5


def test_a_missing_required_value_is_quarantined_naming_the_column(tmp_path: Path) -> None:
    crimes = CRIMES + "C3,F1,,2009-03-17,,recorded,\n"
    db, _ = run(tmp_path, {**valid_files(), "crimes.csv": crimes})
    assert [r[:3] for r in quarantined(db, "crimes")] == [(4, "offence_code", "missing_value")]


def test_dangling_references_are_kept_and_counted(tmp_path: Path) -> None:
    incidents = INCIDENTS + "I4,F9,2009-05-01 10:00,999,x,O99,\n"
    crimes = CRIMES + "C3,F1,I404,2009-03-17,19C,recorded,\n"
    db, report = run(tmp_path, {**valid_files(), "incidents.csv": incidents, "crimes.csv": crimes})
    assert report["tables"]["incidents"]["dangling"] == {
        "force_id": 1,
        "attending_officer_id": 1,
        "closed_by_id": 0,
    }
    assert report["tables"]["crimes"]["dangling"]["incident_id"] == 1
    assert query(db, "SELECT count(*) FROM incidents WHERE incident_id = 'I4'") == [(1,)]


def test_an_unknown_cancellation_class_is_kept_as_written_and_reported(tmp_path: Path) -> None:
    crimes = CRIMES + "C3,F1,I3,2009-04-02,19C,cancelled,victim declined\n"
    db, report = run(tmp_path, {**valid_files(), "crimes.csv": crimes})
    assert query(db, "SELECT cancellation_class FROM crimes ORDER BY crime_id") == [
        (None,),
        ("C2",),
        ("victim declined",),
    ]
    assert report["tables"]["crimes"]["kept_as_written"] == {
        "cancellation_class": {"victim declined": 1}
    }


def _existing_store(db: Path) -> list[tuple]:
    """A store with a non-ingest table in it, and its tables' row counts."""
    import duckdb

    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE users (name VARCHAR)")
    con.execute("INSERT INTO users VALUES ('lead')")
    con.close()
    return _snapshot(db)


def _snapshot(db: Path) -> list[tuple]:
    tables = [
        r[0] for r in query(db, "SELECT table_name FROM information_schema.tables ORDER BY 1")
    ]
    return [(t, query(db, f'SELECT count(*) FROM "{t}"')[0][0]) for t in tables]


def test_a_missing_required_column_is_fatal_and_writes_nothing(tmp_path: Path) -> None:
    officers = OFFICERS.replace("rank,", "grade,", 1)
    root = bundle(tmp_path / "bundle", {**valid_files(), "officers.csv": officers})
    db = tmp_path / "out" / "inquiry.duckdb"
    before = _existing_store(db)
    with pytest.raises(BundleError, match=r"officers\.csv.*'rank'"):
        ingest(root, db)
    assert _snapshot(db) == before
    assert not (db.parent / REPORT_FILE).exists()
    fresh = tmp_path / "fresh" / "inquiry.duckdb"
    with pytest.raises(BundleError):
        ingest(root, fresh)
    assert not fresh.exists()


def test_an_unreadable_file_is_fatal_naming_it(tmp_path: Path) -> None:
    broken = gzip.compress(INCIDENTS.encode() * 50)[:-40]  # cut short: the stream ends early
    files = {k: v for k, v in valid_files().items() if k != "incidents.csv"}
    root = bundle(tmp_path / "bundle", {**files, "incidents.csv.gz": broken})
    db = tmp_path / "out" / "inquiry.duckdb"
    before = _existing_store(db)
    with pytest.raises(BundleError, match=r"incidents\.csv\.gz"):
        ingest(root, db)
    assert _snapshot(db) == before


def test_the_cli_exits_non_zero_naming_file_and_column(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from candour.cli import app

    officers = OFFICERS.replace("surname,", "family_name,", 1)
    root = bundle(tmp_path / "bundle", {**valid_files(), "officers.csv": officers})
    result = CliRunner().invoke(app, ["ingest", str(root), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    message = "".join(result.output.split())  # rich wraps long lines
    assert "officers.csv:requiredcolumn'surname'" in message


def test_reingesting_is_idempotent_and_keeps_other_tables(tmp_path: Path) -> None:
    root = bundle(tmp_path / "bundle", valid_files())
    db = tmp_path / "out" / "inquiry.duckdb"
    _existing_store(db)
    first = ingest(root, db)
    once = _snapshot(db)
    second = ingest(root, db)
    assert _snapshot(db) == once
    assert first["tables"] == second["tables"]
    assert ("users", 1) in once
