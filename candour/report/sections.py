"""The report's sections as data, each read from whatever stage tables exist.

Every function takes a :class:`Store` and returns a dict; a section whose stage
has not run says so in ``missing`` (a plain sentence) instead of failing, so the
report can be written after any subset of stages.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from typing import Any

from candour.bundle.contract import RANKS, SENIOR_RANK_DEFAULT, seniority
from candour.report.evidence import (
    Pseudonyms,
    evidence_texts,
    parse_evidence,
    table_columns,
)
from candour.store import Store

Z95 = 1.959963984540054

KIND_TITLES = {
    "unrecorded_crime": "Reported but never recorded",
    "invalid_cancellation": "Crimes cancelled without a valid reason",
    "late_recording": "Crimes recorded late",
    "child_treated_as_consenting": "Children treated as consenting",
    "under_classified": "Offences classified below the facts",
    "adult_not_dealt_with": "Adults found with children and not dealt with",
    "missed_pattern": "Repeat victims whose pattern nobody joined up",
}


def not_run(stage: str, table: str) -> str:
    return f"The {stage} stage has not run on this inquiry (no `{table}` table), so this section is empty."


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes out of n (0, 0 when n = 0)."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def columns(store: Store, table: str) -> list[str]:
    return table_columns(store, table)


def generic_table(
    store: Store,
    table: str,
    limit: int = 40,
    order: str = "",
    only: tuple[str, ...] = (),
    pct: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A stage table as header + rows: ``only`` these columns (those present), rates in %.

    Used for tables whose exact columns belong to another stage and may grow;
    long cells are cut so one row never fills a page.
    """
    present = [c for c in columns(store, table) if not c.startswith("_")]
    cols = [c for c in only if c in present] if only else present
    if not cols:
        return {"columns": [], "rows": [], "total": 0}
    sel = ", ".join(f'"{c}"' for c in cols)
    rows = store.rows(f'SELECT {sel} FROM "{table}" {order} LIMIT {int(limit)}')
    out = [[_fmt(v, c in pct) for c, v in zip(cols, r, strict=True)] for r in rows]
    return {"columns": cols, "rows": out, "total": store.count(table)}


def _fmt(v: Any, pct: bool = False) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{100 * v:.1f} %" if pct else f"{v:.3g}" if abs(v) < 1 else f"{v:,.1f}"
    text = str(v)
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            parsed = None
        if isinstance(parsed, dict):
            text = ", ".join(f"{str(k).replace('_', ' ')} {val}" for k, val in parsed.items())
    return text if len(text) <= 90 else text[:87] + "…"


# -- summary -----------------------------------------------------------------
def summary(store: Store) -> dict[str, Any]:
    figures: dict[str, Any] = {
        t: store.count(t)
        for t in ("forces", "officers", "incidents", "crimes", "records", "documents", "complaints")
    }
    figures["officers"] = (
        store.rows("SELECT count(DISTINCT officer_id) FROM officers")[0][0]
        if store.has("officers")
        else 0
    )
    period = None
    if store.count("incidents"):
        lo, hi = store.rows("SELECT min(reported_at), max(reported_at) FROM incidents")[0]
        period = (lo.date().isoformat() if lo else None, hi.date().isoformat() if hi else None)
    kinds: dict[str, int] = {}
    if store.has("findings"):
        kinds = dict(
            store.rows("SELECT kind, count(*) FROM findings GROUP BY kind ORDER BY 2 DESC")
        )
    people = (
        store.rows("SELECT count(DISTINCT person_id) FROM people")[0][0]
        if store.has("people")
        else None
    )
    groups = (
        store.rows("SELECT count(DISTINCT group_id) FROM groups")[0][0]
        if store.has("groups")
        else None
    )
    told = (
        store.rows("SELECT count(DISTINCT officer_id) FROM knowledge")[0][0]
        if store.has("knowledge")
        else None
    )
    stages = {
        "screen": store.has("indicators") or store.has("disclosures"),
        "link": store.has("people"),
        "audit": store.has("findings"),
        "trace": store.has("knowledge"),
        "ledger": store.has("ledger_entries") or store.has("ledger"),
    }
    return {
        "figures": figures,
        "period": period,
        "kinds": kinds,
        "findings": sum(kinds.values()),
        "people": people,
        "groups": groups,
        "officers_told": told,
        "stages": stages,
    }


