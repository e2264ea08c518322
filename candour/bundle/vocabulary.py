"""Common spellings of the contract's vocabulary values (spec/bundle.md).

Ingest compares values by :func:`vocabulary_key` (case, spaces and punctuation
folded), so ``"Det. Supt"``, ``"DET SUPT"`` and ``"det-supt"`` are one
spelling. The tables here are the British usage every force shares; anything
else (a US department's ranks, a force's own codes) is declared in the
bundle's ``bundle.yaml`` ``values`` map, not hard-coded.
"""

from __future__ import annotations

import re

from candour.bundle.contract import VOCABULARIES

_FOLD = re.compile(r"[^a-z0-9]+")


def vocabulary_key(value: str) -> str:
    """A value folded for comparison: lower case, runs of non-alphanumerics as ``_``."""
    return _FOLD.sub("_", value.strip().lower()).strip("_")


# Rank spellings. Detective ranks are the same rank; Metropolitan Police and
# City of London titles map to their county-force equivalents.
RANK_ALIASES: dict[str, str] = {
    # constable
    "pc": "constable",
    "wpc": "constable",
    "police constable": "constable",
    "woman police constable": "constable",
    "dc": "constable",
    "tdc": "constable",
    "det con": "constable",
    "detective constable": "constable",
    "trainee detective constable": "constable",
    "probationer": "constable",
    "probationary constable": "constable",
    "student officer": "constable",
    "special constable": "constable",
    "sc": "constable",
    # sergeant
    "ps": "sergeant",
    "sgt": "sergeant",
    "police sergeant": "sergeant",
    "ds": "sergeant",
    "det sgt": "sergeant",
    "detective sergeant": "sergeant",
    "custody sergeant": "sergeant",
    # inspector
    "insp": "inspector",
    "inspr": "inspector",
    "police inspector": "inspector",
    "di": "inspector",
    "det insp": "inspector",
    "detective inspector": "inspector",
    # chief inspector
    "ci": "chief_inspector",
    "ch insp": "chief_inspector",
    "chief insp": "chief_inspector",
    "dci": "chief_inspector",
    "det ch insp": "chief_inspector",
    "det chief insp": "chief_inspector",
    "detective chief inspector": "chief_inspector",
    # superintendent
    "supt": "superintendent",
    "supers": "superintendent",
    "det supt": "superintendent",
    "d supt": "superintendent",
    "dsu": "superintendent",
    "dsupt": "superintendent",
    "detective superintendent": "superintendent",
    # chief superintendent
    "c supt": "chief_superintendent",
    "ch supt": "chief_superintendent",
    "chief supt": "chief_superintendent",
    "csupt": "chief_superintendent",
    "det ch supt": "chief_superintendent",
    "det chief supt": "chief_superintendent",
    "dcs": "chief_superintendent",
    "detective chief superintendent": "chief_superintendent",
    # chief officers
    "acc": "assistant_chief_constable",
    "asst chief constable": "assistant_chief_constable",
    "dcc": "deputy_chief_constable",
    "deputy chief const": "deputy_chief_constable",
    "cc": "chief_constable",
    "chief const": "chief_constable",
    # Metropolitan Police and City of London titles
    "commander": "assistant_chief_constable",
    "cmdr": "assistant_chief_constable",
    "det chief supt commander": "assistant_chief_constable",
    "deputy assistant commissioner": "assistant_chief_constable",
    "dac": "assistant_chief_constable",
    "assistant commissioner": "deputy_chief_constable",
    "ac": "deputy_chief_constable",
    "deputy commissioner": "deputy_chief_constable",
    "commissioner": "chief_constable",
    # police staff
    "police staff": "staff",
    "civilian": "staff",
    "civilian staff": "staff",
    "call handler": "staff",
    "call taker": "staff",
    "control room operator": "staff",
    "dispatcher": "staff",
    "pcso": "staff",
    "police community support officer": "staff",
    "investigator": "staff",
    "analyst": "staff",
}

