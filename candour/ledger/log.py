"""The ledger: an append-only, hash-chained, Merkle-tree log in the inquiry's store.

Every decision the inquiry takes on a line of enquiry (and every review decision
on a finding) is one entry. An entry is the canonical JSON (:func:`canonical`) of
its fields ``seq, at, action, subject, actor, reason, prev_hash``; its
``entry_hash`` is SHA-256 of those bytes (so it covers the previous entry's
hash: a chain) and the same bytes are the RFC 9162 leaf of entry ``seq``. Each
commit signs a tree head (size, root, time) with the inquiry's Ed25519 key.

Writers in several processes serialise on an ``fcntl.flock`` lock file beside the
database; inside the lock one transaction reads the Merkle frontier, inserts the
entries, the new frontier and the signed head, and commits.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from candour.ledger import keys, merkle
from candour.store import DB_NAME, Store

if TYPE_CHECKING:
    from candour.ledger.verify import Verdict

FORMAT = "candour-ledger/1"
GENESIS = "genesis"
ZERO_HASH = "0" * 64
FIELDS = ("seq", "at", "action", "subject", "actor", "reason", "prev_hash")
# Decisions that must say why.
REASON_REQUIRED = frozenset({"reject", "exclude", "narrow", "close", "reopen"})
_ACTION = re.compile(r"^[a-z][a-z0-9_]*$")

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS ledger_entries (
        seq BIGINT, "at" VARCHAR, action VARCHAR, subject VARCHAR, actor VARCHAR,
        reason VARCHAR, prev_hash VARCHAR, entry_hash VARCHAR, leaf_hash VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS ledger_heads (
        tree_size BIGINT, root_hash VARCHAR, timestamp VARCHAR,
        key_fingerprint VARCHAR, signature VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS ledger_keys (
        key_fingerprint VARCHAR, public_key VARCHAR, created_at VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS ledger_state (
        tree_size BIGINT, last_hash VARCHAR, frontier VARCHAR)""",
)

_ENTRY_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("at", pa.string()),
        ("action", pa.string()),
        ("subject", pa.string()),
        ("actor", pa.string()),
        ("reason", pa.string()),
        ("prev_hash", pa.string()),
        ("entry_hash", pa.string()),
        ("leaf_hash", pa.string()),
    ]
)


class LedgerError(Exception):
    """A decision that cannot be recorded, or a ledger that cannot be opened."""