# -- funnel ------------------------------------------------------------------
def disclosing_incidents_sql(store: Store) -> str | None:
    """SELECT of incident ids whose text discloses exploitation (screen's tables)."""
    if store.has("disclosures"):
        return (
            "SELECT DISTINCT source_id AS incident_id FROM disclosures "
            "WHERE source_table = 'incidents' AND discloses_exploitation"
        )
    if store.has("indicators"):
        return (
            "SELECT DISTINCT source_id AS incident_id FROM indicators "
            "WHERE source_table = 'incidents' AND NOT coalesce(negated, false)"
        )
    return None


def funnel(store: Store) -> dict[str, Any]:
    sel = disclosing_incidents_sql(store)
    if sel is None:
        return {"missing": not_run("screen", "disclosures"), "stages": []}
    row = store.rows(
        f"""
        WITH d AS ({sel}),
        c AS (SELECT incident_id, bool_or(true) AS any_crime,
                     bool_or(status = 'recorded') AS recorded,
                     bool_or(status = 'recorded' AND outcome_code IS NOT NULL) AS outcome,
                     bool_or(status = 'recorded' AND outcome_code = '1') AS charged
              FROM crimes WHERE incident_id IS NOT NULL GROUP BY incident_id)
        SELECT (SELECT count(*) FROM incidents), count(*), count(c.incident_id),
               count(*) FILTER (WHERE c.recorded), count(*) FILTER (WHERE c.outcome),
               count(*) FILTER (WHERE c.charged)
        FROM d LEFT JOIN c USING (incident_id)
        """
    )[0]
    names = [
        "all incidents",
        "incidents disclosing exploitation",
        "… with any crime record",
        "… with a recorded crime",
        "… recorded crime with an outcome",
        "… charged or summonsed (outcome 1)",
    ]
    stages: list[dict[str, Any]] = [
        {"stage": n, "count": int(v)} for n, v in zip(names, row, strict=True)
    ]
    base = stages[1]["count"] or 1
    for s in stages[1:]:
        s["share"] = s["count"] / base
    return {"stages": stages, "missing": None}


# -- compliance --------------------------------------------------------------
def compliance(store: Store) -> dict[str, Any]:
    sel = disclosing_incidents_sql(store)
    out: dict[str, Any] = {"missing": None, "forces": [], "audit_table": None}
    if sel is None:
        out["missing"] = not_run("screen", "disclosures")
        return out
    rows = store.rows(
        f"""
        WITH d AS ({sel})
        SELECT i.force_id, count(*) AS n,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM crimes c
                   WHERE c.incident_id = i.incident_id AND c.status = 'recorded')) AS k
        FROM incidents i JOIN d USING (incident_id) GROUP BY i.force_id ORDER BY i.force_id
        """
    )
    for force, n, k in rows:
        lo, hi = wilson(int(k), int(n))
        out["forces"].append(
            {
                "force_id": force,
                "n": int(n),
                "k": int(k),
                "rate": k / n if n else 0.0,
                "low": lo,
                "high": hi,
            }
        )
    if store.has("compliance"):
        out["audit_table"] = generic_table(
            store,
            "compliance",
            limit=60,
            order="ORDER BY ALL",
            only=(
                "force_id",
                "offence_group",
                "measure",
                "numerator",
                "n",
                "rate",
                "ci_low",
                "ci_high",
                "annual_n",
                "annual_shortfall",
            ),
            pct=("rate", "ci_low", "ci_high"),
        )
    return out


