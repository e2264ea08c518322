"""A small hand-built inquiry store for the report and workspace tests.

Writes realistic rows into the agreed tables (contract tables as ingest types
them, and the stage tables screen, link, audit and trace write) through the
Store, so the report and the workspace can be tested before, and independently
of, the stages that normally fill them. ``stages`` chooses which stage tables
exist, to test that every section says plainly when a stage has not run.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from candour.bundle.contract import TABLES
from candour.store import DB_NAME, Store

SQL_TYPES = {"str": "VARCHAR", "enum": "VARCHAR", "date": "DATE", "datetime": "TIMESTAMP"}
SQL_TYPES["int"] = "INTEGER"

ALL_STAGES = ("screen", "link", "audit", "trace")

NARRATIVES = [
    "Caller reports {fn} {sn} (14yo) missing from home overnight, returned 0300hrs in a "
    "silver Vauxhall with two adult males. Smelt of alcohol. No further action.",
    "Officers attended takeaway premises, found {fn} {sn} aged 13 with adult male, "
    "stated he is her boyfriend. Female returned home. Lifestyle choice noted.",
    "Report from social care: {fn} {sn} (15) disclosed sexual activity with adult male "
    "at a flat. Advised. No crime report completed.",
    "Hotel staff report young female {fn} {sn} approx 13-14 with older males in room. "
    "Female intoxicated. Males not identified.",
    "Shoplifting at convenience store, suspect {fn} {sn} detained by staff, property recovered.",
    "Noise complaint at address, words of advice given to occupant {fn} {sn}.",
]


def _ddl(store: Store, table: str) -> None:
    cols = [f'"{c.name}" {SQL_TYPES[c.type]}' for c in TABLES[table].columns]
    cols += ['"_file" VARCHAR', '"_line" BIGINT', '"_extra" VARCHAR']
    store.execute(f'CREATE OR REPLACE TABLE "{table}" ({", ".join(cols)})')


def _insert(store: Store, table: str, rows: list[dict[str, object]]) -> None:
    names = TABLES[table].column_names if table in TABLES else tuple(rows[0])
    for i, row in enumerate(rows):
        values = [row.get(n) for n in names]
        extra = [f"{table}.csv", i + 2, None] if table in TABLES else []
        marks = ", ".join("?" for _ in range(len(values) + len(extra)))
        store.execute(f'INSERT INTO "{table}" VALUES ({marks})', [*values, *extra])


def build_inquiry(out: Path, stages: tuple[str, ...] = ALL_STAGES, seed: int = 5) -> Path:
    """Write ``out``/inquiry.duckdb with contract tables and the chosen stage tables."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with Store(out / DB_NAME) as store:
        for t in TABLES:
            _ddl(store, t)
        _insert(
            store,
            "forces",
            [
                {"force_id": "NTH", "name": "Northshire Police"},
                {"force_id": "STH", "name": "Southshire Police"},
            ],
        )
        officers = []
        ranks = [
            "chief_constable",
            "assistant_chief_constable",
            "superintendent",
            "chief_inspector",
            "inspector",
            "sergeant",
            "constable",
            "constable",
        ]
        for force in ("NTH", "STH"):
            for i, rank in enumerate(ranks):
                oid = f"{force}-O{i:02d}"
                sup = f"{force}-O{i - 1:02d}" if i else None
                officers.append(
                    {
                        "officer_id": oid,
                        "force_id": force,
                        "surname": f"Officer{i}",
                        "forenames": "Sam",
                        "rank": rank,
                        "unit": "Public Protection",
                        "supervisor_id": sup,
                        "from_date": date(2008, 1, 1),
                        "to_date": None,
                        "staff_number": f"{i:04d}",
                    }
                )
        _insert(store, "officers", officers)
        forenames = ["Amy", "Bethany", "Chloe", "Demi", "Ellie", "Faye", "Gemma", "Holly"]
        adults = ["Ali", "Bob", "Carl", "Dan"]
        records, inc, inc_rec, crimes, crime_rec = [], [], [], [], []
        for i, fn in enumerate(forenames):
            records.append(
                {
                    "record_id": f"R{i:03d}",
                    "source": "police",
                    "force_id": "NTH",
                    "surname": "Smith" if i % 2 else "Jones",
                    "forenames": fn,
                    "dob": date(1995, 1 + i, 3),
                    "age": None,
                    "sex": "F",
                }
            )
            records.append(
                {
                    "record_id": f"R{i:03d}b",
                    "source": "social_care",
                    "force_id": "NTH",
                    "surname": "Smith" if i % 2 else "Jones",
                    "forenames": fn[:3],
                    "age": 13,
                    "sex": "F",
                }
            )
        for j, fn in enumerate(adults):
            records.append(
                {
                    "record_id": f"A{j:03d}",
                    "source": "police",
                    "force_id": "NTH",
                    "surname": "Khanley" if j % 2 else "Brown",
                    "forenames": fn,
                    "dob": date(1975, 3, 1 + j),
                    "sex": "M",
                }
            )
        start = datetime(2009, 1, 5, 22, 30)
        for k in range(48):
            force = "NTH" if k % 3 else "STH"
            child = k % len(forenames)
            rec = records[2 * child]
            tmpl = NARRATIVES[k % len(NARRATIVES)]
            iid = f"{force}-I{k:04d}"
            inc.append(
                {
                    "incident_id": iid,
                    "force_id": force,
                    "reported_at": start + timedelta(days=9 * k, hours=k % 5),
                    "channel": "999",
                    "opening_code": "CONCERN",
                    "closing_code": "NFA",
                    "location": "Market Street",
                    "narrative": tmpl.format(fn=rec["forenames"], sn=rec["surname"]),
                    "attending_officer_id": f"{force}-O07",
                    "closed_by_id": f"{force}-O05",
                    "closed_at": start + timedelta(days=9 * k, hours=6),
                }
            )
            inc_rec.append(
                {
                    "incident_id": iid,
                    "record_id": rec["record_id"],
                    "role": "victim" if k % 6 < 4 else "suspect",
                }
            )
            if k % 6 < 4:
                inc_rec.append(
                    {"incident_id": iid, "record_id": f"A{k % 4:03d}", "role": "subject"}
                )
            if k % 4 == 0:
                status = ["recorded", "cancelled", "recorded", "transferred"][k // 4 % 4]
                cid = f"{force}/C{k:04d}/09"
                crimes.append(
                    {
                        "crime_id": cid,
                        "force_id": force,
                        "incident_id": iid,
                        "recorded_at": start + timedelta(days=9 * k + (k % 3)),
                        "offence_code": "22B",
                        "offence_title": "Sexual activity",
                        "status": status,
                        "cancellation_class": "C2" if status == "cancelled" else None,
                        "cancellation_reason": "Victim in a relationship, consenting"
                        if status == "cancelled"
                        else None,
                        "cancelled_by_id": f"{force}-O06" if status == "cancelled" else None,
                        "outcome_code": "1" if k % 8 == 0 and status == "recorded" else None,
                        "oic_id": f"{force}-O06",
                        "supervisor_id": f"{force}-O05",
                    }
                )
                crime_rec.append({"crime_id": cid, "record_id": rec["record_id"], "role": "victim"})
        _insert(store, "records", records)
        _insert(store, "incidents", inc)
        _insert(store, "incident_records", inc_rec)
        _insert(store, "crimes", crimes)
        _insert(store, "crime_records", crime_rec)
        docs, recips = [], []
        for d in range(6):
            force = "NTH" if d % 2 else "STH"
            did = f"D{d:03d}"
            text = (
                "Strategic assessment: organised sexual exploitation of girls aged 12-15 by "
                "groups of adult males in takeaways."
                if d % 3 == 0
                else "Minutes of the quarterly budget meeting."
            )
            docs.append(
                {
                    "document_id": did,
                    "force_id": force,
                    "kind": "strategic_assessment",
                    "title": f"Document {d}",
                    "created_at": datetime(2009, 3 + d, 1, 10),
                    "author_id": f"{force}-O04",
                    "text": text,
                }
            )
            for o in ("O01", "O02"):
                recips.append({"document_id": did, "officer_id": f"{force}-{o}", "role": "to"})
        _insert(store, "documents", docs)
        _insert(store, "document_recipients", recips)
        comp = []
        findings_vocab = ["upheld", "not_upheld", "no_case_to_answer", "withdrawn"]
        for c in range(16):
            force = "NTH" if c % 2 else "STH"
            comp.append(
                {
                    "complaint_id": f"CP{c:03d}",
                    "force_id": force,
                    "received_at": datetime(2010, 1 + c % 12, 2),
                    "subject_id": f"{force}-O{(c * 3) % 8:02d}",
                    "allegation": "Failure to investigate",
                    "category": "duty",
                    "investigated_by": "force",
                    "finding": findings_vocab[c % 4],
                    "sanction": "none",
                    "decided_at": datetime(2010, 6, 1),
                }
            )
        _insert(store, "complaints", comp)
        if "screen" in stages:
            _screen(store)
        if "link" in stages:
            _link(store, records, inc_rec)
        if "audit" in stages:
            _audit(store, rng)
        if "trace" in stages:
            _trace(store)
    return out


def _screen(store: Store) -> None:
    store.write(
        "indicators",
        """
        WITH words(indicator, word) AS (VALUES ('age', '14yo'), ('age', 'aged 13'),
             ('missing', 'missing'), ('setting', 'takeaway'), ('setting', 'Hotel'),
             ('intoxication', 'alcohol'), ('sexual_activity', 'sexual activity'),
             ('consent_language', 'boyfriend'), ('consent_language', 'Lifestyle choice'))
        SELECT 'incidents' AS source_table, incident_id AS source_id,
               'narrative' AS source_column, indicator, word AS value,
               CAST(strpos(narrative, word) - 1 AS INTEGER) AS start,
               CAST(strpos(narrative, word) - 1 + length(word) AS INTEGER) AS "end",
               word AS text, false AS negated
        FROM incidents, words WHERE strpos(narrative, word) > 0
        """,
    )
    store.write(
        "disclosures",
        """
        SELECT 'incidents' AS source_table, incident_id AS source_id,
               NOT (narrative LIKE 'Shoplifting%' OR narrative LIKE 'Noise%')
                   AS discloses_exploitation,
               CASE WHEN narrative LIKE 'Shoplifting%' OR narrative LIKE 'Noise%'
                    THEN 0.05 ELSE 0.9 END AS score
        FROM incidents
        UNION ALL
        SELECT 'documents', document_id, text LIKE '%exploitation%', 0.8 FROM documents
        """,
    )


def _link(store: Store, records: list[dict[str, object]], inc_rec: list[dict[str, str]]) -> None:
    store.write(
        "people",
        """SELECT record_id,
                  'PER-' || regexp_replace(record_id, 'b$', '') AS person_id FROM records""",
    )
    store.write(
        "links",
        """SELECT record_id AS record_id_l, record_id || 'b' AS record_id_r,
                  12.5 AS match_weight, 0.999 AS match_probability,
                  '{"forenames": "nickname", "surname": "exact"}' AS comparisons
           FROM records WHERE record_id LIKE 'R%' AND record_id NOT LIKE '%b'""",
    )
    store.write(
        "groups",
        """SELECT 'PER-' || record_id AS person_id,
                  CASE WHEN record_id LIKE 'A%' THEN 'G1' ELSE 'G' || (1 + CAST(
                      substr(record_id, 2, 3) AS INTEGER) % 2) END AS group_id,
                  CASE WHEN record_id LIKE 'A%' THEN 'offender' ELSE 'victim' END AS role
           FROM records WHERE record_id NOT LIKE '%b'""",
    )


def _audit(store: Store, rng: random.Random) -> None:
    rows = store.dicts(
        """SELECT i.incident_id, i.force_id, i.narrative FROM incidents i
           JOIN disclosures d ON d.source_id = i.incident_id AND d.discloses_exploitation
           ORDER BY i.incident_id"""
    )
    findings = []
    kinds = ["unrecorded_crime", "adult_not_dealt_with", "child_treated_as_consenting"]
    for n, r in enumerate(rows):
        ind = store.dicts(
            "SELECT * FROM indicators WHERE source_id = ? ORDER BY start", [r["incident_id"]]
        )
        spans = [
            {
                "table": "incidents",
                "id": r["incident_id"],
                "column": "narrative",
                "start": i["start"],
                "end": i["end"],
                "text": i["text"],
            }
            for i in ind
        ]
        if not spans:
            continue
        kind = kinds[n % 3]
        findings.append(
            {
                "finding_id": f"F{n:04d}",
                "kind": kind,
                "subject_type": "incident",
                "subject_id": r["incident_id"],
                "force_id": r["force_id"],
                "score": round(0.5 + rng.random() / 2, 3),
                "rule_id": "R-A1",
                "summary": f"{kind.replace('_', ' ')}: narrative discloses exploitation of a child",
                "evidence": json.dumps(
                    {"source": "NCRS annex A", "spans": spans, "related": [r["incident_id"]]}
                ),
            }
        )
    for c in store.dicts("SELECT * FROM crimes WHERE status = 'cancelled'"):
        reason = str(c["cancellation_reason"])
        findings.append(
            {
                "finding_id": f"invalid_cancellation:crime:{c['crime_id']}",
                "kind": "invalid_cancellation",
                "subject_type": "crime",
                "subject_id": c["crime_id"],
                "force_id": c["force_id"],
                "score": 0.95,
                "rule_id": "R-B1",
                "summary": "C2 cancellation on consent of a child under 16",
                "evidence": json.dumps(
                    {
                        "source": "HOCR section C",
                        "spans": [
                            {
                                "table": "crimes",
                                "id": c["crime_id"],
                                "column": "cancellation_reason",
                                "start": reason.find("consenting"),
                                "end": reason.find("consenting") + 10,
                                "text": "consenting",
                            }
                        ],
                    }
                ),
            }
        )
    store.execute(
        """CREATE OR REPLACE TABLE findings (finding_id VARCHAR, kind VARCHAR,
           subject_type VARCHAR, subject_id VARCHAR, force_id VARCHAR, score DOUBLE,
           rule_id VARCHAR, summary VARCHAR, evidence VARCHAR)"""
    )
    for f in findings:
        store.execute("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", list(f.values()))


def _trace(store: Store) -> None:
    store.write(
        "knowledge",
        """SELECT r.officer_id, r.document_id, d.created_at AS informed_at
           FROM document_recipients r JOIN documents d USING (document_id)
           WHERE d.text LIKE '%exploitation%'""",
    )
    if store.has("findings"):
        store.write(
            "finding_chain",
            """SELECT f.finding_id, o.officer_id, o.rank, 1 AS depth FROM findings f
               JOIN officers o ON o.force_id = f.force_id
               WHERE o.rank IN ('superintendent', 'assistant_chief_constable')""",
        )
