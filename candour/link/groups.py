"""Groups: offenders who are found with the same children, and the children around them.

A graph over people (networkx). Every incident where a child (under 18 at the
event) is present joins each adult present as suspect, subject or other to
each such child, and those adults to each other; a crime against a child does
the same for its suspects (a crime is an allegation, an occasion of its own
beside the incident it came from); adults who share a phone number, or are
named together in one paragraph of a document that discloses exploitation,
are joined too. An edge is kept when the two met on ``MIN_WEIGHT`` occasions,
when its adult is found with two or more different children (the same man
around several children), or when two adults are named together in such a
document. Groups are the connected components of the kept edges (split into
Louvain communities when larger than ``MAX_GROUP``) that hold at least
``MIN_ADULTS`` adults and one child: one man alone with a child is a case, not
group offending. Adults are offenders, children victims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx
import pyarrow as pa

from candour.store import Store

ADULT_ROLES = ("suspect", "subject", "other")
MIN_WEIGHT = 2
MIN_ADULTS = 2
MAX_GROUP = 40
SEED = 7

# Each person's birth date as the median of its records' dates of birth, or
# from stated ages at the record's first event; one row per person.
BIRTH_SQL = """
WITH events AS (
    SELECT ir.record_id, CAST(i.reported_at AS DATE) AS seen
    FROM incident_records ir JOIN incidents i USING (incident_id)
    UNION ALL
    SELECT cr.record_id, CAST(c.recorded_at AS DATE) AS seen FROM crime_records cr JOIN crimes c USING (crime_id)
), first_event AS (SELECT record_id, min(seen) AS seen FROM events GROUP BY record_id),
born AS (
    SELECT p.person_id,
        CASE WHEN r.dob IS NOT NULL THEN date_diff('day', DATE '1970-01-01', CAST(r.dob AS DATE))
             WHEN r.age IS NOT NULL AND f.seen IS NOT NULL
             THEN date_diff('day', DATE '1970-01-01', CAST(f.seen AS DATE)) - (r.age + 0.5) * 365.25
        END AS born_day,
        r.dob IS NOT NULL AS from_dob
    FROM people p JOIN records r USING (record_id) LEFT JOIN first_event f USING (record_id)
)
SELECT person_id,
    coalesce(median(born_day) FILTER (WHERE from_dob), median(born_day)) AS born_day
FROM born GROUP BY person_id
"""

# Who was present at each event (incidents and crimes), with role and age then.
PRESENCE_SQL = f"""
WITH birth AS ({BIRTH_SQL}),
presence AS (
    SELECT 'incident:' || ir.incident_id AS event_id, i.force_id, CAST(i.reported_at AS DATE) AS seen,
           p.person_id, ir.role
    FROM incident_records ir JOIN incidents i USING (incident_id) JOIN people p USING (record_id)
    UNION ALL
    SELECT 'crime:' || cr.crime_id, c.force_id, CAST(c.recorded_at AS DATE), p.person_id, cr.role
    FROM crime_records cr JOIN crimes c USING (crime_id) JOIN people p USING (record_id)
)
SELECT pr.event_id, pr.force_id, pr.seen, pr.person_id, pr.role,
    (date_diff('day', DATE '1970-01-01', pr.seen) - b.born_day) / 365.25 AS age_then