# -- findings ----------------------------------------------------------------
def findings(
    store: Store, pseudonyms: Pseudonyms | None, show_names: bool, top: int = 3
) -> dict[str, Any]:
    if not store.has("findings"):
        return {"missing": not_run("audit", "findings"), "kinds": [], "by_force": []}
    counts = store.rows(
        "SELECT kind, count(*), avg(score) FROM findings GROUP BY kind ORDER BY 2 DESC"
    )
    by_force = store.dicts(
        "SELECT kind, coalesce(force_id, '—') AS force_id, count(*) AS n FROM findings "
        "GROUP BY ALL ORDER BY kind, force_id"
    )
    decided: dict[str, Counter[str]] = defaultdict(Counter)
    if store.has("ws_decisions"):
        for kind, decision, n in store.rows(
            """SELECT f.kind, d.decision, count(*) FROM (
                 SELECT finding_id, arg_max(decision, decided_at) AS decision FROM ws_decisions
                 GROUP BY finding_id) d JOIN findings f USING (finding_id) GROUP BY ALL"""
        ):
            decided[kind][decision] = n
    kinds = []
    for kind, n, mean in counts:
        examples = []
        for f in store.dicts(
            "SELECT * FROM findings WHERE kind = ? ORDER BY score DESC, finding_id LIMIT ?",
            [kind, top],
        ):
            ev = parse_evidence(f.get("evidence"))
            examples.append(
                {
                    **f,
                    "source": ev.get("source") or ev.get("rule_source"),
                    "texts": evidence_texts(store, ev, pseudonyms, show_names),
                    "subject_label": subject_label(f, pseudonyms, show_names),
                }
            )
        kinds.append(
            {
                "kind": kind,
                "title": KIND_TITLES.get(kind, kind),
                "n": int(n),
                "mean_score": float(mean or 0),
                "examples": examples,
                "decided": dict(decided.get(kind, {})),
            }
        )
    return {"missing": None, "kinds": kinds, "by_force": by_force}


def subject_label(f: dict[str, Any], pseudonyms: Pseudonyms | None, show_names: bool) -> str:
    if f.get("subject_type") == "person" and not show_names and pseudonyms is not None:
        return f"person {pseudonyms.code(str(f.get('subject_id')))}"
    return f"{f.get('subject_type')} {f.get('subject_id')}"


# -- repeat victims and groups ----------------------------------------------
def victims_and_groups(store: Store, pseudonyms: Pseudonyms) -> dict[str, Any]:
    if not store.has("people"):
        return {"missing": not_run("link", "people"), "repeat": [], "groups": []}
    repeat = []
    for pid, n, first, last, forces in store.rows(
        """SELECT p.person_id, count(DISTINCT ir.incident_id) AS n, min(i.reported_at),
                  max(i.reported_at), string_agg(DISTINCT i.force_id, ', ')
           FROM incident_records ir JOIN people p USING (record_id)
           JOIN incidents i USING (incident_id)
           WHERE ir.role = 'victim' GROUP BY p.person_id HAVING n >= 2
           ORDER BY n DESC, p.person_id LIMIT 15"""
    ):
        repeat.append(
            {
                "person_id": pid,
                "code": pseudonyms.code(pid),
                "incidents": n,
                "first": first.date() if first else None,
                "last": last.date() if last else None,
                "forces": forces,
            }
        )
    n_repeat = store.rows(
        """SELECT count(*) FROM (SELECT p.person_id FROM incident_records ir
           JOIN people p USING (record_id) WHERE ir.role = 'victim'
           GROUP BY p.person_id HAVING count(DISTINCT ir.incident_id) >= 2)"""
    )[0][0]
    groups: list[dict[str, Any]] = []
    missing_groups = None
    if store.has("groups"):
        groups = store.dicts(
            """WITH g AS (SELECT g.group_id, g.person_id, g.role FROM groups g),
               f AS (SELECT p.person_id, string_agg(DISTINCT i.force_id, ', ') AS forces
                     FROM people p JOIN incident_records USING (record_id)
                     JOIN incidents i USING (incident_id) GROUP BY p.person_id)
               SELECT g.group_id, count(*) AS members,
                      count(*) FILTER (WHERE g.role = 'offender') AS offenders,
                      count(*) FILTER (WHERE g.role = 'victim') AS victims,
                      string_agg(DISTINCT f.forces, ', ') AS forces
               FROM g LEFT JOIN f USING (person_id) GROUP BY g.group_id
               ORDER BY members DESC, g.group_id LIMIT 20"""
        )
        for g in groups:
            g["forces"] = ", ".join(
                sorted({x.strip() for x in (g["forces"] or "").split(",") if x.strip()})
            )
    else:
        missing_groups = "Groups have not been formed (no `groups` table)."
    return {
        "missing": None,
        "repeat": repeat,
        "n_repeat": n_repeat,
        "groups": groups,
        "missing_groups": missing_groups,
    }


