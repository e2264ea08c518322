"""What each workspace page shows, read from the store (no HTTP here).

Each function degrades like the report: a table a stage has not written yet
gives an empty list and a note, not an error.
"""

from __future__ import annotations

from typing import Any

from candour.report.evidence import (
    Pseudonyms,
    Span,
    evidence_texts,
    highlight,
    name_terms,
    parse_evidence,
    record_names,
)
from candour.report.sections import columns, finding_dates_sql
from candour.store import Store

PAGE_SIZE = 50
DECISION_STATUS = ("undecided", "confirm", "reject", "needs_more", "all")


def finding_officers_sql(store: Store, by: str) -> tuple[str, int]:
    """SELECT finding_id, officer_id for one finding (``by="finding"``) or one officer.

    Officers who handled a finding's record (attending, closing, in charge,
    cancelling, supervising) and, where trace has run, its chain of command.
    The filter sits inside each branch so DuckDB never builds the whole union;
    returns the SQL and how many times the one parameter must be passed.
    """
    parts = []
    if store.has("incidents"):
        cond = (
            "f.finding_id = ?"
            if by == "finding"
            else "? IN (i.attending_officer_id, i.closed_by_id)"
        )
        parts.append(
            "SELECT f.finding_id, unnest([i.attending_officer_id, i.closed_by_id]) AS officer_id "
            "FROM findings f JOIN incidents i ON f.subject_type = 'incident' "
            f"AND i.incident_id = f.subject_id WHERE {cond}"
        )
    if store.has("crimes"):
        cond = (
            "f.finding_id = ?"
            if by == "finding"
            else "? IN (c.oic_id, c.cancelled_by_id, c.supervisor_id)"
        )
        parts.append(
            "SELECT f.finding_id, unnest([c.oic_id, c.cancelled_by_id, c.supervisor_id]) "
            "FROM findings f JOIN crimes c ON f.subject_type = 'crime' "
            f"AND c.crime_id = f.subject_id WHERE {cond}"
        )
    if {"finding_id", "officer_id"} <= set(columns(store, "finding_chain")):
        cond = "finding_id = ?" if by == "finding" else "officer_id = ?"
        parts.append(f"SELECT finding_id, officer_id FROM finding_chain WHERE {cond}")
    if not parts:
        return "SELECT NULL::VARCHAR AS finding_id, NULL::VARCHAR AS officer_id WHERE ? IS NULL", 1
    return " UNION ".join(parts), len(parts)


def finding_officers(store: Store, f: dict[str, Any]) -> list[str]:
    """Officers who handled one finding's record, and its chain of command (point lookups)."""
    found: set[str] = set()
    if f["subject_type"] == "incident" and store.has("incidents"):
        sql = "SELECT attending_officer_id, closed_by_id FROM incidents WHERE incident_id = ?"
        found.update(x for r in store.rows(sql, [f["subject_id"]]) for x in r if x)
    if f["subject_type"] == "crime" and store.has("crimes"):
        sql = "SELECT oic_id, cancelled_by_id, supervisor_id FROM crimes WHERE crime_id = ?"
        found.update(x for r in store.rows(sql, [f["subject_id"]]) for x in r if x)
    if {"finding_id", "officer_id"} <= set(columns(store, "finding_chain")):
        sql = "SELECT officer_id FROM finding_chain WHERE finding_id = ?"
        found.update(r[0] for r in store.rows(sql, [f["finding_id"]]) if r[0])
    return sorted(found)


def latest_decisions_sql() -> str:
    return (
        "SELECT finding_id, arg_max(decision, decided_at) AS decision, "
        "arg_max(username, decided_at) AS decided_by, max(decided_at) AS decided_at, "
        "count(*) AS decisions FROM ws_decisions GROUP BY finding_id"
    )


