"""What each exclusion took out of view: the findings a scoping decision puts out of scope.

An exclusion on a line of enquiry (a rank, an officer, a person, a force, a
document) is a decision not to look somewhere. This module counts, from the
stage tables, the findings that decision covers: a rank or officer excludes the
findings whose chain of command (``finding_chain``) holds that rank or officer
at the time; a person, the findings about that person and about
the incidents and crimes they are linked to (through ``people``); a force, that
force's findings. A document exclusion covers no findings.
"""

from __future__ import annotations

from typing import Any

from candour.ledger.enquiry import enquiries
from candour.ledger.log import Ledger
from candour.store import Store


def excluded_findings(store: Store, what: str, value: str) -> list[dict[str, Any]]:
    """Findings put out of scope by excluding ``what`` = ``value`` (finding_id, kind)."""
    if not store.has("findings"):
        return []
    if what in ("rank", "officer"):
        if not store.has("finding_chain"):
            return []
        column = "rank" if what == "rank" else "officer_id"
        sql = (
            "SELECT DISTINCT f.finding_id, f.kind FROM findings f JOIN finding_chain c "
            f"ON c.finding_id = CAST(f.finding_id AS VARCHAR) WHERE c.{column} = ?"
        )
    elif what == "force":
        sql = "SELECT finding_id, kind FROM findings WHERE force_id = ?"
    elif what == "person":
        parts = ["(subject_type = 'person' AND CAST(subject_id AS VARCHAR) = ?)"]
        params = [value]
        if store.has("people"):
            for table, key, kind in (
                ("incident_records", "incident_id", "incident"),
                ("crime_records", "crime_id", "crime"),
            ):
                if store.has(table):
                    parts.append(
                        f"(subject_type = '{kind}' AND CAST(subject_id AS VARCHAR) IN ("
                        f"SELECT CAST(x.{key} AS VARCHAR) FROM {table} x JOIN people p "
                        "ON p.record_id = x.record_id WHERE CAST(p.person_id AS VARCHAR) = ?))"
                    )
                    params.append(value)
        rows = store.rows(
            f"SELECT finding_id, kind FROM findings WHERE {' OR '.join(parts)} ORDER BY 1", params
        )
        return [{"finding_id": r[0], "kind": r[1]} for r in rows]
    else:
        return []
    rows = store.rows(sql + " ORDER BY 1", [value])
    return [{"finding_id": r[0], "kind": r[1]} for r in rows]


def exclusion_effects(store: Store, ledger: Ledger | None = None) -> list[dict[str, Any]]:
    """Every exclusion decided on the ledger, with who, when, why and what it covers."""
    ledger = ledger or Ledger(store)
    out: list[dict[str, Any]] = []
    for enquiry in enquiries(ledger):
        for d in enquiry["decisions"]:
            if d["action"] != "exclude":
                continue
            what, value = d["subject"].get("what"), d["subject"].get("value")
            found = excluded_findings(store, str(what), str(value))
            kinds: dict[str, int] = {}
            for f in found:
                kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
            out.append(
                {
                    "enquiry_id": enquiry["enquiry_id"],
                    "title": enquiry["title"],
                    "seq": d["seq"],
                    "at": d["at"],
                    "actor": d["actor"],
                    "reason": d["reason"],
                    "what": what,
                    "value": value,
                    "still_excluded": {"what": what, "value": value} in enquiry["excluded"],
                    "findings": len(found),
                    "kinds": dict(sorted(kinds.items())),
                    "finding_ids": [f["finding_id"] for f in found],
                }
            )
    return out
