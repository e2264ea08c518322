"""Typing and checking a staged table in one SQL pass (DuckDB dialect).

Each contract column becomes one expression over the staged text cells: empty
→ NULL; ids trimmed (an integer id exported as a float, ``13001.0``, is read
as ``13001``); dates read by the declared format, ISO 8601, or day-first UK
forms; vocabulary values looked up, after folding case and punctuation, in
the ``_vocab`` table (bundle.yaml's ``values`` first, then the built-in
spellings). The first problem in a row, in contract column order, names the
column, a reason and a message; that row is quarantined.
"""

from __future__ import annotations

from candour.bundle.contract import KEPT_AS_WRITTEN, VOCABULARIES, Column
from candour.bundle.vocabulary import builtin_spellings, vocabulary_key
from candour.ingest.plan import Binding, TablePlan

# Day-first forms (spec/bundle.md); two-digit years before four-digit ones,
# because %Y would read "09" as the year 9.
UK_FORMATS = (
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%d/%m/%y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d-%b-%y %H:%M",
    "%d-%b-%y",
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y %H:%M",
    "%d-%b-%Y",
    "%d %b %Y %H:%M",
    "%d %b %Y",
    "%d %B %Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
)
YEARS = (1850, 2200)  # a date outside these years is a misreading, not a date
LONG_TEXT = frozenset({"narrative", "text", "allegation", "cancellation_reason"})
WHITESPACE = "' ' || chr(9) || chr(10) || chr(13)"


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def fold(expr: str) -> str:
    """SQL twin of :func:`candour.bundle.vocabulary.vocabulary_key`."""
    return f"trim(regexp_replace(lower({expr}), '[^a-z0-9]+', '_', 'g'), '_')"


def vocabulary_rows(plan: TablePlan) -> list[tuple[str, str, str]]:
    """(column, folded spelling, value) for every looked-up column of the table."""
    rows: list[tuple[str, str, str]] = []
    for column in plan.table.columns:
        declared = plan.mapping.values.get(column.name, {})
        table: dict[str, str] = {}
        if column.vocabulary:
            builtin = builtin_spellings(column.vocabulary)
            table.update(builtin)
            for source, target in declared.items():
                table[vocabulary_key(source)] = builtin.get(vocabulary_key(target), target)
        else:
            table = {vocabulary_key(s): t for s, t in declared.items()}
        rows += [(column.name, k, v) for k, v in table.items() if k]
    return rows


def looked_up(plan: TablePlan, column: Column) -> bool:
    return bool(column.vocabulary) or column.name in plan.mapping.values


def _source(plan: TablePlan, binding: Binding | None) -> str:
    if binding is None:
        return "NULL::VARCHAR"
    if binding.kind == "constant":
        return lit(binding.value)
    return f"{'s' if binding.kind == 'stage' else 'j'}.{q(f'{binding.kind[0]}{binding.index}')}"


def _clean(column: Column, source: str) -> str:
    if column.name in LONG_TEXT:
        return f"CASE WHEN trim({source}, {WHITESPACE}) = '' THEN NULL ELSE {source} END"
    cleaned = f"NULLIF(trim({source}, {WHITESPACE}), '')"
    if column.name.endswith("_id"):
        cleaned = f"regexp_replace({cleaned}, '^(-?[0-9]+)\\.0+$', '\\1')"
    return cleaned


def _iso(clean: str) -> str:
    """ISO 8601 only: DuckDB's own cast would read 14/03/09 as the year 14."""
    return (
        f"CASE WHEN regexp_matches({clean}, '^[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}([T ].*)?$') "
        f"THEN try_cast({clean} AS TIMESTAMP) END"
    )


def _shown(expr: str) -> str:
    return f"'''' || left({expr}, 80) || ''''"


def _allowed(vocabulary: str) -> str:
    values = VOCABULARIES[vocabulary]
    return "1-22" if vocabulary == "outcome_code" else ", ".join(values)


