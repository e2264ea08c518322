"""The keyword-search baseline and reviewer effort, on hand-made rankings and a real run."""

from __future__ import annotations

import csv
from pathlib import Path

import candour.audit
import candour.screen
from candour import outputs
from candour.eval.baseline import (
    TERMS,
    effort,
    keyword_ranking,
    recall_at,
    reviewer_effort,
    terms_hit,
)
from candour.ingest import ingest
from candour.store import DB_NAME, Store


def test_terms_hit_counts_distinct_terms_as_words() -> None:
    assert terms_hit("Girl MISSING, found in a CAR with older male; girl drunk") == 5
    assert terms_hit("carpet cleaning; scarf found") == 0  # whole words only
    assert terms_hit(None) == 0
    assert 20 <= len(TERMS) <= 30


def test_ranking_puts_more_terms_first_and_no_hit_last() -> None:
    incidents = [(f"n{i}", "noise complaint") for i in range(50)]
    incidents += [("two", "missing girl"), ("one", "drunk"), ("three", "missing girl in car")]
    ranking = keyword_ranking(incidents, seed=1)
    assert ranking[:3] == ["three", "two", "one"]
    assert set(ranking[3:]) == {f"n{i}" for i in range(50)}
    assert keyword_ranking(incidents, seed=1) == ranking  # fixed seed, same order
    assert keyword_ranking(incidents, seed=2)[3:] != ranking[3:]  # ties really are shuffled


def test_effort_and_recall() -> None:
    order = ["a", "x", "b", "y", "c", "z", "d"]
    truth = {"a", "b", "c", "d"}
    assert effort(order, truth, share=0.5) == 3
    assert effort(order, truth, share=0.9) == 7  # ceil(3.6) = 4 of 4
    assert effort(order, {"q"}) is None
    assert recall_at(order, truth, ks=(1, 3)) == {"1": 0.25, "3": 0.5}


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_reviewer_effort_on_a_run(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "truth").mkdir(parents=True)
    _write_csv(bundle / "forces.csv", [{"force_id": "F1", "name": "F"}])
    noise = [
        {"incident_id": f"N{i:03d}", "force_id": "F1", "reported_at": "2012-01-01T10:00",
         "narrative": "Missing girl returned home, drunk, found in car. No concerns."}
        for i in range(60)
    ]  # fmt: skip
    buried = [
        {"incident_id": f"B{i}", "force_id": "F1", "reported_at": "2012-01-02T10:00",
         "narrative": f"IP aged 13 disclosed she had sex with a 3{i} year old man."}
        for i in range(5)
    ]  # fmt: skip
    _write_csv(bundle / "incidents.csv", noise + buried)
    _write_csv(
        bundle / "truth" / "findings.csv",
        [{"kind": "unrecorded_crime", "subject_type": "incident", "subject_id": b["incident_id"]}
         for b in buried],
    )  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    ingest(bundle, out / DB_NAME)
    with Store(out / DB_NAME) as store:
        candour.screen.run(store, workers=1)
        candour.audit.run(store)
        outputs.write_all(store, out)
    result = reviewer_effort(bundle, out)
    assert result["truth_incidents"] == 5 and result["incidents"] == 65
    assert result["candour"] == 5  # the five buried incidents are the first five findings
    assert result["keyword"] > 30  # the noise hits more of the analyst's terms
    assert result["ratio"] == result["candour"] / result["keyword"]
    assert result["candour_recall_at"]["100"] == 1.0
