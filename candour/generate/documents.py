"""Briefings, minutes, strategic assessments, reports and emails sent to senior officers.

Some disclose organised sexual exploitation of children in the force area (in
many different words); most are routine business. Documents that mention
CSE only as a topic (training, a policy, a national report) without telling
the reader that children in the area are being exploited are NOT disclosing:
truth/knowledge.csv lists recipients of disclosing documents only.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from candour.generate.clock import safe
from candour.generate.exploitation import Group
from candour.generate.world import SENIOR, Force
from candour.generate.writer import Sink

ROUTINE = (
    (
        "Burglary performance",
        "Dwelling burglary is up {n}% on the same period last year, driven by a series in {town}. "
        "Operation {op} continues with additional patrols and forensic markings. Detection rate {d}%.",
    ),
    (
        "Budget and overtime",
        "The district is forecasting an overspend of £{k}k on overtime, largely from events policing "
        "and the {town} carnival. Superintendents are asked to review rest-day working.",
    ),
    (
        "Vehicle fleet",
        "The replacement of {n} response vehicles has been delayed. Units are asked to report defects promptly.",
    ),
    (
        "ASB hotspot",
        "Anti-social behaviour calls in {town} town centre rose over the summer. Dispersal order considered for "
        "the bus station area; partnership meeting with the council next month.",
    ),
    (
        "Road safety",
        "The Christmas drink-drive campaign resulted in {n} arrests. Road deaths in the force area remain below target.",
    ),
    (
        "Recruitment",
        "{n} new student officers start in {month}. Tutor constables are needed on every response team.",
    ),
    (
        "HMIC inspection",
        "Preparation for the crime data integrity inspection: audit of {n} incident logs to be completed by the FCR.",
    ),
    (
        "Training",
        "All frontline staff are to complete the CSE awareness e-learning package by the end of {month}. "
        "Completion rates are monitored at the performance meeting.",
    ),
    (
        "Policy",
        "The revised missing persons policy has been published. It sets out risk grading and return interview arrangements.",
    ),
    (
        "National report",
        "The national report on child sexual exploitation has been circulated for information. "
        "Forces are asked to review their own procedures; no action is required from districts at this stage.",
    ),
    (
        "Safeguarding board",
        "The local safeguarding children board met on the {d}th. Items: the annual report, "
        "the neglect strategy and the CSE sub-group terms of reference. No cases were discussed.",
    ),
    (
        "Missing persons",
        "The force recorded {k} missing person reports this quarter, in line with last year. "
        "Most were adults and were found within 24 hours.",
    ),
    (
        "IT upgrade",
        "The command and control system upgrade goes live on the {d}th. Expect short outages overnight.",
    ),
    (
        "Custody",
        "Custody throughput at {town} is {n} detainees per week. Bail management remains an issue.",
    ),
    (
        "Neighbourhood priorities",
        "Ward panels in {town} identified parking, speeding and dog fouling as priorities.",
    ),
)
DISCLOSING = (
    "Intelligence continues to indicate that a group of adult males are targeting girls aged {lo}-{hi} from children's homes in "
    "{town}, supplying them with alcohol and taking them to addresses and hotels for sexual purposes.",
    "There is a developing picture of organised sexual exploitation of children linked to {takeaway}. At least {v} girls "
    "known to us as repeat missing children are being picked up in cars by older men.",
    "Partner agencies report that {v} young people are being passed between adult males for sex in exchange for drink, "
    "drugs and lifts. The males are believed to be connected and to operate across {town} and the neighbouring force.",
    "The analysis of missing from home reports identifies a cohort of {v} children, most in care, who are repeatedly found "
    "with the same adult males. Several have disclosed sexual activity. This has the hallmarks of a CSE network.",
    "Concerns were raised about girls as young as {lo} being groomed and sexually abused by a group of men using "
    "{hotel} and a flat on {flat}. Few crimes have been recorded and no suspect has been charged.",
    "Officers are being told by residential staff that children are going missing overnight and returning intoxicated "
    "with money and phones. The girls name the same men. This is organised child sexual exploitation.",
    "Child prostitution remains a problem in {town}: girls of {lo} and {hi} are regularly seen getting into cars with "
    "older men near {takeaway}. Vehicle registrations have been logged but not actioned.",
    "Our CSE team assesses that a network of at least {m} men is involved in the sexual exploitation of {v} children. "
    "Resources are insufficient to investigate and the risk is rising.",
    "I need to bring to your attention that {v} girls from the {town} area have now told staff or officers that they "
    "are being given alcohol and lifts by the same group of men and are then sexually abused. I do not believe this "
    "is being treated as organised abuse.",
    "Problem profile: missing episodes from two residential units have doubled. Return interviews describe older males "
    "collecting the girls in cars, taking them to {takeaway} and to flats, and sexual activity in exchange for "
    "cannabis and vodka. Ages {lo} to {hi}.",
    "Action from the last meeting: the DI reported that {m} adult males are suspected of grooming and sexually "
    "exploiting {v} local children. No arrests to date; the CPS view is awaited.",
    "Youth workers have raised repeated concerns that young teenagers are being trafficked between {town} and the "
    "neighbouring force area by men who supply drugs and use them for sex.",
)
OPS = (
    "Nightjar",
    "Kestrel",
    "Bramble",
    "Harbour",
    "Lantern",
    "Granite",
    "Willow",
    "Falcon",
    "Anchor",
    "Tolling",
)
KIND_TITLES = {
    "briefing": (
        "Daily management meeting briefing",
        "District briefing",
        "Chief officer briefing",
    ),
    "minutes": (
        "Minutes of the district performance meeting",
        "Minutes - Chief Officer Group",
        "Minutes of the force tasking and coordination group",
    ),
    "strategic_assessment": (
        "Strategic assessment {y}",
        "Force control strategy review",
        "Strategic threat assessment",
    ),
    "report": (
        "Report to the Chief Officer Group",
        "Operation {op} update",
        "Review of public protection resourcing",
    ),
    "email": ("RE: concerns", "FW: update", "Issue for your attention", "Weekly summary"),
}


def _fill(rng: random.Random, text: str, force: Force, g: Group | None, at: datetime) -> str:
    return text.format(
        n=rng.randint(3, 30),
        d=rng.randint(5, 40),
        k=rng.randint(40, 900),
        town=rng.choice(force.towns),
        op=rng.choice(OPS),
        month=rng.choice(("March", "June", "September", "December")),
        lo=12,
        hi=15,
        m=len(g.offenders) if g else 6,
        v=len(g.victims) + rng.randint(0, 4) if g else rng.randint(3, 9),
        takeaway=g.takeaway if g else "a takeaway",
        hotel=g.hotel if g else "a hotel",
        flat=g.flat.split(" ", 1)[-1] if g else "a street",
        y=at.year,
    )


def write_year(
    rng: random.Random,
    sink: Sink,
    force: Force,
    year: int,
    groups: list[Group],
    scale: float,
    counter: list[int],
) -> int:
    """The force's documents for one year; returns the number of knowledge rows."""
    n_docs = max(4, round(24 * scale))
    active = [g for g in groups if g.start.year <= year <= g.end.year]
    disclosing_left = max(1, round(n_docs * 0.2)) if active else 0
    knowledge = 0
    for i in range(n_docs):
        counter[0] += 1
        doc_id = f"DOC{counter[0]:07d}"
        kind = rng.choices(tuple(KIND_TITLES), (25, 25, 10, 15, 25))[0]
        at = safe(
            datetime(year, 1, 1)
            + timedelta(
                days=rng.randint(0, 360),
                hours=rng.randint(8, 18),
                minutes=rng.choice((0, 15, 30, 45)),
            )
        )
        day = at.date()
        disclosing = disclosing_left > 0 and (rng.random() < 0.35 or n_docs - i <= disclosing_left)
        if disclosing:
            disclosing_left -= 1
        g = rng.choice(active) if active else None
        paras = [_fill(rng, t, force, g, at) for _, t in rng.sample(ROUTINE, rng.randint(2, 4))]
        if disclosing:
            paras.insert(
                rng.randint(0, len(paras)), _fill(rng, rng.choice(DISCLOSING), force, g, at)
            )
        title = rng.choice(KIND_TITLES[kind]).format(y=year, op=rng.choice(OPS))
        # the author: an analyst, a DI or a chief inspector
        author_posts = (
            force.posts_of("ppu", "inspector")
            + force.posts_of("cid", "inspector")
            + force.posts_of("registrar", "staff")
        )
        author = force.holder(rng.choice(author_posts), day)
        seniors = [p.index for p in force.posts if p.rank in SENIOR]
        if kind == "email":
            text = "Sir/Ma'am,\n\n" + "\n\n".join(paras) + "\n\nRegards"
        elif kind == "minutes":
            text = (
                "\n".join(f"{k + 1}. {p}" for k, p in enumerate(paras))
                + "\nAOB: none. Next meeting in four weeks."
            )
        else:
            text = "\n\n".join(paras)
        sink.row("documents", [doc_id, force.force_id, kind, title, at, author, text])
        chosen = rng.sample(seniors, min(len(seniors), rng.randint(1, 6)))
        recipients: list[tuple[str, str]] = []
        for k, post in enumerate(chosen):
            oid = force.holder(post, day)
            role = (
                "attendee" if kind == "minutes" else ("to" if k == 0 else rng.choice(("to", "cc")))
            )
            recipients.append((oid, role))
        if rng.random() < 0.15:  # the author copies themself in
            recipients.append((author, "cc" if kind != "minutes" else "attendee"))
        seen: set[str] = set()
        for oid, role in recipients:
            if oid in seen:
                continue
            seen.add(oid)
            sink.row("document_recipients", [doc_id, oid, role])
            if disclosing:
                sink.row("truth/knowledge", [oid, doc_id, at])
                knowledge += 1
    return knowledge
