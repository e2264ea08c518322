"""Write the inquiry report (report.html and report.pdf) from the inquiry's store."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console

from candour.report import charts, sections
from candour.report.evidence import (
    NAMING_ROLES,
    Pseudonyms,
    highlight,
    load_pseudonyms,
    name_terms,
)
from candour.report.network import network_svg
from candour.store import DB_NAME, Store

ROLES = ("admin", "lead", "reviewer", "observer")


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("candour.report", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: f"{100 * float(v):.1f} %"
    env.filters["num"] = lambda v: f"{int(v):,}" if v is not None else "—"
    env.filters["words"] = lambda v: str(v).replace("_", " ")
    return env


def hide_names(ctx: dict[str, Any], pseudonyms: Pseudonyms) -> None:
    """Names in free text beyond the narratives: finding summaries, lines of enquiry."""
    terms = name_terms({}, pseudonyms.lexicon)

    def hide(text: Any) -> Any:
        return highlight(str(text), [], terms) if isinstance(text, str) and text else text

    for kind in ctx["findings"].get("kinds", []):
        for f in kind["examples"]:
            f["summary"] = hide(f.get("summary"))
    for line in ctx["ledger"].get("enquiries", []) or []:
        line["title"] = hide(line.get("title"))
        for h in line.get("history", []) or []:
            for key in ("reason", "detail"):
                if key in h:
                    h[key] = hide(h[key])


def build_context(store: Store, role: str = "observer", charts_on: bool = True) -> dict[str, Any]:
    """Every section of the report as data, with charts as PNG data URIs."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    show_names = role in NAMING_ROLES
    pseudonyms = load_pseudonyms(store, create_secret=not _read_only(store))
    ctx: dict[str, Any] = {
        "role": role,
        "show_names": show_names,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "inquiry": store.path.parent.name,
        "summary": sections.summary(store),
        "funnel": sections.funnel(store),
        "compliance": sections.compliance(store),
        "findings": sections.findings(store, pseudonyms, show_names),
        "victims": sections.victims_and_groups(store, pseudonyms),
        "senior": sections.senior_officers(store),
        "complaints": sections.complaints_by_rank(store),
        "ledger": sections.ledger_section(store),
    }
    if not show_names:
        hide_names(ctx, pseudonyms)
    label = (lambda pid: pid) if show_names else pseudonyms.code
    net = sections.network(store)
    ctx["network_svg"] = network_svg(net["nodes"], net["edges"], label) if net["nodes"] else None
    ctx["charts"] = {}
    ctx["chart_errors"] = []
    if charts_on:
        drawings: dict[str, Callable[[], str | None]] = {
            "funnel": lambda: charts.funnel(ctx["funnel"]["stages"]),
            "compliance": lambda: charts.compliance(ctx["compliance"]["forces"]),
            "findings": lambda: charts.findings_by_kind(ctx["findings"]["by_force"]),
            "network": lambda: (
                charts.svg_png(str(ctx["network_svg"])) if ctx["network_svg"] else None
            ),
            "senior": lambda: charts.senior_timeline(ctx["senior"]["events"]),
            "complaints": lambda: charts.complaints_by_rank(ctx["complaints"]["rows"]),
        }
        for name, draw in drawings.items():
            try:
                ctx["charts"][name] = draw()
            except Exception as exc:  # a chart must never cost the inquiry its report
                ctx["charts"][name] = None
                ctx["chart_errors"].append(f"{name}: {type(exc).__name__}: {exc}")
    return ctx


def _read_only(store: Store) -> bool:
    try:
        store.con.execute("CREATE TEMP TABLE IF NOT EXISTS _candour_probe (x INTEGER)")
    except Exception:
        return True
    return False


def render_html(ctx: dict[str, Any]) -> str:
    return environment().get_template("report.html").render(**ctx)


def write_report(
    out_dir: Path,
    console: Console | None = None,
    role: str = "observer",
    store: Store | None = None,
) -> tuple[Path, Path]:
    """Write ``out_dir``/report.html and report.pdf from ``out_dir``/inquiry.duckdb.

    ``store`` lets a process that already holds the database (the workspace)
    pass its connection instead of opening the file again.
    """
    from weasyprint import HTML

    out_dir = Path(out_dir)
    start = time.perf_counter()
    if store is None:
        with Store(out_dir / DB_NAME) as own:
            ctx = build_context(own, role=role)
    else:
        ctx = build_context(store, role=role)
    html = render_html(ctx)
    html_path = out_dir / "report.html"
    pdf_path = out_dir / "report.pdf"
    html_path.write_text(html, encoding="utf-8")
    HTML(string=html, base_url=str(out_dir)).write_pdf(pdf_path)
    if console is not None:
        console.log(
            f"report: {html_path} and {pdf_path} ({time.perf_counter() - start:.1f}s, role {role})"
        )
    return html_path, pdf_path