def queue(
    store: Store,
    kind: str = "",
    force: str = "",
    officer: str = "",
    status: str = "undecided",
    page: int = 0,
    kinds: list[str] | None = None,
    forces: list[str] | None = None,
) -> dict[str, Any]:
    """Findings ordered by score (highest first), filtered; one page of them."""
    if not store.has("findings"):
        return {
            "missing": "The audit stage has not run: there are no findings to review.",
            "rows": [],
            "total": 0,
            "kinds": [],
            "forces": [],
        }
    where, params = ["true"], []
    if kind:
        where.append("f.kind = ?")
        params.append(kind)
    if force:
        where.append("f.force_id = ?")
        params.append(force)
    if officer:
        sql, n = finding_officers_sql(store, "officer")
        where.append(f"f.finding_id IN (SELECT finding_id FROM ({sql}) WHERE officer_id = ?)")
        params.extend([officer] * (n + 1))
    if status == "undecided":
        where.append("d.decision IS NULL")
    elif status in ("confirm", "reject", "needs_more"):
        where.append("d.decision = ?")
        params.append(status)
    sql = (
        f"FROM findings f LEFT JOIN ({latest_decisions_sql()}) d USING (finding_id) "
        f"WHERE {' AND '.join(where)}"
    )
    total = store.rows(f"SELECT count(*) {sql}", params)[0][0]
    rows = store.dicts(
        f"SELECT f.finding_id, f.kind, f.subject_type, f.subject_id, f.force_id, f.score, "
        f"f.rule_id, f.summary, d.decision, d.decided_by {sql} "
        f"ORDER BY f.score DESC, f.finding_id LIMIT {PAGE_SIZE} OFFSET {int(page) * PAGE_SIZE}",
        params,
    )
    if kinds is None:
        kinds = [r[0] for r in store.rows("SELECT DISTINCT kind FROM findings ORDER BY 1")]
    if forces is None:
        forces = [r[0] for r in store.rows("SELECT DISTINCT force_id FROM findings ORDER BY 1")]
    return {
        "missing": None,
        "rows": rows,
        "total": total,
        "kinds": kinds,
        "forces": forces,
        "page": page,
        "pages": (total + PAGE_SIZE - 1) // PAGE_SIZE,
    }


def finding(
    store: Store, finding_id: str, pseudonyms: Pseudonyms, show_names: bool
) -> dict[str, Any] | None:
    if not store.has("findings"):
        return None
    rows = store.dicts("SELECT * FROM findings WHERE finding_id = ?", [finding_id])
    if not rows:
        return None
    f = rows[0]
    ev = parse_evidence(f.get("evidence"))
    f["evidence_parsed"] = ev
    f["texts"] = evidence_texts(store, ev, pseudonyms, show_names)
    f["related"] = ev.get("related") or ev.get("records") or []
    f["source"] = ev.get("source") or ev.get("rule_source")
    f["decisions"] = (
        store.dicts(
            "SELECT * FROM ws_decisions WHERE finding_id = ? ORDER BY decided_at", [finding_id]
        )
        if store.has("ws_decisions")
        else []
    )
    f["people"] = subject_people(store, f["subject_type"], f["subject_id"], pseudonyms, show_names)
    f["officers"] = finding_officers(store, f)
    nxt = store.rows(
        f"""SELECT f.finding_id FROM findings f LEFT JOIN ({latest_decisions_sql()}) d
            USING (finding_id) WHERE d.decision IS NULL AND f.finding_id <> ?
            AND (f.score < ? OR (f.score = ? AND f.finding_id > ?))
            ORDER BY f.score DESC, f.finding_id LIMIT 1""",
        [finding_id, f["score"], f["score"], finding_id],
    )
    f["next"] = nxt[0][0] if nxt else None
    return f


def subject_people(
    store: Store, subject_type: str, subject_id: str, pseudonyms: Pseudonyms, show_names: bool
) -> list[dict[str, Any]]:
    """People linked to an incident or crime (or the person themself), with their roles."""
    link = {"incident": ("incident_records", "incident_id"), "crime": ("crime_records", "crime_id")}
    if subject_type == "person":
        return [
            {
                "person_id": subject_id,
                "label": label(store, subject_id, pseudonyms, show_names),
                "role": "subject",
            }
        ]
    if subject_type not in link or not store.has(link[subject_type][0]):
        return []
    table, key = link[subject_type]
    links = store.rows(
        f"SELECT record_id, role FROM {table} WHERE {key} = ? ORDER BY role, record_id",
        [subject_id],
    )
    people: dict[tuple[str, str], str] = {}
    for record_id, role in links:  # point lookups: indexed while the workspace runs
        pid = record_id
        if store.has("people"):
            found = store.rows("SELECT person_id FROM people WHERE record_id = ?", [record_id])
            pid = found[0][0] if found else record_id
        name = ""
        if show_names and store.has("records"):
            rec = store.rows(
                "SELECT forenames, surname FROM records WHERE record_id = ?", [record_id]
            )
            name = " ".join(str(x) for x in rec[0] if x) if rec else ""
        key2 = (str(pid), str(role))
        if key2 not in people or (name and not people[key2]):
            people[key2] = name
    return [
        {
            "person_id": pid,
            "role": role,
            "label": (name or pid) if show_names else pseudonyms.code(pid),
        }
        for (pid, role), name in people.items()
    ]