Problem = tuple[str, str, str]  # condition, reason, message (SQL)


def column_sql(
    plan: TablePlan, column: Column, alias: str
) -> tuple[str | None, str, list[Problem]]:
    """One column: its parse expression (dates), its typed expression, its problems."""
    name = column.name
    clean = f"c_{alias}"
    problems: list[Problem] = []
    if column.required:
        problems.append(
            (f"{clean} IS NULL", "missing_value", lit(f"{name}: required value is empty"))
        )
    if looked_up(plan, column):
        found = f"v_{alias}.value"
        if column.vocabulary and column.vocabulary not in KEPT_AS_WRITTEN:
            problems.append(
                (
                    f"{clean} IS NOT NULL AND {found} IS NULL",
                    "unknown_value",
                    f"{lit(f'{name}: unknown value ')} || {_shown(clean)} || "
                    f"{lit('; allowed: ' + _allowed(column.vocabulary))}",
                )
            )
            return None, found, problems
        return None, f"coalesce({found}, {clean})", problems
    if column.type in ("date", "datetime"):
        declared = plan.mapping.formats_for(name)
        if declared:
            parsed = (
                f"coalesce(try_strptime({clean}, [{', '.join(lit(f) for f in declared)}]), "
                f"{_iso(clean)})"
            )
            expect = f"the declared format {' or '.join(declared)}, or ISO 8601"
        else:
            parsed = (
                f"coalesce({_iso(clean)}, "
                f"try_strptime({clean}, [{', '.join(lit(f) for f in UK_FORMATS)}]))"
            )
            expect = "ISO 8601 or day-first dd/mm/yyyy"
        ok = f"year(p_{alias}) BETWEEN {YEARS[0]} AND {YEARS[1]}"
        problems.append(
            (
                f"{clean} IS NOT NULL AND (p_{alias} IS NULL OR NOT ({ok}))",
                "bad_date",
                f"{lit(f'{name}: cannot read ')} || {_shown(clean)} || {lit(f' as a date ({expect})')}",
            )
        )
        value = f"CASE WHEN {ok} THEN p_{alias} END"
        typed = f"CAST({value} AS DATE)" if column.type == "date" else value
        return parsed, typed, problems
    if column.type == "int":
        parsed = (
            f"coalesce(try_cast({clean} AS INTEGER), CASE WHEN try_cast({clean} AS DOUBLE) "
            f"= floor(try_cast({clean} AS DOUBLE)) THEN try_cast(try_cast({clean} AS DOUBLE) AS INTEGER) END)"
        )
        problems.append(
            (
                f"{clean} IS NOT NULL AND {parsed} IS NULL",
                "bad_integer",
                f"{lit(f'{name}: ')} || {_shown(clean)} || {lit(' is not a whole number')}",
            )
        )
        return None, parsed, problems
    return None, clean, problems


def raw_sql(plan: TablePlan) -> str:
    """The source row as written, for quarantine: the reader's own text, else a JSON object of cells."""
    pairs = [f"{lit(c)}, s.{q(f's{i}')}" for i, c in enumerate(plan.columns)]
    cells = f"CAST(json_object({', '.join(pairs)}) AS VARCHAR)" if pairs else "NULL"
    return f"CASE WHEN s._reason IS NOT NULL THEN s._raw ELSE {cells} END"


