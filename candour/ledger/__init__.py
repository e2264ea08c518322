"""candour.ledger: lines of enquiry and every decision on them, on a tamper-evident log.

``Ledger(store)`` appends decisions (``append``/``append_many``), lists them
(``entries``), gives the latest signed tree head (``head``), proves inclusion and
consistency (RFC 9162) and verifies everything (``verify``); ``export`` writes the
JSON a third party checks without candour (docs/ledger.md).
"""

from candour.ledger.log import REASON_REQUIRED, Ledger, LedgerError, canonical
from candour.ledger.verify import Verdict, verify_export

__all__ = ["Ledger", "LedgerError", "REASON_REQUIRED", "Verdict", "canonical", "verify_export"]