FROM presence pr LEFT JOIN birth b USING (person_id)
"""


def presence(store: Store) -> list[dict[str, Any]]:
    return store.dicts(PRESENCE_SQL)


def _meet(g: nx.Graph, a: str, b: str, occasion: str) -> None:
    if not g.has_edge(a, b):
        g.add_edge(a, b, occasions=set())
    g.edges[a, b]["occasions"].add(occasion)


def build_graph(rows: list[dict[str, Any]], phones: dict[str, set[str]]) -> nx.Graph:
    """The co-presence graph.

    Nodes carry `child` (bool), `forces` and `events`; edges carry `occasions`
    (the distinct events, or shared phones, that join the two) and `weight`
    (how many).
    """
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_event[r["event_id"]].append(r)
    g = nx.Graph()
    for event_id, event_rows in by_event.items():
        children = {
            r["person_id"] for r in event_rows if r["age_then"] is not None and r["age_then"] < 18
        }
        adults = {
            r["person_id"]
            for r in event_rows
            if r["role"] in ADULT_ROLES and r["age_then"] is not None and r["age_then"] >= 18
        }
        if not children or not adults:
            continue
        force = event_rows[0]["force_id"]
        for p in children | adults:
            if p not in g:
                g.add_node(p, child=p in children, forces=set(), events=set())
            g.nodes[p]["forces"].add(force)
            g.nodes[p]["events"].add(event_id)
        pairs = [(a, c) for a in adults for c in children] + list(combinations(sorted(adults), 2))
        for a, b in pairs:
            _meet(g, a, b, event_id)
    offenders = [p for p, d in g.nodes(data=True) if not d["child"]]
    for phone, phone_people in phones.items():
        sharing = sorted(set(offenders) & phone_people)
        for a, b in combinations(sharing, 2):
            _meet(g, a, b, f"phone:{phone}")
    for _, _, d in g.edges(data=True):
        d["weight"] = len(d["occasions"])
    return g


# Documents that disclose exploitation (screen's `disclosures`), the text of each.
DOCUMENTS_SQL = """
SELECT d.document_id, d.text FROM documents d
JOIN disclosures x ON x.source_table = 'documents' AND x.source_id = d.document_id
WHERE x.discloses_exploitation AND d.text IS NOT NULL
"""

NAMES_SQL = """
SELECT DISTINCT p.person_id, r.forenames, r.surname FROM people p JOIN records r USING (record_id)
WHERE r.surname IS NOT NULL
"""


WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _letters(name: str | None) -> str:
    words = WORD.findall(name or "")
    return words[0] if words else ""


def name_index(names: list[tuple[str, str | None, str | None]]) -> dict[tuple[str, ...], str]:
    """How each person may be written in a document → the person.

    ("forename", "surname") lower case, in any case in the text; ("SURNAME",)
    alone when written in capitals (police style) and of four letters or more.
    A form that more than one of these people share names nobody.
    """
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for person, forenames, surname in names:
        sn = "".join(WORD.findall(surname or ""))
        fn = _letters(forenames)
        if not sn:
            continue
        if len(fn) >= 2:
            found[(fn.lower(), sn.lower())].add(person)
        if len(sn) >= 4:
            found[(sn.upper(),)].add(person)
    return {form: next(iter(people)) for form, people in found.items() if len(people) == 1}


def named_together(
    documents: list[tuple[str, str]], index: dict[tuple[str, ...], str]
) -> list[tuple[str, str, str]]:
    """Pairs of people named in one paragraph (one line) of a document: (a, b, document_id)."""
    out: list[tuple[str, str, str]] = []
    for document_id, text in documents:
        for paragraph in text.splitlines():
            words = WORD.findall(paragraph)
            named = {index[(w,)] for w in words if w.isupper() and (w,) in index}
            lower = [w.lower() for w in words]
            named |= {index[pair] for pair in zip(lower, lower[1:], strict=False) if pair in index}
            out.extend((a, b, document_id) for a, b in combinations(sorted(named), 2))
    return out


def _children_of(g: nx.Graph, adult: str) -> int:
    return sum(1 for n in g.neighbors(adult) if g.nodes[n]["child"])


def kept_edge(g: nx.Graph, a: str, b: str) -> bool:
    """Whether an edge is evidence of a group rather than a chance meeting.

    Seen on MIN_WEIGHT occasions; or an adult found with a child once who is
    found, on other occasions, with other children too (the same adult around
    several children is the pattern of exploitation, a single meeting is not);
    or two adults named together in a document that discloses exploitation.
    """
    if g.edges[a, b]["weight"] >= MIN_WEIGHT:
        return True
    kinds = (g.nodes[a]["child"], g.nodes[b]["child"])
    if kinds == (False, False):  # two adults: or named together in a document
        return any(o.startswith("document:") for o in g.edges[a, b]["occasions"])
    adult = a if kinds[1] else b
    return _children_of(g, adult) >= 2


def communities(g: nx.Graph) -> list[set[str]]:
    """Groups: connected components of the kept edges (see ``kept_edge``).

    A component larger than MAX_GROUP people is split into Louvain communities.
    A group holds at least MIN_ADULTS adults and one child.
    """
    kept = nx.Graph()
    kept.add_nodes_from(g.nodes(data=True))
    kept.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if kept_edge(g, a, b))
    kept.remove_nodes_from([n for n in list(kept) if kept.degree(n) == 0])
    found: list[set[str]] = []
    for component in nx.connected_components(kept):
        if len(component) <= MAX_GROUP:
            found.append(set(component))
        else:  # a chain across a whole town: split it into its communities
            sub = kept.subgraph(component)
            found.extend(nx.community.louvain_communities(sub, weight="weight", seed=SEED))
    out = []
    for c in found:
        adults = sum(1 for n in c if not kept.nodes[n]["child"])
        if adults >= MIN_ADULTS and adults < len(c):
            out.append(set(c))
    out.sort(key=lambda c: min(c))
    return out


def write_groups(store: Store) -> int:
    """Write `groups`, `group_summary` and `repeat_victims`; return the number of groups."""
    rows = presence(store)
    phones: dict[str, set[str]] = defaultdict(set)
    for person, phone in store.rows(
        "SELECT p.person_id, regexp_replace(r.phone, '[^0-9]', '', 'g') FROM people p "
        "JOIN records r USING (record_id) WHERE r.phone IS NOT NULL"
    ):
        if phone and len(phone) >= 7:
            phones[phone[-10:]].add(person)
    g = build_graph(rows, phones)
    adults = {p for p, d in g.nodes(data=True) if not d["child"]}
    if adults and store.has("documents") and store.has("disclosures"):
        names = [r for r in store.rows(NAMES_SQL) if r[0] in adults]
        for a, b, document_id in named_together(store.rows(DOCUMENTS_SQL), name_index(names)):
            _meet(g, a, b, f"document:{document_id}")
            g.edges[a, b]["weight"] = len(g.edges[a, b]["occasions"])
    groups = communities(g)
    person, group, role = [], [], []
    summary: dict[str, list[Any]] = defaultdict(list)
    for i, members in enumerate(groups, start=1):
        gid = f"G{i:04d}"
        forces: set[str] = set()
        events: set[str] = set()
        for p in sorted(members):
            person.append(p)
            group.append(gid)
            role.append("victim" if g.nodes[p]["child"] else "offender")
            forces |= {f for f in g.nodes[p]["forces"] if f}
            events |= g.nodes[p]["events"]
        summary["group_id"].append(gid)
        summary["offenders"].append(sum(1 for p in members if not g.nodes[p]["child"]))
        summary["victims"].append(sum(1 for p in members if g.nodes[p]["child"]))
        summary["events"].append(len(events))
        summary["forces"].append(",".join(sorted(forces)))
        summary["cross_force"].append(len(forces) > 1)
    store.write(
        "groups",
        pa.table(
            {
                "person_id": pa.array(person, pa.string()),
                "group_id": pa.array(group, pa.string()),
                "role": pa.array(role, pa.string()),
            }
        ),
    )
    schema = pa.schema(
        [
            ("group_id", pa.string()),
            ("offenders", pa.int64()),
            ("victims", pa.int64()),
            ("events", pa.int64()),
            ("forces", pa.string()),
            ("cross_force", pa.bool_()),
        ]
    )
    store.write(
        "group_summary", pa.table(dict(summary), schema=schema) if groups else schema.empty_table()
    )
    store.write("repeat_victims", REPEAT_VICTIMS_SQL)
    return len(groups)


# Children present (under 18 then) at two or more incidents, across how many forces.
REPEAT_VICTIMS_SQL = f"""
WITH pr AS ({PRESENCE_SQL})
SELECT pr.person_id, count(DISTINCT pr.event_id) AS incidents,
       count(DISTINCT pr.force_id) AS forces, min(pr.seen) AS first_seen, max(pr.seen) AS last_seen,
       any_value(g.group_id) AS group_id
FROM pr LEFT JOIN groups g USING (person_id)
WHERE pr.age_then < 18 AND pr.event_id LIKE 'incident:%'
GROUP BY pr.person_id HAVING count(DISTINCT pr.event_id) >= 2
"""
