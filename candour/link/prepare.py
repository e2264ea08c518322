"""Standardise person records for linkage.

The linker reads one table of person records in a fixed shape (``INPUT_COLUMNS``)
and adds the derived columns its comparisons and blocking use: cleaned names,
nickname groups, phonetic keys, the surname's first three letters, the
day/month-swapped date of birth, the
interval of possible birth dates (a point for a date of birth, a year for an
age stated at a known event date), the address when it has a house number,
postcode sector and district, and digits of
the phone number.
"""

from __future__ import annotations

import duckdb
import jellyfish
import pyarrow as pa

from candour.link.nicknames import groups_of
from candour.store import Store

# record_id, forenames, surname, dob (DATE), age (INTEGER, stated at event_date),
# event_date (DATE: when the record was made), sex, address, postcode, phone
INPUT_COLUMNS = (
    "record_id",
    "forenames",
    "surname",
    "dob",
    "age",
    "event_date",
    "sex",
    "address",
    "postcode",
    "phone",
)

# Every record with its earliest linked event: the incident's reported_at or
# the crime's recorded_at. `age` is the age stated when the record was made.
STORE_RECORDS_SQL = """
WITH events AS (
    SELECT ir.record_id, CAST(i.reported_at AS DATE) AS seen
    FROM incident_records ir JOIN incidents i USING (incident_id)
    WHERE i.reported_at IS NOT NULL
    UNION ALL
    SELECT cr.record_id, CAST(c.recorded_at AS DATE) AS seen
    FROM crime_records cr JOIN crimes c USING (crime_id)
    WHERE c.recorded_at IS NOT NULL
), first_event AS (
    SELECT record_id, min(seen) AS event_date FROM events GROUP BY record_id
)
SELECT r.record_id, r.forenames, r.surname, CAST(r.dob AS DATE) AS dob,
       CAST(r.age AS INTEGER) AS age, e.event_date, r.sex, r.address, r.postcode, r.phone
FROM records r LEFT JOIN first_event e USING (record_id)
"""


def store_records(store: Store) -> pa.Table:
    """The store's `records` with each record's earliest event date."""
    return store.con.sql(STORE_RECORDS_SQL).to_arrow_table()


_CLEAN = "nullif(trim(regexp_replace(lower({c}), '[^a-z ]+', ' ', 'g')), '')"

