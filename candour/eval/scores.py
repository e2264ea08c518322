"""Scores of each output file against truth/ (spec/outputs.md)."""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from scipy.special import comb

KS = (100, 500, 1000)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def prf(tp: int, found: int, truth: int) -> dict[str, float]:
    p = tp / found if found else (1.0 if not truth else 0.0)
    r = tp / truth if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def person_map(people_found: Path | None, people_truth: Path | None) -> dict[str, str]:
    """candour person_id → truth person_id, by the truth person most of its records belong to.

    Person ids are opaque on both sides, so a person finding is matched through
    its records; without a people.csv, candour's person id is a record id.
    """
    if people_truth is None or not people_truth.exists():
        return {}
    truth_of = {r["record_id"]: r["person_id"] for r in _read(people_truth)}
    members: dict[str, list[str]] = defaultdict(list)
    if people_found is not None and people_found.exists():
        for r in _read(people_found):
            members[r["person_id"]].append(r["record_id"])
    out = {rid: pid for rid, pid in truth_of.items()}  # record ids stand for persons
    for pid, recs in members.items():
        votes: dict[str, int] = defaultdict(int)
        for rec in recs:
            if rec in truth_of:
                votes[truth_of[rec]] += 1
        if votes:
            out[pid] = max(sorted(votes), key=lambda k: votes[k])
    return out


def score_findings(
    found_path: Path,
    truth_path: Path,
    people_found: Path | None = None,
    people_truth: Path | None = None,
) -> dict[str, Any]:
    """Precision, recall, F1 per kind and recall within the first k findings.

    Person findings are compared through their records (see :func:`person_map`)
    when the people files are given.
    """
    truth = {(r["kind"], r["subject_type"], r["subject_id"]) for r in _read(truth_path)}
    rows = _read(found_path)
    persons = person_map(people_found, people_truth)
    order = [
        (
            r["kind"],
            r["subject_type"],
            persons.get(r["subject_id"], r["subject_id"])
            if r["subject_type"] == "person"
            else r["subject_id"],
        )
        for r in rows
    ]
    found = set(order)
    kinds = sorted({k for k, _, _ in truth} | {k for k, _, _ in found})
    by_kind: dict[str, Any] = {}
    for kind in kinds:
        t = {x for x in truth if x[0] == kind}
        ordered = [x for x in order if x[0] == kind]
        f = set(ordered)
        s: dict[str, Any] = {"truth": len(t), "found": len(f), **prf(len(t & f), len(f), len(t))}
        s["recall_at"] = {str(k): (len(t & set(ordered[:k])) / len(t) if t else 1.0) for k in KS}
        by_kind[kind] = s
    recall_at = {str(k): (len(truth & set(order[:k])) / len(truth) if truth else 1.0) for k in KS}
    return {
        "by_kind": by_kind,
        "recall_at": recall_at,
        **prf(len(truth & found), len(found), len(truth)),
    }


def _pairs(clusters: dict[str, set[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for members in clusters.values():
        out.update(combinations(sorted(members), 2))
    return out


def _clusters(rows: list[dict[str, str]], key: str, by: str) -> dict[str, set[str]]:
    c: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        c[r[by]].add(r[key])
    return c


def score_people(found_path: Path, truth_path: Path) -> dict[str, float]:
    """Pairwise precision, recall and F1 of record clusters."""
    truth = _pairs(_clusters(_read(truth_path), "record_id", "person_id"))
    found = _pairs(_clusters(_read(found_path), "record_id", "person_id"))
    return prf(len(truth & found), len(found), len(truth))


def adjusted_rand_index(a: dict[str, str], b: dict[str, str]) -> float:
    """ARI of two labelings over the union of their items (an item missing from one is a singleton)."""
    items = sorted(set(a) | set(b))
    la = [a.get(i, f"_single_{i}") for i in items]
    lb = [b.get(i, f"_single_{i}") for i in items]
    table: dict[tuple[str, str], int] = defaultdict(int)
    ca: dict[str, int] = defaultdict(int)
    cb: dict[str, int] = defaultdict(int)
    for x, y in zip(la, lb, strict=True):
        table[(x, y)] += 1
        ca[x] += 1
        cb[y] += 1
    n = len(items)
    if n < 2:
        return 1.0
    sum_ij = sum(comb(v, 2) for v in table.values())
    sum_a = sum(comb(v, 2) for v in ca.values())
    sum_b = sum(comb(v, 2) for v in cb.values())
    expected = sum_a * sum_b / comb(n, 2)
    maximum = (sum_a + sum_b) / 2
    return float((sum_ij - expected) / (maximum - expected)) if maximum != expected else 1.0


def score_groups(
    found_path: Path,
    truth_path: Path,
    people_found: Path | None = None,
    people_truth: Path | None = None,
) -> dict[str, float]:
    """Adjusted Rand index of group membership.

    Person ids differ between candour and truth, so both sides are mapped to
    record ids through their people files when given (outputs/people.csv and
    truth/people.csv beside the groups files).
    """
    people_found = people_found or found_path.with_name("people.csv")
    people_truth = people_truth or truth_path.with_name("people.csv")
    fp = _clusters(_read(people_found), "record_id", "person_id") if people_found.exists() else {}
    tp = _clusters(_read(people_truth), "record_id", "person_id") if people_truth.exists() else {}

    def by_record(rows: list[dict[str, str]], people: dict[str, set[str]]) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in rows:
            for rec in people.get(r["person_id"], {r["person_id"]}):
                out[rec] = r["group_id"]
        return out

    a = by_record(_read(found_path), fp)
    b = by_record(_read(truth_path), tp)
    return {"adjusted_rand_index": adjusted_rand_index(a, b)}


def score_knowledge(found_path: Path, truth_path: Path) -> dict[str, float]:
    """Precision and recall of (officer, document) pairs."""
    truth = {(r["officer_id"], r["document_id"]) for r in _read(truth_path)}
    found = {(r["officer_id"], r["document_id"]) for r in _read(found_path)}
    return prf(len(truth & found), len(found), len(truth))
