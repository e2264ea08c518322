"""Train the Fellegi–Sunter model on the inquiry's own records, score pairs, cluster people.

Training is unsupervised: u probabilities from all pairs of a random record
sample (at most ``U_MAX_PAIRS`` pairs; the sample is chosen by a hash of the
record id, so DuckDB and Spark train on the same pairs), m probabilities by
expectation maximisation on blocked pairs of a record sample (at most
``EM_MAX_RECORDS``), a starting prior from
deterministic rules, then the prior as the fixed point λ = Σ P(match) over the
blocked pairs ÷ all pairs. EM's m estimates are blended with fixed prior m
probabilities (``settings.PRIOR_M``) in proportion to the matching pairs the
records hold, and u gets a floor of one in the sampled pairs, so an inquiry
too small to train still links on documented weights. A pair is a link when its match probability under
that prior is at least ``THRESHOLD``; people are the connected components of
the links.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from splink import DuckDBAPI, Linker

from candour.link.settings import (
    DETERMINISTIC_RECALL,
    DETERMINISTIC_RULES,
    PRIOR_M,
    TRAINING_RULES,
    affordable_broad_rules,
    candour_settings,
)
from candour.store import portable

# Posterior odds of 9 to 1 that the two records are one person, under the
# trained model: the decision threshold (docs/linkage.md explains the choice).
THRESHOLD = 0.9
U_MAX_PAIRS = 1e6
EM_MAX_RECORDS = 150_000
SEED = 4
# Matching pairs that the prior m probabilities count for: with m matching
# pairs expected among the EM records, EM's estimate gets weight m / (m + 100).
PRIOR_PAIRS = 100
# Never link records with one surname and unrelated forenames (twins, siblings).
# Off by default: on FEBRL it cost 7 points of recall (a corrupted forename is
# far commoner there than twins); an inquiry whose records hold many families
# at one address can turn it on.
SEPARATE_KIN = False

for _name in ("splink", "py4j"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass
class Linkage:
    """The outcome of one linkage run."""

    clusters: pa.Table  # record_id, cluster_id
    links: pa.Table  # record_id_l, record_id_r, match_weight, match_probability, comparisons
    model: dict[str, Any]  # the trained Splink settings (m, u, prior)
    compared: int  # pairs scored above the threshold before clustering
    seconds: dict[str, float] = field(default_factory=dict)  # time per phase


def filled_shares(prepared: pa.Table) -> dict[str, float]:
    """Share of records with each comparison's column filled in."""
    n = max(prepared.num_rows, 1)
    shares = {
        column: 1 - prepared.column(column).null_count / n for column in prepared.column_names
    }
    shares["place"] = max(shares.get("pc", 0.0), shares.get("address", 0.0))
    return shares


def _level_weights(model: dict[str, Any]) -> dict[str, list[tuple[float, str]]]:
    """Each comparison's levels as (match weight, label); the null level weighs 0."""
    out: dict[str, list[tuple[float, str]]] = {}
    for comparison in model["comparisons"]:
        levels = []
        for lv in comparison["comparison_levels"]:
            label = lv.get("label_for_charts") or lv["sql_condition"]
            if lv.get("is_null_level"):
                levels.append((0.0, label))
            else:
                levels.append((math.log2(lv["m_probability"] / lv["u_probability"]), label))
        out[comparison["output_column_name"]] = levels
    return out


def _explain(row: dict[str, Any], levels: dict[str, list[tuple[float, str]]]) -> str:
    """The comparison level behind each part of a pair's match weight, as JSON."""
    parts = {}
    for name, options in levels.items():
        mw = row.get(f"mw_{name}")
        if mw is None:
            continue
        tf = row.get(f"mw_tf_adj_{name}") or 0.0
        label = min(options, key=lambda o: abs(o[0] - float(mw)))[1]
        parts[name] = {"level": label, "weight": round(float(mw) + float(tf), 2)}
    return json.dumps(parts, sort_keys=True)


