"""The Merkle tree of Certificate Transparency (RFC 9162 §2.1), over the ledger's entries.

Leaf hash ``SHA-256(0x00 || leaf)``, interior node ``SHA-256(0x01 || left || right)``;
a tree of ``n`` leaves splits at ``k``, the largest power of two below ``n``.
:class:`Frontier` keeps the right edge of the tree (one perfect subtree per set bit
of the size) so that an append costs O(1) amortised hashes and the root O(log n).
Proofs follow §2.1.3 (inclusion) and §2.1.4 (consistency), generation and checking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

_sha256 = hashlib.sha256


def leaf_hash(leaf: bytes) -> bytes:
    return _sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = _sha256(b"").digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH of a list of leaf hashes (already hashed with :func:`leaf_hash`)."""
    frontier = Frontier()
    for h in leaves:
        frontier.add(h)
    return frontier.root()


class Frontier:
    """The right edge of a Merkle tree: perfect subtrees, largest first, with their sizes."""

    __slots__ = ("size", "nodes")

    def __init__(self, size: int = 0, nodes: list[bytes] | None = None) -> None:
        self.size = size
        self.nodes: list[bytes] = list(nodes or [])
        if len(self.nodes) != bin(size).count("1"):
            raise ValueError("frontier does not match its size")

    def add(self, h: bytes) -> None:
        """Append one leaf hash."""
        nodes = self.nodes
        size = self.size
        while size & 1:
            h = node_hash(nodes.pop(), h)
            size >>= 1
        nodes.append(h)
        self.size += 1

    def root(self) -> bytes:
        """MTH of the tree so far: fold the perfect subtrees from the right."""
        if not self.nodes:
            return EMPTY_ROOT
        h = self.nodes[-1]
        for left in reversed(self.nodes[:-1]):
            h = node_hash(left, h)
        return h

    def copy(self) -> Frontier:
        return Frontier(self.size, self.nodes)


# -- inclusion (RFC 9162 §2.1.3) ---------------------------------------------
def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(index, D[n]): the audit path of leaf ``index`` in the tree of ``leaves``."""
    n = len(leaves)
    if not 0 <= index < n:
        raise ValueError(f"leaf {index} is not in a tree of {n}")
    return _path(index, leaves, 0, n)


def _path(m: int, leaves: Sequence[bytes], lo: int, hi: int) -> list[bytes]:
    n = hi - lo
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return _path(m, leaves, lo, lo + k) + [_subroot(leaves, lo + k, hi)]
    return _path(m - k, leaves, lo + k, hi) + [_subroot(leaves, lo, lo + k)]


def _subroot(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    frontier = Frontier()
    for i in range(lo, hi):
        frontier.add(leaves[i])
    return frontier.root()


def verify_inclusion(
    index: int, size: int, leaf_h: bytes, proof: Sequence[bytes], root_h: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` show leaf ``index`` in the tree ``root_h``?"""
    if index >= size:
        return False
    fn, sn = index, size - 1
    r = leaf_h
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root_h


# -- consistency (RFC 9162 §2.1.4) -------------------------------------------
def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) between the first ``old_size`` leaves and all of ``leaves``."""
    n = len(leaves)
    if not 0 < old_size <= n:
        raise ValueError(f"no consistency proof from size {old_size} to {n}")
    if old_size == n:
        return []
    return _subproof(old_size, leaves, 0, n, True)


def _subproof(m: int, leaves: Sequence[bytes], lo: int, hi: int, b: bool) -> list[bytes]:
    n = hi - lo
    if m == n:
        return [] if b else [_subroot(leaves, lo, hi)]
    k = _split(n)
    if m <= k:
        return _subproof(m, leaves, lo, lo + k, b) + [_subroot(leaves, lo + k, hi)]
    return _subproof(m - k, leaves, lo + k, hi, False) + [_subroot(leaves, lo, lo + k)]


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree ``old_root`` a prefix of the tree ``new_root``?"""
    if old_size > new_size or old_size < 1:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
