"""One linkage system on one dataset, in its own process: `python -m benchmarks.link_run SYSTEM DATASET OUT`.

Systems: candour (candour.link), splink_generic (names Jaro-Winkler, exact date
of birth, postcode), recordlinkage_ecm (recordlinkage's classic pipeline:
blocking passes, exact comparisons, ECM). Writes OUT as JSON with pairwise
precision, recall and F1 of the clusters against the dataset's truth.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd
import pyarrow as pa

from benchmarks.link_data import DATASETS, domain

THRESHOLD = 0.9
PHASES: dict[str, float] = {}


def pairwise(found: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for k, v in labels.items():
            groups[v].append(k)
        return {p for g in groups.values() for p in combinations(sorted(g), 2)}

    f, t = pairs(found), pairs(truth)
    tp = len(f & t)
    p = tp / len(f) if f else 1.0
    r = tp / len(t) if t else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def run_candour(records: pd.DataFrame) -> dict[str, str]:
    from candour.link import link, prepare

    clock = time.perf_counter()
    prepared = prepare(pa.Table.from_pandas(records, preserve_index=False))
    PHASES["prepare"] = time.perf_counter() - clock
    result = link(prepared)
    PHASES.update(result.seconds)
    c = result.clusters.to_pydict()
    return dict(zip(c["record_id"], c["cluster_id"], strict=True))


def _components(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    from candour.link.model import components

    return components(ids, edges)


def run_splink_generic(records: pd.DataFrame) -> dict[str, str]:
    """Splink with a generic person model, as in its tutorials."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df = pd.DataFrame(
        {
            "unique_id": records["record_id"].astype(str),
            "first_name": records["forenames"].str.lower(),
            "surname": records["surname"].str.lower(),
            "dob": records["dob"].astype(str).where(records["dob"].notna()),
            "postcode": records["postcode"],
        }
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.7]),
            cl.ExactMatch("dob"),
            cl.ExactMatch("postcode"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("dob"),
            block_on("surname", "postcode"),
        ],
    )
    api = DuckDBAPI(duckdb.connect())
    linker = Linker(api.register(df), settings, log_level=logging.ERROR)
    t = linker.training
    t.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    t.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    t.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    t.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pred = linker.inference.predict(threshold_match_probability=THRESHOLD)
    edges = pred.as_pandas_dataframe()[["unique_id_l", "unique_id_r"]].astype(str)
    return _components(df["unique_id"].tolist(), list(edges.itertuples(index=False, name=None)))


def run_recordlinkage_ecm(records: pd.DataFrame) -> dict[str, str]:
    """recordlinkage's classic pipeline: blocking passes, exact agreement, ECM."""
    import recordlinkage

    df = pd.DataFrame(
        {
            "given_name": records["forenames"].str.lower(),
            "surname": records["surname"].str.lower(),
            "dob": records["dob"].astype(str).where(records["dob"].notna()),
            "postcode": records["postcode"],
            "address": records["address"],
            "phone": records["phone"],
        },
    )
    df.index = records["record_id"].astype(str).to_numpy()
    indexer = recordlinkage.Index()  # the same blocks as the generic Splink model
    indexer.block(["given_name", "surname"])
    indexer.block("dob")
    indexer.block(["surname", "postcode"])
    pairs = indexer.index(df)
    compare = recordlinkage.Compare()
    for col in df.columns:
        if df[col].notna().mean() >= 0.01:
            compare.exact(col, col, label=col)
    features = compare.compute(pairs, df)
    matches = recordlinkage.ECMClassifier(binarize=None).fit_predict(features)
    return _components(df.index.tolist(), [(str(a), str(b)) for a, b in matches])


SYSTEMS = {
    "candour": run_candour,
    "splink_generic": run_splink_generic,
    "recordlinkage_ecm": run_recordlinkage_ecm,
}


CACHE = Path(tempfile.gettempdir()) / "candour-bench-link"


def scale_file(n_records: int) -> Path:
    """The domain-error set at about ``n_records`` records, generated once into the cache."""
    path = CACHE / f"scale_{n_records}.parquet"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        records, truth = domain(int(n_records / 2.4), seed=7)
        records = records.assign(entity=records["record_id"].map(truth))
        records.to_parquet(path, index=False)
    return path


def load(dataset: str) -> tuple[pd.DataFrame, dict[str, str]]:
    if dataset.startswith("scale_"):
        records = pd.read_parquet(scale_file(int(dataset.removeprefix("scale_"))))
        truth = dict(zip(records["record_id"], records["entity"], strict=True))
        return records.drop(columns="entity"), truth
    return DATASETS[dataset]()


def main(system: str, dataset: str, out: Path) -> None:
    records, truth = load(dataset)
    start = time.perf_counter()
    found = SYSTEMS[system](records)
    seconds = time.perf_counter() - start
    figures = {"system": system, "dataset": dataset, "records": len(records)}
    figures.update(pairwise(found, truth))
    figures["link_seconds"] = seconds
    if PHASES:
        figures["phases"] = {k: round(v, 1) for k, v in PHASES.items()}
    out.write_text(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