def blend_prior_m(model: dict[str, Any], matching_pairs: float) -> dict[str, Any]:
    """m of every level: EM's estimate and the prior (``PRIOR_M``), weighted by evidence.

    EM's m (levels it never saw count 0, renormalised per comparison) gets
    weight ``matching_pairs / (matching_pairs + PRIOR_PAIRS)``; a comparison EM
    did not train takes the prior alone.
    """
    trust = matching_pairs / (matching_pairs + PRIOR_PAIRS) if matching_pairs > 0 else 0.0
    for comparison in model["comparisons"]:
        prior = PRIOR_M.get(comparison["output_column_name"])
        if prior is None:
            continue
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        em = [max(float(lv.get("m_probability") or 0.0), 0.0) for lv in levels]
        total = sum(em)
        weight = trust if total > 0 else 0.0
        for lv, m in zip(levels, em, strict=True):
            label = lv.get("label_for_charts") or lv["sql_condition"]
            if label not in prior:
                continue
            p = prior[label]
            if p is None:  # neutral: the prior part is u
                p = float(lv.get("u_probability") or 0.0)
            lv["m_probability"] = weight * (m / total if total else 0.0) + (1 - weight) * p
    return model


def _neutralise_untrained(model: dict[str, Any], sampled_pairs: float) -> dict[str, Any]:
    """Levels the data never showed get a neutral or bounded weight, not Splink's defaults.

    No m (never seen among likely matches): m = u, weight 0. No u (never seen
    among the sampled non-matches), or less than one in the sampled pairs:
    u = one in the sampled pairs.
    """
    floor = 1 / max(min(sampled_pairs, U_MAX_PAIRS), 1.0)
    for comparison in model["comparisons"]:
        for lv in comparison["comparison_levels"]:
            if lv.get("is_null_level"):
                continue
            m, u = lv.get("m_probability"), lv.get("u_probability")
            if u is None or u < floor:
                u = floor
            if m is None or m <= 0:
                m = u
            if lv["sql_condition"].strip().upper() == "ELSE":
                m = min(m, u)  # disagreement never counts for a match
            lv["m_probability"], lv["u_probability"] = m, u
    return model


def record_sample(prepared: pa.Table, keep: int) -> pa.Table:
    """A random sample of ``keep`` records, chosen by a hash of the record id.

    Every backend samples the same records, so DuckDB and Spark train alike.
    """
    n = prepared.num_rows
    if keep >= n:
        return prepared
    ids = prepared.column("record_id").to_pylist()
    ranked = sorted(range(n), key=lambda i: (zlib.crc32(f"{SEED}:{ids[i]}".encode()), ids[i]))
    return prepared.take(sorted(ranked[:keep]))


def _train(register: Any, prepared: pa.Table, settings: Any) -> dict[str, Any]:
    """Train u on a record sample (all its pairs), then m by EM on blocked pairs.

    EM runs on at most ``EM_MAX_RECORDS`` records (a hash sample): m describes
    true matches, which a sample holds plenty of, and blocked pairs on a date
    of birth grow with the square of the records. The starting prior is
    counted on the same sample and rescaled to all records.

    ``register`` turns an Arrow table into a Splink table on the backend.
    """
    sample = record_sample(prepared, int((2 * U_MAX_PAIRS) ** 0.5))
    linker = Linker(register(sample), settings, log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=sample.num_rows**2, seed=SEED, min_count_per_level=None, num_chunks=1
    )
    trained_u = linker.misc.save_model_to_json()
    em_records = record_sample(prepared, EM_MAX_RECORDS)
    linker = Linker(register(em_records), trained_u, log_level=logging.ERROR)
    t = linker.training
    t.estimate_probability_two_random_records_match(
        DETERMINISTIC_RULES, recall=DETERMINISTIC_RECALL
    )
    start = float(linker.misc.save_model_to_json()["probability_two_random_records_match"])
    for rule in TRAINING_RULES:
        t.estimate_parameters_using_expectation_maximisation(rule)
    n = em_records.num_rows
    model = blend_prior_m(linker.misc.save_model_to_json(), start * n * (n - 1) / 2)
    m = sample.num_rows
    model = _neutralise_untrained(model, m * (m - 1) / 2)
    # matching pairs grow like records, all pairs like records squared
    scale = em_records.num_rows / prepared.num_rows
    model["probability_two_random_records_match"] *= scale
    return model


