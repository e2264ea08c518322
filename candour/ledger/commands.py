"""`candour enquiry ...` and `candour ledger ...`: thin commands over the ledger.

Each takes the inquiry's database with ``--db`` (the file, or the output folder
of `candour run` that holds inquiry.duckdb). Imports are deferred so that the
rest of the CLI starts fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

enquiry_app = typer.Typer(help="Lines of enquiry: open, decide, close, list.", no_args_is_help=True)
ledger_app = typer.Typer(
    help="The tamper-evident ledger: verify, export, head, prove.", no_args_is_help=True
)
T = TypeVar("T")
err = Console(stderr=True)
out = Console()

DB = typer.Option(..., "--db", help="The inquiry database (file, or the run output folder).")
ACTOR = typer.Option(..., "--actor", help="Who takes this decision.")


def _ledger(db: Path, create: bool = False) -> Any:
    from candour.ledger import Ledger
    from candour.ledger.log import resolve_db

    path = resolve_db(db)
    if not path.exists() and not (create and path.parent.is_dir()):
        err.print(f"[red]error:[/red] no inquiry database at {path}")
        raise typer.Exit(2)
    return Ledger(path)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(2)


def _guard(fn: Callable[[], T]) -> T:
    """Run ``fn``; a ledger error (e.g. the database held by the workspace) exits cleanly."""
    from candour.ledger import LedgerError

    try:
        return fn()
    except LedgerError as exc:
        raise _fail(exc) from exc


def _print_entry(entry: dict[str, Any]) -> None:
    out.print_json(json.dumps(entry, default=str))


# -- enquiry ------------------------------------------------------------------
@enquiry_app.command("open")
def enquiry_open(
    db: Path = DB,
    title: str = typer.Option(..., "--title", help="What the line of enquiry is."),
    actor: str = ACTOR,
    origin: str = typer.Option(
        "hand", "--from", help="finding, person, officer, document or hand."
    ),
    origin_id: str | None = typer.Option(None, "--id", help="The finding/person/… it starts from."),
    reason: str | None = typer.Option(None, "--reason", help="Why it is opened."),
) -> None:
    """Open a line of enquiry (from a finding, person, officer, document, or by hand)."""
    from candour.ledger import LedgerError
    from candour.ledger.enquiry import open_enquiry

    try:
        entry = open_enquiry(
            _ledger(db, create=True),
            title,
            actor,
            origin=origin,
            origin_id=origin_id,
            reason=reason,
        )
    except LedgerError as exc:
        raise _fail(exc) from exc
    _print_entry(entry)


@enquiry_app.command("decide")
def enquiry_decide(
    enquiry_id: str = typer.Argument(..., help="The line of enquiry."),
    action: str = typer.Argument(..., help="assign, narrow, exclude, include, note or reopen."),
    db: Path = DB,
    actor: str = ACTOR,
    reason: str | None = typer.Option(None, "--reason", help="Why (required to narrow/exclude)."),
    assignee: str | None = typer.Option(None, "--assignee", help="For assign."),
    scope: str | None = typer.Option(
        None, "--scope", help='For narrow: JSON, e.g. {"force_id":"F1"}.'
    ),
    what: str | None = typer.Option(
        None, "--what", help="For exclude/include: person, officer, rank, force, document."
    ),
    value: str | None = typer.Option(
        None, "--value", help="For exclude/include: its id (or the rank)."
    ),
) -> None:
    """Record a decision on a line of enquiry."""
    from candour.ledger import LedgerError
    from candour.ledger.enquiry import decide

    try:
        scope_obj = json.loads(scope) if scope else None
    except ValueError as exc:
        raise _fail(ValueError(f"--scope is not JSON: {exc}")) from exc
    try:
        entry = decide(
            _ledger(db),
            enquiry_id,
            action,
            actor,
            reason,
            assignee=assignee,
            scope=scope_obj,
            what=what,
            value=value,
        )
    except LedgerError as exc:
        raise _fail(exc) from exc
    _print_entry(entry)


@enquiry_app.command("close")
def enquiry_close(
    enquiry_id: str = typer.Argument(..., help="The line of enquiry."),
    db: Path = DB,
    actor: str = ACTOR,
    reason: str = typer.Option(..., "--reason", help="Why it is closed."),
) -> None:
    """Close a line of enquiry, saying why."""
    from candour.ledger import LedgerError
    from candour.ledger.enquiry import close_enquiry

    try:
        entry = close_enquiry(_ledger(db), enquiry_id, actor, reason)
    except LedgerError as exc:
        raise _fail(exc) from exc
    _print_entry(entry)


@enquiry_app.command("list")
def enquiry_list(
    db: Path = DB,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Every line of enquiry, its status, scope and exclusions."""
    from candour.ledger.enquiry import enquiries

    rows = _guard(lambda: enquiries(_ledger(db)))
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    table = Table("enquiry", "title", "from", "status", "assignee", "excluded", "decisions")
    for r in rows:
        origin = r["origin"] + (f" {r['origin_id']}" if r["origin_id"] else "")
        excluded = ", ".join(f"{x['what']} {x['value']}" for x in r["excluded"])
        table.add_row(
            r["enquiry_id"],
            r["title"],
            origin,
            r["status"],
            r["assignee"] or "",
            excluded,
            str(len(r["decisions"])),
        )
    out.print(table)