def network(store: Store, group_ids: list[str] | None = None, limit: int = 80) -> dict[str, Any]:
    """Nodes (person, role, group) and edges (co-present in incidents) of some groups."""
    if not (store.has("groups") and store.has("people")):
        return {"nodes": [], "edges": []}
    if group_ids is None:
        group_ids = [
            r[0]
            for r in store.rows(
                "SELECT group_id FROM groups GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT 4"
            )
        ]
    if not group_ids:
        return {"nodes": [], "edges": []}
    marks = ", ".join("?" for _ in group_ids)
    nodes = store.dicts(
        f"SELECT person_id, group_id, role FROM groups WHERE group_id IN ({marks}) "
        f"ORDER BY group_id, person_id LIMIT {int(limit)}",
        list(group_ids),
    )
    ids = [n["person_id"] for n in nodes]
    if not ids:
        return {"nodes": [], "edges": []}
    pm = ", ".join("?" for _ in ids)
    edges = store.rows(
        f"""WITH pi AS (SELECT DISTINCT p.person_id, ir.incident_id FROM incident_records ir
                        JOIN people p USING (record_id) WHERE p.person_id IN ({pm}))
            SELECT a.person_id, b.person_id, count(*) FROM pi a JOIN pi b
              ON a.incident_id = b.incident_id AND a.person_id < b.person_id GROUP BY ALL""",
        ids,
    )
    return {"nodes": nodes, "edges": [(a, b, int(w)) for a, b, w in edges]}


# -- senior officers ---------------------------------------------------------
def finding_dates_sql(store: Store) -> str:
    """SELECT finding_id, event_at: each finding's event time (incident, else crime)."""
    parts = ["SELECT finding_id, NULL::TIMESTAMP AS event_at FROM findings WHERE false"]
    if store.has("incidents"):
        parts.append(
            "SELECT f.finding_id, i.reported_at FROM findings f JOIN incidents i "
            "ON f.subject_type = 'incident' AND i.incident_id = f.subject_id"
        )
    if store.has("crimes"):
        parts.append(
            "SELECT f.finding_id, coalesce(i.reported_at, c.recorded_at) FROM findings f "
            "JOIN crimes c ON f.subject_type = 'crime' AND c.crime_id = f.subject_id "
            "LEFT JOIN incidents i ON i.incident_id = c.incident_id"
        )
    return " UNION ALL ".join(parts)


def senior_officers(store: Store, senior_rank: str = SENIOR_RANK_DEFAULT) -> dict[str, Any]:
    if not store.has("knowledge"):
        return {"missing": not_run("trace", "knowledge"), "officers": [], "events": []}
    senior = [r for r in RANKS if seniority(r) >= seniority(senior_rank)]
    marks = ", ".join("?" for _ in senior)
    officers = store.dicts(
        f"""WITH top AS (SELECT officer_id, arg_max(rank, from_date) AS rank,
                                any_value(force_id) AS force_id, any_value(surname) AS surname
                         FROM officers GROUP BY officer_id)
            SELECT t.officer_id, t.rank, t.force_id, t.surname, min(k.informed_at) AS first_told,
                   count(DISTINCT k.document_id) AS documents
            FROM top t JOIN knowledge k USING (officer_id)
            WHERE t.rank IN ({marks}) GROUP BY ALL ORDER BY first_told, t.officer_id LIMIT 25""",
        senior,
    )
    events: list[dict[str, Any]] = []
    for o in officers:
        for (at,) in store.rows(
            "SELECT informed_at FROM knowledge WHERE officer_id = ? ORDER BY 1", [o["officer_id"]]
        ):
            events.append({"officer": _officer_label(o), "at": at, "event": "told of exploitation"})
    chain_cols = columns(store, "finding_chain")
    exposure_note = None
    if store.has("findings") and {"finding_id", "officer_id"} <= set(chain_cols):
        dates = finding_dates_sql(store)
        for o in officers:
            rows = store.rows(
                f"""WITH d AS ({dates})
                    SELECT DISTINCT d.finding_id, d.event_at FROM finding_chain c
                    JOIN d USING (finding_id)
                    WHERE c.officer_id = ? AND d.event_at IS NOT NULL""",
                [o["officer_id"]],
            )
            ats = [r[1] for r in rows]
            first = o["first_told"]
            o["findings_under_command"] = len(ats)
            o["after_told"] = sum(1 for a in ats if first is not None and a >= first)
            for a in ats:
                events.append(
                    {"officer": _officer_label(o), "at": a, "event": "finding under command"}
                )
    else:
        exposure_note = not_run("trace", "finding_chain")
    extra = None
    if store.has("senior_exposure"):
        extra = generic_table(
            store,
            "senior_exposure",
            limit=30,
            order="ORDER BY first_told_at, officer_id",
            only=(
                "officer_id",
                "force_id",
                "rank_when_first_told",
                "highest_rank",
                "first_told_at",
                "documents",
                "findings_after",
                "finding_kinds_after",
            ),
        )
    return {
        "missing": None,
        "officers": officers,
        "events": events,
        "exposure_note": exposure_note,
        "senior_exposure": extra,
        "senior_rank": senior_rank,
    }