PREPARE_SQL = f"""
WITH period AS (
    -- a record with an age but no dated event was made some time in the
    -- period the inquiry's events cover
    SELECT CAST(min(event_date) AS DATE) AS period_from, CAST(max(event_date) AS DATE) AS period_to
    FROM raw
), cleaned AS (
    SELECT
        CAST(record_id AS VARCHAR) AS record_id,
        nullif(split_part({_CLEAN.format(c="CAST(forenames AS VARCHAR)")}, ' ', 1), '') AS fn1,
        nullif(replace({_CLEAN.format(c="CAST(surname AS VARCHAR)")}, ' ', ''), '') AS sn,
        CAST(dob AS DATE) AS dob_date,
        CAST(age AS INTEGER) AS age,
        CAST(event_date AS DATE) AS event_date,
        CASE upper(trim(CAST(sex AS VARCHAR))) WHEN 'F' THEN 'F' WHEN 'M' THEN 'M'
            WHEN 'FEMALE' THEN 'F' WHEN 'MALE' THEN 'M' END AS sex,
        nullif(trim(regexp_replace(lower(CAST(address AS VARCHAR)), '[^a-z0-9]+', ' ', 'g')), '')
            AS address,
        nullif(regexp_replace(upper(CAST(postcode AS VARCHAR)), '[^A-Z0-9]', '', 'g'), '') AS pc,
        CASE WHEN length(regexp_replace(CAST(phone AS VARCHAR), '[^0-9]', '', 'g')) >= 7
            THEN right(regexp_replace(CAST(phone AS VARCHAR), '[^0-9]', '', 'g'), 10) END AS phone
    FROM raw
), dated AS (
    SELECT *,
        CASE WHEN dob_date IS NOT NULL THEN dob_date
             WHEN age BETWEEN 0 AND 120 AND coalesce(event_date, period_from) IS NOT NULL
             THEN CAST(coalesce(event_date, period_from) - to_years(age + 1) + INTERVAL 1 DAY
                  AS DATE) END AS born_from,
        CASE WHEN dob_date IS NOT NULL THEN dob_date
             WHEN age BETWEEN 0 AND 120 AND coalesce(event_date, period_to) IS NOT NULL
             THEN CAST(coalesce(event_date, period_to) - to_years(age) AS DATE) END AS born_to
    FROM cleaned, period
)
SELECT
    d.record_id, d.fn1, d.sn, n.fn_groups, n.fn_key, n.fn_mp, s.sn_mp,
    CASE WHEN length(d.sn) >= 4 THEN left(d.sn, 3) END AS sn_start,
    strftime(d.dob_date, '%Y-%m-%d') AS dob,
    CASE WHEN day(d.dob_date) <= 12 AND day(d.dob_date) <> month(d.dob_date)
         THEN strftime(make_date(year(d.dob_date), day(d.dob_date), month(d.dob_date)), '%Y-%m-%d')
    END AS dob_swap,
    CAST(date_diff('day', DATE '1970-01-01', d.born_from) AS INTEGER) AS born_from,
    CAST(date_diff('day', DATE '1970-01-01', d.born_to) AS INTEGER) AS born_to,
    CAST(year(d.born_to) AS INTEGER) AS birth_year,
    CAST(year(d.born_from) AS INTEGER) AS birth_year_from,
    d.age, d.sex, d.address, d.pc,
    -- an address with a number (a house or flat, not a town): a blocking key
    CASE WHEN regexp_matches(d.address, '[0-9]') THEN d.address END AS house,
    CASE WHEN length(d.pc) >= 5 THEN left(d.pc, length(d.pc) - 2) END AS pc_sector,
    CASE WHEN length(d.pc) >= 5 THEN left(d.pc, length(d.pc) - 3) END AS pc_district,
    d.phone
FROM dated d
LEFT JOIN forename_keys n ON n.fn1 = d.fn1
LEFT JOIN surname_keys s ON s.sn = d.sn
"""


def _forename_keys(names: list[str]) -> pa.Table:
    groups = [list(groups_of(n)) for n in names]
    return pa.table(
        {
            "fn1": names,
            "fn_groups": groups,
            "fn_key": [g[0] for g in groups],
            "fn_mp": [jellyfish.metaphone(n) or n for n in names],
        }
    )


def _surname_keys(names: list[str]) -> pa.Table:
    return pa.table({"sn": names, "sn_mp": [jellyfish.metaphone(n) or n for n in names]})


def prepare(records: pa.Table) -> pa.Table:
    """Standardised records (one row per input record) with the linker's derived columns.

    ``records`` has the columns of ``INPUT_COLUMNS`` (missing ones are taken as empty).
    """
    missing = [c for c in INPUT_COLUMNS if c not in records.column_names]
    for c in missing:
        typ = pa.date32() if c in ("dob", "event_date") else pa.string()
        records = records.append_column(c, pa.nulls(records.num_rows, typ))
    con = duckdb.connect()
    try:
        con.execute("SET threads = 2")
        con.register("raw", records.select(list(INPUT_COLUMNS)))
        fn = con.execute(
            f"SELECT DISTINCT fn FROM (SELECT nullif(split_part({_CLEAN.format(c='CAST(forenames AS VARCHAR)')}, ' ', 1), '') AS fn FROM raw) WHERE fn IS NOT NULL"
        ).fetchall()
        sn = con.execute(
            f"SELECT DISTINCT s FROM (SELECT nullif(replace({_CLEAN.format(c='CAST(surname AS VARCHAR)')}, ' ', ''), '') AS s FROM raw) WHERE s IS NOT NULL"
        ).fetchall()
        con.register("forename_keys", _forename_keys([r[0] for r in fn]))
        con.register("surname_keys", _surname_keys([r[0] for r in sn]))
        return con.sql(PREPARE_SQL).to_arrow_table()
    finally:
        con.close()
