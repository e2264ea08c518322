"""The scoring functions of `candour eval` on hand-worked cases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from candour.eval.scores import adjusted_rand_index, prf, score_findings, score_people


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_prf_counts() -> None:
    assert prf(3, 4, 6) == pytest.approx({"precision": 0.75, "recall": 0.5, "f1": 0.6})
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 0, 5)["recall"] == 0.0


def test_ari_identical_and_permuted_labels_score_one() -> None:
    a = {"r1": "x", "r2": "x", "r3": "y", "r4": "y"}
    b = {"r1": "q", "r2": "q", "r3": "p", "r4": "p"}
    assert adjusted_rand_index(a, b) == pytest.approx(1.0)


def test_ari_known_value() -> None:
    # The classic example: labels [0,0,1,1] vs [0,0,1,2] has ARI 0.5714...
    a = {"a": "0", "b": "0", "c": "1", "d": "1"}
    b = {"a": "0", "b": "0", "c": "1", "d": "2"}
    assert adjusted_rand_index(a, b) == pytest.approx(4 / 7)


def test_people_pairwise(tmp_path: Path) -> None:
    truth = _write(
        tmp_path / "t.csv",
        ["record_id", "person_id"],
        [["a", "1"], ["b", "1"], ["c", "1"], ["d", "2"]],
    )
    found = _write(
        tmp_path / "f.csv",
        ["record_id", "person_id"],
        [["a", "p"], ["b", "p"], ["c", "q"], ["d", "q"]],
    )
    s = score_people(found, truth)
    # truth pairs ab ac bc; found pairs ab cd -> tp 1
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(1 / 3)


def test_findings_per_kind_and_recall_at_k(tmp_path: Path) -> None:
    truth = _write(
        tmp_path / "t.csv",
        ["kind", "subject_type", "subject_id"],
        [
            ["late_recording", "crime", "c1"],
            ["late_recording", "crime", "c2"],
            ["unrecorded_crime", "incident", "i1"],
        ],
    )
    found = _write(
        tmp_path / "f.csv",
        ["kind", "subject_type", "subject_id"],
        [
            ["late_recording", "crime", "c1"],
            ["late_recording", "crime", "c9"],
            ["unrecorded_crime", "incident", "i1"],
        ],
    )
    s = score_findings(found, truth)
    assert s["by_kind"]["late_recording"]["precision"] == pytest.approx(0.5)
    assert s["by_kind"]["unrecorded_crime"]["f1"] == pytest.approx(1.0)
    assert s["recall_at"]["100"] == pytest.approx(2 / 3)