def _query(engine: str, con: Any, spark: Any, sql: str) -> pa.Table:
    """Run a SELECT on the linkage backend; the (small) result as Arrow."""
    if engine == "spark":
        return pa.Table.from_pandas(
            spark.sql(portable(sql, "spark")).toPandas(), preserve_index=False
        )
    return con.sql(sql).to_arrow_table()


def fixed_point_prior(
    sum_probability: Any, total_pairs: float, start: float, iterations: int = 50
) -> float:
    """The prior λ with λ = E[matches among blocked pairs] / all pairs (λ held by EM's logic).

    ``sum_probability(λ)`` returns Σ P(match | evidence, λ) over the blocked
    pairs; pairs that no blocking rule admits count as non-matches.
    """
    lam = start
    for _ in range(iterations):
        new = min(max(float(sum_probability(lam)) / total_pairs, 1e-12), 0.5)
        if abs(new - lam) <= 1e-3 * lam:
            return new
        lam = new
    return lam


def components(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    """Connected components: each record id → the smallest record id of its component."""
    index = {r: i for i, r in enumerate(ids)}
    n = len(ids)
    if not edges:
        return {r: r for r in ids}
    rows = np.array([index[a] for a, _ in edges])
    cols = np.array([index[b] for _, b in edges])
    graph = coo_matrix((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first: dict[int, str] = {}
    for r in sorted(ids):
        first.setdefault(int(labels[index[r]]), r)
    return {r: first[int(labels[index[r]])] for r in ids}


def link(
    prepared: pa.Table,
    engine: Literal["duckdb", "spark"] = "duckdb",
    *,
    threshold: float = THRESHOLD,
    spark: Any = None,
) -> Linkage:
    """Link prepared records (candour.link.prepare) into people with the given engine."""
    ids = [str(x) for x in prepared.column("record_id").to_pylist()]
    if prepared.num_rows < 2:
        return Linkage(pa.table({"record_id": ids, "cluster_id": ids}), _empty_links(), {}, 0)
    seconds: dict[str, float] = {}
    settings = candour_settings(filled_shares(prepared), affordable_broad_rules(prepared))
    con = None
    if engine == "spark":
        from candour.link.spark import spark_api, spark_session

        spark = spark or spark_session()
        db_api = spark_api(spark)

        def register(table: pa.Table) -> Any:
            return db_api.register(spark.createDataFrame(table.to_pandas()))
    else:
        workdir = tempfile.TemporaryDirectory(prefix="candour-link-")
        con = duckdb.connect(str(Path(workdir.name) / "link.duckdb"))
        con.execute("SET threads = 2")
        con.execute(f"SET memory_limit = '{os.environ.get('CANDOUR_LINK_MEMORY', '2GB')}'")
        con.execute(f"SET temp_directory = '{workdir.name}'")
        con.execute("SET preserve_insertion_order = false")
        db_api = DuckDBAPI(con)

        def register(table: pa.Table) -> Any:
            return db_api.register(table)

    try:
        clock = time.perf_counter()
        model = _train(register, prepared, settings)
        seconds["train"] = time.perf_counter() - clock
        linker = Linker(register(prepared), model, log_level=logging.ERROR)
        start = float(model["probability_two_random_records_match"])
        start_weight = math.log2(start / (1 - start))
        # every blocked pair whose evidence favours a match (Bayes factor ≥ 1)
        clock = time.perf_counter()
        scored = linker.inference.predict(threshold_match_weight=start_weight)
        seconds["predict"] = time.perf_counter() - clock
        clock = time.perf_counter()
        table = scored.physical_name
        mw = [f"mw_{c['output_column_name']}" for c in model["comparisons"]]
        tf = [f"mw_tf_adj_{c}" for c in _tf_comparisons(model)]
        evidence = " + ".join([*mw, *(f"coalesce({c}, 0)" for c in tf)])

        kin = _kin_condition(model)
        got = _query(engine, con, spark, f"SELECT {evidence} AS e FROM {table} WHERE {kin}")
        evidences = np.asarray(got.column("e").to_numpy(zero_copy_only=False), dtype=float)

        def sum_probability(lam: float) -> float:
            odds = (1 - lam) / lam
            return float(np.sum(1.0 / (1.0 + odds * np.power(2.0, -evidences))))

        n = prepared.num_rows
        prior = fixed_point_prior(sum_probability, n * (n - 1) / 2, start)
        model["probability_two_random_records_match"] = prior
        prior_weight = math.log2(prior / (1 - prior))
        # a link: posterior probability ≥ threshold under the fitted prior
        need = math.log2(threshold / (1 - threshold)) - prior_weight
        extra = ", ".join([*mw, *tf])
        rows = _query(
            engine,
            con,
            spark,
            f"SELECT CAST(record_id_l AS VARCHAR) AS record_id_l, "
            f"CAST(record_id_r AS VARCHAR) AS record_id_r, {evidence} AS evidence, {extra} "
            f"FROM {table} WHERE {evidence} >= {need!r} AND {kin} "
            f"ORDER BY record_id_l, record_id_r",
        ).to_pylist()
    finally:
        if con is not None:
            con.close()
            workdir.cleanup()
    levels = _level_weights(model)
    weights = [float(r["evidence"]) + prior_weight for r in rows]
    links = pa.table(
        {
            "record_id_l": pa.array([r["record_id_l"] for r in rows], pa.string()),
            "record_id_r": pa.array([r["record_id_r"] for r in rows], pa.string()),
            "match_weight": pa.array(weights, pa.float64()),
            "match_probability": pa.array([1 / (1 + 2.0**-w) for w in weights], pa.float64()),
            "comparisons": pa.array([_explain(r, levels) for r in rows], pa.string()),
        }
    )
    cluster = components(ids, [(r["record_id_l"], r["record_id_r"]) for r in rows])
    clusters = pa.table({"record_id": ids, "cluster_id": [cluster[i] for i in ids]})
    seconds["prior_links_clusters"] = time.perf_counter() - clock
    return Linkage(clusters, links, model, len(rows), seconds)


def _kin_condition(model: dict[str, Any]) -> str:
    """SQL true for a pair that may be one person: not unrelated forenames under one surname.

    Two records with the same family name (exact, one edit or sounding alike)
    and unrelated forenames (the "forename different" level) are siblings,
    twins or parent and child far more often than one person who changed a
    forename; Fellegi–Sunter counts their shared surname, address and date of
    birth (twins) as independent evidence when in a family they are not. Such
    pairs are never links. Levels are recognised by their weight (Splink keeps
    only the weights of a scored pair), so only when that weight is unique.
    """
    levels = _level_weights(model)
    if not SEPARATE_KIN or "forename" not in levels or "surname" not in levels:
        return "TRUE"

    def weight(name: str, label: str) -> float | None:
        options = levels[name][1:]  # the null level is first
        mine = [w for w, lab in options if lab == label]
        others = [w for w, lab in options if lab != label]
        if len(mine) != 1 or any(abs(w - mine[0]) < 1e-3 for w in others):
            return None
        return mine[0]

    different = weight("forename", "forename different")
    family = [
        weight("surname", label)
        for label in ("surname exact", "surname one edit", "surname sounds alike")
    ]
    if different is None or None in family:
        return "TRUE"
    same = " OR ".join(f"abs(mw_surname - ({w!r})) < 1e-6" for w in family if w is not None)
    return f"NOT (abs(mw_forename - ({different!r})) < 1e-6 AND ({same}))"


def _tf_comparisons(model: dict[str, Any]) -> list[str]:
    return [
        c["output_column_name"]
        for c in model["comparisons"]
        if any(lv.get("tf_adjustment_column") for lv in c["comparison_levels"])
    ]


def _empty_links() -> pa.Table:
    return pa.table(
        {
            "record_id_l": pa.array([], pa.string()),
            "record_id_r": pa.array([], pa.string()),
            "match_weight": pa.array([], pa.float64()),
            "match_probability": pa.array([], pa.float64()),
            "comparisons": pa.array([], pa.string()),
        }
    )