def canonical(obj: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, no NaN (docs/ledger.md)."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def entry_leaf(fields: dict[str, Any]) -> bytes:
    """The leaf bytes of an entry: canonical JSON of exactly its hashed fields."""
    return canonical({k: fields[k] for k in FIELDS})


def head_message(head: dict[str, Any]) -> bytes:
    """The bytes a tree head's signature covers."""
    return canonical(
        {
            "format": FORMAT,
            "key_fingerprint": head["key_fingerprint"],
            "root_hash": head["root_hash"],
            "timestamp": head["timestamp"],
            "tree_size": head["tree_size"],
        }
    )


def now() -> str:
    """UTC, ISO 8601 with microseconds and a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def resolve_db(path: str | Path) -> Path:
    """The database file, given it or the run output folder that holds it."""
    p = Path(path)
    if p.is_dir():
        return p / DB_NAME
    return p


class Ledger:
    """The inquiry's ledger.

    ``Ledger(store)`` uses an open :class:`~candour.store.Store` (its process holds
    the database); ``Ledger(path)`` opens the database for each operation and
    closes it again, so many processes can append in turn.
    """

    def __init__(self, store: Store | str | Path, *, key_path: Path | None = None) -> None:
        if isinstance(store, Store):
            self.store: Store | None = store
            self.db_path = store.path
        else:
            self.store = None
            self.db_path = resolve_db(store)
        self.key_path = key_path or keys.key_path_for(self.db_path)
        self.lock_path = self.db_path.with_name(self.db_path.name + ".ledger-lock")
        self._key: Ed25519PrivateKey | None = None
        self._held = threading.local()  # re-entrancy of exclusive(), per thread

    # -- access --------------------------------------------------------------
    @contextmanager
    def _open(self, write: bool) -> Iterator[Store]:
        if self.store is not None:
            yield self.store
            return
        if not write and not self.db_path.exists():
            empty = Store(":memory:")  # nothing recorded yet: an empty ledger
            try:
                yield empty
            finally:
                empty.close()
            return
        deadline = time.monotonic() + 120
        delay = 0.005
        while True:
            try:
                store = Store(self.db_path, read_only=not write)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() > deadline:
                    raise LedgerError(
                        f"{self.db_path} is held by another process (the workspace, or a "
                        "running stage); try again when it is closed"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        try:
            yield store
        finally:
            store.close()

    def reading(self) -> AbstractContextManager[Store]:
        """The store, open for reading (opened and closed again in path mode)."""
        return self._open(write=False)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the ledger's write lock (re-entrant): read, check and append with no one between."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._held.depth = 1
            yield
        finally:
            self._held.depth = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _signing_key(self) -> Ed25519PrivateKey:
        if self._key is None:
            try:
                self._key = keys.load_key(self.key_path)
            except (keys.KeyError_, ValueError) as exc:
                raise LedgerError(f"cannot sign: {exc}") from exc
        return self._key

    def _check_key(self, store: Store) -> None:
        """Refuse to sign with a key that is not the ledger's own."""
        rows = store.con.execute("SELECT key_fingerprint FROM ledger_keys").fetchall()
        mine = keys.fingerprint(keys.public_raw(self._signing_key()))
        if [r[0] for r in rows] != [mine]:
            raise LedgerError(
                f"the signing key {self.key_path} is not the key this ledger was opened "
                "with; nothing was recorded (run `candour ledger verify`)"
            )

    # -- writing -------------------------------------------------------------
    def append(
        self, action: str, subject: dict[str, Any], actor: str, reason: str | None = None
    ) -> dict[str, Any]:
        """Record one decision; returns the entry as stored."""
        return self.append_many([(action, subject, actor, reason)])[0]

    def append_many(
        self, decisions: Iterable[tuple[str, dict[str, Any], str, str | None]]
    ) -> list[dict[str, Any]]:
        """Record decisions in order in one transaction under one signed head."""
        batch = [_checked(*d) for d in decisions]
        if not batch:
            return []
        with self.exclusive(), self._open(write=True) as store:
            return self._append_locked(store, batch)

    def _append_locked(
        self, store: Store, batch: list[tuple[str, dict[str, Any], str, str | None]]
    ) -> list[dict[str, Any]]:
        con = store.con
        own = not getattr(store, "in_transaction", False)  # else the caller commits both
        if own:
            con.execute("BEGIN TRANSACTION")
        try:
            if not self._schema_ready(store):
                for sql in SCHEMA:
                    con.execute(sql)
            size, last_hash, frontier = self._state(store)
            opened = size == 0
            if opened:
                batch = [self._genesis_decision(store), *batch]
            else:
                self._check_key(store)
            stamp = now()
            cols: dict[str, list[Any]] = {name: [] for name in _ENTRY_SCHEMA.names}
            written = []
            heads: list[dict[str, Any]] = []
            for action, subject, actor, reason in batch:
                fields = {
                    "seq": size,
                    "at": stamp,
                    "action": action,
                    "subject": subject,
                    "actor": actor,
                    "reason": reason,
                    "prev_hash": last_hash,
                }
                leaf = entry_leaf(fields)
                last_hash = hashlib.sha256(leaf).hexdigest()
                lh = merkle.leaf_hash(leaf)
                frontier.add(lh)
                for k in FIELDS:
                    cols[k].append(fields[k])
                cols["subject"][-1] = canonical(subject).decode("utf-8")
                cols["entry_hash"].append(last_hash)
                cols["leaf_hash"].append(lh.hex())
                written.append({**fields, "entry_hash": last_hash})
                size += 1
                if action == GENESIS:  # the genesis entry gets a head of its own
                    heads.append(self._sign(size, frontier.root(), stamp))
            table = pa.Table.from_pydict(cols, schema=_ENTRY_SCHEMA)
            con.register("_ledger_new", table)
            try:
                con.execute("INSERT INTO ledger_entries SELECT * FROM _ledger_new")
            finally:
                con.unregister("_ledger_new")
            con.execute("DELETE FROM ledger_state")
            con.execute(
                "INSERT INTO ledger_state VALUES (?, ?, ?)",
                [size, last_hash, json.dumps([n.hex() for n in frontier.nodes])],
            )
            if not heads or heads[-1]["tree_size"] != size:
                heads.append(self._sign(size, frontier.root(), stamp))
            con.executemany(
                "INSERT INTO ledger_heads VALUES (?, ?, ?, ?, ?)",
                [
                    [
                        h["tree_size"],
                        h["root_hash"],
                        h["timestamp"],
                        h["key_fingerprint"],
                        h["signature"],
                    ]
                    for h in heads
                ],
            )
            if own:
                con.execute("COMMIT")
        except BaseException:
            if own:
                con.execute("ROLLBACK")
            raise
        return written[1:] if opened else written

    @staticmethod
    def _schema_ready(store: Store) -> bool:
        row = store.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN "
            "('ledger_entries', 'ledger_heads', 'ledger_keys', 'ledger_state')"
        ).fetchone()
        return bool(row and row[0] == 4)

    def _state(self, store: Store) -> tuple[int, str, merkle.Frontier]:
        """Size, last entry hash and Merkle frontier; rebuilt from the entries if stale.

        The stored state is trusted when the log's last entry is where it says
        (a cheap, zone-map-pruned check); ``verify`` re-derives everything anyway.
        """
        state = store.con.execute(
            "SELECT tree_size, last_hash, frontier FROM ledger_state"
        ).fetchall()
        if len(state) == 1 and state[0][0]:
            size = int(state[0][0])
            tail = store.con.execute(
                "SELECT seq, entry_hash FROM ledger_entries WHERE seq >= ?", [size - 1]
            ).fetchall()
            if tail == [(size - 1, state[0][1])]:
                nodes = [bytes.fromhex(h) for h in json.loads(state[0][2])]
                return size, state[0][1], merkle.Frontier(size, nodes)
        frontier = merkle.Frontier()
        last = ZERO_HASH
        for lh, eh in store.con.execute(
            "SELECT leaf_hash, entry_hash FROM ledger_entries ORDER BY seq"
        ).fetchall():
            frontier.add(bytes.fromhex(lh))
            last = eh
        return frontier.size, last, frontier

    def _genesis_decision(self, store: Store) -> tuple[str, dict[str, Any], str, str | None]:
        """Key creation and the genesis entry that pins the key's fingerprint."""
        if self.key_path.exists():
            key = self._signing_key()
        else:
            key = keys.create_key(self.key_path)
            self._key = key
        raw = keys.public_raw(key)
        fp = keys.fingerprint(raw)
        store.con.execute("DELETE FROM ledger_keys")
        store.con.execute("INSERT INTO ledger_keys VALUES (?, ?, ?)", [fp, keys.b64(raw), now()])
        subject = {
            "format": FORMAT,
            "inquiry": self.db_path.name,
            "key_fingerprint": fp,
            "public_key": keys.b64(raw),
        }
        return (GENESIS, subject, "candour", "the inquiry's ledger is opened")

    def _sign(self, size: int, root_h: bytes, stamp: str) -> dict[str, Any]:
        key = self._signing_key()
        head: dict[str, Any] = {
            "tree_size": size,
            "root_hash": root_h.hex(),
            "timestamp": stamp,
            "key_fingerprint": keys.fingerprint(keys.public_raw(key)),
        }
        head["signature"] = keys.b64(key.sign(head_message(head)))
        return head

    # -- reading -------------------------------------------------------------
    def entries(
        self,
        *,
        action: str | None = None,
        since: int = 0,
        limit: int | None = None,
        subject: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Entries in order (subject parsed).

        Optionally only one ``action``, from seq ``since``, at most ``limit``, and
        only entries whose subject has the given values (``{"finding_id": "F-1"}``;
        a value of ``True`` asks only that the key is present).
        """
        with self._open(write=False) as store:
            if not store.has("ledger_entries"):
                return []
            sql = (
                'SELECT seq, "at", action, subject, actor, reason, prev_hash, entry_hash '
                "FROM ledger_entries WHERE seq >= ?"
            )
            params: list[Any] = [since]
            if action is not None:
                sql += " AND action = ?"
                params.append(action)
            for key, value in (subject or {}).items():
                path = "$." + json.dumps(str(key))
                if value is True:
                    sql += " AND json_extract(subject, ?) IS NOT NULL"
                    params.append(path)
                else:
                    sql += " AND json_extract_string(subject, ?) = ?"
                    params += [path, str(value)]
            sql += " ORDER BY seq"
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            rows = store.dicts(sql, params)
        for r in rows:
            r["subject"] = json.loads(r["subject"])
        return rows

    def size(self) -> int:
        with self._open(write=False) as store:
            return store.count("ledger_entries")

    def head(self) -> dict[str, Any] | None:
        """The latest signed tree head (the ledger is opened if still empty and writable)."""
        with self._open(write=False) as store:
            heads = self._heads(store)
        if heads:
            return heads[-1]
        if self.store is None and not self.db_path.exists():
            return None
        try:
            with self.exclusive(), self._open(write=True) as store:
                self._append_locked(store, [])
                return self._heads(store)[-1]
        except duckdb.Error:
            return None

    def heads(self) -> list[dict[str, Any]]:
        """Every signed tree head, smallest first."""
        with self._open(write=False) as store:
            return self._heads(store)

    @staticmethod
    def _heads(store: Store) -> list[dict[str, Any]]:
        if not store.has("ledger_heads"):
            return []
        return store.dicts(
            "SELECT tree_size, root_hash, timestamp, key_fingerprint, signature "
            "FROM ledger_heads ORDER BY tree_size, timestamp"
        )

    def public_key(self) -> dict[str, str] | None:
        with self._open(write=False) as store:
            if not store.has("ledger_keys"):
                return None
            rows = store.dicts("SELECT key_fingerprint, public_key FROM ledger_keys")
        return rows[0] if rows else None

    def leaf_hashes(self, size: int | None = None) -> list[bytes]:
        with self._open(write=False) as store:
            if not store.has("ledger_entries"):
                return []
            sql = "SELECT leaf_hash FROM ledger_entries ORDER BY seq"
            if size is not None:
                sql += f" LIMIT {int(size)}"
            return [bytes.fromhex(r[0]) for r in store.rows(sql)]

    # -- proofs --------------------------------------------------------------
    def prove_inclusion(self, seq: int, size: int | None = None) -> dict[str, Any]:
        """An audit path for entry ``seq`` in the tree of ``size`` entries (default: all)."""
        leaves = self.leaf_hashes(size)
        n = len(leaves)
        if size is not None and size != n:
            raise LedgerError(f"the ledger has {n} entries, not {size}")
        path = merkle.inclusion_proof(seq, leaves)
        return {
            "leaf_index": seq,
            "tree_size": n,
            "leaf_hash": leaves[seq].hex(),
            "root_hash": merkle.root(leaves).hex(),
            "inclusion_path": [p.hex() for p in path],
        }

    def prove_consistency(self, old_size: int, new_size: int | None = None) -> dict[str, Any]:
        """A consistency proof that the first ``old_size`` entries are a prefix of ``new_size``."""
        leaves = self.leaf_hashes(new_size)
        n = len(leaves)
        if new_size is not None and new_size != n:
            raise LedgerError(f"the ledger has {n} entries, not {new_size}")
        path = merkle.consistency_proof(old_size, leaves)
        return {
            "first": old_size,
            "second": n,
            "first_hash": merkle.root(leaves[:old_size]).hex(),
            "second_hash": merkle.root(leaves).hex(),
            "consistency_path": [p.hex() for p in path],
        }

    # -- verification and export --------------------------------------------
    def verify(
        self,
        known_heads: Sequence[dict[str, Any]] = (),
        known_entries: dict[int, str] | None = None,
    ) -> Verdict:
        """Check everything (:func:`candour.ledger.verify.verify_store`); never raises on tampering.

        ``known_heads`` (and ``known_entries``: seq → entry_hash) come from an export
        or head kept outside the store (:func:`candour.ledger.verify.kept_heads`).
        """
        from candour.ledger.verify import verify_store

        with self._open(write=False) as store:
            return verify_store(store, known_heads, known_entries, key_path=self.key_path)

    def export(self) -> dict[str, Any]:
        """Entries, signed heads and public key as one JSON document (docs/ledger.md)."""
        with self._open(write=False) as store:
            heads = self._heads(store)
            key = None
            if store.has("ledger_keys"):
                rows = store.dicts("SELECT key_fingerprint, public_key FROM ledger_keys")
                key = rows[0] if rows else None
            entries = []
            if store.has("ledger_entries"):
                cur = store.con.execute(
                    'SELECT seq, "at", action, subject, actor, reason, prev_hash, entry_hash '
                    "FROM ledger_entries ORDER BY seq"
                )
                names = [d[0] for d in cur.description or []]
                for row in cur.fetchall():
                    e = dict(zip(names, row, strict=True))
                    e["subject"] = json.loads(e["subject"])
                    entries.append(e)
        return {
            "format": FORMAT,
            "exported_at": now(),
            "public_key": key["public_key"] if key else None,
            "key_fingerprint": key["key_fingerprint"] if key else None,
            "entries": entries,
            "signed_heads": heads,
        }


def _checked(
    action: str, subject: dict[str, Any], actor: str, reason: str | None
) -> tuple[str, dict[str, Any], str, str | None]:
    """A decision in the form the ledger records it, or a clear error."""
    if not isinstance(action, str) or not _ACTION.match(action) or action == GENESIS:
        raise LedgerError(f"action {action!r} is not a lower-case word (e.g. open, close)")
    if not isinstance(subject, dict):
        raise LedgerError("subject must be a JSON object (a dict)")
    try:
        canonical(subject)
    except (TypeError, ValueError) as exc:
        raise LedgerError(f"subject is not plain JSON: {exc}") from exc
    if not isinstance(actor, str) or not actor.strip():
        raise LedgerError("every decision needs the name of who took it (actor)")
    if reason is not None and not isinstance(reason, str):
        raise LedgerError("reason must be text")
    if action in REASON_REQUIRED and not (reason and reason.strip()):
        raise LedgerError(f"a {action} decision must say why (reason)")
    return action, subject, actor, reason
