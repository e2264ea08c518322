"""candour.generate: a synthetic inquiry bundle (spec/bundle.md) with its truth/.

`generate(out, forces=3, years=5, scale=1.0, seed=1)` writes every contract
table as CSV plus bundle.yaml and truth/ (people, groups, findings,
knowledge). Output is streamed force-year by force-year, so memory is
bounded by one force's population, whatever the number of forces or years.
The same arguments give byte-identical output.

Volume: `scale` 1.0 is BASE_PER_FORCE_YEAR background incidents per force
per year (forces differ in size by ±30 %), plus the exploitation episodes.
See docs/generator.md for the world model and how truth is derived.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from candour.generate import complaints as complaints_mod
from candour.generate import crimes as cr
from candour.generate import documents as documents_mod
from candour.generate.exploitation import Group, Planned, plan_force
from candour.generate.incidents import Context, ForceYear, _officers
from candour.generate.people import truth_age
from candour.generate.population import Registry, Residents
from candour.generate.rand import Stream
from candour.generate.style import HouseStyle
from candour.generate.truth import CrimeFacts, Truth, load_offences
from candour.generate.world import Force, establish, new_force, officer_rows
from candour.generate.writer import Sink

__all__ = ["generate", "BASE_PER_FORCE_YEAR", "START_YEAR"]

BASE_PER_FORCE_YEAR = 6500
START_YEAR = 2006


def _rng(seed: int, *parts: object) -> random.Random:
    return Stream(":".join(str(p) for p in (seed, *parts)))


def generate(
    out: Path,
    *,
    forces: int = 3,
    years: int = 5,
    scale: float = 1.0,
    seed: int = 1,
    console: Console | None = None,
) -> dict[str, Any]:
    """Write a synthetic inquiry bundle with truth/ into `out`; return a summary."""
    if forces < 1 or years < 1 or scale <= 0:
        raise ValueError("forces and years must be at least 1 and scale positive")
    out = Path(out)
    year_list = [START_YEAR + i for i in range(years)]
    start = date(year_list[0], 1, 1)
    end = date(year_list[-1], 12, 31)
    sink = Sink(out)
    offences = load_offences()
    truth = Truth(sink, offences)
    registry = Registry(sink, start)
    all_forces = {n: new_force(n, _rng(seed, "force", n)) for n in range(forces)}
    sizes = {n: _rng(seed, "size", n).uniform(0.7, 1.3) for n in range(forces)}
    ctx = Context(sink, registry, truth, offences, all_forces)
    for f in all_forces.values():
        sink.row("forces", [f.force_id, f.name])

    carry: dict[int, list[Planned]] = {}
    groups_total = 0
    counts: Counter[str] = Counter()
    doc_counter = [0]
    progress = Progress(
        TextColumn("[bold]generate[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True, quiet=True),
        disable=console is None,
    )
    with progress:
        task = progress.add_task("force-years", total=forces * years)
        for n in range(forces):
            force = all_forces[n]
            per_year = BASE_PER_FORCE_YEAR * scale * sizes[n]
            establish(force, _rng(seed, "officers", n), per_year, start, end)
            for row in officer_rows(force):
                sink.row("officers", row)
            neighbour = all_forces.get(n + 1)
            groups, planned = plan_force(
                _rng(seed, "plan", n),
                registry,
                force,
                neighbour,
                year_list,
                scale,
                groups_total + 1,
            )
            groups_total += len(groups)
            for g in groups:
                for o in g.offenders:
                    sink.row("truth/groups", [o.person_id, g.group_id, "offender"])
                    truth.watched.add(o.person_id)
                for v in g.victims:
                    sink.row("truth/groups", [v.person_id, g.group_id, "victim"])
            mine = [p for p in planned if p.force == n] + carry.pop(n, [])
            for p in planned:
                if p.force != n:
                    carry.setdefault(p.force, []).append(p)
            residents = Residents(registry, force)
            style = HouseStyle.of(_rng(seed, "style", n))
            for year in year_list:
                fy = ForceYear(ctx, force, year, residents, style, _rng(seed, "year", n, year))
                fy.run(round(per_year), [p for p in mine if p.at.year == year])
                counts.update(fy.counts)
                counts["knowledge"] += documents_mod.write_year(
                    _rng(seed, "documents", n, year), sink, force, year, groups, scale, doc_counter
                )
                progress.advance(task)
            _operations(_rng(seed, "operations", n), ctx, force, groups, end)
            complaints_mod.write_force(_rng(seed, "complaints", n), sink, force, year_list, scale)
            del residents
    truth.finish()
    summary: dict[str, Any] = {
        "out": str(out),
        "forces": forces,
        "years": years,
        "scale": scale,
        "seed": seed,
        "period": [start.isoformat(), end.isoformat()],
        "tables": {k: v for k, v in sorted(sink.counts.items()) if not k.startswith("truth/")},
        "truth": {
            k.removeprefix("truth/"): v
            for k, v in sorted(sink.counts.items())
            if k.startswith("truth/")
        },
        "findings": dict(sorted(sink.findings.items())),
        "incidents": {"background": counts["background"], "exploitation": counts["exploitation"]},
        "groups": groups_total,
    }
    total = counts["background"] + counts["exploitation"]
    summary["incidents"]["background_share"] = (
        round(counts["background"] / total, 4) if total else 1.0
    )
    sink.close(
        {
            "name": f"Synthetic inquiry: {forces} forces, {year_list[0]}-{year_list[-1]} (seed {seed})",
            "seed": seed,
            "forces": forces,
            "years": years,
            "scale": scale,
            "note": "Synthetic data written by candour generate; truth/ holds the answers.",
        }
    )
    return summary


def _operations(
    rng: random.Random, ctx: Context, force: Force, groups: list[Group], end: date
) -> None:
    """Some groups are finally investigated: crimes recorded for each victim, no incident."""
    for g in groups:
        if rng.random() > 0.35:
            continue
        at = g.end + timedelta(days=rng.randint(10, 90), hours=rng.randint(0, 6))
        if at.date() > end:
            continue
        at = datetime(at.year, at.month, at.day, rng.randint(9, 17), rng.randint(0, 59))
        for v in g.victims:
            age = truth_age(v, at.date()) or 15
            code = cr.victim_code(
                ctx.offences, age, v.sex, "exchange" if rng.random() < 0.5 else "penetration", rng
            )
            officers = _officers(force, rng, at, "ppu")
            cid = ctx.crime_id(force, at)
            vrec = ctx.registry.police_record(rng, v, force, at.date(), keep_dob=True)
            suspects = rng.sample(g.offenders, rng.randint(1, len(g.offenders)))
            srecs = [
                ctx.registry.police_record(rng, s, force, at.date(), keep_dob=True)
                for s in suspects
            ]
            row = cr.crime_row(
                cid,
                force.force_id,
                "",
                at,
                ctx.offences[code],
                "recorded",
                outcome=rng.choice(("1", "1", "14", "15", "")),
                oic=officers.oic,
                supervisor=officers.supervisor,
            )
            ctx.sink.row("crimes", row)
            ctx.sink.row("crime_records", [cid, vrec, "victim"])
            for r in dict.fromkeys(srecs):
                ctx.sink.row("crime_records", [cid, r, "suspect"])
            ctx.truth.crime_alone(
                CrimeFacts(
                    cid,
                    None,
                    at,
                    "recorded",
                    code,
                    oic=officers.oic,
                    victims=[v],
                    suspects=suspects,
                )
            )
