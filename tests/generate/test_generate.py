"""The synthetic inquiry: contract conformance, determinism, and truth recomputed
independently from the written CSVs (never from the generator's internals)."""

from __future__ import annotations

import csv
import filecmp
import os
import random
import subprocess
import sys
import tracemalloc
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from candour.bundle.contract import KEPT_AS_WRITTEN, TABLES, VOCABULARIES
from candour.generate import crimes as cr
from candour.generate import generate
from candour.generate.crimes import AVI_REASONS, CHOOSING_REASONS

KINDS = (
    "unrecorded_crime",
    "invalid_cancellation",
    "late_recording",
    "child_treated_as_consenting",
    "under_classified",
    "adult_not_dealt_with",
    "missed_pattern",
)
LONDON = ZoneInfo("Europe/London")


def read(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def header(bundle: Path, name: str) -> list[str]:
    with (bundle / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def parse_dt(s: str) -> datetime:
    return datetime.fromisoformat(s)


def parse_date(s: str) -> date:
    if "/" in s:
        d, m, y = s.split("/")
        return date(int(y), int(m), int(d))
    return date.fromisoformat(s)


def truth(bundle: Path, kind: str) -> set[tuple[str, str]]:
    return {
        (r["subject_type"], r["subject_id"])
        for r in read(bundle, "truth/findings")
        if r["kind"] == kind
    }


@pytest.fixture(scope="module")
def tables(small_bundle: Path) -> dict[str, list[dict[str, str]]]:
    return {name: read(small_bundle, name) for name in TABLES}


@pytest.fixture(scope="module")
def person_of(small_bundle: Path) -> dict[str, str]:
    return {r["record_id"]: r["person_id"] for r in read(small_bundle, "truth/people")}


@pytest.fixture(scope="module")
def ages(tables: dict[str, list[dict[str, str]]], person_of: dict[str, str]):
    """rules.md age: the lowest age any DOB on the person's records gives."""
    dobs: dict[str, list[date]] = defaultdict(list)
    for r in tables["records"]:
        if r["dob"]:
            dobs[person_of[r["record_id"]]].append(parse_date(r["dob"]))

    def age(person: str, on: date) -> int | None:
        ds = dobs.get(person)
        if not ds:
            return None
        return min(on.year - d.year - ((on.month, on.day) < (d.month, d.day)) for d in ds)

    return age


# --- the contract -------------------------------------------------------------------------
def test_every_table_has_the_contract_columns_and_unique_keys(small_bundle: Path, tables) -> None:
    for name, table in TABLES.items():
        assert header(small_bundle, name) == list(table.column_names), name
        rows = tables[name]
        assert rows, f"{name} is empty"
        keys = [tuple(r[k] for k in table.key) for r in rows]
        assert len(keys) == len(set(keys)), f"duplicate keys in {name}"
        for col in table.columns:
            values = {r[col.name] for r in rows}
            if col.required:
                assert "" not in values, f"{name}.{col.name} has empty required values"
            if col.vocabulary and col.vocabulary not in KEPT_AS_WRITTEN:
                allowed = set(VOCABULARIES[col.vocabulary]) | {""}
                assert values <= allowed, f"{name}.{col.name}: {values - allowed}"
            if col.type == "datetime":
                for v in values - {""}:
                    parse_dt(v)
            if col.type == "date":
                for v in values - {""}:
                    parse_date(v)
    assert (small_bundle / "bundle.yaml").exists()


def test_references_resolve(tables, person_of) -> None:
    ids = {name: {r[TABLES[name].key[0]] for r in tables[name]} for name in TABLES}
    for name, table in TABLES.items():
        for col in table.columns:
            if not col.references:
                continue
            target = ids[col.references.split(".")[0]]
            missing = {r[col.name] for r in tables[name]} - target - {""}
            assert not missing, f"{name}.{col.name} dangles: {sorted(missing)[:3]}"
    assert set(person_of) == ids["records"], "truth/people.csv must cover every record once"


def test_postings_name_the_line_manager_in_post(tables) -> None:
    postings: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in tables["officers"]:
        postings[r["officer_id"]].append(r)

    def in_post(oid: str, day: date) -> bool:
        for p in postings[oid]:
            end = date.fromisoformat(p["to_date"]) if p["to_date"] else date.max
            if date.fromisoformat(p["from_date"]) <= day <= end:
                return True
        return False

    ranks = {r["rank"] for r in tables["officers"]}
    assert {"chief_constable", "constable", "staff", "superintendent"} <= ranks
    for oid, rows in postings.items():
        assert len({r["left_service"] for r in rows}) == 1, f"left_service not repeated for {oid}"
        for r in rows:
            if r["supervisor_id"]:
                assert in_post(r["supervisor_id"], date.fromisoformat(r["from_date"])), (oid, r)
    assert any(r["left_service"] for r in tables["officers"]), "no leavers"
    assert any(len(rows) > 1 for rows in postings.values()), "no posting changes"


def test_same_seed_same_bytes_other_seed_differs(small_bundle: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(again, forces=2, years=2, scale=0.05, seed=11)
    names = [f"{n}.csv" for n in TABLES] + [
        f"truth/{n}.csv" for n in ("people", "groups", "findings", "knowledge")
    ]
    match, mismatch, errors = filecmp.cmpfiles(small_bundle, again, names, shallow=False)
    assert not mismatch and not errors
    # and in another process with another hash seed (no set or hash order reaches the output)
    code = (
        "from pathlib import Path; from candour.generate import generate; "
        f"generate(Path({str(tmp_path / 'process')!r}), forces=2, years=2, scale=0.05, seed=11)"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": "123"}
    )
    match, mismatch, errors = filecmp.cmpfiles(
        small_bundle, tmp_path / "process", names, shallow=False
    )
    assert not mismatch and not errors
    other = tmp_path / "other"
    generate(other, forces=2, years=2, scale=0.05, seed=12)
    assert not filecmp.cmp(small_bundle / "incidents.csv", other / "incidents.csv", shallow=False)


# --- truth, recomputed from the CSVs ------------------------------------------------------
def test_every_finding_kind_is_planted(small_bundle: Path) -> None:
    for kind in KINDS:
        assert len(truth(small_bundle, kind)) >= 3, kind


def test_late_recording_truth_is_exact(small_bundle: Path, tables) -> None:
    reported = {r["incident_id"]: parse_dt(r["reported_at"]) for r in tables["incidents"]}
    expected = set()
    for c in tables["crimes"]:
        if not c["incident_id"]:
            continue
        a = reported[c["incident_id"]].replace(tzinfo=LONDON)
        b = parse_dt(c["recorded_at"]).replace(tzinfo=LONDON)
        if (b - a.astimezone(b.tzinfo)).total_seconds() > 0 and (
            b.astimezone(ZoneInfo("UTC")) - a.astimezone(ZoneInfo("UTC"))
        ) > timedelta(hours=24):
            expected.add(("crime", c["crime_id"]))
    assert truth(small_bundle, "late_recording") == expected
    # the clock changes are exercised: a crime ~24 wall-clock hours after an incident on each eve
    near = [
        c
        for c in tables["crimes"]
        if c["incident_id"]
        and abs((parse_dt(c["recorded_at"]) - reported[c["incident_id"]]) - timedelta(hours=24))
        < timedelta(hours=1)
    ]
    assert near


def test_invalid_cancellation_truth_is_exact(small_bundle: Path, tables, person_of, ages) -> None:
    reported = {r["incident_id"]: parse_dt(r["reported_at"]) for r in tables["incidents"]}
    victims: dict[str, list[str]] = defaultdict(list)
    for r in tables["crime_records"]:
        if r["role"] == "victim":
            victims[r["crime_id"]].append(person_of[r["record_id"]])
    expected = set()
    for c in tables["crimes"]:
        if c["status"] != "cancelled":
            continue
        at = reported[c["incident_id"]] if c["incident_id"] else parse_dt(c["recorded_at"])
        vs = [a for p in victims[c["crime_id"]] if (a := ages(p, at.date())) is not None]
        cls = c["cancellation_class"]
        invalid = (
            cls not in ("C1", "C2", "C3", "C4", "C5")
            or (cls == "C2" and c["cancellation_reason"] not in AVI_REASONS)
            or (vs and min(vs) < 13 and cls not in ("C1", "C3", "C4"))
            or not c["cancelled_by_id"]
            or c["cancelled_by_id"] == c["oic_id"]
        )
        if invalid:
            expected.add(("crime", c["crime_id"]))
    assert truth(small_bundle, "invalid_cancellation") == expected
    classes = {c["cancellation_class"] for c in tables["crimes"] if c["status"] == "cancelled"}
    assert {"C2", "C3"} <= classes, (
        "valid cancellations (C2 with verifiable information, duplicates) exist"
    )


def test_unrecorded_crimes_have_no_crime_record(small_bundle: Path, tables) -> None:
    with_crime = {c["incident_id"] for c in tables["crimes"] if c["incident_id"]}
    found = truth(small_bundle, "unrecorded_crime")
    assert all(t == "incident" for t, _ in found)
    assert not {i for _, i in found} & with_crime
    # not only child sexual exploitation: background offences go unrecorded too
    narratives = {r["incident_id"]: r["narrative"].lower() for r in tables["incidents"]}
    assert any("theft" in narratives[i] or "burglary" in narratives[i] for _, i in found)


def test_consenting_subject_is_the_cancelled_crime_else_the_incident(
    small_bundle: Path, tables
) -> None:
    status = {c["crime_id"]: c["status"] for c in tables["crimes"]}
    by_incident: dict[str, list[str]] = defaultdict(list)
    for c in tables["crimes"]:
        by_incident[c["incident_id"]].append(c["status"])
    for t, sid in truth(small_bundle, "child_treated_as_consenting"):
        if t == "crime":
            assert status[sid] == "cancelled"
        else:
            assert "cancelled" not in by_incident.get(
                sid, []
            ) and "recorded" not in by_incident.get(sid, [])


def test_a_cancellation_calling_a_child_streetwise_is_consenting_language() -> None:
    """rules.md: "making choices, or the like" in a cancellation reason (a "lifestyle",
    "streetwise") treats the child as consenting, as "she consented" does: the truth
    of every invalid cancellation drawn says so exactly when its reason does."""
    officers = cr.Officers("O1", "O2", "O3")
    drawn = set()
    for seed in range(400):
        cls, reason, _by, _avi, consenting = cr.cancel(
            random.Random(seed), "invalid", officers, datetime(2009, 3, 14), cse=True
        )
        assert consenting == (reason in CHOOSING_REASONS), (cls, reason)
        drawn.add(consenting)
    assert drawn == {True, False}


def test_adults_not_dealt_with_are_not_linked_as_suspects(small_bundle: Path, tables) -> None:
    suspects = {r["incident_id"] for r in tables["incident_records"] if r["role"] == "suspect"}
    found = truth(small_bundle, "adult_not_dealt_with")
    assert found and not {i for _, i in found} & suspects


def test_under_classified_includes_every_age_band_breach(
    small_bundle: Path, tables, person_of, ages
) -> None:
    bands = {}
    with (Path(__file__).parents[2] / "candour" / "data" / "offences.csv").open() as f:
        for r in csv.DictReader(f):
            bands[r["code"]] = int(r["victim_age_min"]) if r["victim_age_min"] else None
    reported = {r["incident_id"]: parse_dt(r["reported_at"]) for r in tables["incidents"]}
    victims: dict[str, list[str]] = defaultdict(list)
    for r in tables["crime_records"]:
        if r["role"] == "victim":
            victims[r["crime_id"]].append(person_of[r["record_id"]])
    by_age = set()
    status = {}
    for c in tables["crimes"]:
        status[c["crime_id"]] = c["status"]
        if c["status"] not in ("recorded", "cancelled") or bands[c["offence_code"]] is None:
            continue
        at = reported[c["incident_id"]] if c["incident_id"] else parse_dt(c["recorded_at"])
        vs = [a for p in victims[c["crime_id"]] if (a := ages(p, at.date())) is not None]
        if vs and min(vs) < bands[c["offence_code"]]:
            by_age.add(("crime", c["crime_id"]))
    found = truth(small_bundle, "under_classified")
    assert by_age <= found
    assert all(status[i] in ("recorded", "cancelled") for _, i in found)


def test_missed_patterns_are_children_with_three_incidents_in_a_year(
    small_bundle: Path, tables, person_of
) -> None:
    reported = {r["incident_id"]: parse_dt(r["reported_at"]) for r in tables["incidents"]}
    times: dict[str, set[datetime]] = defaultdict(set)
    for r in tables["incident_records"]:
        if r["role"] in ("victim", "subject"):
            times[person_of[r["record_id"]]].add(reported[r["incident_id"]])
    for t, pid in truth(small_bundle, "missed_pattern"):
        assert t == "person"
        ts = sorted(times[pid])
        assert any(ts[i + 2] - ts[i] <= timedelta(days=365) for i in range(len(ts) - 2)), pid


def test_knowledge_is_recipients_of_documents(small_bundle: Path, tables) -> None:
    recipients = {(r["officer_id"], r["document_id"]) for r in tables["document_recipients"]}
    created = {d["document_id"]: d["created_at"] for d in tables["documents"]}
    rows = read(small_bundle, "truth/knowledge")
    assert rows
    for r in rows:
        assert (r["officer_id"], r["document_id"]) in recipients
        assert r["informed_at"] == created[r["document_id"]]
    disclosing = {r["document_id"] for r in rows}
    assert len(disclosing) < len(created), "most documents do not disclose exploitation"


def test_background_is_at_least_ninety_percent(small_bundle: Path, tables, person_of) -> None:
    victims = {r["person_id"] for r in read(small_bundle, "truth/groups") if r["role"] == "victim"}
    exploitation = {
        r["incident_id"] for r in tables["incident_records"] if person_of[r["record_id"]] in victims
    }
    assert exploitation
    assert 1 - len(exploitation) / len(tables["incidents"]) >= 0.9


def test_people_appear_as_several_records_with_errors(tables, person_of) -> None:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in tables["records"]:
        by_person[person_of[r["record_id"]]].append(r)
    multi = [rs for rs in by_person.values() if len(rs) > 1]
    assert len(multi) > 100
    assert any(len({r["forenames"] for r in rs}) > 1 for rs in multi), "forename variants"
    assert any(len({r["dob"] for r in rs if r["dob"]}) > 1 for rs in multi), "conflicting DOBs"
    assert any(r["age"] and not r["dob"] for r in tables["records"]), "an age instead of a DOB"
    assert {r["source"] for r in tables["records"]} >= {
        "police",
        "health",
        "education",
        "social_care",
    }


def test_senior_officers_retire_before_a_decision(tables) -> None:
    left = {r["officer_id"]: r["left_service"] for r in tables["officers"] if r["left_service"]}
    hits = [
        c
        for c in tables["complaints"]
        if c["subject_id"] in left
        and c["decided_at"]
        and c["decided_at"][:10] > left[c["subject_id"]]
    ]
    assert hits and all(c["finding"] in ("withdrawn", "other") for c in hits)


def test_memory_is_bounded_by_one_force(tmp_path: Path) -> None:
    """Peak Python allocations grow with the size of one force, not with the number of forces."""
    peaks = []
    for n in (1, 4):
        tracemalloc.start()
        generate(tmp_path / f"f{n}", forces=n, years=1, scale=0.1, seed=3)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2.0 * peaks[0], peaks


def test_ic_codes_do_not_tell_failures_apart(small_bundle: Path, tables, person_of) -> None:
    """Descriptions with IC codes are drawn the same way for failures and correct handling."""
    import re

    ic = re.compile(r"\bIC[1-6]\b", re.I)
    victims = {r["person_id"] for r in read(small_bundle, "truth/groups") if r["role"] == "victim"}
    exploitation = {
        r["incident_id"] for r in tables["incident_records"] if person_of[r["record_id"]] in victims
    }
    failures = {
        i
        for t, i in truth(small_bundle, "adult_not_dealt_with")
        | truth(small_bundle, "unrecorded_crime")
    }
    narrative = {r["incident_id"]: r["narrative"] for r in tables["incidents"]}

    def rate(ids: set[str]) -> float:
        return sum(bool(ic.search(narrative[i])) for i in ids) / len(ids)

    def same_rate(a: set[str], b: set[str]) -> bool:
        # within three standard errors of a difference of two proportions
        p = (rate(a) * len(a) + rate(b) * len(b)) / (len(a) + len(b))
        se = (p * (1 - p) * (1 / len(a) + 1 / len(b))) ** 0.5
        return abs(rate(a) - rate(b)) <= 3 * se + 0.02

    fail, ok = exploitation & failures, exploitation - failures
    assert len(fail) >= 10 and len(ok) >= 10
    assert same_rate(fail, ok)
    with_crime = {c["incident_id"] for c in tables["crimes"] if c["incident_id"]} - exploitation
    unrecorded = {i for _, i in truth(small_bundle, "unrecorded_crime")} - exploitation
    assert same_rate(unrecorded, with_crime)


def test_missed_pattern_reads_any_365_day_window() -> None:
    from candour.generate.truth import missed_pattern

    d = datetime(2010, 1, 1)
    three = [d, d + timedelta(days=30), d + timedelta(days=60)]
    assert missed_pattern(three, [])
    assert not missed_pattern(three[:2], [])
    assert not missed_pattern([d, d + timedelta(days=200), d + timedelta(days=400)], [])
    # a recorded crime between the incidents breaks every window holding all three
    assert not missed_pattern(three, [d + timedelta(days=45)])
    # a crime 200 days later leaves the window that ends at the third incident free
    assert missed_pattern(three, [d + timedelta(days=260)])
    # crimes close on both sides leave no crime-free window of 365 days
    assert not missed_pattern(three, [d - timedelta(days=100), d + timedelta(days=200)])


def test_narratives_are_varied(tables, small_bundle: Path, person_of) -> None:
    import re

    victims = {r["person_id"] for r in read(small_bundle, "truth/groups") if r["role"] == "victim"}
    exploitation = {
        r["incident_id"] for r in tables["incident_records"] if person_of[r["record_id"]] in victims
    }
    texts = [r["narrative"] for r in tables["incidents"] if r["incident_id"] in exploitation]
    assert len(set(texts)) == len(texts)
    # shapes: the text without digits, names in capitals or stamps, lower-cased
    shape = [re.sub(r"[^a-z ]", "", t.lower())[:400] for t in texts]
    assert len(set(shape)) / len(shape) > 0.95
    words = {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}
    assert len(words) > 800
    joined = "\n".join(r["narrative"] for r in tables["incidents"])
    for term in ("MFH", "VRM", "CAWN", "NFA", "YOA", "s/w", "INFT", "DOB"):
        assert term.lower() in joined.lower(), term
    assert re.search(r"\bIC[1-6]\b", joined, re.I)


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_other_seeds_plant_every_kind_with_mostly_background(tmp_path: Path, seed: int) -> None:
    summary = generate(tmp_path / "b", forces=2, years=2, scale=0.05, seed=seed)
    assert set(summary["findings"]) == set(KINDS)
    assert min(summary["findings"].values()) >= 3
    assert summary["incidents"]["background_share"] >= 0.9
    found = read(tmp_path / "b", "truth/findings")
    assert len(found) == sum(summary["findings"].values())
