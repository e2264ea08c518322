"""Groups: offenders who are found with the same children, and the children around them.

A weighted graph over people (networkx): every incident where a child (under
18 at the event) is present adds weight between each adult present as
suspect, subject or other and each such child, and between those adults; a
crime against a child does the same for its suspects; adults who share a
phone number add weight too. Edges seen at least ``MIN_WEIGHT`` times are
kept; connected components of the kept graph (split into Louvain communities
when larger than ``MAX_GROUP``) that hold at least one adult and one child are
the groups. Adults are offenders, children
victims.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx
import pyarrow as pa

from candour.store import Store

ADULT_ROLES = ("suspect", "subject", "other")
MIN_WEIGHT = 2
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


def build_graph(rows: list[dict[str, Any]], phones: dict[str, set[str]]) -> nx.Graph:
    """The co-presence graph: nodes carry `child` (bool) and `forces`, edges `weight`."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_event[r["event_id"]].append(r)
    g = nx.Graph()
    for event_rows in by_event.values():
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
            g.nodes[p]["events"].add(event_rows[0]["event_id"])
        pairs = [(a, c) for a in adults for c in children] + list(combinations(sorted(adults), 2))
        for a, b in pairs:
            w = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=w + 1)
    offenders = [p for p, d in g.nodes(data=True) if not d["child"]]
    for phone_people in phones.values():
        sharing = sorted(set(offenders) & phone_people)
        for a, b in combinations(sharing, 2):
            w = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=w + 1)
    return g


def communities(g: nx.Graph) -> list[set[str]]:
    """Groups: connected components of the edges seen at least MIN_WEIGHT times.

    A component larger than MAX_GROUP people is split into Louvain communities.
    """
    kept = nx.Graph()
    kept.add_nodes_from(g.nodes(data=True))
    kept.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if d["weight"] >= MIN_WEIGHT)
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
        kinds = {kept.nodes[n]["child"] for n in c}
        if kinds == {True, False}:
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
