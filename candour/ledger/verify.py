"""Verify a ledger: every entry's chain hash, every signed head, the key, and kept heads.

The same checks run on the store (``candour ledger verify``) and on an export
(:func:`verify_export`). A :class:`Verdict` lists every problem found and names
the first bad entry (its ``seq``), so an inquiry knows where its record stops
being trustworthy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from candour.ledger import keys, merkle
from candour.ledger.log import FIELDS, GENESIS, ZERO_HASH, entry_leaf, head_message
from candour.store import Store

MAX_PROBLEMS = 1000  # listed in full; beyond that only counted


@dataclass
class Verdict:
    """The outcome of a verification."""

    size: int = 0
    heads: int = 0
    key_fingerprint: str | None = None
    root_hash: str | None = None
    first_bad_entry: int | None = None
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.more_problems

    def __bool__(self) -> bool:
        return self.ok

    def bad(self, seq: int | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(message)
        else:
            self.more_problems += 1
        if seq is not None and (self.first_bad_entry is None or seq < self.first_bad_entry):
            self.first_bad_entry = seq

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "size": self.size,
            "signed_heads": self.heads,
            "key_fingerprint": self.key_fingerprint,
            "root_hash": self.root_hash,
            "first_bad_entry": self.first_bad_entry,
            "problems": self.problems,
            "more_problems": self.more_problems,
        }

    def summary(self) -> str:
        if self.ok:
            return (
                f"ledger verified: {self.size} entries, {self.heads} signed heads, "
                f"root {self.root_hash}, key {self.key_fingerprint}"
            )
        where = "" if self.first_bad_entry is None else f"; first bad entry: {self.first_bad_entry}"
        count = len(self.problems) + self.more_problems
        return f"ledger FAILED verification ({count} problems{where})"


def verify_store(
    store: Store,
    known_heads: Sequence[dict[str, Any]] = (),
    known_entries: dict[int, str] | None = None,
    key_path: Path | None = None,
) -> Verdict:
    """Verify the ledger held in ``store`` (read only)."""
    if not store.has("ledger_entries"):
        verdict = Verdict()
        if known_heads:
            verdict.bad(0, "the store holds no ledger, but heads signed earlier were kept")
        return verdict
    key_rows = (
        store.rows("SELECT key_fingerprint, public_key FROM ledger_keys")
        if store.has("ledger_keys")
        else []
    )
    heads = (
        store.dicts(
            "SELECT tree_size, root_hash, timestamp, key_fingerprint, signature FROM ledger_heads"
        )
        if store.has("ledger_heads")
        else []
    )
    private_raw = None
    if key_path is not None and key_path.exists():
        try:
            private_raw = keys.public_raw(keys.load_key(key_path))
        except (keys.KeyError_, ValueError):
            private_raw = b""
    return check(
        _store_entries(store),
        heads,
        [(r[0], r[1]) for r in key_rows],
        known_heads=known_heads,
        known_entries=known_entries,
        private_public_raw=private_raw,
    )


def _store_entries(store: Store, chunk: int = 100_000) -> Iterator[dict[str, Any]]:
    """Entries in ``seq`` order, read a range of seqs at a time to keep memory flat."""
    store.con.execute("SET enable_progress_bar = false")
    row = store.con.execute("SELECT min(seq), max(seq) FROM ledger_entries").fetchone()
    if not row or row[0] is None:
        return
    names = [*FIELDS, "entry_hash", "leaf_hash"]
    cols = ", ".join(f'"{n}"' for n in names)
    lo, hi = int(row[0]), int(row[1])
    for start in range(lo, hi + 1, chunk):
        rows = store.con.execute(
            f"SELECT {cols} FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
            [start, start + chunk],
        ).fetchall()
        for r in rows:
            e = dict(zip(names, r, strict=True))
            e["_subject_text"] = True  # subject is the stored canonical text, parsed if needed
            yield e
    nulls = store.con.execute("SELECT count(*) FROM ledger_entries WHERE seq IS NULL").fetchone()
    if nulls and nulls[0]:
        yield {"seq": hi + 1, "__null_seq__": int(nulls[0])}


_encode = json.encoder.encode_basestring  # the escaping of json.dumps(ensure_ascii=False)


def _fast_leaf(e: dict[str, Any]) -> bytes | None:
    """The leaf built from stored text, as :func:`entry_leaf` builds it from parsed fields.

    The stored subject is already canonical JSON; if anything here is off, the
    hash will not match and the entry is checked again the slow way.
    """
    try:
        reason = e["reason"]
        return (
            '{"action":'
            + _encode(e["action"])
            + ',"actor":'
            + _encode(e["actor"])
            + ',"at":'
            + _encode(e["at"])
            + ',"prev_hash":'
            + _encode(e["prev_hash"])
            + ',"reason":'
            + ("null" if reason is None else _encode(reason))
            + ',"seq":'
            + str(int(e["seq"]))
            + ',"subject":'
            + e["subject"]
            + "}"
        ).encode("utf-8")
    except (KeyError, TypeError, ValueError):
        return None


def _parse(text: Any) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return {"__unreadable__": text}


def verify_export(
    doc: dict[str, Any],
    known_heads: Sequence[dict[str, Any]] = (),
    known_entries: dict[int, str] | None = None,
) -> Verdict:
    """Verify an export (``candour ledger export``) on its own."""
    key = [(doc.get("key_fingerprint"), doc.get("public_key"))] if doc.get("public_key") else []
    return check(
        iter(doc.get("entries", [])),
        doc.get("signed_heads", []),
        key,
        known_heads=known_heads,
        known_entries=known_entries,
    )


def kept_heads(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The heads and entry hashes of an earlier export, to verify a later ledger against."""
    pub = doc.get("public_key")
    heads = [{**h, "public_key": pub} for h in doc.get("signed_heads", [])]
    if "signed_head" in doc:  # the output of `candour ledger head`
        heads.append({**doc["signed_head"], "public_key": pub})
    hashes = {int(e["seq"]): e["entry_hash"] for e in doc.get("entries", [])}
    return heads, hashes


