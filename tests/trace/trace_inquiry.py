"""A small hand-made inquiry for the trace tests: written as a bundle, loaded by real ingest.

One force; a constable moved between sergeants, then promoted; an inspector
promoted to chief inspector; a superintendent who left service; briefings that
do and do not disclose exploitation; complaints across ranks. The screen's
``disclosures``/``indicators`` and the audit's ``findings`` are written
directly, as those stages would.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from candour.ingest import ingest
from candour.store import Store

OFFICERS = [
    # officer_id, rank, supervisor_id, from_date, to_date, left_service
    ("C1", "constable", "S1", "2010-01-01", "2010-06-30", ""),
    ("C1", "constable", "S2", "2010-07-01", "2010-12-31", ""),  # new line manager
    ("C1", "sergeant", "I2", "2011-01-01", "", ""),  # promoted
    ("S1", "sergeant", "I1", "2009-01-01", "", ""),
    ("S2", "sergeant", "I1", "2009-01-01", "", ""),
    ("I1", "inspector", "CI1", "2008-01-01", "2010-06-30", ""),
    ("I1", "chief_inspector", "SU1", "2010-07-01", "", ""),  # promoted, reports higher
    ("I2", "inspector", "CI1", "2010-07-01", "", ""),
    ("CI1", "chief_inspector", "SU1", "2005-01-01", "", ""),
    ("SU1", "superintendent", "CS1", "2005-01-01", "2012-03-31", "2012-03-31"),
    ("CS1", "chief_superintendent", "ACC1", "2005-01-01", "", ""),
    ("ACC1", "assistant_chief_constable", "CC1", "2005-01-01", "", ""),
    ("CC1", "chief_constable", "", "2005-01-01", "", ""),
    ("P1", "constable", "S1", "2009-01-01", "2011-05-31", "2011-05-31"),
    ("P2", "constable", "S1", "2009-01-01", "", ""),
]

DOCUMENTS = [
    # document_id, created_at, author_id, title, text
    (
        "D1",
        "2009-05-01T10:00",
        "CI1",
        "CSE problem profile",
        "Girls aged 13 and 14 are being picked up by adult males from the takeaway and "
        "taken to addresses where they are sexually exploited.",
    ),
    (
        "D2",
        "2009-06-01T10:00",
        "CI1",
        "Vehicle crime briefing",
        "Thefts from vehicles rose in the town centre.",
    ),
    (
        "D3",
        "2011-01-10T09:00",
        "CI1",
        "Strategy meeting minutes",
        "Item 1. Budget.\nA 14 year old girl is believed to be sexually exploited by older men.",
    ),
    (
        "D4",
        "2011-06-01T09:00",
        "CI1",
        "Chief officer briefing",
        "The national report on child sexual exploitation has been circulated for information.",
    ),
    (
        "D5",
        "2011-06-02T09:00",
        "CI1",
        "Partnership minutes",
        "The safeguarding children board met. Items: the CSE sub-group terms of reference.",
    ),
    (
        "D6",
        "2011-07-01T09:00",
        "CI1",
        "Intelligence summary",
        "Young teenagers are trafficked by men who use them for sex.",
    ),
]
# The screen's spans: (document, indicator, value, phrase). D4 names CSE only as a topic.
SPANS = [
    ("D1", "child", "child", "Girls"),
    ("D1", "age", "13", "13"),
    ("D1", "adult", "adult", "adult males"),
    ("D1", "sexual", "contact", "sexually exploited"),
    ("D3", "age", "14", "14"),
    ("D3", "child", "child", "girl"),
    ("D3", "sexual", "contact", "sexually exploited"),
    ("D4", "cse_term", "cse", "child sexual exploitation"),
    ("D4", "child", "child", "child"),
    ("D4", "sexual", "contact", "sexual exploitation"),
    ("D5", "child", "child", "children"),  # an organisation's name
    ("D5", "cse_term", "cse", "CSE"),  # a committee's name
    ("D6", "cse_term", "cse", "trafficked"),  # no child word the screen knows
    ("D6", "adult", "adult", "men who"),
    ("D6", "sexual", "penetration", "for sex"),
]
RECIPIENTS = [
    ("D1", "SU1", "to"),
    ("D1", "CS1", "attendee"),
    ("D1", "CS1", "cc"),
    ("D2", "SU1", "to"),
    ("D2", "CC1", "to"),
    ("D3", "ACC1", "cc"),
    ("D3", "CI1", "to"),
    ("D4", "CC1", "to"),
    ("D4", "SU1", "cc"),
    ("D5", "CC1", "to"),
    ("D6", "CS1", "to"),
]
COMPLAINTS = [
    # complaint_id, received_at, subject_id, finding, sanction, decided_at
    ("K1", "2010-02-01", "C1", "upheld", "written_warning", "2010-09-01"),
    ("K2", "2010-03-01", "P2", "upheld", "final_written_warning", "2010-10-01"),
    ("K3", "2010-04-01", "P2", "case_to_answer", "management_action", "2010-11-01"),
    ("K4", "2010-05-01", "S1", "not_upheld", "none", "2010-12-01"),
    ("K5", "2010-06-01", "P1", "upheld", "dismissal", "2011-09-01"),  # left before decision
    ("K6", "2011-01-01", "SU1", "", "", ""),  # never decided; left 2012
    ("K7", "2011-02-01", "SU1", "no_case_to_answer", "none", "2011-05-01"),
    ("K8", "2011-03-01", "CS1", "not_upheld", "none", "2011-08-01"),
    ("K9", "2011-04-01", "ACC1", "no_case_to_answer", "none", "2011-09-01"),
    ("K10", "2011-05-01", "P2", "upheld", "written_warning", ""),  # no decision date yet
]


def _write(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def build(root: Path) -> Path:
    """Write the bundle under ``root``, ingest it, add screen and audit tables; the DB path."""
    b = root / "bundle"
    b.mkdir(parents=True)
    _write(b / "forces.csv", ["force_id", "name"], [("F1", "Test Force")])
    _write(
        b / "officers.csv",
        [
            "officer_id",
            "force_id",
            "surname",
            "forenames",
            "rank",
            "supervisor_id",
            "from_date",
            "to_date",
            "left_service",
        ],
        [(o, "F1", f"Surname{o}", "A", r, s, f, t, left) for o, r, s, f, t, left in OFFICERS],
    )
    _write(
        b / "incidents.csv",
        [
            "incident_id",
            "force_id",
            "reported_at",
            "narrative",
            "attending_officer_id",
            "closed_by_id",
        ],
        [
            ("INC1", "F1", "2010-03-01T22:00", "Girl 13 found in car with adult male.", "C1", "S1"),
            ("INC2", "F1", "2011-02-01T01:00", "Report of assault on a child.", "C1", ""),
        ],
    )
    _write(
        b / "crimes.csv",
        [
            "crime_id",
            "force_id",
            "incident_id",
            "recorded_at",
            "offence_code",
            "status",
            "cancellation_class",
            "cancellation_reason",
            "cancelled_at",
            "cancelled_by_id",
            "oic_id",
            "supervisor_id",
        ],
        [
            (
                "CR1",
                "F1",
                "INC2",
                "2011-02-03T10:00",
                "19C",
                "cancelled",
                "C2",
                "lifestyle",
                "2011-03-01T10:00",
                "I2",
                "C1",
                "I2",
            )
        ],
    )
    _write(
        b / "documents.csv",
        ["document_id", "force_id", "kind", "title", "created_at", "author_id", "text"],
        [(d, "F1", "briefing", t, c, a, x) for d, c, a, t, x in DOCUMENTS],
    )
    _write(b / "document_recipients.csv", ["document_id", "officer_id", "role"], RECIPIENTS)
    _write(
        b / "complaints.csv",
        [
            "complaint_id",
            "force_id",
            "received_at",
            "subject_id",
            "finding",
            "sanction",
            "decided_at",
        ],
        [(k, "F1", r, s, f, sa, d) for k, r, s, f, sa, d in COMPLAINTS],
    )
    db = root / "out" / "inquiry.duckdb"
    db.parent.mkdir()
    ingest(b, db)
    with Store(db) as store:
        store.execute(
            "CREATE TABLE disclosures (source_table VARCHAR, source_id VARCHAR, "
            "discloses_exploitation BOOLEAN, score DOUBLE)"
        )
        store.execute(
            "INSERT INTO disclosures VALUES ('documents','D1',true,0.9), "
            "('documents','D2',false,0.0), ('documents','D3',true,0.8), "
            "('documents','D4',true,0.8), ('documents','D5',true,0.7), ('documents','D6',true,0.8), "
            "('incidents','INC1',true,0.7)"
        )
        store.execute(
            "CREATE TABLE indicators (source_table VARCHAR, source_id VARCHAR, source_column "
            'VARCHAR, indicator VARCHAR, value VARCHAR, start INTEGER, "end" INTEGER, '
            "text VARCHAR, negated BOOLEAN)"
        )
        texts = {d[0]: d[4] for d in DOCUMENTS}
        for did, ind, value, phrase in SPANS:
            s = texts[did].index(phrase)
            store.execute(
                "INSERT INTO indicators VALUES ('documents',?,'text',?,?,?,?,?,false)",
                [did, ind, value, s, s + len(phrase), phrase],
            )
        store.execute(
            "CREATE TABLE findings (finding_id VARCHAR, kind VARCHAR, subject_type VARCHAR, "
            "subject_id VARCHAR, force_id VARCHAR, score DOUBLE, rule_id VARCHAR, "
            "summary VARCHAR, evidence VARCHAR)"
        )
        evidence = json.dumps(
            {
                "source": "R-D3",
                "spans": [
                    {
                        "table": "incidents",
                        "id": "INC1",
                        "column": "narrative",
                        "start": 0,
                        "end": 4,
                        "text": "Girl",
                    }
                ],
            }
        )
        store.execute(
            "INSERT INTO findings VALUES "
            "('F1','unrecorded_crime','incident','INC1','F1',0.9,'R-A1','s','{}'), "
            "('F2','invalid_cancellation','crime','CR1','F1',0.8,'R-B1','s','{}'), "
            "('F3','missed_pattern','person','PER1','F1',0.7,'R-D3','s',?)",
            [evidence],
        )
    return db
