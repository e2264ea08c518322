"""`candour run`: every stage in order, then the output files of spec/outputs.md."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from candour import outputs
from candour.store import DB_NAME, Engine, Store

# (stage, module, function). Each function takes the store (and keyword
# options) and writes its tables; a stage reads only earlier stages' tables.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("screen", "candour.screen", "run"),
    ("link", "candour.link", "run"),
    ("audit", "candour.audit", "run"),
    ("trace", "candour.trace", "run"),
)


def stage_function(module: str, name: str) -> Callable[..., Any] | None:
    """The stage's entry point, or None while that stage does not exist yet."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def run(
    bundle: Path,
    out: Path,
    engine: Engine = "duckdb",
    console: Console | None = None,
    report: bool = True,
) -> dict[str, Any]:
    """Ingest ``bundle`` into ``out``/inquiry.duckdb, run every stage, write the outputs."""
    from candour.ingest import ingest

    console = console or Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    db = out / DB_NAME
    result = ingest(bundle, db, console=console)
    (out / "ingest_report.json").write_text(json.dumps(result, indent=2, default=str))
    ran: list[str] = ["ingest"]
    with Store(db) as store:
        for stage, module, name in STAGES:
            fn = stage_function(module, name)
            if fn is None:
                continue
            console.log(f"[bold]{stage}[/bold]")
            fn(store, engine=engine, console=console)
            ran.append(stage)
        written = outputs.write_all(store, out)
    if report:
        fn = stage_function("candour.report", "write_report")
        if fn is not None:
            fn(out, console=console)
            ran.append("report")
    return {"stages": ran, "outputs": [str(p) for p in written]}