def label(store: Store, person_id: str, pseudonyms: Pseudonyms, show_names: bool) -> str:
    """A person's name (for roles that may see names) or their code."""
    if not show_names:
        return pseudonyms.code(person_id)
    if store.has("records"):
        if store.has("people"):
            rows = store.rows(
                "SELECT r.forenames, r.surname FROM people p JOIN records r USING (record_id) "
                "WHERE p.person_id = ? AND r.surname IS NOT NULL ORDER BY r.record_id LIMIT 1",
                [person_id],
            )
        else:
            rows = store.rows(
                "SELECT forenames, surname FROM records WHERE record_id = ?", [person_id]
            )
        if rows:
            return f"{rows[0][0] or ''} {rows[0][1] or ''}".strip() or person_id
    return person_id


def person(
    store: Store, person_id: str, pseudonyms: Pseudonyms, show_names: bool
) -> dict[str, Any] | None:
    """A person: their records, every incident and crime they appear in, as a timeline."""
    if store.has("people"):
        record_ids = [
            r[0]
            for r in store.rows(
                "SELECT record_id FROM people WHERE person_id = ? ORDER BY record_id", [person_id]
            )
        ]
    else:
        record_ids = [
            r[0]
            for r in store.rows("SELECT record_id FROM records WHERE record_id = ?", [person_id])
        ]
    if not record_ids:
        return None
    marks = ", ".join("?" for _ in record_ids)
    records = store.dicts(
        f"SELECT record_id, source, force_id, surname, forenames, dob, age, sex, address, "
        f"postcode, phone FROM records WHERE record_id IN ({marks}) ORDER BY record_id",
        record_ids,
    )
    events = store.dicts(
        f"""SELECT i.reported_at AS event_at, 'incident' AS type, i.incident_id AS id, i.force_id,
                   string_agg(DISTINCT ir.role, ', ') AS role, i.narrative AS text
            FROM incident_records ir JOIN incidents i USING (incident_id)
            WHERE ir.record_id IN ({marks}) GROUP BY ALL
            UNION ALL
            SELECT c.recorded_at, 'crime', c.crime_id, c.force_id,
                   string_agg(DISTINCT cr.role, ', '),
                   c.offence_code || ' ' || coalesce(c.offence_title, '') || ' — ' || c.status ||
                   coalesce(' (' || c.cancellation_class || ': ' || c.cancellation_reason || ')', '')
            FROM crime_records cr JOIN crimes c USING (crime_id)
            WHERE cr.record_id IN ({marks}) GROUP BY ALL
            ORDER BY 1""",
        record_ids * 2,
    )
    victim = person_id in pseudonyms.victims
    for e in events:
        terms = (
            None
            if show_names
            else name_terms(
                record_names(store, e["type"] + "s", e["id"], pseudonyms), pseudonyms.lexicon
            )
        )
        e["html"] = highlight(e["text"] or "", [], terms)
    groups = (
        store.dicts("SELECT group_id, role FROM groups WHERE person_id = ?", [person_id])
        if store.has("groups")
        else []
    )
    findings = []
    if store.has("findings"):
        ids = [e["id"] for e in events] + [person_id]
        fm = ", ".join("?" for _ in ids)
        findings = store.dicts(
            f"SELECT finding_id, kind, subject_type, subject_id, score, summary FROM findings "
            f"WHERE subject_id IN ({fm}) ORDER BY score DESC LIMIT 100",
            ids,
        )
    links = []
    if store.has("links") and len(record_ids) > 1:
        links = store.dicts(
            f"SELECT record_id_l, record_id_r, match_weight, match_probability, comparisons "
            f"FROM links WHERE record_id_l IN ({marks}) AND record_id_r IN ({marks}) "
            f"ORDER BY match_weight DESC LIMIT 50",
            record_ids * 2,
        )
    if not show_names:
        for r in records:
            for k in ("surname", "forenames", "dob", "address", "postcode", "phone"):
                r[k] = "withheld" if r.get(k) else None
    return {
        "person_id": person_id,
        "label": label(store, person_id, pseudonyms, show_names),
        "victim": victim,
        "records": records,
        "events": events,
        "groups": groups,
        "findings": findings,
        "links": links,
        "linked": store.has("people"),
    }