def check(
    entries: Iterable[dict[str, Any]],
    heads: Sequence[dict[str, Any]],
    key_rows: Sequence[tuple[Any, Any]],
    *,
    known_heads: Sequence[dict[str, Any]] = (),
    known_entries: dict[int, str] | None = None,
    private_public_raw: bytes | None = None,
) -> Verdict:
    """The checks themselves, over entries in ``seq`` order, heads and the stored key."""
    v = Verdict(heads=len(heads))
    by_size: dict[int, list[dict[str, Any]]] = {}
    for h in heads:
        by_size.setdefault(int(h["tree_size"]), []).append(h)
    want_roots = set(by_size) | {int(h["tree_size"]) for h in known_heads}
    roots: dict[int, bytes] = {}
    keep_leaves = bool(known_heads)
    leaves: list[bytes] = []
    hashes: list[str] = []
    frontier = merkle.Frontier()
    prev = ZERO_HASH
    expected = 0
    pinned: str | None = None
    sha = hashlib.sha256
    leaf_h = merkle.leaf_hash

    for e in entries:
        if "__null_seq__" in e:
            v.bad(None, f"{e['__null_seq__']} entries have no seq: inserted outside the ledger")
            continue
        seq = int(e["seq"])
        if seq != expected:
            if seq > expected:
                v.bad(expected, f"entry {expected} is missing (the next entry is {seq}): deleted")
            else:
                v.bad(seq, f"entry {seq} appears more than once: inserted or duplicated")
            expected = seq
        pos = frontier.size
        leaf = _fast_leaf(e) if "_subject_text" in e else None
        digest = sha(leaf).hexdigest() if leaf is not None else ""
        if leaf is None or digest != e.get("entry_hash") or pos == 0:
            if "_subject_text" in e:
                e["subject"] = _parse(e["subject"])
            try:
                leaf = entry_leaf(e)
            except (KeyError, TypeError, ValueError) as exc:
                v.bad(seq, f"entry {seq} cannot be read: {exc}")
                leaf = b""
            digest = sha(leaf).hexdigest()
        if digest != e.get("entry_hash"):
            v.bad(seq, f"entry {seq} does not match its hash: a field was changed")
        if e.get("prev_hash") != prev:
            if digest == e.get("entry_hash") and seq > 0 and pos > 0:
                # this entry is intact: the one before was changed and re-hashed
                v.bad(
                    seq - 1,
                    f"entry {seq} does not follow entry {seq - 1}: entry {seq - 1} was changed "
                    f"and its hash recomputed (or entry {seq}'s link rewritten)",
                )
            else:
                v.bad(seq, f"entry {seq} does not follow entry {seq - 1}: the chain is broken")
        lh = leaf_h(leaf)
        stored_leaf = e.get("leaf_hash")
        if stored_leaf is not None and stored_leaf != lh.hex():
            v.bad(seq, f"entry {seq}: its stored Merkle leaf hash is wrong")
        if pos == 0:
            if e.get("action") != GENESIS:
                v.bad(seq, "the first entry is not the genesis entry that pins the key")
            else:
                pinned = (e.get("subject") or {}).get("key_fingerprint")
        elif e.get("action") == GENESIS:
            v.bad(seq, f"entry {seq} is a second genesis entry")
        frontier.add(lh)
        if keep_leaves:
            leaves.append(lh)
            hashes.append(str(e.get("entry_hash")))
        if frontier.size in want_roots:
            roots[frontier.size] = frontier.root()
        prev = e.get("entry_hash") or digest
        expected += 1

    n = frontier.size
    v.size = n
    v.root_hash = frontier.root().hex() if n else None
    v.key_fingerprint = pinned
    if n == 0:
        if heads:
            v.bad(0, f"the log is empty but {len(heads)} signed heads exist: truncated")
        _check_known(v, known_heads, known_entries, hashes, leaves, n, pinned, None)
        return v

    # -- the key ------------------------------------------------------------
    public_raw: bytes | None = None
    if len(key_rows) != 1:
        v.bad(0, f"the store holds {len(key_rows)} public keys; a ledger has exactly one")
    if key_rows:
        fp, pub = key_rows[0]
        try:
            public_raw = keys.unb64(str(pub))
        except ValueError:
            public_raw = None
            v.bad(0, "the stored public key cannot be read")
        if public_raw is not None and keys.fingerprint(public_raw) != pinned:
            v.bad(
                0,
                f"the public key in the store ({keys.fingerprint(public_raw)[:16]}…) is not "
                f"the key pinned by entry 0 ({str(pinned)[:16]}…): the signing key was replaced",
            )
            public_raw = None
        elif fp != pinned:
            v.bad(0, "the stored key fingerprint does not match the key pinned by entry 0")
    if private_public_raw is not None and keys.fingerprint(private_public_raw) != pinned:
        v.bad(
            0,
            "the private key beside the store is not the key pinned by entry 0: "
            "the signing key was replaced",
        )

    # -- signed heads ---------------------------------------------------------
    if not heads:
        v.bad(0, "no signed tree head covers the log")
    good_size = 0
    for size in sorted(by_size):
        for h in by_size[size]:
            if h.get("key_fingerprint") != pinned:
                v.bad(
                    good_size if size <= n else n,
                    f"the head at size {size} names key {str(h.get('key_fingerprint'))[:16]}…, "
                    f"not the pinned key: the signing key was replaced",
                )
            elif public_raw is None or not keys.verify_signature(
                public_raw, _sig(h), head_message(h)
            ):
                v.bad(
                    good_size if size <= n else n,
                    f"the signature on the head at size {size} does not verify",
                )
            if size > n:
                v.bad(
                    n,
                    f"a head was signed at size {size} but the log has {n} entries: "
                    f"entries {n}..{size - 1} are missing (truncated)",
                )
            elif roots.get(size) is None or roots[size].hex() != h.get("root_hash"):
                named = v.first_bad_entry is not None and v.first_bad_entry < size
                v.bad(
                    None if named else good_size,  # an entry already named is more precise
                    f"the head signed at size {size} does not match the entries: "
                    f"an entry among {good_size}..{size - 1} was changed, inserted or removed",
                )
        if size <= n and all(
            roots.get(size, b"").hex() == h.get("root_hash") for h in by_size[size]
        ):
            good_size = size
    last = max(by_size) if by_size else 0
    if last < n:
        v.bad(last, f"entries {last}..{n - 1} are not covered by any signed head")

    _check_known(v, known_heads, known_entries, hashes, leaves, n, pinned, frontier.root())
    return v


