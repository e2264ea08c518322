"""bundle.yaml: columns, constants, values, date formats, globs, joins, inline rows; Parquet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from candour.ingest import BundleError, ingest

from .helpers import FORCES, assert_accounting, bundle, quarantined, query

US_ROSTER = (
    "UID,LAST,FIRST,TITLE,APPOINTED,BADGE\n"
    "1,Kent,Al,POLICE OFFICER,01/31/2001,101.0\n"
    "2,Ruiz,Bo,Sergeant,02/01/2003,202.0\n"
    "3,Park,Cy,LIEUTENANT,03/15/1999,303.0\n"
    "4,Diaz,Di,CAPTAIN,04/01/1995,404.0\n"
    "5,Moss,Ed,MAJOR,05/01/1990,505.0\n"
)
US_YAML = """
bundle: 1
name: US roster
tables:
  forces:
    rows:
      - {force_id: USPD, name: A US police department}
  officers:
    file: exports/roster-*.csv
    columns: {officer_id: BADGE, surname: LAST, forenames: FIRST, rank: TITLE, from_date: APPOINTED}
    constants: {force_id: USPD}
    values:
      rank: {POLICE OFFICER: constable, LIEUTENANT: inspector, CAPTAIN: Chief Inspector}
    date_format: "%m/%d/%Y"
"""


def test_a_us_roster_ingests_through_its_mapping_alone(tmp_path: Path) -> None:
    half = US_ROSTER.splitlines(keepends=True)
    root = bundle(
        tmp_path / "b",
        {
            "bundle.yaml": US_YAML,
            "exports/roster-a.csv": "".join(half[:4]),
            "exports/roster-b.csv": half[0] + "".join(half[4:]),
        },
    )
    db = tmp_path / "x.duckdb"
    report = ingest(root, db)
    assert_accounting(db, report)
    assert query(
        db, "SELECT officer_id, force_id, rank, from_date, _file, _line FROM officers"
    ) == [
        ("101", "USPD", "constable", dt.date(2001, 1, 31), "exports/roster-a.csv", 2),
        ("202", "USPD", "sergeant", dt.date(2003, 2, 1), "exports/roster-a.csv", 3),
        ("303", "USPD", "inspector", dt.date(1999, 3, 15), "exports/roster-a.csv", 4),
        ("404", "USPD", "chief_inspector", dt.date(1995, 4, 1), "exports/roster-b.csv", 2),
    ]
    # MAJOR is declared nowhere: a row error, not a guess
    assert [r[:3] for r in quarantined(db, "officers")] == [(3, "rank", "unknown_value")]
    [(extra,)] = query(db, "SELECT _extra FROM officers WHERE officer_id = '101'")
    assert json.loads(extra) == {"UID": "1"}
    assert query(db, "SELECT force_id, name, _file FROM forces") == [
        ("USPD", "A US police department", "bundle.yaml")
    ]


def test_parquet_tables_are_read_with_row_numbers_as_lines(tmp_path: Path) -> None:
    root = bundle(tmp_path / "b", {"forces.csv": FORCES})
    pq.write_table(
        pa.table(
            {
                "incident_id": ["P1", "P2", "P3"],
                "force_id": ["F1", "F1", "F2"],
                "reported_at": [dt.datetime(2009, 3, 14, 23, 40), dt.datetime(2009, 3, 15), None],
                "narrative": ["a, b", 'said "no"', "x"],
                "priority": [1, 2, 3],
            }
        ),
        root / "incidents.parquet",
    )
    db = tmp_path / "x.duckdb"
    report = ingest(root, db)
    assert_accounting(db, report)
    assert query(
        db, "SELECT incident_id, reported_at, narrative, _line, _extra FROM incidents"
    ) == [
        ("P1", dt.datetime(2009, 3, 14, 23, 40), "a, b", 1, '{"priority":"1"}'),
        ("P2", dt.datetime(2009, 3, 15), 'said "no"', 2, '{"priority":"2"}'),
    ]
    assert [r[:3] for r in quarantined(db, "incidents")] == [(3, "reported_at", "missing_value")]


def test_a_join_brings_columns_from_a_second_file(tmp_path: Path) -> None:
    yaml = """
bundle: 1
tables:
  complaints:
    file: accused.csv
    join: {file: cases.csv, on: case_no}
    columns: {complaint_id: row, received_at: opened, subject_id: officer, finding: outcome}
    constants: {force_id: F1}
    values:
      finding: {SUSTAINED: upheld, NOT SUSTAINED: not_upheld}
