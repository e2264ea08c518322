"""The knowledge trail: who was told of exploitation, by which document, and when.

A document tells an officer of exploitation when its text discloses it (the
screen stage's ``disclosures`` for ``documents``) and the officer is a
recipient (``to``, ``cc`` or ``attendee``); authors count only if also
recipients; ``informed_at`` is the document's ``created_at`` (rules.md, R-E1).
For each senior officer: when first told, what they were told (the documents
and the indicator spans in them), and the findings under their command after.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from candour.bundle.contract import seniority
from candour.store import Store
from candour.trace.command import Postings, as_date

RECIPIENT_ROLES = ("to", "cc", "attendee")
MAX_SPANS = 12

KNOWLEDGE_SCHEMA = pa.schema(
    [
        ("officer_id", pa.string()),
        ("document_id", pa.string()),
        ("informed_at", pa.timestamp("us")),
        ("roles", pa.string()),
        ("kind", pa.string()),
        ("title", pa.string()),
        ("force_id", pa.string()),
        ("rank", pa.string()),
        ("senior", pa.bool_()),
        ("score", pa.float64()),
    ]
)

SENIOR_SCHEMA = pa.schema(
    [
        ("officer_id", pa.string()),
        ("force_id", pa.string()),
        ("rank_when_first_told", pa.string()),
        ("highest_rank", pa.string()),
        ("first_told_at", pa.timestamp("us")),
        ("first_document_id", pa.string()),
        ("documents", pa.int32()),
        ("told", pa.string()),
        ("findings_after", pa.int32()),
        ("finding_kinds_after", pa.string()),
        ("finding_ids_after", pa.string()),
    ]
)


Span = tuple[str, str | None, int, int]  # indicator, value, start, end


def disclosing_documents(store: Store) -> tuple[dict[str, float], dict[str, list[Span]]] | None:
    """Documents that disclose exploitation (id → score) and the screen's spans in them.

    Reads the screen stage's ``disclosures`` and ``indicators``; without them,
    screens the documents with ``candour.screen`` if that exists; None if
    neither is available.
    """
    if store.has("disclosures"):
        found = {
            str(r[0]): float(r[1] or 0.0)
            for r in store.rows(
                "SELECT source_id, max(score) FROM disclosures "
                "WHERE source_table = 'documents' AND discloses_exploitation GROUP BY source_id"
            )
        }
        spans: dict[str, list[Span]] = defaultdict(list)
        if store.has("indicators"):
            for did, ind, val, start, end in store.rows(
                'SELECT source_id, indicator, value, start, "end" FROM indicators '
                "WHERE source_table = 'documents' AND NOT coalesce(negated, false)"
            ):
                if did in found and start is not None and end is not None:
                    spans[did].append((ind, val, int(start), int(end)))
        return found, spans
    try:
        from candour.screen import disclosure, screen_text  # type: ignore[attr-defined]
    except ImportError:
        return None
    found, spans = {}, defaultdict(list)
    if not store.has("documents"):
        return found, spans
    for did, text, created in store.rows("SELECT document_id, text, created_at FROM documents"):
        indicators = screen_text(text, created)
        ok, score = disclosure(indicators)
        if ok:
            found[str(did)] = float(score)
            spans[str(did)] = [
                (i.indicator, i.value, i.start, i.end) for i in indicators if not i.negated
            ]
    return found, spans


CHILD_INDICATORS = frozenset({"child"})
EXPLOITATION_INDICATORS = frozenset({"sexual", "cse_term"})
# Parties to exploitation besides children: adults, and what is exchanged.
PARTY_INDICATORS = frozenset({"adult", "exchange"})
# What makes a bare "CSE" label concrete: adults, exchange, places, missing episodes, a report.
CORROBORATING_INDICATORS = frozenset(
    {"adult", "exchange", "setting", "missing", "disclosure", "victim_ref"}
)
TOPIC_INDICATORS = frozenset({"cse_term"})


def specific(
    store: Store, candidates: dict[str, float], spans: dict[str, list[Span]]
) -> dict[str, float]:
    """The disclosing documents whose spans show exploitation happening, not only named as a topic.

    Some passage (a line or paragraph of the document) must describe
    exploitation concretely (:func:`_concrete`). A document that mentions CSE
    only as a subject (a policy, a training course, a national report, a
    sub-group's terms of reference) tells no one that children are being
    exploited. Without
    the screen's spans (or with a screen whose vocabulary lacks these
    indicators) the screen's own verdict stands.
    """
    vocabulary = {ind for rows in spans.values() for ind, *_ in rows}
    if not candidates or not (
        CHILD_INDICATORS & vocabulary and EXPLOITATION_INDICATORS & vocabulary
    ):
        return candidates
    texts = {
        str(did): text
        for did, text in store.rows("SELECT document_id, text FROM documents")
        if str(did) in candidates
    }
    kept: dict[str, float] = {}
    for did, score in candidates.items():
        text = texts.get(did) or ""
        breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        passages: dict[int, list[Span]] = defaultdict(list)
        for item in spans.get(did, []):
            passages[bisect.bisect_right(breaks, item[2])].append(item)
        if any(_concrete(items) for items in passages.values()):
            kept[did] = score
    return kept


def _concrete(items: list[Span]) -> bool:
    """A passage describing sexual exploitation and who is involved, beyond a topic term.

    Either sexual activity or exploitation is described (a ``sexual`` indicator)
    with a party to it named outside any CSE term (a child, a child's age, an
    adult, something exchanged); or a CSE term names children (outside the term)
    and something makes it concrete (adults, exchange, places, missing episodes,
    a report). Indicators that lie inside a term such as "child sexual
    exploitation" name a subject, not children being exploited.
    """
    topics = [(s, e) for ind, _, s, e in items if ind in TOPIC_INDICATORS]

    def outside(s: int, e: int) -> bool:
        return not any(ts <= s and e <= te for ts, te in topics)

    child = any(
        (ind in CHILD_INDICATORS and outside(s, e)) or (ind == "age" and _is_child_age(val))
        for ind, val, s, e in items
    )
    party = child or any(ind in PARTY_INDICATORS and outside(s, e) for ind, _, s, e in items)
    if party and any(ind == "sexual" for ind, *_ in items):
        return True
    return child and bool(topics) and any(ind in CORROBORATING_INDICATORS for ind, *_ in items)


def _is_child_age(value: str | None) -> bool:
    try:
        return int(str(value)) < 18
    except ValueError:
        return False


def _spans(store: Store, documents: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The screen's indicator spans in each disclosing document (evidence of what was told)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not documents or not store.has("indicators"):
        return out
    for did, ind, val, s, e, text in store.rows(
        'SELECT source_id, indicator, value, start, "end", text FROM indicators '
        "WHERE source_table = 'documents' AND NOT coalesce(negated, false) "
        'ORDER BY source_id, start, "end"'
    ):
        if did in documents and len(out[did]) < MAX_SPANS:
            out[did].append(
                {
                    "table": "documents",
                    "id": did,
                    "column": "text",
                    "indicator": ind,
                    "value": val,
                    "start": s,
                    "end": e,
                    "text": text,
                }
            )
    return out


def knowledge(
    store: Store, postings: Postings, senior_rank: str, *, topic_only_tells: bool = False
) -> pa.Table:
    """One row per (officer, disclosing document) they received.

    ``topic_only_tells``: count documents that name exploitation only as a topic
    (see :func:`specific`) as telling their recipients; off by default.
    """
    cols: dict[str, list[Any]] = {n: [] for n in KNOWLEDGE_SCHEMA.names}
    screened = disclosing_documents(store)
    if screened is None:
        return pa.Table.from_pydict(cols, schema=KNOWLEDGE_SCHEMA)
    disclosing, spans = screened
    if not topic_only_tells:
        disclosing = specific(store, disclosing, spans)
    if not disclosing or not store.has("documents") or not store.has("document_recipients"):
        return pa.Table.from_pydict(cols, schema=KNOWLEDGE_SCHEMA)
    threshold = seniority(senior_rank)
    roles = ", ".join(f"'{r}'" for r in RECIPIENT_ROLES)
    rows = store.rows(
        "SELECT r.officer_id, d.document_id, d.created_at, "
        "string_agg(DISTINCT r.role, ',' ORDER BY r.role), d.kind, d.title, d.force_id "
        "FROM documents d JOIN document_recipients r ON r.document_id = d.document_id "
        f"WHERE r.role IN ({roles}) AND r.officer_id IS NOT NULL "
        "GROUP BY r.officer_id, d.document_id, d.created_at, d.kind, d.title, d.force_id "
        "ORDER BY r.officer_id, d.created_at, d.document_id"
    )
    for oid, did, created, role_list, kind, title, force in rows:
        if str(did) not in disclosing:
            continue
        rank = postings.rank_at(oid, created) if created is not None else None
        cols["officer_id"].append(oid)
        cols["document_id"].append(did)
        cols["informed_at"].append(created)
        cols["roles"].append(role_list)
        cols["kind"].append(kind)
        cols["title"].append(title)
        cols["force_id"].append(force)
        cols["rank"].append(rank)
        cols["senior"].append(seniority(rank) >= threshold)
        cols["score"].append(disclosing[str(did)])
    return pa.Table.from_pydict(cols, schema=KNOWLEDGE_SCHEMA)


def senior_exposure(
    store: Store, postings: Postings, told: pa.Table, chains: pa.Table, senior_rank: str
) -> pa.Table:
    """For each officer of senior rank (at any time) who was told: when, what, and what followed.

    Findings "under their command afterwards" are findings whose chain of
    command (``finding_chain``) includes the officer, dated after they were
    first told.
    """
    cols: dict[str, list[Any]] = {n: [] for n in SENIOR_SCHEMA.names}
    threshold = seniority(senior_rank)
    by_officer: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in told.to_pylist():
        by_officer[r["officer_id"]].append(r)
    seniors = {
        oid
        for oid in by_officer
        if seniority(postings.highest_rank(oid)) >= threshold
        or any(r["senior"] for r in by_officer[oid])
    }
    if not seniors:
        return pa.Table.from_pydict(cols, schema=SENIOR_SCHEMA)
    under: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
    for r in chains.select(["officer_id", "as_at", "finding_id", "kind"]).to_pylist():
        if r["officer_id"] in seniors:
            under[r["officer_id"]].append((r["as_at"], r["finding_id"], r["kind"]))
    docs = {r["document_id"] for oid in seniors for r in by_officer[oid]}
    spans = _spans(store, docs)
    for oid in sorted(seniors):
        rows = sorted(by_officer[oid], key=lambda r: (r["informed_at"], r["document_id"]))
        first = rows[0]
        first_day = as_date(first["informed_at"])
        after: dict[str, str] = {}
        for when, fid, kind in sorted(under.get(oid, [])):
            if first_day is not None and when is not None and when > first_day:
                after.setdefault(fid, kind)
        told_json = [
            {
                "document_id": r["document_id"],
                "informed_at": _iso(r["informed_at"]),
                "kind": r["kind"],
                "title": r["title"],
                "roles": r["roles"],
                "rank": r["rank"],
                "spans": spans.get(r["document_id"], []),
            }
            for r in rows
        ]
        kinds: dict[str, int] = defaultdict(int)
        for kind in after.values():
            kinds[kind] += 1
        cols["officer_id"].append(oid)
        cols["force_id"].append(first["force_id"])
        cols["rank_when_first_told"].append(first["rank"])
        cols["highest_rank"].append(postings.highest_rank(oid))
        cols["first_told_at"].append(first["informed_at"])
        cols["first_document_id"].append(first["document_id"])
        cols["documents"].append(len(rows))
        cols["told"].append(json.dumps(told_json, default=str))
        cols["findings_after"].append(len(after))
        cols["finding_kinds_after"].append(json.dumps(dict(sorted(kinds.items()))))
        cols["finding_ids_after"].append(json.dumps(sorted(after)))
    return pa.Table.from_pydict(cols, schema=SENIOR_SCHEMA)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None
