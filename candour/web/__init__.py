"""candour.web: the review workspace (FastAPI, server-rendered pages, htmx)."""

from candour.web.app import create_app, serve

__all__ = ["create_app", "serve"]
