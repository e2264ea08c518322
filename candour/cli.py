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
    scale: float = typer.Option(1.0, help="Volume multiplier (1.0 ≈ 6,500 incidents/force/year)."),
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
    mapping: Path | None = typer.Option(
        None, "--mapping", help="A bundle.yaml kept outside the bundle (see examples/)."
    ),
) -> None:
    """Load a bundle into the inquiry database; every row loaded or quarantined."""
    from candour.ingest import BundleError
    from candour.ingest import ingest as _ingest

    try:
        report = _ingest(bundle, db, console=console, mapping=mapping)
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
    """Summarise what an inquiry database holds: tables, ingest accounting, time spans."""
    from candour.ingest.info import render, summary

    try:
        render(summary(db), out)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


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


# --- ledger (issue 5): `candour enquiry ...`, `candour ledger ...` ------------
from candour.ledger.commands import enquiry_app, ledger_app  # noqa: E402

app.add_typer(enquiry_app, name="enquiry")
app.add_typer(ledger_app, name="ledger")
from candour.trace.commands import trace_app  # noqa: E402

app.add_typer(trace_app, name="trace")


# --- report and workspace (issue 6): `candour report`, `serve`, `user add` ------
user_app = typer.Typer(help="Workspace accounts (argon2-hashed, kept in the inquiry).")
app.add_typer(user_app, name="user")


@app.command()
def report(
    out_dir: Path = typer.Argument(..., help="The output folder of `candour run`."),
    role: str = typer.Option("observer", help="Reader's role: observer (pseudonymised) or lead."),
) -> None:
    """Write DIR/report.html and DIR/report.pdf from DIR/inquiry.duckdb."""
    import duckdb

    from candour.report import write_report

    try:
        html, pdf = write_report(out_dir, console=console, role=role)
    except (duckdb.IOException, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        console.print("(is `candour serve` holding this inquiry? stop it, or open /report there)")
        raise typer.Exit(2) from exc
    out.print(f"report: {html}\n        {pdf}")


@app.command()
def serve(
    out_dir: Path = typer.Argument(..., help="The output folder of `candour run`."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, help="Port."),
    https_only: bool = typer.Option(False, help="Always mark cookies Secure (behind TLS)."),
) -> None:
    """Serve the review workspace for the inquiry in DIR."""
    from candour.web import serve as _serve

    _serve(out_dir, host=host, port=port, https_only=https_only)


@user_app.command("add")
def user_add(
    out_dir: Path = typer.Argument(..., help="The output folder of `candour run`."),
    username: str = typer.Argument(..., help="The new user's name."),
    role: str = typer.Option(..., help="admin, lead, reviewer or observer."),
    password_stdin: bool = typer.Option(False, help="Read the password from standard input."),
) -> None:
    """Add a workspace user (or reset one); without --password-stdin a password is made and printed."""
    import secrets
    import sys

    from candour.store import DB_NAME, Store
    from candour.web.accounts import AccountError, add_user

    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(12)
    try:
        with Store(out_dir / DB_NAME) as store:
            add_user(store, username, role, password)
    except AccountError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    out.print(f"user {username} ({role}) added to {out_dir / DB_NAME}")
    if not password_stdin:
        out.print(f"password: {password}")


@user_app.command("unlock")
def user_unlock(
    out_dir: Path = typer.Argument(..., help="The output folder of `candour run`."),
    username: str = typer.Argument("", help="The account to unlock."),
    address: str = typer.Option("", help="Unlock a client address instead (or as well)."),
) -> None:
    """End a log-in lock-out (after repeated failed log-ins) of an account or an address."""
    from candour.store import DB_NAME, Store
    from candour.web.accounts import lockouts, unlock

    if not username and not address:
        console.print("[red]error:[/red] name an account, or --address")
        raise typer.Exit(2)
    with Store(out_dir / DB_NAME) as store:
        for kind, subject in (("account", username), ("address", address)):
            if subject:
                n = unlock(store, kind, subject, by="cli")
                out.print(f"{kind} {subject}: {'unlocked' if n else 'was not locked'}")
        for left in lockouts(store):
            out.print(
                f"still locked: {left['kind']} {left['subject']} until {left['locked_until']}"
            )


# --- screen and audit (issue 3): `candour rules`, `candour screen-text` -------
@app.command()
def rules(
    markdown: bool = typer.Option(False, "--markdown", help="Print the catalogue as Markdown."),
) -> None:
    """The audit's rules catalogue, generated from the code (ids, kinds, sources, parameters)."""
    from candour.audit.rules import RULES, catalogue_markdown

    if markdown:
        print(catalogue_markdown(), end="")
        return
    table = Table("rule", "kind", "statement", "sources", "parameters", title="Rules")
    for r in RULES:
        params = ", ".join(f"{k}={v}" for k, v in r.parameters.items())
        table.add_row(r.id, r.kind, r.statement, ", ".join(r.sources), params)
    out.print(table)


@app.command("screen-text")
def screen_text_(
    text: str = typer.Argument(..., help="A narrative to screen."),
) -> None:
    """Screen one text and print its indicators with their spans."""
    from candour.screen import disclosure, screen_text

    inds = screen_text(text)
    table = Table("indicator", "value", "start", "end", "text", "negated")
    for f in inds:
        table.add_row(f.indicator, f.value, str(f.start), str(f.end), f.text, str(f.negated))
    out.print(table)
    ok, score = disclosure(inds)
    out.print(f"discloses exploitation: {ok} (score {score:.2f})")


# --- link (issue 4): records → people → groups ------------------------------
@app.command("link")
def link_(
    db: Path = typer.Argument(..., help="The inquiry database file (after ingest)."),
    engine: str = typer.Option("duckdb", help="duckdb (default) or spark (Splink's backend)."),
) -> None:
    """Link records into people (Splink) and people into groups; writes people, links, groups."""
    import candour.link
    from candour.store import Store

    if engine not in ("duckdb", "spark"):
        raise typer.BadParameter("engine must be duckdb or spark")
    with Store(db) as store:
        summary = candour.link.run(store, engine=engine, console=console)  # type: ignore[arg-type]
    out.print_json(json.dumps(summary))


if __name__ == "__main__":
    app()
