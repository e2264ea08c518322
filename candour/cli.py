"""The candour command line: one thin command per stage; the work lives in the stages."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="candour: evidence analysis for inquiries into institutional failure around CSE.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


# --- foundation -------------------------------------------------------------
@app.command()
def generate(
    out_dir: Path = typer.Argument(..., help="Folder to write the synthetic bundle into."),
    forces: int = typer.Option(3, help="Number of police forces."),
    years: int = typer.Option(5, help="Years of records."),
    scale: float = typer.Option(1.0, help="Volume multiplier (1.0 ≈ 30k incidents/force/year)."),
    seed: int = typer.Option(1, help="Random seed; the same seed gives the same bundle."),
) -> None:
    """Write a synthetic inquiry bundle (spec/bundle.md) with its truth/."""
    from candour.generate import generate as _generate

    summary = _generate(
        out_dir, forces=forces, years=years, scale=scale, seed=seed, console=console
    )
    out.print_json(json.dumps(summary, default=str))


@app.command()
def ingest(
    bundle: Path = typer.Argument(..., help="The bundle folder."),
    db: Path = typer.Option(..., "--db", help="The inquiry database file (DuckDB)."),
) -> None:
    """Load a bundle into the inquiry database; every row loaded or quarantined."""
    from candour.ingest import BundleError
    from candour.ingest import ingest as _ingest

    try:
        report = _ingest(bundle, db, console=console)
    except BundleError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _print_accounting(report)


def _print_accounting(report: dict) -> None:
    table = Table("table", "read", "loaded", "quarantined", "dangling")
    for name, t in report["tables"].items():
        table.add_row(
            name,
            str(t["read"]),
            str(t["loaded"]),
            str(t["quarantined"]),
            str(sum(t.get("dangling", {}).values())),
        )
    out.print(table)


@app.command()
def info(db: Path = typer.Argument(..., help="The inquiry database file.")) -> None:
    """Summarise what an inquiry database holds."""
    from candour.store import Store

    with Store(db, read_only=True) as store:
        table = Table("table", "rows")
        for name in store.tables():
            table.add_row(name, f"{store.count(name):,}")
        out.print(table)


@app.command()
def run(
    bundle: Path = typer.Argument(..., help="The bundle folder."),
    out_dir: Path = typer.Option(..., "--out", help="Folder for the database and outputs."),
    engine: str = typer.Option("duckdb", help="duckdb (default) or spark."),
) -> None:
    """Run every stage on a bundle and write spec/outputs.md files."""
    from candour.ingest import BundleError
    from candour.run import run as _run

    if engine not in ("duckdb", "spark"):
        raise typer.BadParameter("engine must be duckdb or spark")
    try:
        result = _run(bundle, out_dir, engine=engine, console=console)  # type: ignore[arg-type]
    except BundleError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    out.print(f"stages: {', '.join(result['stages'])}")
    for path in result["outputs"]:
        out.print(f"  wrote {path}")


@app.command("eval")
def eval_(
    bundle: Path = typer.Argument(..., help="A synthetic bundle with truth/."),
    out_dir: Path = typer.Argument(..., help="The output folder of `candour run`."),
) -> None:
    """Score the outputs against the bundle's truth/ (writes DIR/eval.json)."""
    from candour.eval import evaluate, render

    result = evaluate(bundle, out_dir)
    render(result, out)


# --- later stages add their commands below, each in its own section --------


if __name__ == "__main__":
    app()
