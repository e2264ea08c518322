"""Lines of enquiry and the decisions on them, recorded on the ledger.

A line of enquiry is opened from a finding, a person, an officer, a document, or
by hand; then assigned, narrowed, has a person, officer, rank or force excluded
from its scope, and is closed (or reopened) — each decision one ledger entry
saying who, when and why. Review decisions on findings from the workspace
(confirm, reject, needs_more) are entries too. The state of every enquiry is
folded from the ledger alone; nothing is kept anywhere else.
"""

from __future__ import annotations

import uuid
from typing import Any

from candour.bundle.contract import RANKS
from candour.ledger.log import Ledger, LedgerError

ORIGINS = ("finding", "person", "officer", "document", "hand")
DECISIONS = ("assign", "narrow", "exclude", "include", "note", "close", "reopen")
REVIEW_DECISIONS = ("confirm", "reject", "needs_more")
EXCLUDABLE = ("person", "officer", "rank", "force", "document")


def open_enquiry(
    ledger: Ledger,
    title: str,
    actor: str,
    *,
    origin: str = "hand",
    origin_id: str | None = None,
    scope: dict[str, Any] | None = None,
    reason: str | None = None,
    enquiry_id: str | None = None,
) -> dict[str, Any]:
    """Open a line of enquiry; returns the ledger entry (subject holds ``enquiry_id``)."""
    if origin not in ORIGINS:
        raise LedgerError(f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}")
    if origin != "hand" and not origin_id:
        raise LedgerError(f"an enquiry opened from a {origin} must name it (origin_id)")
    if not title or not title.strip():
        raise LedgerError("a line of enquiry needs a title")
    subject: dict[str, Any] = {
        "enquiry_id": enquiry_id or f"ENQ-{uuid.uuid4().hex[:10]}",
        "title": title.strip(),
        "origin": origin,
        "origin_id": origin_id,
        "scope": scope or {},
    }
    return ledger.append("open", subject, actor, reason)


def decide(
    ledger: Ledger,
    enquiry_id: str,
    action: str,
    actor: str,
    reason: str | None = None,
    **details: Any,
) -> dict[str, Any]:
    """Record a decision on an open line of enquiry.

    ``assign`` takes ``assignee``; ``narrow`` takes ``scope`` (a dict of
    restrictions, e.g. ``{"force_id": "F1", "from": "2005-01-01"}``);
    ``exclude``/``include`` take ``what`` (person, officer, rank, force, document)
    and ``value``; ``close``, ``narrow``, ``exclude`` and ``reopen`` need a reason.
    """
    if action not in DECISIONS:
        raise LedgerError(f"decision must be one of {', '.join(DECISIONS)}, not {action!r}")
    with ledger.exclusive():  # no other process decides between the check and the append
        return _decide(ledger, enquiry_id, action, actor, reason, details)


def _decide(
    ledger: Ledger,
    enquiry_id: str,
    action: str,
    actor: str,
    reason: str | None,
    details: dict[str, Any],
) -> dict[str, Any]:
    state = {e["enquiry_id"]: e for e in enquiries(ledger, enquiry_id)}.get(enquiry_id)
    if state is None:
        raise LedgerError(f"there is no line of enquiry {enquiry_id!r}")
    if action == "reopen":
        if state["status"] != "closed":
            raise LedgerError(f"enquiry {enquiry_id} is not closed")
    elif state["status"] == "closed":
        raise LedgerError(f"enquiry {enquiry_id} is closed; reopen it first (with a reason)")
    subject: dict[str, Any] = {"enquiry_id": enquiry_id}
    if action == "assign":
        if not details.get("assignee"):
            raise LedgerError("assign needs an assignee")
        subject["assignee"] = details["assignee"]
    elif action == "narrow":
        if not isinstance(details.get("scope"), dict) or not details["scope"]:
            raise LedgerError("narrow needs the new scope (a non-empty dict)")
        subject["scope"] = details["scope"]
    elif action in ("exclude", "include"):
        what, value = details.get("what"), details.get("value")
        if what not in EXCLUDABLE or not value:
            raise LedgerError(f"{action} needs what ({', '.join(EXCLUDABLE)}) and a value")
        if what == "rank" and value not in RANKS:
            raise LedgerError(f"unknown rank {value!r}; ranks are {', '.join(RANKS)}")
        subject["what"] = what
        subject["value"] = value
    skip = ("assignee", "scope", "what", "value")
    subject.update({k: v for k, v in details.items() if k not in skip and v is not None})
    return ledger.append(action, subject, actor, reason)


def close_enquiry(ledger: Ledger, enquiry_id: str, actor: str, reason: str) -> dict[str, Any]:
    """Close a line of enquiry, saying why."""
    return decide(ledger, enquiry_id, "close", actor, reason)


def review(
    ledger: Ledger, finding_id: str, decision: str, actor: str, reason: str | None = None
) -> dict[str, Any]:
    """A reviewer's decision on a finding: confirm, reject (with a reason) or needs_more."""
    if decision not in REVIEW_DECISIONS:
        raise LedgerError(f"review decision must be one of {', '.join(REVIEW_DECISIONS)}")
    return ledger.append(decision, {"finding_id": finding_id}, actor, reason)


def enquiries(ledger: Ledger, enquiry_id: str | None = None) -> list[dict[str, Any]]:
    """Every line of enquiry (or one) as the ledger's decisions leave it, in the order opened."""
    state: dict[str, dict[str, Any]] = {}
    for e in ledger.entries(subject={"enquiry_id": enquiry_id or True}):
        s = e["subject"]
        eid = s.get("enquiry_id") if isinstance(s, dict) else None
        if not eid:
            continue
        if e["action"] == "open":
            state[eid] = {
                "enquiry_id": eid,
                "title": s.get("title"),
                "origin": s.get("origin"),
                "origin_id": s.get("origin_id"),
                "status": "open",
                "opened_by": e["actor"],
                "opened_at": e["at"],
                "assignee": None,
                "scope": dict(s.get("scope") or {}),
                "excluded": [],
                "decisions": [],
                "closed_at": None,
                "closed_by": None,
                "close_reason": None,
            }
        en = state.get(eid)
        if en is None:
            continue
        en["decisions"].append(
            {
                "seq": e["seq"],
                "at": e["at"],
                "action": e["action"],
                "actor": e["actor"],
                "reason": e["reason"],
                "subject": s,
            }
        )
        act = e["action"]
        if act == "assign":
            en["assignee"] = s.get("assignee")
        elif act == "narrow":
            en["scope"].update(s.get("scope") or {})
        elif act == "exclude":
            en["excluded"].append({"what": s.get("what"), "value": s.get("value")})
        elif act == "include":
            item = {"what": s.get("what"), "value": s.get("value")}
            en["excluded"] = [x for x in en["excluded"] if x != item]
        elif act == "close":
            en.update(
                status="closed", closed_at=e["at"], closed_by=e["actor"], close_reason=e["reason"]
            )
        elif act == "reopen":
            en.update(status="open", closed_at=None, closed_by=None, close_reason=None)
    return list(state.values())
