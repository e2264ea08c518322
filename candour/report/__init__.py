"""candour.report: the inquiry report as HTML and PDF, from whatever stage tables exist."""

from candour.report.build import build_context, render_html, write_report

__all__ = ["build_context", "render_html", "write_report"]
