"""Bundle ingest: read, map, check and normalise; every row loaded or quarantined."""

from candour.ingest.errors import BundleError
from candour.ingest.load import REPORT_FILE, ingest

__all__ = ["REPORT_FILE", "BundleError", "ingest"]
