"""Forces and their officers: a hierarchy of posts, and postings over time.

A force is a tree of posts (chief constable at the root, constables and
call-handling staff at the leaves). Officers occupy posts; over the years
they leave, are promoted into vacancies (the vacancy cascades down to a new
recruit) and move between units. Every change of rank, unit or line manager
opens a new posting row, as the contract asks.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from candour.generate import names

SENIOR = ("superintendent", "chief_superintendent", "assistant_chief_constable",
          "deputy_chief_constable", "chief_constable")  # fmt: skip


@dataclass
class Post:
    """One post in a force's establishment; its holders over time."""

    index: int
    rank: str
    unit: str
    parent: int | None
    kind: str  # response, neighbourhood, cid, ppu, control, command, registrar
    district: int = 0
    starts: list[int] = field(default_factory=list)  # date ordinals
    holders: list[str] = field(default_factory=list)

    def holder(self, day: int) -> str:
        i = bisect_right(self.starts, day) - 1
        return self.holders[max(i, 0)]


@dataclass
class Officer:
    officer_id: str
    surname: str
    forenames: str
    staff_number: str
    post: int
    postings: list[list[object]] = field(default_factory=list)  # [from, to, rank, unit, sup]
    left_service: date | None = None


@dataclass
class Force:
    """A force: identity, places and its officers."""

    number: int
    force_id: str
    name: str
    area: str  # postcode area letters
    towns: list[str]
    posts: list[Post] = field(default_factory=list)
    officers: dict[str, Officer] = field(default_factory=dict)
    by_kind: dict[tuple[str, int, str], list[int]] = field(default_factory=dict)
    _cache: dict[tuple[str, str, int | None], list[int]] = field(default_factory=dict)

    def posts_of(self, kind: str, rank: str, district: int | None = None) -> list[int]:
        key = (kind, rank, district)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._posts_of(kind, rank, district)
        return hit

    def _posts_of(self, kind: str, rank: str, district: int | None) -> list[int]:
        if district is None:
            out: list[int] = []
            for (k, _d, r), v in self.by_kind.items():
                if k == kind and r == rank:
                    out.extend(v)
            return out
        return self.by_kind.get((kind, district, rank), [])

    def holder(self, post: int, day: date) -> str:
        return self.posts[post].holder(day.toordinal())

    def supervisor(self, post: int, day: date) -> str | None:
        parent = self.posts[post].parent
        return None if parent is None else self.posts[parent].holder(day.toordinal())

    def rank_of(self, post: int) -> str:
        return self.posts[post].rank


def force_identity(number: int) -> tuple[str, str, str]:
    area = names.FORCE_AREAS[number % len(names.FORCE_AREAS)]
    suffix = "" if number < len(names.FORCE_AREAS) else f" {number // len(names.FORCE_AREAS) + 1}"
    kind = ("Police", "Constabulary", "Police")[number % 3]
    letters = "".join(w[0] for w in area.split())
    fid = (letters + area.replace(" ", "").upper()[1:3])[:3]
    fid = f"{fid}{number:02d}"
    pc_area = area.replace(" ", "").upper()[0] + "ABCDEFGHKLMNPRSTWXY"[number % 19]
    return fid, f"{area}{suffix} {kind}", pc_area


def _name(rng: random.Random) -> tuple[str, str]:
    bank = names.FEMALE if rng.random() < 0.32 else names.MALE
    return rng.choice(names.SURNAMES), rng.choice(list(bank))


def new_force(number: int, rng: random.Random) -> Force:
    """A force's identity and places (no officers yet)."""
    fid, name, area = force_identity(number)
    towns: list[str] = []
    while len(towns) < 6:
        t = names.town(rng)
        if t not in towns:
            towns.append(t)
    return Force(number, fid, name, area, towns)


