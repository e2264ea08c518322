"""A child's incidents with exploitation indicators, gathered across every partition.

The missed-pattern rule looks at all of a child's incidents, whatever force or
year they fall in, so what it needs of each (the time, the incident, a few
evidence spans) is spooled to disk rather than kept in memory, and read back
one child at a time once every partition has been read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

from candour.audit.facts import Incident, People, stream
from candour.audit.spool import Spool
from candour.screen.text import Indicator
from candour.store import Store

_SCHEMA = pa.schema(
    [
        ("person", pa.string()),
        ("pos", pa.int64()),
        ("reported_at", pa.timestamp("us")),
        ("incident_id", pa.string()),
        ("force_id", pa.string()),
        ("officer_id", pa.string()),
        ("discloses", pa.bool_()),
        ("records", pa.list_(pa.string())),
        ("starts", pa.list_(pa.int64())),  # the first three exploitation spans
        ("ends", pa.list_(pa.int64())),
        ("texts", pa.list_(pa.string())),
    ]
)
_BATCH = 50_000
_VICTIM_CRIMES = (
    "SELECT cr.record_id, coalesce(i.reported_at, c.recorded_at) AS event_at "
    "FROM crime_records cr JOIN crimes c ON c.crime_id = cr.crime_id "
    "LEFT JOIN incidents i ON i.incident_id = c.incident_id "
    "WHERE c.status = 'recorded' AND cr.role = 'victim' "
    "AND coalesce(i.reported_at, c.recorded_at) IS NOT NULL"
)


@dataclass(slots=True)
class Episode:
    """One incident of a child's, as the missed-pattern finding cites it."""

    incident_id: str
    reported_at: datetime
    force_id: str | None
    officer_id: str | None
    discloses: bool
    records: list[str]
    spans: list[tuple[int, int, str]]  # start, end, text in the narrative


class Episodes:
    """Children's incidents, spooled to disk (removed by :meth:`close`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.spool = Spool("episodes", _SCHEMA)
        self._rows: list[tuple[Any, ...]] = []

    def add(
        self, children: list[str], inc: Incident, records: list[str], spans: list[Indicator]
    ) -> None:
        """An incident (reported at a known time) of each of these children."""
        starts = [f.start for f in spans]
        ends = [f.end for f in spans]
        texts = [f.text for f in spans]
        for person in dict.fromkeys(children):
            self._rows.append(
                (person, inc.order, inc.reported_at, inc.incident_id, inc.force_id,
                 inc.officer_id, inc.discloses, records, starts, ends, texts)
            )  # fmt: skip
        if len(self._rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            columns = list(zip(*self._rows, strict=True))
            self.spool.add(
                pa.table(
                    [pa.array(c, f.type) for c, f in zip(columns, _SCHEMA, strict=True)],
                    schema=_SCHEMA,
                )
            )
            self._rows = []

    def children(
        self, need: int, people: People
    ) -> Iterator[tuple[str, list[Episode], list[datetime]]]:
        """Each child with at least ``need`` incidents: the incidents in time order (ties in
        the incidents' stored order), and the times of recorded crimes against the child."""
        self._flush()
        con = self.store.con
        table = self.spool.sql()
        many = (
            f"SELECT person FROM {table} GROUP BY person HAVING count(DISTINCT pos) >= {int(need)}"
        )
        chosen = {row[0] for row in con.execute(many).fetchall()}
        if not chosen:
            return
        crimes: dict[str, list[datetime]] = {}
        for rid, at in stream(self.store, _VICTIM_CRIMES):
            victim = people.person(rid)
            if victim in chosen:
                crimes.setdefault(victim, []).append(at)
        cur = con.execute(
            "SELECT person, pos, incident_id, reported_at, force_id, officer_id, discloses, "
            f"records, starts, ends, texts FROM {table} WHERE person IN ({many}) "
            "ORDER BY person, reported_at, pos"
        )
        person: str | None = None
        seq: list[Episode] = []
        seen: set[int] = set()
        while rows := cur.fetchmany(16_384):
            for who, pos, iid, at, force, officer, discloses, records, a, b, t in rows:
                if who != person:
                    if person is not None:
                        yield person, seq, crimes.get(person, [])
                    person, seq, seen = who, [], set()
                if pos in seen:
                    continue  # the incident names the child twice
                seen.add(pos)
                spans = list(zip(a, b, t, strict=True))
                seq.append(Episode(iid, at, force, officer, bool(discloses), records, spans))
        if person is not None:
            yield person, seq, crimes.get(person, [])

    def close(self) -> None:
        self.spool.close()
