"""`candour trace ...`: the chain of command on a date, and re-running the trace stage.

Thin commands over :mod:`candour.trace`; ``--db`` takes the database file or the
output folder of `candour run`.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

trace_app = typer.Typer(
    help="Chain of command, knowledge trail, outcomes by rank.", no_args_is_help=True
)
err = Console(stderr=True)
out = Console()

DB = typer.Option(..., "--db", help="The inquiry database (file, or the run output folder).")


def _db(db: Path) -> Path:
    path = db / "inquiry.duckdb" if db.is_dir() else db
    if not path.exists():
        err.print(f"[red]error:[/red] no inquiry database at {path}")
        raise typer.Exit(2)
    return path


@trace_app.command("chain")
def chain(
    officer_id: str = typer.Argument(..., help="The officer."),
    on: str = typer.Argument(..., help="The date (YYYY-MM-DD)."),
    db: Path = DB,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """The officer and every line manager above them on a date."""
    from candour.store import Store
    from candour.trace import chain_at

    with Store(_db(db), read_only=True) as store:
        try:
            links = chain_at(store, officer_id, on)
        except ValueError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    if as_json:
        out.print_json(json.dumps([link.__dict__ for link in links], default=str))
        return
    table = Table("level", "officer", "rank", "force", "unit", "in post", "posting from")
    for link in links:
        table.add_row(
            str(link.level),
            link.officer_id,
            link.rank or "",
            link.force_id or "",
            link.unit or "",
            "yes" if link.in_post else "NO",
            str(link.posting_from or ""),
        )
    out.print(table)


@trace_app.command("run")
def run(
    db: Path = DB,
    senior_rank: str = typer.Option("superintendent", help="The lowest rank counted as senior."),
    topic_only_tells: bool = typer.Option(
        False, help="Count documents that name CSE only as a topic as telling their recipients."
    ),
) -> None:
    """Re-run the trace stage on an inquiry database (e.g. with another senior rank)."""
    from candour import trace
    from candour.store import Store

    with Store(_db(db)) as store:
        try:
            counts = trace.run(
                store, senior_rank=senior_rank, topic_only_tells=topic_only_tells, console=err
            )
        except ValueError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    for name, n in counts.items():
        out.print(f"{name}: {n:,}")
