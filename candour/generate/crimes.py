"""Crime records: codes, recording delays, cancellations (valid and invalid), outcomes.

A handling key (ok, late, unrecorded, invalid_cancel, ctac_cancel,
under_class, valid_cancel, transferred) says what the force did with an
incident that disclosed an offence; this module writes the crime rows that
follow from it and hands their facts to the truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from candour.generate.clock import is_late, safe
from candour.generate.truth import CrimeFacts, Offence

# reasons that are additional verifiable information that no crime occurred (C2, valid)
AVI_REASONS = (
    "CCTV from the premises verified the item was not stolen; IP located it at home and confirmed this to the OIC.",
    "IP found the property in her car the following day, seen by the OIC. No theft occurred.",
    "Insurance assessor and photographs verify the damage was caused by the storm, no third party involved.",
    "Vehicle was taken by the IP's husband with her permission, confirmed by both and by the hire records.",
    "Hospital records and CCTV verify the injury was caused by an accidental fall; witnesses confirm no one else was involved.",
    "Bank confirmed the transaction was made by the IP's own card holder account and authorised by her.",
    "Bicycle recovered from the IP's garage where his son had left it, verified by officer attendance.",
    "Doorbell footage verified the parcel was delivered to the neighbour who still holds it; no theft.",
)
INVALID_REASONS = (
    "Victim does not support a prosecution.",
    "IP will not engage with officers.",
    "Insufficient evidence to proceed.",
    "NFA.",
    "No further action - no realistic prospect of conviction.",
    "Victim withdrew her complaint.",
    "IP not contactable after several attempts.",
    "No lines of enquiry.",
    "Complainant declined to make a statement.",
    "CPS advice - no further action.",
)
CSE_INVALID_REASONS = (
    "IP will not engage and does not support police action.",
    "IP withdrew her account at ABE interview.",
    "Insufficient evidence to charge. NFA.",
    "Lifestyle - IP is streetwise and known to go with older males.",
    "IP unwilling to provide a statement, no further action.",
    "No realistic prospect of conviction - IP not credible.",
    "Victim is a regular MFH and her account changed several times.",
)
CONSENT_REASONS = (
    "IP states she consented and is in a relationship with the male.",
    "Relationship consensual - IP describes suspect as her boyfriend.",
    "IP made her own choices and went willingly with the males.",
    "IP says it was consensual and she does not want him in trouble.",
    "Consensual activity between IP and her boyfriend, no offence disclosed by IP.",
)
# Invalid reasons that also describe the child as choosing (child_treated_as_consenting).
CHOOSING_REASONS = frozenset({"Lifestyle - IP is streetwise and known to go with older males."})
BAD_CLASSES = ("NC", "C6", "NFA", "N/C", "ND")


def duplicate_reason(other: str) -> str:
    return f"Duplicate of crime {other}."


def transfer_reason(force_name: str) -> str:
    return f"Offence occurred in the {force_name} area - transferred to that force."


def error_reason(rng: random.Random) -> str:
    return rng.choice(
        (
            "Recorded in error - the incident relates to lost property, no offence.",
            "Created in error against the wrong incident log.",
            "Recorded in error during training.",
        )
    )


OUTCOMES_OK = ("1", "1", "2", "3", "8", "14", "15", "16", "18", "18", "21")


@dataclass
class Officers:
    """Who does what on a crime: the investigating officer, their supervisor, a
    valid canceller (registrar or an inspector outside the investigation)."""

    oic: str
    supervisor: str
    registrar: str


@dataclass
class Written:
    row: list[object]
    people: list[tuple[str, str]]  # (record_id, role)
    facts: CrimeFacts


def crime_row(
    crime_id: str,
    force_id: str,
    incident_id: str,
    recorded_at: datetime,
    off: Offence,
    status: str,
    cls: str = "",
    reason: str = "",
    cancelled_at: datetime | None = None,
    cancelled_by: str = "",
    outcome: str = "",
    outcome_at: datetime | None = None,
    oic: str = "",
    supervisor: str = "",
) -> list[object]:
    return [
        crime_id,
        force_id,
        incident_id,
        recorded_at,
        off.code,
        off.title,
        status,
        cls,
        reason,
        cancelled_at,
        cancelled_by,
        outcome,
        outcome_at,
        oic,
        supervisor,
    ]


def delay(rng: random.Random, reported: datetime, late: bool) -> datetime:
    """A recording time: within 24 real hours, or later."""
    if late:
        if rng.random() < 0.15:
            t = safe(reported + timedelta(hours=rng.uniform(25.6, 30)))
        else:
            t = safe(reported + timedelta(hours=rng.uniform(30, 24 * 40)))
        return t
    r = rng.random()
    hours = (
        rng.uniform(0.1, 4) if r < 0.6 else rng.uniform(4, 16) if r < 0.9 else rng.uniform(16, 22.4)
    )
    t = safe(reported + timedelta(hours=hours))
    if is_late(reported, t):  # a clock change made it late; pull it back
        t = safe(reported + timedelta(hours=20))
    return t


def outcome_for(rng: random.Random, recorded: datetime) -> tuple[str, datetime | None]:
    if rng.random() < 0.25:
        return "", None
    return rng.choice(OUTCOMES_OK), safe(
        recorded + timedelta(days=rng.randint(3, 200), hours=rng.randint(0, 8))
    )


def cancel(
    rng: random.Random,
    kind: str,
    officers: Officers,
    recorded: datetime,
    *,
    cse: bool,
    consent: bool = False,
) -> tuple[str, str, str, bool, bool]:
    """(class, reason, cancelled_by, reason_is_avi, reason_consent) for an invalid
    cancellation (kind 'invalid') or a valid C2 with verifiable information ('avi')."""
    if kind == "avi":
        return "C2", rng.choice(AVI_REASONS), officers.registrar, True, False
    if consent:
        return (
            "C2" if rng.random() < 0.7 else rng.choice(("", "C6", "NC")),
            rng.choice(CONSENT_REASONS),
            (officers.registrar if rng.random() < 0.6 else officers.oic),
            False,
            True,
        )
    how = rng.random()
    bank = CSE_INVALID_REASONS if cse else INVALID_REASONS
    if how < 0.55:  # C2 with no verifiable information
        reason = rng.choice(bank)
        signed = officers.registrar if rng.random() < 0.7 else officers.supervisor
        return "C2", reason, signed, False, reason in CHOOSING_REASONS
    if how < 0.7:  # no class
        reason = rng.choice(bank)
        return "", reason, officers.registrar, False, reason in CHOOSING_REASONS
    if how < 0.8:  # a class outside C1-C5
        cls, reason = rng.choice(BAD_CLASSES), rng.choice(bank)
        return cls, reason, officers.registrar, False, reason in CHOOSING_REASONS
    # signed off by the investigating officer, or by nobody
    cls = rng.choice(("C4", "C3", "C2"))
    reason = error_reason(rng) if cls == "C4" else rng.choice(bank)
    signed = officers.oic if rng.random() < 0.6 else ""
    return cls, reason, signed, False, reason in CHOOSING_REASONS


def victim_code(
    offences: dict[str, Offence], age: int, sex: str, disclosure: str | None, rng: random.Random
) -> str:
    """The correct code for a child sexual offence, by the truth-age of the victim."""
    f = sex != "M"
    if disclosure in ("penetration", "exchange_pen"):
        if age < 13:
            return "19E" if f else "19H"
        if age < 16:
            return "19D" if f else "19G"
        return "19C" if f else "19F"
    if disclosure == "exchange":
        return "71"
    if disclosure == "sexual":
        if age < 13:
            return rng.choice(("20B" if f else "17B", "21"))
        if age < 16:
            return rng.choice(("22B", "20A" if f else "17A"))
        return "20A" if f else "17A"
    return "CAB" if age < 16 else "71"


def under_code(
    offences: dict[str, Offence], age: int, sex: str, disclosure: str | None
) -> str | None:
    """A code that under-classifies the offence (None if there is no natural one)."""
    f = sex != "M"
    if disclosure in ("penetration", "exchange_pen") and age < 16:
        return "22B" if age >= 13 else "20A" if f else "17A"
    if age < 13:
        return "20A" if f else "17A"
    return None