def _sig(head: dict[str, Any]) -> bytes:
    try:
        return keys.unb64(str(head.get("signature")))
    except ValueError:
        return b""


def _check_known(
    v: Verdict,
    known_heads: Sequence[dict[str, Any]],
    known_entries: dict[int, str] | None,
    hashes: list[str],
    leaves: list[bytes],
    n: int,
    pinned: str | None,
    current_root: bytes | None,
) -> None:
    """Heads kept outside the store (from an earlier export): is the log still their extension?"""
    for h in known_heads:
        size = int(h["tree_size"])
        pub = h.get("public_key")
        if pub:
            raw = keys.unb64(pub)
            if keys.fingerprint(raw) != h.get("key_fingerprint") or not keys.verify_signature(
                raw, _sig(h), head_message(h)
            ):
                v.bad(None, f"the kept head at size {size} is not validly signed; ignored")
                continue
        if h.get("key_fingerprint") != pinned:
            v.bad(
                0,
                f"the kept head at size {size} was signed by key "
                f"{str(h.get('key_fingerprint'))[:16]}…, but this ledger pins "
                f"{str(pinned)[:16]}…: the key was replaced and the history rewritten",
            )
        if size > n:
            v.bad(n, f"a kept head covers {size} entries but the log has {n}: truncated")
            continue
        consistent = False
        if current_root is not None and size >= 1:
            proof = merkle.consistency_proof(size, leaves)
            consistent = merkle.verify_consistency(
                size, n, bytes.fromhex(str(h["root_hash"])), current_root, proof
            )
        if not consistent:
            first = _first_difference(known_entries, hashes, size)
            v.bad(
                first,
                f"the log is not consistent with the head signed at {h.get('timestamp')} "
                f"(size {size}): its first {size} entries were rewritten"
                + ("" if first is None else f"; the first to differ is entry {first}"),
            )


def _first_difference(known: dict[int, str] | None, hashes: list[str], size: int) -> int:
    """The first entry whose hash differs from the kept export (0 when none was kept)."""
    if known:
        for seq in range(min(size, len(hashes))):
            if seq in known and known[seq] != hashes[seq]:
                return seq
    return 0
