"""candour on a bundle it was not written against: a Met-style CAD/CRIS export.

tests/fixtures/foreign2/ is brought in only through its bundle.yaml (monthly CAD
files in two date layouts, a gzipped CRIS export with its own offence codes and
"NO CRIME" categories, a nominal index merged with social-care, school and
health records). Its cases are written by hand in partner-agency and hurried
log voices; truth/ was written from spec/rules.md. See docs/foreign2-bundle.md.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from candour.bundle.contract import TABLES
from candour.eval import evaluate
from candour.run import run
from candour.store import Store

BUNDLE = Path(__file__).parent / "fixtures" / "foreign2"

# Measured on 2026-11-25 (docs/foreign2-bundle.md) less about 0.1, so a
# regression in any stage fails here while small wording changes do not.
F1_FLOORS = {
    "unrecorded_crime": 0.79,
    "adult_not_dealt_with": 0.72,
    "child_treated_as_consenting": 0.90,
    "invalid_cancellation": 0.90,
    "late_recording": 0.90,
    "under_classified": 0.90,
    "missed_pattern": 0.90,
}
OVERALL_F1_FLOOR = 0.84
PEOPLE_F1_FLOOR = 0.90

# Tricky negatives, found by a phrase of their own narrative: (phrase, kinds that must not fire).
NEGATIVES = [
    ("collected by his grandmother", {"adult_not_dealt_with"}),
    ("CAWN served on DRUMMOND", {"adult_not_dealt_with"}),
    ("her boyfriend Ryan KAPOOR 17", {"adult_not_dealt_with", "child_treated_as_consenting"}),
    ("his daughter Kayla 13", {"adult_not_dealt_with"}),
    ("nil disclosures, no concerns", {"unrecorded_crime", "adult_not_dealt_with"}),
    ("partner is 17 and at same college", {"child_treated_as_consenting", "unrecorded_crime"}),
    ("male consented to search", {"child_treated_as_consenting", "unrecorded_crime"}),
    ("denies any sexual contact", {"unrecorded_crime", "child_treated_as_consenting"}),
    ("Connor MCBRIDE 20 and consented", {"child_treated_as_consenting", "unrecorded_crime"}),
    ("handbag snatched on Station Parade", {"unrecorded_crime"}),
    ("had consensual sex with a man she met", {"child_treated_as_consenting", "unrecorded_crime"}),
]
# Crimes that must not be flagged, found by a phrase of their cancellation reason or narrative.
CRIME_NEGATIVES = [
    ("IP's brother taking the bicycle", "invalid_cancellation"),
    ("wallet found by housekeeping", "invalid_cancellation"),
    ("transferred to Kent", "invalid_cancellation"),
]


def _rows(path: Path) -> int:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(scope="module")
def foreign2_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    work = tmp_path_factory.mktemp("foreign2")
    bundle = work / "bundle"
    shutil.copytree(BUNDLE, bundle, ignore=shutil.ignore_patterns("_build.py", "__pycache__"))
    out = work / "out"
    run(bundle, out, report=False)
    scores = evaluate(bundle, out)
    return bundle, out, scores


def _table(scores: dict[str, Any]) -> str:
    lines = [f"{'kind':30} {'truth':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind, s in sorted(scores["findings"]["by_kind"].items()):
        lines.append(
            f"{kind:30} {s['truth']:5d} {s['found']:5d} "
            f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
        )
    return "\n".join(lines)


def test_every_row_is_loaded_through_the_mapping(
    foreign2_run: tuple[Path, Path, dict[str, Any]],
) -> None:
    bundle, out, _ = foreign2_run
    report = json.loads((out / "ingest_report.json").read_text())["tables"]
    for name, t in report.items():
        assert t["read"] == t["loaded"] + t["quarantined"], name
        assert t["quarantined"] == 0, (name, t["examples"])
    expected = {
        "incidents": sum(_rows(p) for p in (bundle / "cad").glob("2011-*.csv")),
        "incident_records": _rows(bundle / "cad" / "cad_persons.csv"),
        "crimes": _rows(bundle / "cris" / "crime_reports.csv.gz"),
        "crime_records": _rows(bundle / "cris" / "crime_persons.csv"),
        "records": _rows(bundle / "persons" / "nominals.csv"),
        "officers": _rows(bundle / "hr" / "postings.csv"),
    }
    for name, n in expected.items():
        assert report[name]["loaded"] == n, name
    store = Store(out / "inquiry.duckdb", read_only=True)
    # both CAD date layouts ("14-Mar-2011 23:40" and "14/03/11 23:40") land in 2011
    assert (
        store.rows("SELECT min(reported_at)::DATE, max(reported_at)::DATE FROM incidents")[0][
            0
        ].year
        == 2011
    )
    statuses = {r[0] for r in store.rows("SELECT DISTINCT status FROM crimes")}
    assert statuses == {"recorded", "cancelled", "transferred"}
    kept = {r[0] for r in store.rows("SELECT DISTINCT cancellation_class FROM crimes")}
    assert "NC6" in kept and "C2" in kept  # unmapped category kept as written


def test_evidence_spans_are_the_source_text(
    foreign2_run: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, _ = foreign2_run
    store = Store(out / "inquiry.duckdb", read_only=True)
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        findings = list(csv.DictReader(fh))
    assert findings
    checked = 0
    for f in findings:
        evidence = json.loads(f["evidence"])
        assert evidence.get("spans") or evidence.get("records"), f["finding_id"]
        for span in evidence.get("spans", []):
            table = span["table"]
            key = TABLES[table].key[0]
            col = span["column"]
            value = store.rows(f'SELECT "{col}" FROM {table} WHERE {key} = ?', [span["id"]])
            assert value, (f["finding_id"], span)
            # text columns are quoted by offset; a date or time by its ISO text
            text = value[0][0] if isinstance(value[0][0], str) else str(value[0][0])
            assert text[span["start"] : span["end"]] == span["text"], (f["finding_id"], span)
            checked += 1
    assert checked > 0


def test_scores_hold_their_floors(foreign2_run: tuple[Path, Path, dict[str, Any]]) -> None:
    _, _, scores = foreign2_run
    print("\n" + _table(scores))
    by_kind = scores["findings"]["by_kind"]
    low = {
        k: round(by_kind[k]["f1"], 3) for k, floor in F1_FLOORS.items() if by_kind[k]["f1"] < floor
    }
    assert not low, f"F1 below floor: {low}\n{_table(scores)}"
    assert scores["findings"]["f1"] >= OVERALL_F1_FLOOR, _table(scores)
    # the same child spelled three ways across CAD/CRIS, LCS and SIMS is one person
    assert scores["people"]["f1"] >= PEOPLE_F1_FLOOR, scores["people"]


def test_tricky_negatives_are_not_flagged(
    foreign2_run: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, _ = foreign2_run
    store = Store(out / "inquiry.duckdb", read_only=True)
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        flagged = {(r["kind"], r["subject_id"]) for r in csv.DictReader(fh)}
    wrong = []
    for phrase, kinds in NEGATIVES:
        ids = [
            r[0]
            for r in store.rows(
                "SELECT incident_id FROM incidents WHERE contains(narrative, ?)", [phrase]
            )
        ]
        assert ids, phrase
        wrong += [(k, i, phrase) for i in ids for k in kinds if (k, i) in flagged]
    for phrase, kind in CRIME_NEGATIVES:
        ids = [
            r[0]
            for r in store.rows(
                "SELECT c.crime_id FROM crimes c LEFT JOIN incidents i USING (incident_id) "
                "WHERE contains(coalesce(c.cancellation_reason, ''), ?) OR contains(coalesce(i.narrative, ''), ?)",
                [phrase, phrase],
            )
        ]
        assert len(ids) == 1, phrase
        wrong += [(kind, ids[0], phrase)] if (kind, ids[0]) in flagged else []
    # the spring clock change: 23:30 on 26 March to 23:50 on 27 March is 23 h 20 min, not late
    dst = store.rows(
        "SELECT c.crime_id FROM crimes c JOIN incidents i USING (incident_id) "
        "WHERE contains(i.narrative, 'handbag snatched on Station Parade')"
    )[0][0]
    wrong += (
        [("late_recording", dst, "23 h 20 min over the clock change")]
        if ("late_recording", dst) in flagged
        else []
    )
    # crimes reported straight onto CRIS (no CAD) cannot be late
    no_cad = [r[0] for r in store.rows("SELECT crime_id FROM crimes WHERE incident_id IS NULL")]
    assert no_cad
    wrong += [
        ("late_recording", c, "no incident") for c in no_cad if ("late_recording", c) in flagged
    ]
    assert not wrong, wrong
