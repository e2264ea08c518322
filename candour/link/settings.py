"""The linkage model: comparisons, blocking rules and training rules.

Comparisons are written for the errors of police and agency person records:
nicknames and spelling variants of forenames, typing errors (edit distance), surnames that
change (marriage, aliases), dates of birth with day and month swapped or
replaced by an age stated at the time (compatible if the implied birth year
overlaps), postcodes at several precisions and phone numbers. Every SQL
condition is plain column arithmetic or a Splink level, so the same model runs
on DuckDB and on Spark.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

# A comparison is used only when its column is filled in at least this share
# of records; an almost-empty column cannot be trained by EM.
MIN_FILLED = 0.01


def _two_edits(column: str, label: str) -> cll.CustomLevel:
    """Within two edits, for names long enough that two edits still say something.

    Edit distance (Damerau-Levenshtein: a swap of neighbours is one edit) is
    used rather than Jaro-Winkler because both backends implement it the same
    way, so DuckDB and Spark give equal results.
    """
    return cll.CustomLevel(
        f"damerau_levenshtein({column}_l, {column}_r) <= 2 "
        f"AND least(length({column}_l), length({column}_r)) >= 5",
        label,
    )


def _forename() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="forename",
        comparison_levels=[
            cll.NullLevel("fn1"),
            cll.ExactMatchLevel("fn1", term_frequency_adjustments=True).configure(
                label_for_charts="forename exact"
            ),
            cll.CustomLevel(
                "(length(fn1_l) = 1 OR length(fn1_r) = 1) AND left(fn1_l, 1) = left(fn1_r, 1)",
                "forename initial",
            ),
            cll.ArrayIntersectLevel("fn_groups", 1).configure(
                label_for_charts="forename nickname (same name group)"
            ),
            cll.DamerauLevenshteinLevel("fn1", 1).configure(label_for_charts="forename one edit"),
            cll.CustomLevel(
                "least(length(fn1_l), length(fn1_r)) >= 2 AND (left(fn1_l, length(fn1_r)) = fn1_r "
                "OR left(fn1_r, length(fn1_l)) = fn1_l)",
                "forename shortened",
            ),
            cll.ExactMatchLevel("fn_mp").configure(label_for_charts="forename sounds alike"),
            cll.CustomLevel("fn1_l = sn_r", "forename and surname transposed"),
            _two_edits("fn1", "forename two edits"),
            cll.CustomLevel(
                "left(fn1_l, 1) = left(fn1_r, 1)", "forename different, same first letter"
            ),
            # unrelated forenames: with a shared surname, kin (model._kin_condition)
            cll.ElseLevel().configure(label_for_charts="forename different"),
        ],
    )


def _surname() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("sn"),
            cll.ExactMatchLevel("sn", term_frequency_adjustments=True).configure(
                label_for_charts="surname exact"
            ),
            cll.DamerauLevenshteinLevel("sn", 1).configure(label_for_charts="surname one edit"),
            cll.ExactMatchLevel("sn_mp").configure(label_for_charts="surname sounds alike"),
            cll.CustomLevel("sn_l = fn1_r", "forename and surname transposed"),
            _two_edits("sn", "surname two edits"),
            # a changed surname (marriage, alias) falls here; EM learns how often
            # true matches do so on the inquiry's own records
            cll.ElseLevel().configure(label_for_charts="surname different"),
        ],
    )


def _birth() -> cl.CustomComparison:
    overlap = "born_from_l <= born_to_r AND born_from_r <= born_to_l"
    point = "born_from_l = born_to_l OR born_from_r = born_to_r"
    near = "born_from_l <= born_to_r + 366 AND born_from_r <= born_to_l + 366"
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.CustomLevel("born_from_l IS NULL OR born_from_r IS NULL").configure(
                is_null_level=True, label_for_charts="no date of birth or age"
            ),
            cll.CustomLevel("dob_l = dob_r", "date of birth exact"),
            cll.CustomLevel("dob_l = dob_swap_r", "date of birth day/month swapped"),
            cll.LevenshteinLevel("dob", 1).configure(label_for_charts="date of birth one digit"),
            cll.CustomLevel(
                f"({overlap}) AND ({point})", "stated age compatible with date of birth"
            ),
            cll.CustomLevel(overlap, "stated ages compatible"),
            cll.CustomLevel(
                f"({near}) AND NOT (born_from_l = born_to_l AND born_from_r = born_to_r)",
                "stated age a year out",
            ),
            cll.CustomLevel(near, "dates of birth within a year"),
            cll.ElseLevel().configure(label_for_charts="born apart"),
        ],
    )


def _place() -> cl.CustomComparison:
    """Address and postcode as one comparison: they are not independent evidence."""
    return cl.CustomComparison(
        output_column_name="place",
        comparison_levels=[
            cll.CustomLevel(
                "(pc_l IS NULL OR pc_r IS NULL) AND (address_l IS NULL OR address_r IS NULL)"
            ).configure(is_null_level=True, label_for_charts="no address or postcode on one"),
            cll.CustomLevel("address_l = address_r", "address exact"),
            cll.ExactMatchLevel("pc").configure(label_for_charts="postcode exact"),
            cll.ExactMatchLevel("pc_sector").configure(label_for_charts="postcode sector"),
            cll.ExactMatchLevel("pc_district").configure(label_for_charts="postcode district"),
            cll.CustomLevel("pc_l IS NULL OR pc_r IS NULL", "postcode missing, address differs"),
            cll.ElseLevel().configure(label_for_charts="postcode different"),
        ],
    )


def _exact(column: str, label: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(label_for_charts=f"{label} exact"),
            cll.ElseLevel().configure(label_for_charts=f"{label} different"),
        ],
    )


# Prior m probabilities: the share of true matches expected at each level of
# each comparison, written from what police and agency records get wrong (a
# forename mostly agrees, sometimes as an initial or a nickname; a surname
# changes for one match in ten; an age stands in for a date of birth often;
# people move). EM's estimates are blended with these by the number of
# matching pairs the inquiry holds (model.PRIOR_PAIRS): a small inquiry, too
# small to train, is linked on these; a large one on its own estimates.
# None: the level says nothing either way (m = u). The "different" level of a
# comparison never counts for a match (m ≤ u), whatever the prior.
PRIOR_M: dict[str, dict[str, float | None]] = {
    "forename": {
        "forename exact": 0.70,
        "forename initial": 0.04,
        "forename nickname (same name group)": 0.06,
        "forename one edit": 0.05,
        "forename shortened": 0.02,
        "forename sounds alike": 0.03,
        "forename and surname transposed": 0.01,
        "forename two edits": 0.02,
        "forename different, same first letter": 0.04,
        "forename different": 0.03,
    },
    "surname": {
        "surname exact": 0.80,
        "surname one edit": 0.05,
        "surname sounds alike": 0.03,
        "forename and surname transposed": 0.01,
        "surname two edits": 0.02,
        "surname different": 0.09,
    },
    "birth": {
        "date of birth exact": 0.65,
        "date of birth day/month swapped": 0.03,
        "date of birth one digit": 0.05,
        "stated age compatible with date of birth": 0.15,
        "stated ages compatible": 0.05,
        "stated age a year out": 0.03,
        "dates of birth within a year": 0.01,
        "born apart": 0.03,
    },
    "sex": {"sex exact": 0.97, "sex different": 0.03},
    "place": {
        "address exact": 0.20,
        "postcode exact": 0.15,
        "postcode sector": 0.05,
        "postcode district": 0.05,
        "postcode missing, address differs": None,
        "postcode different": 0.55,
    },
    "phone": {"phone exact": 0.60, "phone different": 0.40},
}

# comparison name → (the prepared column whose fill decides use, factory)
COMPARISONS = {
    "forename": ("fn1", _forename),
    "surname": ("sn", _surname),
    "birth": ("born_from", _birth),
    "sex": ("sex", lambda: _exact("sex", "sex")),
    "place": ("place", _place),
    "phone": ("phone", lambda: _exact("phone", "phone")),
}

# Blocking: each rule pairs records that agree on a rare combination, so the
# number of comparisons grows about linearly with records. Together they
# admit a true pair that keeps its date of birth, or its name keys, or a
# swapped date, or a shared phone or postcode with the forename group.
BLOCKING_RULES = [
    block_on("dob", "fn_key"),
    block_on("dob", "sn_mp"),
    CustomRule("l.dob = r.dob_swap AND l.fn_key = r.fn_key"),
    block_on("fn_key", "sn_mp"),
    # a surname one letter out (Reeve/Reeves) with a birth year the age allows
    block_on("fn_key", "sn_start", "birth_year"),
    CustomRule(
        "l.fn_key = r.fn_key AND l.sn_start = r.sn_start AND l.birth_year = r.birth_year_from"
    ),
    CustomRule(
        "l.fn_key = r.fn_key AND l.sn_start = r.sn_start AND l.birth_year_from = r.birth_year"
    ),
    block_on("fn_mp", "sn"),
    block_on("sn", "birth_year"),
    block_on("phone", "fn_key"),
    block_on("pc", "fn_key"),
    # the same house and forename: a surname misspelt in its first letters
    # (Nyaler, Twaite) on a record with an age and no date of birth
    block_on("house", "fn_key"),
    block_on("phone", "sn_mp"),
    CustomRule("l.fn1 = r.sn AND l.sn = r.fn1"),
    CustomRule(
        "l.dob = r.dob AND (l.fn1 IS NULL OR r.fn1 IS NULL OR l.sn IS NULL OR r.sn IS NULL)"
    ),
]

# Broader rules, taken in order while the pairs they add together stay within
# PAIRS_PER_RECORD times the number of records: small inquiries get the
# recall of loose blocking, large ones keep near-linear comparison counts.
BROAD_RULES: list[tuple[str, ...]] = [
    ("dob",),
    ("sn_mp", "birth_year"),
    ("fn_key", "birth_year"),
    ("pc",),
    ("sn",),
    ("fn_key",),
]
PAIRS_PER_RECORD = 10

# EM is trained twice, each time on pairs blocked by columns that the other
# run estimates: pairs sharing name keys train birth, sex and places; pairs
# sharing a date of birth train the names.
TRAINING_RULES = [block_on("fn_key", "sn_mp"), block_on("dob")]

# Pairs these rules admit are taken as matches to estimate how often two
# random records match (with an assumed recall, see docs/linkage.md).
DETERMINISTIC_RULES: list[str | BlockingRuleCreator] = [
    block_on("fn1", "sn", "dob"),
    block_on("fn_key", "sn", "phone"),
]
DETERMINISTIC_RECALL = 0.7


def candour_settings(
    filled: dict[str, float], broad: list[tuple[str, ...]] | None = None
) -> SettingsCreator:
    """The model over the comparisons whose columns are filled enough (share by column).

    ``broad`` names the broad blocking rules affordable at this size (see
    ``affordable_broad_rules``).
    """
    comparisons: list[ComparisonCreator | dict[str, Any]] = [
        make() for column, make in COMPARISONS.values() if filled.get(column, 0.0) >= MIN_FILLED
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            *BLOCKING_RULES,
            *(block_on(*cols) for cols in broad or []),
        ],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        max_iterations=20,
        em_convergence=0.001,
    )


def affordable_broad_rules(prepared: pa.Table) -> list[tuple[str, ...]]:
    """The broad rules whose pairs, added up in order, fit the budget on these records."""
    con = duckdb.connect()
    try:
        con.register("p", prepared)
        budget = PAIRS_PER_RECORD * prepared.num_rows
        chosen = []
        for cols in BROAD_RULES:
            if not all(c in prepared.column_names for c in cols):
                continue
            keys = ", ".join(cols)
            not_null = " AND ".join(f"{c} IS NOT NULL" for c in cols)
            row = con.execute(
                f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "
                f"(SELECT count(*) AS n FROM p WHERE {not_null} GROUP BY {keys})"
            ).fetchone()
            if row and row[0] <= budget:
                chosen.append(cols)
                budget -= row[0]
        return chosen
    finally:
        con.close()


def comparison_level(name: str, left: dict[str, Any], right: dict[str, Any]) -> str:
    """The label of the level comparison ``name`` gives two prepared records (DuckDB).

    For reviewers and tests: the same SQL Splink runs, on one pair.
    """
    comparison = COMPARISONS[name][1]().get_comparison("duckdb")
    columns = sorted(set(left) | set(right))
    pair = pa.table(
        {
            **{f"{c}_l": pa.array([left.get(c)]) for c in columns},
            **{f"{c}_r": pa.array([right.get(c)]) for c in columns},
        }
    )
    con = duckdb.connect()
    try:
        con.register("pair", pair)
        for level in comparison.comparison_levels:
            if level.sql_condition.strip().upper() == "ELSE":
                return str(level.label_for_charts)
            row = con.execute(f"SELECT ({level.sql_condition}) FROM pair").fetchone()
            if row and row[0]:
                return str(level.label_for_charts)
        return "else"
    finally:
        con.close()