def establish(
    force: Force, rng: random.Random, incidents_per_year: float, start: date, end: date
) -> None:
    """The force's posts, filled at `start`, with postings simulated until `end`."""
    towns = force.towns
    n_districts = 2 if incidents_per_year < 4000 else 3 if incidents_per_year < 12000 else 4
    pcs = max(16, int(incidents_per_year / 45))

    def add(rank: str, unit: str, parent: int | None, kind: str, district: int = 0) -> int:
        p = Post(len(force.posts), rank, unit, parent, kind, district)
        force.posts.append(p)
        force.by_kind.setdefault((kind, district, rank), []).append(p.index)
        return p.index

    def team(
        parent: int,
        unit: str,
        kind: str,
        district: int,
        n_pc: int,
        sgt_rank: str = "sergeant",
        leaf_rank: str = "constable",
    ) -> None:
        n_sgt = max(1, round(n_pc / 6))
        for s in range(n_sgt):
            sg = add(sgt_rank, unit, parent, kind, district)
            for _ in range(max(1, n_pc // n_sgt + (1 if s < n_pc % n_sgt else 0))):
                add(leaf_rank, unit, sg, kind, district)

    cc = add("chief_constable", "Chief Officer Team", None, "command")
    dcc = add("deputy_chief_constable", "Chief Officer Team", cc, "command")
    acc_ops = add("assistant_chief_constable", "Territorial Operations", dcc, "command")
    acc_crime = add("assistant_chief_constable", "Crime and Protective Services", dcc, "command")
    add("staff", "Force Crime Registrar", dcc, "registrar")
    add("staff", "Force Crime Registrar", dcc, "registrar")
    for d in range(n_districts):
        t = towns[d]
        cs = add("chief_superintendent", f"{t} District", acc_ops, "command", d)
        su = add("superintendent", f"{t} District", cs, "command", d)
        ci_r = add("chief_inspector", f"{t} Response", su, "response", d)
        ci_n = add("chief_inspector", f"{t} Neighbourhoods", su, "neighbourhood", d)
        share = pcs * 0.62 / n_districts
        teams = max(1, round(share / 10))
        for k in range(teams):
            insp = add("inspector", f"{t} Response Team {'ABCDE'[k % 5]}", ci_r, "response", d)
            team(
                insp,
                f"{t} Response Team {'ABCDE'[k % 5]}",
                "response",
                d,
                max(3, round(share / teams)),
            )
        insp = add("inspector", f"{t} Neighbourhood Policing", ci_n, "neighbourhood", d)
        team(
            insp,
            f"{t} Neighbourhood Policing",
            "neighbourhood",
            d,
            max(3, round(pcs * 0.14 / n_districts)),
        )
    cs = add("chief_superintendent", "Crime and Safeguarding", acc_crime, "command")
    su_pp = add("superintendent", "Public Protection", cs, "command")
    su_cid = add("superintendent", "Crime", cs, "command")
    dci = add("chief_inspector", "Public Protection Unit", su_pp, "ppu")
    di = add("inspector", "Child Protection and CSE Team", dci, "ppu")
    team(di, "Child Protection and CSE Team", "ppu", 0, max(3, round(pcs * 0.07)))
    di = add("inspector", "Public Protection Unit", dci, "ppu")
    team(di, "Public Protection Unit", "ppu", 0, max(3, round(pcs * 0.06)))
    dci = add("chief_inspector", "CID", su_cid, "cid")
    for d in range(n_districts):
        di = add("inspector", f"{towns[d]} CID", dci, "cid", d)
        team(di, f"{towns[d]} CID", "cid", d, max(3, round(pcs * 0.11 / n_districts)))
    ci = add("chief_inspector", "Force Control Room", acc_ops, "control")
    insp = add("inspector", "Force Control Room", ci, "control")
    team(insp, "Force Control Room", "control", 0, max(4, round(pcs * 0.25)), leaf_rank="staff")
    _simulate(force, rng, start, end)


_PROMOTE_FROM = {
    "sergeant": "constable",
    "inspector": "sergeant",
    "chief_inspector": "inspector",
    "superintendent": "chief_inspector",
    "chief_superintendent": "superintendent",
    "assistant_chief_constable": "chief_superintendent",
    "deputy_chief_constable": "assistant_chief_constable",
    "chief_constable": "deputy_chief_constable",
}


def _simulate(force: Force, rng: random.Random, start: date, end: date) -> None:
    """Fill every post at `start`, then leavers, promotions and moves until `end`."""
    counter = [0]
    collar: set[int] = set()

    def recruit(post: Post) -> str:
        counter[0] += 1
        oid = f"{force.force_id}-{counter[0]:05d}"
        sn, fn = _name(rng)
        while True:
            c = rng.randint(1000, 9999)
            if c not in collar:
                collar.add(c)
                break
        number = str(c) if post.rank in ("constable", "sergeant") else f"S{c}"
        force.officers[oid] = Officer(oid, sn, fn, number, post.index)
        return oid

    day0 = start.toordinal()
    for p in force.posts:
        p.starts.append(day0)
        p.holders.append(recruit(p))
    state: dict[str, tuple[str, str, str | None]] = {}

    def current(oid: str) -> tuple[str, str, str | None]:
        o = force.officers[oid]
        p = force.posts[o.post]
        sup = None if p.parent is None else force.posts[p.parent].holders[-1]
        return (p.rank, p.unit, sup)

    for oid, o in force.officers.items():
        st = current(oid)
        state[oid] = st
        o.postings.append([start, None, *st])

    # events: each year a share of officers leave; moves between units
    n_days = (end - start).days
    events: list[tuple[int, str, str]] = []
    ids = list(force.officers)
    expected_leavers = max(1, int(len(ids) * 0.08 * n_days / 365))
    for _ in range(expected_leavers):
        events.append((day0 + rng.randint(20, max(21, n_days - 1)), "leave", ""))
    for _ in range(max(1, int(len(ids) * 0.05 * n_days / 365))):
        events.append((day0 + rng.randint(20, max(21, n_days - 1)), "move", ""))
    events.sort()
    leaf_kinds = ("response", "neighbourhood", "cid", "ppu")
    for day, what, _ in events:
        active = [oid for oid, o in force.officers.items() if o.left_service is None]
        changed: list[int] = []
        if what == "leave":
            # seniors retire more often than their share
            weights = [
                3.0 if force.posts[force.officers[a].post].rank in SENIOR else 1.0 for a in active
            ]
            leaver = rng.choices(active, weights)[0]
            post = force.posts[force.officers[leaver].post]
            force.officers[leaver].left_service = date.fromordinal(day - 1)
            # cascade: fill the vacancy by promotion, down to a recruit
            while True:
                below = _PROMOTE_FROM.get(post.rank)
                cands = [
                    a
                    for a in active
                    if a != leaver
                    and below
                    and force.posts[force.officers[a].post].rank == below
                    and force.posts[force.officers[a].post].kind not in ("control",)
                ]
                if below and cands:
                    pick = rng.choice(cands)
                    old = force.posts[force.officers[pick].post]
                    post.starts.append(day)
                    post.holders.append(pick)
                    force.officers[pick].post = post.index
                    changed.append(post.index)
                    post = old
                    active.remove(pick)
                    continue
                post.starts.append(day)
                post.holders.append(recruit(post))
                changed.append(post.index)
                break
        else:
            pcs = [
                a
                for a in active
                if force.posts[force.officers[a].post].rank == "constable"
                and force.posts[force.officers[a].post].kind in leaf_kinds
            ]
            if len(pcs) < 2:
                continue
            a, b = rng.sample(pcs, 2)
            pa, pb = force.officers[a].post, force.officers[b].post
            if force.posts[pa].unit == force.posts[pb].unit:
                continue
            force.officers[a].post, force.officers[b].post = pb, pa
            for pi, h in ((pa, b), (pb, a)):
                force.posts[pi].starts.append(day)
                force.posts[pi].holders.append(h)
                changed.append(pi)
        # anyone whose rank, unit or line manager changed gets a new posting
        affected: list[str] = []
        for pi in changed:
            affected.append(force.posts[pi].holders[-1])
            for child in force.posts:
                if child.parent == pi:
                    affected.append(child.holders[-1])
        for oid in dict.fromkeys(affected):
            o = force.officers[oid]
            if o.left_service is not None:
                continue
            st = current(oid)
            if st == state.get(oid):
                continue
            if o.postings:
                last = o.postings[-1]
                if last[0] == date.fromordinal(day):
                    o.postings.pop()
                else:
                    last[1] = date.fromordinal(day - 1)
            o.postings.append([date.fromordinal(day), None, *st])
            state[oid] = st
        for o in force.officers.values():
            if o.left_service is not None and o.postings and o.postings[-1][1] is None:
                o.postings[-1][1] = o.left_service


def officer_rows(force: Force) -> list[list[object]]:
    """The officers table: one row per posting."""
    rows: list[list[object]] = []
    for o in force.officers.values():
        for frm, to, rank, unit, sup in o.postings:
            rows.append(
                [
                    o.officer_id,
                    force.force_id,
                    o.surname,
                    o.forenames,
                    rank,
                    unit,
                    sup or "",
                    frm,
                    to or "",
                    o.left_service or "",
                    o.staff_number,
                ]
            )
    return rows