def group(
    store: Store, group_id: str, pseudonyms: Pseudonyms, show_names: bool
) -> dict[str, Any] | None:
    if not store.has("groups"):
        return None
    members = store.dicts(
        "SELECT person_id, role FROM groups WHERE group_id = ? ORDER BY role, person_id",
        [group_id],
    )
    if not members:
        return None
    for m in members:
        m["label"] = label(store, m["person_id"], pseudonyms, show_names)
    ids = [m["person_id"] for m in members]
    marks = ", ".join("?" for _ in ids)
    incidents: list[dict[str, Any]] = []
    if store.has("people"):
        incidents = store.dicts(
            f"""SELECT i.incident_id, i.force_id, i.reported_at, count(DISTINCT p.person_id) AS members
                FROM incident_records ir JOIN people p USING (record_id)
                JOIN incidents i USING (incident_id) WHERE p.person_id IN ({marks})
                GROUP BY ALL HAVING members >= 2 ORDER BY i.reported_at LIMIT 200""",
            ids,
        )
    return {
        "group_id": group_id,
        "members": members,
        "incidents": incidents,
        "victims": sum(1 for m in members if m["person_id"] in pseudonyms.victims),
    }


def officer(store: Store, officer_id: str) -> dict[str, Any] | None:
    postings = (
        store.dicts(
            "SELECT * EXCLUDE (_file, _line, _extra) FROM officers WHERE officer_id = ? ORDER BY from_date",
            [officer_id],
        )
        if store.has("officers")
        else []
    )
    if not postings:
        return None
    knowledge = []
    if store.has("knowledge"):
        knowledge = store.dicts(
            """SELECT k.informed_at, k.document_id, d.kind, d.title, r.role
               FROM knowledge k LEFT JOIN documents d USING (document_id)
               LEFT JOIN document_recipients r ON r.document_id = k.document_id
                 AND r.officer_id = k.officer_id
               WHERE k.officer_id = ? ORDER BY k.informed_at""",
            [officer_id],
        )
    exposure: list[dict[str, Any]] = []
    chain = {"finding_id", "officer_id"} <= set(columns(store, "finding_chain"))
    if store.has("findings"):
        sql, n = finding_officers_sql(store, "officer")
        exposure = store.dicts(
            f"""WITH o AS (SELECT DISTINCT finding_id FROM ({sql}) WHERE officer_id = ?),
                d AS ({finding_dates_sql(store)})
                SELECT f.finding_id, f.kind, f.force_id, f.score, f.summary, d.event_at
                FROM findings f JOIN o USING (finding_id) LEFT JOIN d USING (finding_id)
                ORDER BY d.event_at NULLS LAST, f.finding_id LIMIT 300""",
            [officer_id] * (n + 1),
        )
    first_told = knowledge[0]["informed_at"] if knowledge else None
    after = sum(1 for e in exposure if first_told and e["event_at"] and e["event_at"] >= first_told)
    complaints = (
        store.dicts(
            "SELECT complaint_id, received_at, allegation, finding, sanction, decided_at "
            "FROM complaints WHERE subject_id = ? ORDER BY received_at",
            [officer_id],
        )
        if store.has("complaints")
        else []
    )
    return {
        "officer_id": officer_id,
        "postings": postings,
        "current": postings[-1],
        "knowledge": knowledge,
        "exposure": exposure,
        "first_told": first_told,
        "after_told": after,
        "chain_available": chain,
        "complaints": complaints,
    }


def search(
    store: Store, q: str, pseudonyms: Pseudonyms, show_names: bool, limit: int = 50
) -> dict[str, Any]:
    """Incident narratives (and document texts) containing ``q``, matches marked."""
    q = q.strip()
    if len(q) < 3:
        return {"q": q, "rows": [], "total": 0, "note": "Type at least three characters."}
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    parts, params = [], []
    if store.has("incidents"):
        parts.append(
            "SELECT 'incidents' AS t, incident_id AS id, force_id, reported_at AS event_at, "
            "narrative AS text FROM incidents WHERE narrative ILIKE ? ESCAPE '\\'"
        )
        params.append(like)
    if store.has("documents"):
        parts.append(
            "SELECT 'documents', document_id, force_id, created_at, text FROM documents "
            "WHERE text ILIKE ? ESCAPE '\\'"
        )
        params.append(like)
    if not parts:
        return {"q": q, "rows": [], "total": 0, "note": "No narratives in this inquiry."}
    union = " UNION ALL ".join(parts)
    total = store.rows(f"SELECT count(*) FROM ({union})", params)[0][0]
    rows = store.dicts(f"SELECT * FROM ({union}) ORDER BY event_at LIMIT {int(limit)}", params)
    low = q.lower()
    for r in rows:
        text = r["text"] or ""
        spans, pos = [], 0
        while (i := text.lower().find(low, pos)) >= 0:
            spans.append(Span(i, i + len(q), "match"))
            pos = i + len(q)
        terms = (
            None
            if show_names
            else name_terms(record_names(store, r["t"], r["id"], pseudonyms), pseudonyms.lexicon)
        )
        r["html"] = highlight(text, spans, terms)
    return {"q": q, "rows": rows, "total": total, "note": None}