@enquiry_app.command("exclusions")
def enquiry_exclusions(
    db: Path = DB,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Every exclusion from scope (who, when, why) and the findings it puts out of view."""
    from candour.ledger.scope import exclusion_effects

    ledger = _ledger(db)

    def effects() -> list[dict[str, Any]]:
        with ledger.reading() as store:
            return exclusion_effects(store, ledger)

    rows = _guard(effects)
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    table = Table("enquiry", "excluded", "by", "when", "why", "findings", "still")
    for r in rows:
        kinds = ", ".join(f"{k} {n}" for k, n in r["kinds"].items())
        table.add_row(
            r["enquiry_id"],
            f"{r['what']} {r['value']}",
            r["actor"],
            str(r["at"])[:16],
            r["reason"] or "",
            f"{r['findings']} ({kinds})" if kinds else str(r["findings"]),
            "yes" if r["still_excluded"] else "reversed",
        )
    out.print(table)


# -- ledger ---------------------------------------------------------------------
@ledger_app.command("verify")
def ledger_verify(
    db: Path = DB,
    against: list[Path] = typer.Option(
        [], "--against", help="An earlier export or head (JSON) kept outside the store."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Check every entry, signed head and the key; name the first bad entry. Exit 1 if bad."""
    from candour.ledger.verify import kept_heads

    heads: list[dict[str, Any]] = []
    hashes: dict[int, str] = {}
    for path in against:
        h, e = kept_heads(json.loads(path.read_text()))
        heads += h
        hashes.update(e)
    verdict = _guard(lambda: _ledger(db).verify(heads, hashes))
    if as_json:
        out.print_json(json.dumps(verdict.to_dict()))
    else:
        out.print(verdict.summary())
        for p in verdict.problems[:50]:
            out.print(f"  - {p}")
        if len(verdict.problems) > 50:
            out.print(f"  … and {len(verdict.problems) - 50} more")
    if not verdict.ok:
        raise typer.Exit(1)


@ledger_app.command("export")
def ledger_export(
    db: Path = DB,
    to: Path | None = typer.Option(None, "--out", help="File to write (default: stdout)."),
) -> None:
    """Write entries, signed heads and the public key as JSON (docs/ledger.md)."""
    doc = _guard(lambda: _ledger(db).export())
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    if to is None:
        print(text)
    else:
        to.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {to}: {len(doc['entries'])} entries, {len(doc['signed_heads'])} heads")


@ledger_app.command("head")
def ledger_head(db: Path = DB) -> None:
    """The latest signed tree head, with the public key to check it (keep a copy)."""
    ledger = _ledger(db)
    head = _guard(ledger.head)
    key = _guard(ledger.public_key)
    if head is None or key is None:
        raise _fail(ValueError("the ledger is empty"))
    out.print_json(
        json.dumps(
            {
                "format": "candour-ledger/1",
                "public_key": key["public_key"],
                "key_fingerprint": key["key_fingerprint"],
                "signed_head": head,
            }
        )
    )


@ledger_app.command("prove")
def ledger_prove(
    db: Path = DB,
    entry: int | None = typer.Option(None, "--entry", help="Inclusion proof for this entry (seq)."),
    old: int | None = typer.Option(None, "--from", help="Consistency proof from this tree size…"),
    size: int | None = typer.Option(None, "--size", help="…to this size (default: the whole log)."),
) -> None:
    """An inclusion proof for an entry, or a consistency proof between two tree sizes."""
    from candour.ledger import LedgerError

    ledger = _ledger(db)
    try:
        if entry is not None:
            proof = ledger.prove_inclusion(entry, size)
        elif old is not None:
            proof = ledger.prove_consistency(old, size)
        else:
            raise LedgerError("give --entry N (inclusion) or --from M [--size N] (consistency)")
    except (LedgerError, ValueError) as exc:
        raise _fail(exc) from exc
    out.print_json(json.dumps(proof))


@ledger_app.command("check-export")
def ledger_check_export(
    export: Path = typer.Argument(..., help="A file written by `candour ledger export`."),
    against: list[Path] = typer.Option(
        [], "--against", help="An earlier export or head (JSON) it must extend."
    ),
) -> None:
    """Verify an export on its own (no database needed). Exit 1 if bad."""
    from candour.ledger.verify import kept_heads, verify_export

    heads: list[dict[str, Any]] = []
    hashes: dict[int, str] = {}
    for path in against:
        h, e = kept_heads(json.loads(path.read_text()))
        heads += h
        hashes.update(e)
    verdict = verify_export(json.loads(export.read_text(encoding="utf-8")), heads, hashes)
    out.print(verdict.summary())
    for p in verdict.problems[:50]:
        out.print(f"  - {p}")
    if not verdict.ok:
        raise typer.Exit(1)