def checked_sql(plan: TablePlan) -> str:
    """SELECT over ``_stage s`` (and ``_joined j``) giving typed columns, ``_extra`` and the first problem."""
    cleans: list[str] = []
    parses: list[str] = []
    selects: list[str] = []
    joins: list[str] = []
    conditions: list[tuple[str, str, str, str]] = []  # condition, column, reason, message
    for i, column in enumerate(plan.table.columns):
        alias = str(i)
        source = _source(plan, plan.bindings.get(column.name))
        cleans.append(f"{_clean(column, source)} AS c_{alias}")
        parsed, expr, problems = column_sql(plan, column, alias)
        if parsed is not None:
            parses.append(f"{parsed} AS p_{alias}")
        selects.append(f"{expr} AS {q(column.name)}")
        if looked_up(plan, column):
            joins.append(
                f"LEFT JOIN _vocab v_{alias} ON v_{alias}.col = {lit(column.name)} "
                f"AND v_{alias}.key = {fold(f'c_{alias}')}"
            )
        conditions += [(c, lit(column.name), lit(r), m) for c, r, m in problems]

    stage_unused, join_unused = plan.unused()
    extra_pairs = [f"{lit(plan.columns[i])}, s.{q(f's{i}')}" for i in stage_unused]
    if plan.join:
        extra_pairs += [f"{lit(plan.join.columns[i])}, j.{q(f'j{i}')}" for i in join_unused]
    extra = f"json_object({', '.join(extra_pairs)})" if extra_pairs else "NULL::VARCHAR"

    def case(part: int) -> str:
        whens = " ".join(f"WHEN {c[0]} THEN {c[part]}" for c in conditions)
        first = {1: "NULL", 2: "_problem", 3: "_problem_message"}[part]
        return f"CASE WHEN _problem IS NOT NULL THEN {first} {whens} END"

    joined = ""
    if plan.join:
        joined = (
            f"LEFT JOIN _joined j ON j.{q(f'j{plan.join.right}')} = s.{q(f's{plan.join.left}')}"
        )
    return f"""
        WITH cleaned AS (
            SELECT s._file, s._line, s._seq, s._reason AS _problem, s._message AS _problem_message,
                   CAST({extra} AS VARCHAR) AS _extra,
                   {", ".join(cleans)}
            FROM _stage s {joined}
        ),
        parsed AS (SELECT *{"".join(", " + p for p in parses)} FROM cleaned)
        SELECT {", ".join(selects)}, _file, _line, _extra, _seq,
               {case(1)} AS _column, {case(2)} AS _reason, {case(3)} AS _message
        FROM parsed {" ".join(joins)}
    """


def duplicates_sql(plan: TablePlan, earlier: str | None = None) -> str:
    """Mark, in ``_checked``, every row repeating the key of an earlier loadable row.

    Only the key and provenance are ranked (not whole rows), so this stays cheap.
    With ``earlier`` (the table as loaded from its earlier parts), mark the rows
    whose key that table already holds.
    """
    key = ", ".join(f"c.{q(k)}" for k in plan.table.key)
    key_text = " || ', ' || ".join(
        f"{lit(k + '=')} || coalesce(CAST(d.{q(k)} AS VARCHAR), '')" for k in plan.table.key
    )
    message = (
        f"{lit('duplicate key ')} || {key_text} || {lit('; first loaded from ')} || "
        f"d._first_file || {lit(' line ')} || CAST(d._first_line AS VARCHAR)"
    )
    if earlier is not None:
        same = " AND ".join(f"e.{q(k)} = c.{q(k)}" for k in plan.table.key)
        ranked = (
            f"SELECT c._seq, {key}, 2 AS _n, e._file AS _first_file, e._line AS _first_line "
            f"FROM _checked c JOIN {earlier} e ON {same} WHERE c._reason IS NULL "
            "QUALIFY row_number() OVER (PARTITION BY c._seq ORDER BY e._file, e._line) = 1"
        )
    else:
        window = f"PARTITION BY {key} ORDER BY c._seq"
        ranked = (
            f"SELECT c._seq, {key}, row_number() OVER ({window}) AS _n, "
            f"first_value(c._file) OVER ({window}) AS _first_file, "
            f"first_value(c._line) OVER ({window}) AS _first_line "
            "FROM _checked c WHERE c._reason IS NULL"
        )
    return f"""
        UPDATE _checked SET _reason = 'duplicate_key',
               _column = {lit(", ".join(plan.table.key))}, _message = {message}
        FROM ({ranked}) d
        WHERE d._n > 1 AND _checked._seq = d._seq
    """