_ALIASES: dict[str, dict[str, str]] = {
    "rank": RANK_ALIASES,
    "source": {
        "police record": "police",
        "social services": "social_care",
        "childrens services": "social_care",
        "children s services": "social_care",
        "childrens social care": "social_care",
        "local authority": "social_care",
        "la": "social_care",
        "nhs": "health",
        "hospital": "health",
        "gp": "health",
        "school": "education",
        "college": "education",
    },
    "sex": {
        "female": "F",
        "f": "F",
        "girl": "F",
        "woman": "F",
        "male": "M",
        "m": "M",
        "boy": "M",
        "man": "M",
        "unknown": "U",
        "not known": "U",
        "not stated": "U",
        "u": "U",
        "x": "U",
    },
    "person_role": {
        "vic": "victim",
        "ip": "victim",
        "injured party": "victim",
        "aggrieved": "victim",
        "susp": "suspect",
        "offender": "suspect",
        "accused": "suspect",
        "wit": "witness",
        "informant": "reporter",
        "caller": "reporter",
        "complainant": "reporter",
        "mfh": "subject",
        "missing person": "subject",
        "misper": "subject",
    },
    "recipient_role": {
        "recipient": "to",
        "copy": "cc",
        "present": "attendee",
        "attended": "attendee",
    },
    "crime_status": {
        "crimed": "recorded",
        "confirmed": "recorded",
        "no crimed": "cancelled",
        "no crime": "cancelled",
        "nc": "cancelled",
        "cancelled crime": "cancelled",
        "canceled": "cancelled",
        "transfer": "transferred",
    },
    "document_kind": {
        "briefing note": "briefing",
        "brief": "briefing",
        "meeting minutes": "minutes",
        "strategic assessment": "strategic_assessment",
        "problem profile": "strategic_assessment",
        "e mail": "email",
        "memo": "other",
    },
    "complaint_finding": {
        "nca": "no_case_to_answer",
        "no case": "no_case_to_answer",
        "case to answer": "case_to_answer",
        "cta": "case_to_answer",
        "proven": "upheld",
        "substantiated": "upheld",
        "not proven": "not_upheld",
        "unsubstantiated": "not_upheld",
        "withdrawn by complainant": "withdrawn",
    },
    "sanction": {
        "no action": "none",
        "nfa": "none",
        "rpr": "reflective_practice",
        "reflective practice review process": "reflective_practice",
        "words of advice": "management_advice",
        "advice": "management_advice",
        "ww": "written_warning",
        "fww": "final_written_warning",
        "demotion": "reduction_in_rank",
        "dismissed": "dismissal",
        "dismissed without notice": "dismissal",
        "would have been dismissed": "would_have_been_dismissed",
        "whbd": "would_have_been_dismissed",
    },
    "investigated_by": {
        "local": "force",
        "psd": "force",
        "professional standards": "force",
        "ipcc": "iopc",
        "independent": "iopc",
        "supervised": "iopc",
        "managed": "iopc",
    },
}


def builtin_spellings(vocabulary: str) -> dict[str, str]:
    """Folded spelling → contract value for one vocabulary (the values themselves included)."""
    table: dict[str, str] = {}
    for value in VOCABULARIES[vocabulary]:
        table[vocabulary_key(value)] = value
    if vocabulary == "outcome_code":
        for i in range(1, 23):
            for spelling in (f"{i:02d}", f"outcome {i}", f"oc{i}", f"type {i}", f"{i}.0"):
                table[vocabulary_key(spelling)] = str(i)
    if vocabulary == "cancellation_class":
        for value in VOCABULARIES[vocabulary]:
            table[vocabulary_key(f"class {value[1:]}")] = value
            table[vocabulary_key(f"{value[0]} {value[1:]}")] = value
    for spelling, value in _ALIASES.get(vocabulary, {}).items():
        table[vocabulary_key(spelling)] = value
    return table