"""
    files = {
        "bundle.yaml": yaml,
        "forces.csv": FORCES,
        "accused.csv": "row,case_no,officer,outcome\n1,A,O1,Sustained\n2,A,O2,not sustained\n3,B,O1,\n",
        "cases.csv": "case_no,opened,summary\nA,2019-02-11,first\nA,2020-01-01,a later copy\n",
    }
    db = tmp_path / "x.duckdb"
    report = ingest(bundle(tmp_path / "b", files), db)
    assert_accounting(db, report)
    assert query(db, "SELECT complaint_id, received_at, finding, _extra FROM complaints") == [
        ("1", dt.datetime(2019, 2, 11), "upheld", '{"case_no":"A","summary":"first"}'),
        ("2", dt.datetime(2019, 2, 11), "not_upheld", '{"case_no":"A","summary":"first"}'),
    ]
    # case B has no row in cases.csv, so no received_at: the row is quarantined naming the column
    assert [r[:3] for r in quarantined(db, "complaints")] == [(4, "received_at", "missing_value")]
    assert report["tables"]["complaints"]["dangling"]["subject_id"] == 2  # no officers table


def test_yaml_scalars_stay_as_written(tmp_path: Path) -> None:
    yaml = "bundle: 1\ntables:\n  records:\n    values:\n      sex: {NO: U, Y: F, 01: M}\n"
    files = {
        "bundle.yaml": yaml,
        "records.csv": "record_id,source,sex,age\nR1,Police,no,14\nR2,Social Services,y,15.0\nR3,NHS,01,x\n",
    }
    db = tmp_path / "x.duckdb"
    report = ingest(bundle(tmp_path / "b", files), db)
    assert_accounting(db, report)
    assert query(db, "SELECT record_id, source, sex, age FROM records") == [
        ("R1", "police", "U", 14),
        ("R2", "social_care", "F", 15),
    ]
    assert [r[:3] for r in quarantined(db, "records")] == [(4, "age", "bad_integer")]


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("tables:\n  incidentz: {}\n", "unknown table 'incidentz'"),
        ("tables:\n  incidents:\n    columns: {narative: TEXT}\n", "'narative' is not a column"),
        ("tables:\n  officers:\n    values:\n      rank: {MAJOR: marshal}\n", "'marshal'"),
        ("tables:\n  incidents:\n    colums: {}\n", "colums"),
        ("tables:\n  incidents:\n    file: 'logs/*.csv'\n", "no file in the bundle matches"),
        ("tables: [unclosed\n", "cannot read YAML"),
    ],
)
def test_a_bad_bundle_yaml_is_a_clear_error(tmp_path: Path, yaml: str, message: str) -> None:
    root = bundle(tmp_path / "b", {"bundle.yaml": yaml, "forces.csv": FORCES})
    with pytest.raises(BundleError, match=message):
        ingest(root, tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_a_mapped_column_the_file_lacks_names_file_and_column(tmp_path: Path) -> None:
    yaml = "tables:\n  forces:\n    columns: {name: force_name}\n"
    root = bundle(tmp_path / "b", {"bundle.yaml": yaml, "forces.csv": FORCES})
    with pytest.raises(BundleError, match=r"forces\.csv: no column 'force_name'"):
        ingest(root, tmp_path / "x.duckdb")


def test_files_of_one_table_match_headers_whatever_their_capitals(tmp_path: Path) -> None:
    """A later export spelling a header "Surname" fills the same column as "SURNAME"."""
    root = bundle(
        tmp_path / "b",
        {
            "forces.csv": FORCES,
            "records/2009.csv": "record_id,source,SURNAME,forenames\nR1,police,Hale,Ann\n",
            "records/2010.csv": "Record_ID,SOURCE,Surname ,Forenames\nR2,police,Marsh,Ben\n",
            "bundle.yaml": "bundle: 1\ntables:\n  records:\n    file: records/*.csv\n",
        },
    )
    db = tmp_path / "x.duckdb"
    report = ingest(root, db)
    assert_accounting(db, report)
    assert query(db, "SELECT record_id, surname, forenames, _extra FROM records") == [
        ("R1", "Hale", "Ann", None),
        ("R2", "Marsh", "Ben", None),
    ]


PARTS_YAML = """
bundle: 1
tables:
  forces:
    rows:
      - {force_id: NW, name: A force}
  records:
    - file: nominals.csv
      columns: {record_id: NOMINAL_ID, surname: SURNAME, forenames: FORENAME, dob: DOB}
      constants: {source: police, force_id: NW}
      date_format: "%d-%b-%Y"
    - file: council/referrals.csv
      columns: {record_id: Child Ref, surname: Family Name, forenames: Given Names, dob: Date of Birth}
      constants: {source: social_care}
      date_format: "%d/%m/%Y"
