"""Lines of enquiry and review decisions, through the ledger's own enquiry API.

The ledger (candour.ledger) is the record and candour.ledger.enquiry folds it
into the state of each line of enquiry; this module only adapts that to the
workspace's forms and labels, and degrades when the ledger is not installed.
"""

from __future__ import annotations

from typing import Any

from candour.store import Store

# Review decisions on a finding (the ledger action is the key).
FINDING_DECISIONS: dict[str, str] = {
    "confirm": "Confirmed",
    "reject": "Rejected",
    "needs_more": "Needs more",
}
# Decisions a lead takes on a line of enquiry (candour.ledger.enquiry.DECISIONS).
ENQUIRY_ACTIONS: dict[str, str] = {
    "open": "Opened",
    "assign": "Assigned",
    "narrow": "Scope narrowed",
    "exclude": "Excluded from scope",
    "include": "Brought back into scope",
    "note": "Note",
    "close": "Closed",
    "reopen": "Reopened",
}
EXCLUDABLE = ("person", "officer", "rank", "force", "document")


def ledger_or_none(store: Store) -> Any:
    """``Ledger(store)``, or None while the ledger package is not installed."""
    try:
        from candour.ledger import Ledger
    except ImportError:
        return None
    return Ledger(store)


def lines_of_enquiry(ledger: Any) -> list[dict[str, Any]]:
    """Every line of enquiry with its status and labelled history, newest first."""
    if ledger is None:
        return []
    from candour.ledger.enquiry import enquiries

    lines = []
    for e in enquiries(ledger):
        history = []
        for d in e["decisions"]:
            s = d["subject"] or {}
            detail = ""
            if d["action"] == "assign":
                detail = f"to {s.get('assignee')}"
            elif d["action"] == "narrow":
                detail = ", ".join(f"{k}: {v}" for k, v in (s.get("scope") or {}).items())
            elif d["action"] in ("exclude", "include"):
                detail = f"{s.get('what')}: {s.get('value')}"
            history.append(
                {**d, "label": ENQUIRY_ACTIONS.get(d["action"], d["action"]), "detail": detail}
            )
        lines.append(
            {
                **e,
                "id": e["enquiry_id"],
                "history": history,
                "last_at": history[-1]["at"] if history else e["opened_at"],
            }
        )
    return sorted(lines, key=lambda x: str(x["last_at"]), reverse=True)


def scope_from_text(text: str) -> dict[str, str]:
    """``"force_id=F1, from=2005-01-01"`` → a scope dict (a bare phrase becomes ``note``)."""
    scope: dict[str, str] = {}
    for part in text.split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            if k.strip() and v.strip():
                scope[k.strip()] = v.strip()
        elif part.strip():
            scope["note"] = part.strip()
    return scope
