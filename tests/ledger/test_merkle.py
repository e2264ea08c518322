"""RFC 9162 Merkle tree: roots, inclusion and consistency proofs against the definitions."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from candour.ledger import merkle


def mth(leaves: list[bytes]) -> bytes:
    """MTH straight from RFC 9162 §2.1.1 (recursive, on raw leaf data)."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def data(n: int) -> list[bytes]:
    return [f"entry {i}".encode() for i in range(n)]


def test_root_matches_rfc_definition_for_every_size_up_to_70() -> None:
    frontier = merkle.Frontier()
    leaves = data(70)
    assert frontier.root() == mth([])
    for i, leaf in enumerate(leaves):
        frontier.add(merkle.leaf_hash(leaf))
        assert frontier.root() == mth(leaves[: i + 1]), i + 1


def test_known_vector_three_leaves() -> None:
    a, b, c = (merkle.leaf_hash(x) for x in (b"a", b"b", b"c"))
    expected = merkle.node_hash(merkle.node_hash(a, b), c)
    assert merkle.root([a, b, c]) == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 130).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_inclusion_proofs_verify_and_reject_wrong_leaves(case: tuple[int, int]) -> None:
    n, i = case
    hashes = [merkle.leaf_hash(x) for x in data(n)]
    root = merkle.root(hashes)
    proof = merkle.inclusion_proof(i, hashes)
    assert merkle.verify_inclusion(i, n, hashes[i], proof, root)
    wrong = merkle.leaf_hash(b"forged")
    assert not merkle.verify_inclusion(i, n, wrong, proof, root)
    if n > 1:
        assert not merkle.verify_inclusion((i + 1) % n, n, hashes[i], proof, root)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 130).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_consistency_proofs_verify_and_catch_a_rewritten_prefix(case: tuple[int, int]) -> None:
    m, n = case
    hashes = [merkle.leaf_hash(x) for x in data(n)]
    old_root, new_root = merkle.root(hashes[:m]), merkle.root(hashes)
    proof = merkle.consistency_proof(m, hashes)
    assert merkle.verify_consistency(m, n, old_root, new_root, proof)
    # the same new tree, but the old head was of a different history
    other = [merkle.leaf_hash(b"rewritten")] + hashes[1:m]
    assert not merkle.verify_consistency(m, n, merkle.root(other), new_root, proof)
    if m < n:
        rewritten = hashes[: m - 1] + [merkle.leaf_hash(b"rewritten")] + hashes[m:]
        proof2 = merkle.consistency_proof(m, rewritten)
        assert not merkle.verify_consistency(m, n, old_root, merkle.root(rewritten), proof2)


def test_rfc_example_tree_of_seven() -> None:
    """RFC 9162 §2.1.5: the proofs named for the seven-leaf example tree."""
    d = [merkle.leaf_hash(x) for x in data(7)]
    n = merkle.node_hash
    a, b, c = n(d[0], d[1]), n(d[2], d[3]), n(d[4], d[5])
    g, h = n(a, b), n(c, d[6])
    assert merkle.inclusion_proof(0, d) == [d[1], b, h]
    assert merkle.inclusion_proof(3, d) == [d[2], a, h]
    assert merkle.inclusion_proof(4, d) == [d[5], d[6], g]
    assert merkle.inclusion_proof(6, d) == [c, g]
    assert merkle.consistency_proof(3, d) == [d[2], d[3], a, h]
    assert merkle.consistency_proof(4, d) == [h]
    assert merkle.consistency_proof(6, d) == [c, d[6], g]
