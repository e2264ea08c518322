"""The input bundle contract (spec/bundle.md, version 1) as data.

Every stage that needs to know a table's columns, its key, which columns are
required, dates or references reads it from here; nothing else hard-codes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["str", "date", "datetime", "int", "enum"]

CONTRACT_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "str"
    required: bool = True
    vocabulary: str | None = None  # name of a vocabulary in VOCABULARIES
    references: str | None = None  # "table.column" this column points at


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str = ""
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _c(
    name: str,
    type: ColumnType = "str",
    *,
    opt: bool = False,
    vocab: str | None = None,
    ref: str | None = None,
) -> Column:
    return Column(name, "enum" if vocab else type, not opt, vocab, ref)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("forces", (_c("force_id"), _c("name")), ("force_id",), "a police force or agency"),
        Table(
            "officers",
            (
                _c("officer_id"),
                _c("force_id", ref="forces.force_id"),
                _c("surname"),
                _c("forenames"),
                _c("rank", vocab="rank"),
                _c("unit", opt=True),
                _c("supervisor_id", opt=True, ref="officers.officer_id"),
                _c("from_date", "date"),
                _c("to_date", "date", opt=True),
                _c("left_service", "date", opt=True),
                _c("staff_number", opt=True),
            ),
            ("officer_id", "from_date"),
            "one posting of one officer",
        ),
        Table(
            "records",
            (
                _c("record_id"),
                _c("source", vocab="source"),
                _c("force_id", opt=True, ref="forces.force_id"),
                _c("surname", opt=True),
                _c("forenames", opt=True),
                _c("dob", "date", opt=True),
                _c("age", "int", opt=True),
                _c("sex", opt=True, vocab="sex"),
                _c("ethnicity", opt=True),
                _c("address", opt=True),
                _c("postcode", opt=True),
                _c("phone", opt=True),
            ),
            ("record_id",),
            "one person as held in one source system",
        ),
        Table(
            "incidents",
            (
                _c("incident_id"),
                _c("force_id", ref="forces.force_id"),
                _c("reported_at", "datetime"),
                _c("channel", opt=True),
                _c("opening_code", opt=True),
                _c("closing_code", opt=True),
                _c("location", opt=True),
                _c("narrative", opt=True),
                _c("attending_officer_id", opt=True, ref="officers.officer_id"),
                _c("closed_by_id", opt=True, ref="officers.officer_id"),
                _c("closed_at", "datetime", opt=True),
            ),
            ("incident_id",),
            "a call for service / incident log entry",
        ),
        Table(
            "incident_records",
            (
                _c("incident_id", ref="incidents.incident_id"),
                _c("record_id", ref="records.record_id"),
                _c("role", vocab="person_role"),
            ),
            ("incident_id", "record_id", "role"),
            "a person's part in an incident",
        ),
        Table(
            "crimes",
            (
                _c("crime_id"),
                _c("force_id", ref="forces.force_id"),
                _c("incident_id", opt=True, ref="incidents.incident_id"),
                _c("recorded_at", "datetime"),
                _c("offence_code"),
                _c("offence_title", opt=True),
                _c("status", vocab="crime_status"),
                _c("cancellation_class", opt=True, vocab="cancellation_class"),
                _c("cancellation_reason", opt=True),
                _c("cancelled_at", "datetime", opt=True),
                _c("cancelled_by_id", opt=True, ref="officers.officer_id"),
                _c("outcome_code", opt=True, vocab="outcome_code"),
                _c("outcome_at", "datetime", opt=True),
                _c("oic_id", opt=True, ref="officers.officer_id"),
                _c("supervisor_id", opt=True, ref="officers.officer_id"),
            ),
            ("crime_id",),
            "a crime record",
        ),
        Table(
            "crime_records",
            (
                _c("crime_id", ref="crimes.crime_id"),
                _c("record_id", ref="records.record_id"),
                _c("role", vocab="person_role"),
            ),
            ("crime_id", "record_id", "role"),
            "a person's part in a crime",
        ),
        Table(
            "documents",
            (
                _c("document_id"),
                _c("force_id", ref="forces.force_id"),
                _c("kind", vocab="document_kind"),
                _c("title", opt=True),
                _c("created_at", "datetime"),
                _c("author_id", opt=True, ref="officers.officer_id"),
                _c("text"),
            ),
            ("document_id",),
            "a briefing, minutes, strategic assessment, report, email",
        ),
        Table(
            "document_recipients",
            (
                _c("document_id", ref="documents.document_id"),
                _c("officer_id", ref="officers.officer_id"),
                _c("role", vocab="recipient_role"),
            ),
            ("document_id", "officer_id", "role"),
            "an officer who received or attended",
        ),
        Table(
            "complaints",
            (
                _c("complaint_id"),
                _c("force_id", ref="forces.force_id"),
                _c("received_at", "datetime"),
                _c("subject_id", ref="officers.officer_id"),
                _c("allegation", opt=True),
                _c("category", opt=True),
                _c("investigated_by", opt=True, vocab="investigated_by"),
                _c("finding", opt=True, vocab="complaint_finding"),
                _c("sanction", opt=True, vocab="sanction"),
                _c("decided_at", "datetime", opt=True),
            ),
            ("complaint_id",),
            "a complaint or conduct matter about one officer",
        ),
    )
}

# Ranks in order of seniority (index = seniority; staff is lowest).
RANKS: tuple[str, ...] = (
    "staff",
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "assistant_chief_constable",
    "deputy_chief_constable",
    "chief_constable",
)

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "rank": RANKS,
    "source": ("police", "social_care", "health", "education", "other"),
    "sex": ("F", "M", "U"),
    "person_role": ("victim", "suspect", "witness", "reporter", "subject", "other"),
    "recipient_role": ("to", "cc", "attendee"),
    "crime_status": ("recorded", "cancelled", "transferred"),
    "cancellation_class": ("C1", "C2", "C3", "C4", "C5"),
    "outcome_code": tuple(str(i) for i in range(1, 23)),
    "document_kind": ("briefing", "minutes", "strategic_assessment", "report", "email", "other"),
    "complaint_finding": (
        "no_case_to_answer",
        "case_to_answer",
        "upheld",
        "not_upheld",
        "withdrawn",
        "other",
    ),
    "sanction": (
        "none",
        "reflective_practice",
        "management_advice",
        "management_action",
        "written_warning",
        "final_written_warning",
        "reduction_in_rank",
        "dismissal",
        "would_have_been_dismissed",
        "other",
    ),
    "investigated_by": ("force", "iopc", "other"),
}

# Vocabularies where an unknown value is kept as written and reported, not quarantined.
KEPT_AS_WRITTEN: frozenset[str] = frozenset({"cancellation_class"})

SENIOR_RANK_DEFAULT = "superintendent"


def seniority(rank: str | None) -> int:
    """Seniority index of a contract rank (higher is more senior); -1 if unknown."""
    return RANKS.index(rank) if rank in RANKS else -1