"""


def test_a_table_in_two_layouts_loads_from_both_parts(tmp_path: Path) -> None:
    """Police nominals and council referrals, each with its own columns, make one records table;
    a key the first part already loaded is quarantined as a duplicate, naming where it was."""
    root = bundle(
        tmp_path / "b",
        {
            "bundle.yaml": PARTS_YAML,
            "nominals.csv": "NOMINAL_ID,SURNAME,FORENAME,DOB\nN1,Brennan,Kayleigh,02-Feb-1996\n",
            "council/referrals.csv": (
                "Child Ref,Family Name,Given Names,Date of Birth,Team\n"
                "LA7,Brenan,Kayley,02/02/1996,Duty\n"
                "N1,Other,Child,01/01/1990,Duty\n"
                "LA8,Quinn,Jo,31/02/1997,Duty\n"
            ),
        },
    )
    db = tmp_path / "x.duckdb"
    report = ingest(root, db)
    assert_accounting(db, report)
    rows = query(db, "SELECT record_id, source, force_id, surname, dob, _file, _extra FROM records")
    assert rows == [
        ("N1", "police", "NW", "Brennan", dt.date(1996, 2, 2), "nominals.csv", None),
        (
            "LA7",
            "social_care",
            None,
            "Brenan",
            dt.date(1996, 2, 2),
            "council/referrals.csv",
            '{"Team":"Duty"}',
        ),
    ]
    records = report["tables"]["records"]
    assert (records["read"], records["loaded"], records["quarantined"]) == (4, 2, 2)
    assert records["reasons"] == {"bad_date": 1, "duplicate_key": 1}
    problems = quarantined(db, "records")
    dup = next(p for p in problems if p[2] == "duplicate_key")
    assert dup[0] == 3 and "first loaded from nominals.csv line 2" in dup[3]


def test_a_part_without_a_file_is_a_clear_error(tmp_path: Path) -> None:
    yaml = "bundle: 1\ntables:\n  records:\n    - file: a.csv\n    - columns: {surname: S}\n"
    root = bundle(tmp_path / "b", {"bundle.yaml": yaml, "a.csv": "record_id,source\nR1,police\n"})
    with pytest.raises(BundleError, match="each part of a table needs a file or rows"):
        ingest(root, tmp_path / "x.duckdb")


def test_a_windows_export_reads_in_its_declared_encoding(tmp_path: Path) -> None:
    """Undeclared, cp1252 bytes (£, curly quotes) quarantine the row; declared, it loads."""
    narrative = "Caller states \u2018Daz\u2019 gave her \u00a320 & a lift"
    incidents = (
        "incident_id,force_id,reported_at,narrative\n"
        f"I1,F1,2009-03-14 23:40,{narrative}\n"
        "I2,F1,2009-03-15 09:00,RTC damage only\n"
    ).encode("cp1252")
    files: dict[str, str | bytes] = {"forces.csv": FORCES, "incidents.csv": incidents}
    db = tmp_path / "x.duckdb"
    report = ingest(bundle(tmp_path / "a", files), db)
    assert report["tables"]["incidents"]["reasons"] == {"invalid_utf8": 1}
    assert "encoding: cp1252" in quarantined(db, "incidents")[0][3]
    files["bundle.yaml"] = "bundle: 1\ntables:\n  incidents:\n    encoding: cp1252\n"
    report = ingest(bundle(tmp_path / "b", files), db)
    assert_accounting(db, report)
    assert query(db, "SELECT narrative FROM incidents ORDER BY incident_id")[0] == (narrative,)


def test_an_unknown_encoding_is_a_clear_error(tmp_path: Path) -> None:
    yaml = "bundle: 1\ntables:\n  incidents:\n    encoding: klingon\n"
    root = bundle(tmp_path / "b", {"bundle.yaml": yaml, "forces.csv": FORCES})
    with pytest.raises(BundleError, match="tables.incidents.encoding: unknown text encoding"):
        ingest(root, tmp_path / "x.duckdb")


@pytest.mark.parametrize("declared", ["tab", '"\\t"'])
def test_a_tab_separated_export_reads_with_its_declared_delimiter(
    tmp_path: Path, declared: str
) -> None:
    incidents = (
        "incident_id\tforce_id\treported_at\tnarrative\n"
        'I1\tF1\t14/03/2009 23:40\t"Girl, 14, in car with two males; NFA"\n'
    )
    yaml = f"bundle: 1\ntables:\n  incidents:\n    delimiter: {declared}\n"
    files: dict[str, str | bytes] = {
        "bundle.yaml": yaml,
        "forces.csv": FORCES,
        "incidents.csv": incidents,
    }
    db = tmp_path / "x.duckdb"
    report = ingest(bundle(tmp_path / "b", files), db)
    assert_accounting(db, report)
    assert query(db, "SELECT incident_id, narrative FROM incidents") == [
        ("I1", "Girl, 14, in car with two males; NFA")
    ]


def test_an_unknown_delimiter_is_a_clear_error(tmp_path: Path) -> None:
    yaml = "bundle: 1\ntables:\n  incidents:\n    delimiter: '#'\n"
    root = bundle(tmp_path / "b", {"bundle.yaml": yaml, "forces.csv": FORCES})
    with pytest.raises(BundleError, match="tables.incidents.delimiter: '#' is not one of"):
        ingest(root, tmp_path / "x.duckdb")
