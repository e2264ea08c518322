"""The one error ingest raises: the bundle cannot be ingested at all."""

from __future__ import annotations


class BundleError(Exception):
    """A fatal bundle problem (unreadable file, missing required column, bad bundle.yaml).

    The message names the file and, where there is one, the column. Nothing is
    written when it is raised: the inquiry database stays as it was.
    """