def _officer_label(o: dict[str, Any]) -> str:
    return f"{o['officer_id']} ({str(o.get('rank') or '').replace('_', ' ')})"


# -- complaints --------------------------------------------------------------
def complaints_by_rank(store: Store) -> dict[str, Any]:
    if not store.count("complaints"):
        return {"missing": "The bundle holds no complaints.", "rows": [], "bands": []}
    rows = store.dicts(
        """WITH c AS (
             SELECT c.complaint_id, coalesce(c.finding, 'undecided') AS finding,
                    (SELECT arg_max(o.rank, o.from_date) FROM officers o
                     WHERE o.officer_id = c.subject_id
                       AND o.from_date <= CAST(c.received_at AS DATE)) AS rank
             FROM complaints c)
           SELECT coalesce(rank, 'unknown') AS rank, finding, count(*) AS n FROM c
           GROUP BY ALL ORDER BY rank, finding"""
    )
    bands: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        band = "senior" if seniority(r["rank"]) >= seniority(SENIOR_RANK_DEFAULT) else "junior"
        bands[band][r["finding"]] += r["n"]
    band_rows = []
    for band in ("junior", "senior"):
        c = bands.get(band, Counter())
        n = sum(c.values())
        k = c.get("upheld", 0) + c.get("case_to_answer", 0)
        lo, hi = wilson(k, n)
        band_rows.append(
            {"band": band, "n": n, "upheld": k, "rate": k / n if n else 0.0, "low": lo, "high": hi}
        )
    extra = None
    if store.has("complaint_outcomes"):
        extra = generic_table(
            store,
            "complaint_outcomes",
            limit=40,
            only=(
                "grouping",
                "grp",
                "allegations",
                "decided",
                "left_before_decision",
                "adverse_findings",
                "finding_rate",
                "finding_ci_low",
                "finding_ci_high",
                "fisher_p_finding",
                "sanction_rate",
            ),
            pct=("finding_rate", "finding_ci_low", "finding_ci_high", "sanction_rate"),
        )
    return {"missing": None, "rows": rows, "bands": band_rows, "trace_table": extra}


# -- ledger ------------------------------------------------------------------
def ledger_section(store: Store) -> dict[str, Any]:
    from candour.report.enquiries import ledger_or_none, lines_of_enquiry

    ledger = ledger_or_none(store)
    if ledger is None:
        return {"missing": "The ledger is not available in this installation.", "entries": 0}
    entries = ledger.entries()
    heads = ledger.heads()  # read only: the report never opens a ledger
    head = heads[-1] if heads else None
    verdict = ledger.verify() if entries else None
    actions = Counter(str(e.get("action")) for e in entries)
    return {
        "missing": None,
        "entries": len(entries),
        "actions": dict(actions),
        "head": head,
        "head_json": json.dumps(head, indent=1, default=str) if head else "",
        "verified": verdict.ok if verdict is not None else None,
        "verdict": verdict.summary() if verdict is not None else "",
        "enquiries": lines_of_enquiry(ledger),
    }
