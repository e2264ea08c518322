"""Complaints and conduct matters about officers, with findings and sanctions.

Outcomes differ by rank (junior officers are more often found to have a case
to answer). Some senior officers retire while a matter is open: the matter
is then withdrawn or closed as `other`, sometimes with a finding that they
would have been dismissed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from candour.generate.clock import safe
from candour.generate.world import SENIOR, Force
from candour.generate.writer import Sink

ALLEGATIONS = (
    ("Neglect or failure in duty", "Failed to record a crime reported by the complainant."),
    ("Neglect or failure in duty", "Did not investigate a report of a missing child properly."),
    (
        "Neglect or failure in duty",
        "Failed to act on information about the exploitation of a child.",
    ),
    ("Discreditable conduct", "Made inappropriate comments about a victim."),
    ("Oppressive conduct", "Used excessive force during an arrest."),
    ("Incivility", "Was rude and dismissive to the complainant at the front counter."),
    ("Improper disclosure of information", "Disclosed the complainant's address to a third party."),
    ("Discriminatory behaviour", "Treated the complainant less favourably."),
    (
        "Neglect or failure in duty",
        "Did not supervise the handling of reports of child sexual exploitation.",
    ),
    (
        "Honesty and integrity",
        "Gave an inaccurate account of the decision to close an investigation.",
    ),
)
SANCTIONS_UPHELD = ("reflective_practice", "management_advice", "management_action", "written_warning",
                    "final_written_warning", "reduction_in_rank", "dismissal")  # fmt: skip


def _dt(rng: random.Random, d: date) -> datetime:
    return safe(datetime(d.year, d.month, d.day, rng.randint(8, 17), rng.randint(0, 59)))


def write_force(
    rng: random.Random, sink: Sink, force: Force, years: list[int], scale: float
) -> int:
    """All complaints about the force's officers over the period."""
    n = 0
    officers = list(force.officers.values())
    start = date(years[0], 1, 1)
    end = date(years[-1], 12, 31)

    def rank_at(o_id: str, d: date) -> str:
        o = force.officers[o_id]
        rank = str(o.postings[0][2])
        for frm, _to, r, _u, _s in o.postings:
            if frm <= d:  # type: ignore[operator]
                rank = str(r)
        return rank

    def emit(
        o_id: str,
        received: date,
        decided: date | None,
        finding: str,
        sanction: str,
        by: str,
        category: str,
        allegation: str,
    ) -> None:
        nonlocal n
        n += 1
        sink.row(
            "complaints",
            [
                f"CO/{force.force_id}/{received:%y}/{n:05d}",
                force.force_id,
                _dt(rng, received),
                o_id,
                allegation,
                category,
                by,
                finding,
                sanction,
                _dt(rng, decided) if decided else "",
            ],
        )

    per_year = max(3, round(20 * scale))
    for year in years:
        for _ in range(per_year):
            received = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            in_post = [
                o
                for o in officers
                if o.postings[0][0] <= received  # type: ignore[operator]
                and (o.left_service is None or o.left_service > received)
            ]
            if not in_post:
                continue
            o = rng.choice(in_post)
            rank = rank_at(o.officer_id, received)
            category, allegation = rng.choice(ALLEGATIONS)
            by = "iopc" if rng.random() < 0.08 else "force"
            decided: date | None = received + timedelta(days=rng.randint(20, 400))
            if o.left_service and decided and decided > o.left_service and rank in SENIOR:
                finding = rng.choice(("withdrawn", "other"))
                sanction = "would_have_been_dismissed" if rng.random() < 0.2 else "none"
            else:
                p_case = {"constable": 0.35, "sergeant": 0.3, "inspector": 0.25, "staff": 0.3}.get(
                    rank, 0.12
                )
                r = rng.random()
                if r < p_case:
                    finding = rng.choice(("upheld", "case_to_answer"))
                    sanction = rng.choice(
                        SANCTIONS_UPHELD[:5] if rank in SENIOR else SANCTIONS_UPHELD
                    )
                elif r < p_case + 0.45:
                    finding, sanction = rng.choice(("not_upheld", "no_case_to_answer")), "none"
                else:
                    finding, sanction = (
                        rng.choice(("not_upheld", "withdrawn", "no_case_to_answer")),
                        "none",
                    )
            if decided and decided > end:
                decided, finding, sanction = None, "", ""
            emit(o.officer_id, received, decided, finding, sanction, by, category, allegation)
    # senior officers who retired while a matter about them was open
    for o in officers:
        if o.left_service is None or not (start < o.left_service <= end):
            continue
        rank = rank_at(o.officer_id, o.left_service)
        if rank not in SENIOR or rng.random() > 0.6:
            continue
        received = max(start, o.left_service - timedelta(days=rng.randint(30, 300)))
        decided = o.left_service + timedelta(days=rng.randint(20, 500))
        category, allegation = rng.choice(ALLEGATIONS[2:3] + ALLEGATIONS[8:])
        finding = rng.choice(("withdrawn", "other", "withdrawn"))
        sanction = (
            "would_have_been_dismissed" if finding == "other" and rng.random() < 0.4 else "none"
        )
        emit(
            o.officer_id,
            received,
            decided,
            finding,
            sanction,
            rng.choice(("iopc", "force")),
            category,
            allegation,
        )
    return n
