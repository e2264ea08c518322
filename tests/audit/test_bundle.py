"""The audit over a whole generated bundle: exact evidence spans, ethnicity invariance, compliance."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from scipy.stats import binomtest

import candour.audit
import candour.link
import candour.screen
from candour.audit.compliance import wilson
from candour.ingest import ingest
from candour.store import DB_NAME, Store


def analyse(bundle: Path, out: Path) -> list[dict[str, Any]]:
    """Ingest, screen, link and audit ``bundle`` into ``out``; the findings in file order."""
    out.mkdir(parents=True, exist_ok=True)
    ingest(bundle, out / DB_NAME)
    with Store(out / DB_NAME) as store:
        candour.screen.run(store)
        candour.link.run(store)
        candour.audit.run(store)
        return store.dicts("SELECT * FROM findings ORDER BY score DESC, finding_id")


@pytest.fixture(scope="module")
def audited(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit-run")
    analyse(small_bundle, out)
    return out


def test_every_finding_has_exact_evidence_spans(audited: Path) -> None:
    with Store(audited / DB_NAME, read_only=True) as store:
        findings = store.dicts("SELECT finding_id, kind, evidence FROM findings")
        assert findings, "the bundle should produce findings"
        kinds = {f["kind"] for f in findings}
        assert {"unrecorded_crime", "late_recording", "invalid_cancellation"} <= kinds
        checked = 0
        for f in findings:
            evidence = json.loads(f["evidence"])
            assert evidence["source"] and all(s.startswith("R-") for s in evidence["source"])
            assert evidence["spans"], f"{f['finding_id']} has no span"
            for s in evidence["spans"]:
                key = {"incidents": "incident_id", "crimes": "crime_id"}[s["table"]]
                (value,) = store.rows(
                    f'SELECT CAST("{s["column"]}" AS VARCHAR) FROM "{s["table"]}" '
                    f'WHERE "{key}" = ?',
                    [s["id"]],
                )[0]
                assert value[s["start"] : s["end"]] == s["text"], (f["finding_id"], s)
                checked += 1
        assert checked >= len(findings)


def test_indicator_spans_equal_the_text(audited: Path) -> None:
    with Store(audited / DB_NAME, read_only=True) as store:
        bad = store.rows(
            "SELECT count(*) FROM indicators i JOIN incidents n ON i.source_table = 'incidents' "
            "AND i.source_id = n.incident_id "
            'WHERE substr(n.narrative, i.start + 1, i."end" - i.start) <> i.text'
        )[0][0]
        total = store.count("indicators")
    assert total > 0 and bad == 0


# --- ethnicity invariance -------------------------------------------------------------

IC = re.compile(r"\bIC([1-6])\b", re.IGNORECASE)
APPEARANCE = re.compile(
    r"\b(white|black|asian|south asian|mixed race|mixed|eastern european|oriental|arab|"
    r"caucasian|afro-caribbean)(\s+(?:male|female|man|woman|males|females|men|women|lad|girl|"
    r"boy|youth))\b",
    re.IGNORECASE,
)
SWAP = {
    "white": "asian",
    "asian": "black",
    "black": "white",
    "south asian": "eastern european",
    "eastern european": "south asian",
    "mixed race": "oriental",
    "mixed": "arab",
    "oriental": "mixed race",
    "arab": "caucasian",
    "caucasian": "afro-caribbean",
    "afro-caribbean": "white",
}


def _rewrite_text(text: str) -> str:
    text = IC.sub(lambda m: f"IC{(int(m.group(1)) % 6) + 1}", text)
    return APPEARANCE.sub(lambda m: SWAP[m.group(1).lower()] + m.group(2), text)


def _rewrite_bundle(src: Path, dst: Path) -> int:
    """Copy a bundle, changing every ethnicity value and description; how many were changed."""
    shutil.copytree(src, dst)
    changed = 0
    for name, columns in (("records.csv", ("ethnicity",)), ("incidents.csv", ("narrative",))):
        path = dst / name
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            fields = list(reader.fieldnames or [])
            rows = list(reader)
        codes = sorted({r.get("ethnicity") or "" for r in rows} - {""})
        rotate = {c: codes[(i + 1) % len(codes)] for i, c in enumerate(codes)} if codes else {}
        for r in rows:
            for col in columns:
                old = r.get(col) or ""
                new = rotate.get(old, old) if col == "ethnicity" else _rewrite_text(old)
                changed += new != old
                r[col] = new
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
    return changed


def test_ethnicity_never_changes_a_finding(
    small_bundle: Path, audited: Path, tmp_path: Path
) -> None:
    changed = _rewrite_bundle(small_bundle, tmp_path / "rewritten")
    assert changed > 50, "the bundle should carry ethnicity values and descriptions to rewrite"
    after = analyse(tmp_path / "rewritten", tmp_path / "out")
    with Store(audited / DB_NAME, read_only=True) as store:
        before = store.dicts("SELECT * FROM findings ORDER BY score DESC, finding_id")

    def key(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(f["kind"], f["subject_type"], f["subject_id"], f["score"]) for f in rows]

    # person ids are opaque labels: compare person findings by their records
    def persons(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(
            (f["score"], tuple(json.loads(f["evidence"])["records"]))
            for f in rows
            if f["subject_type"] == "person"
        )

    assert [k for k in key(before) if k[1] != "person"] == [
        k for k in key(after) if k[1] != "person"
    ]
    assert persons(before) == persons(after)


# --- compliance ---------------------------------------------------------------------


def test_wilson_interval_matches_scipy() -> None:
    for k, n in ((81, 100), (0, 12), (12, 12), (937, 1000)):
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        lo, hi = wilson(k, n)
        assert lo == pytest.approx(ci.low, abs=1e-9) and hi == pytest.approx(ci.high, abs=1e-9)


def test_compliance_table(audited: Path) -> None:
    with Store(audited / DB_NAME, read_only=True) as store:
        rows = store.dicts("SELECT * FROM compliance")
        unrecorded = store.rows(
            "SELECT force_id, count(*) FROM findings WHERE kind = 'unrecorded_crime' GROUP BY 1"
        )
    assert {r["measure"] for r in rows} == {"recorded", "cancellation_correct", "timely"}
    for r in rows:
        assert 0 <= r["ci_low"] <= r["rate"] <= r["ci_high"] <= 1
        assert r["numerator"] <= r["n"] and r["annual_n"] > 0
    # every unrecorded crime is an indicator-bearing incident that led to no crime record
    for force, count in unrecorded:
        shortfall = sum(
            r["n"] - r["numerator"]
            for r in rows
            if r["force_id"] == force and r["measure"] == "recorded"
        )
        assert shortfall == count
