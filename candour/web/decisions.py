"""Review decisions to the ledger with group commit.

Concurrent reviewers' decisions are queued; one writer thread takes whatever
is waiting and records it with one ``Ledger.append_many`` (one transaction and
one signed tree head for the batch), then mirrors each entry in ``ws_decisions``.
Each request waits for its own entry, so an acknowledged decision is on the
ledger. A batch the ledger refuses is retried one decision at a time, so one
bad decision cannot cost the others theirs.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Any

from candour.ledger import Ledger
from candour.store import Store
from candour.web.accounts import utcnow

BATCH = 200

Decision = tuple[str, str, str, str | None]  # finding_id, decision, actor, reason


class DecisionWriter:
    """A thread appending review decisions to the ledger in batches."""

    def __init__(self, store: Store) -> None:
        self.store = store  # a cursor used by the writer thread alone
        self.ledger = Ledger(store)
        self.queue: queue.Queue[tuple[Decision, Future[dict[str, Any]]] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="ledger-writer", daemon=True)
        self.thread.start()

    def submit(
        self, finding_id: str, decision: str, actor: str, reason: str | None
    ) -> dict[str, Any]:
        """Record one decision; returns its ledger entry once it is committed."""
        done: Future[dict[str, Any]] = Future()
        self.queue.put(((finding_id, decision, actor, reason), done))
        return done.result(timeout=120)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join(30)

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < BATCH:
                try:
                    more = self.queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self.queue.put(None)  # stop after this batch
                    break
                batch.append(more)
            try:
                self._write(batch)
            except Exception:
                for one in batch:  # find the decision the ledger refused
                    try:
                        self._write([one])
                    except Exception as exc:
                        one[1].set_exception(exc)

    def _write(self, batch: list[tuple[Decision, Future[dict[str, Any]]]]) -> None:
        entries = self.ledger.append_many(
            [(d, {"finding_id": fid}, actor, reason) for (fid, d, actor, reason), _ in batch]
        )
        now = utcnow()
        for ((fid, d, actor, reason), _), entry in zip(batch, entries, strict=True):
            self.store.execute(
                "INSERT INTO ws_decisions VALUES (?, ?, ?, ?, ?, ?)",
                [fid, d, reason, actor, now, entry["seq"]],
            )
        for (_, done), entry in zip(batch, entries, strict=True):
            done.set_result(entry)
