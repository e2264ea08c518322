"""The ledger on a real DuckDB store: appends, heads, proofs, export, and every kind of tampering."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candour.ledger import Ledger, LedgerError, merkle, verify_export
from candour.ledger.enquiry import close_enquiry, decide, enquiries, open_enquiry, review
from candour.ledger.keys import b64, create_key, key_path_for, public_raw
from candour.ledger.log import entry_leaf, head_message
from candour.ledger.verify import kept_heads, verify_store
from candour.store import Store


def build(db: Path, n: int = 12) -> Ledger:
    """A ledger with genesis + ``n`` decisions, each appended (and signed) on its own."""
    ledger = Ledger(db)
    e = open_enquiry(ledger, "Force B cases", "lead", origin="finding", origin_id="F-1")
    eid = e["subject"]["enquiry_id"]
    decide(ledger, eid, "assign", "lead", assignee="analyst-1")
    decide(
        ledger,
        eid,
        "exclude",
        "lead",
        "out of terms of reference",
        what="rank",
        value="superintendent",
    )
    for i in range(n - 3):
        review(ledger, f"F-{i}", "confirm", "analyst-1")
    return ledger


def sql(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    for s in statements:
        con.execute(s)
    con.close()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "inquiry.duckdb"
    build(path)
    return path


def verdict(db: Path, **kw: Any) -> Any:
    ledger = Ledger(db)
    with Store(db, read_only=True) as store:
        return verify_store(store, key_path=ledger.key_path, **kw)


# -- behaviour -----------------------------------------------------------------
def test_entries_are_chained_and_the_head_is_signed(db: Path) -> None:
    ledger = Ledger(db)
    entries = ledger.entries()
    assert [e["seq"] for e in entries] == list(range(13))
    assert entries[0]["action"] == "genesis"
    for prev, e in zip(entries, entries[1:], strict=False):
        assert e["prev_hash"] == prev["entry_hash"]
    head = ledger.head()
    assert head is not None and head["tree_size"] == 13
    leaves = [merkle.leaf_hash(entry_leaf(e)) for e in entries]
    assert head["root_hash"] == merkle.root(leaves).hex()
    assert len(ledger.heads()) == 13  # one signed head per commit
    assert verdict(db).ok


def test_private_key_sits_beside_the_store_readable_by_owner_only(db: Path) -> None:
    mode = stat.S_IMODE(os.stat(key_path_for(db)).st_mode)
    assert mode == 0o600
    pinned = Ledger(db).entries()[0]["subject"]["key_fingerprint"]
    assert Ledger(db).public_key()["key_fingerprint"] == pinned  # type: ignore[index]


def test_ledger_on_an_open_store_and_batch_append(tmp_path: Path) -> None:
    with Store(tmp_path / "inquiry.duckdb") as store:
        ledger = Ledger(store)
        out = ledger.append_many(
            [("confirm", {"finding_id": f"F{i}"}, "a", None) for i in range(500)]
        )
        assert [e["seq"] for e in out] == list(range(1, 501))
        assert ledger.head()["tree_size"] == 501  # type: ignore[index]
        assert ledger.verify().ok
        assert store.count("ledger_entries") == 501


def test_decisions_are_validated(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "inquiry.duckdb")
    with pytest.raises(LedgerError, match="why"):
        ledger.append("reject", {"finding_id": "F1"}, "a")
    with pytest.raises(LedgerError, match="actor"):
        ledger.append("confirm", {"finding_id": "F1"}, " ")
    with pytest.raises(LedgerError, match="lower-case"):
        ledger.append("genesis", {}, "a")
    with pytest.raises(LedgerError, match="plain JSON"):
        ledger.append("note", {"x": object()}, "a")
    assert ledger.size() == 0  # nothing half-written


def test_enquiry_lifecycle_folded_from_the_ledger(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "inquiry.duckdb")
    eid = open_enquiry(ledger, "Officer O-7", "lead", origin="officer", origin_id="O-7")["subject"][
        "enquiry_id"
    ]
    decide(ledger, eid, "narrow", "lead", "one force only", scope={"force_id": "F1"})
    decide(ledger, eid, "exclude", "lead", "instructed", what="officer", value="O-9")
    with pytest.raises(LedgerError, match="rank"):
        decide(ledger, eid, "exclude", "lead", "x", what="rank", value="admiral")
    close_enquiry(ledger, eid, "lead", "no further lines")
    with pytest.raises(LedgerError, match="closed"):
        decide(ledger, eid, "assign", "lead", assignee="x")
    (state,) = enquiries(ledger)
    assert state["status"] == "closed" and state["close_reason"] == "no further lines"
    assert state["scope"] == {"force_id": "F1"}
    assert state["excluded"] == [{"what": "officer", "value": "O-9"}]
    assert [d["action"] for d in state["decisions"]] == ["open", "narrow", "exclude", "close"]
    decide(ledger, eid, "reopen", "chair", "new evidence")
    assert enquiries(ledger)[0]["status"] == "open"


def test_inclusion_and_consistency_proofs_check_against_signed_heads(db: Path) -> None:
    ledger = Ledger(db)
    heads = {h["tree_size"]: h for h in ledger.heads()}
    p = ledger.prove_inclusion(5)
    assert p["root_hash"] == heads[13]["root_hash"]
    assert merkle.verify_inclusion(
        5,
        13,
        bytes.fromhex(p["leaf_hash"]),
        [bytes.fromhex(x) for x in p["inclusion_path"]],
        bytes.fromhex(heads[13]["root_hash"]),
    )
    c = ledger.prove_consistency(6)
    assert c["first_hash"] == heads[6]["root_hash"]
    assert merkle.verify_consistency(
        6,
        13,
        bytes.fromhex(heads[6]["root_hash"]),
        bytes.fromhex(heads[13]["root_hash"]),
        [bytes.fromhex(x) for x in c["consistency_path"]],
    )


def test_export_verifies_on_its_own_and_edits_to_it_are_caught(db: Path) -> None:
    doc = json.loads(json.dumps(Ledger(db).export()))
    assert verify_export(doc).ok
    doc["entries"][4]["reason"] = "quietly changed"
    v = verify_export(doc)
    assert not v.ok and v.first_bad_entry == 4


# -- tampering: each caught, the entry named ------------------------------------
def test_edited_field(db: Path) -> None:
    sql(db, "UPDATE ledger_entries SET actor = 'someone else' WHERE seq = 3")
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 3
    assert any("entry 3 does not match its hash" in p for p in v.problems)


def test_edited_subject_with_recomputed_entry_hash_is_caught_by_the_heads(db: Path) -> None:
    ledger = Ledger(db)
    e = ledger.entries()[3]
    e["subject"]["value"] = "constable"
    leaf = entry_leaf(e)
    import hashlib

    sql(
        db,
        f"UPDATE ledger_entries SET subject = '{json.dumps(e['subject'])}', "
        f"entry_hash = '{hashlib.sha256(leaf).hexdigest()}', "
        f"leaf_hash = '{merkle.leaf_hash(leaf).hex()}' WHERE seq = 3",
    )
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 3


def test_deleted_entry(db: Path) -> None:
    sql(db, "DELETE FROM ledger_entries WHERE seq = 5")
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 5
    assert any("entry 5 is missing" in p for p in v.problems)


def test_two_entries_swapped(db: Path) -> None:
    sql(
        db,
        "UPDATE ledger_entries SET seq = CASE seq WHEN 4 THEN 8 WHEN 8 THEN 4 END "
        "WHERE seq IN (4, 8)",
    )
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 4


def test_inserted_entry(db: Path) -> None:
    rows = duckdb.connect(str(db), read_only=True)
    forged = rows.execute("SELECT * FROM ledger_entries WHERE seq = 6").fetchone()
    rows.close()
    assert forged is not None
    sql(
        db,
        "UPDATE ledger_entries SET seq = seq + 1 WHERE seq >= 6",
        "INSERT INTO ledger_entries VALUES (6, '2020-01-01T00:00:00.000000Z', 'exclude', "
        '\'{"what":"officer","value":"O-1"}\', \'lead\', \'backdated\', '
        f"'{forged[6]}', '{'0' * 64}', '{'0' * 64}')",
    )
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 6


def test_truncated_log(db: Path) -> None:
    sql(db, "DELETE FROM ledger_entries WHERE seq >= 9")
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 9
    assert any("truncated" in p for p in v.problems)


def test_truncated_log_and_heads_caught_by_a_kept_head(db: Path, tmp_path: Path) -> None:
    kept = Ledger(db).export()
    sql(
        db,
        "DELETE FROM ledger_entries WHERE seq >= 9",
        "DELETE FROM ledger_heads WHERE tree_size > 9",
    )
    assert verdict(db).ok  # internally consistent again …
    heads, hashes = kept_heads(kept)
    v = verdict(db, known_heads=heads[-1:], known_entries=hashes)
    assert not v.ok and v.first_bad_entry == 9  # … but not with what was kept


def test_replaced_signing_key(db: Path) -> None:
    """Swap in a new key and re-sign every head: the key pinned by genesis gives it away."""
    key_file = key_path_for(db)
    key_file.unlink()
    key = create_key(key_file)
    raw = public_raw(key)
    from candour.ledger.keys import fingerprint

    fp = fingerprint(raw)
    con = duckdb.connect(str(db))
    heads = con.execute("SELECT tree_size, root_hash, timestamp FROM ledger_heads").fetchall()
    con.execute("DELETE FROM ledger_heads")
    for size, root, ts in heads:
        h = {"tree_size": size, "root_hash": root, "timestamp": ts, "key_fingerprint": fp}
        con.execute(
            "INSERT INTO ledger_heads VALUES (?, ?, ?, ?, ?)",
            [size, root, ts, fp, b64(key.sign(head_message(h)))],
        )
    con.execute("UPDATE ledger_keys SET key_fingerprint = ?, public_key = ?", [fp, b64(raw)])
    con.close()
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 0
    assert any("signing key was replaced" in p for p in v.problems)


def test_rewritten_history_with_a_fresh_chain(db: Path, tmp_path: Path) -> None:
    """Someone holding the key rewrites from entry 3 (drops the exclusion) and re-signs.

    The store is then internally consistent; a head exported earlier is not
    consistent with it, and the export's entries name where the history changed.
    """
    kept = Ledger(db).export()
    sql(
        db,
        "DELETE FROM ledger_entries WHERE seq >= 3",
        "DELETE FROM ledger_heads WHERE tree_size > 3",
        "DELETE FROM ledger_state",
    )
    ledger = Ledger(db)
    ledger.append_many(
        [("confirm", {"finding_id": f"F-{i}"}, "analyst-1", None) for i in range(12)]
    )
    assert verdict(db).ok
    heads, hashes = kept_heads(kept)
    v = verdict(db, known_heads=heads[-1:], known_entries=hashes)
    assert not v.ok and v.first_bad_entry == 3
    assert any("not consistent with the head" in p for p in v.problems)
    # a kept head on its own (no entries) still catches it
    v2 = verdict(db, known_heads=heads[-1:])
    assert not v2.ok


def test_whole_ledger_replaced_with_a_new_key_caught_by_a_kept_head(
    db: Path, tmp_path: Path
) -> None:
    kept = json.loads(json.dumps(Ledger(db).export()))
    other = tmp_path / "other" / "inquiry.duckdb"
    other.parent.mkdir()
    build(other, n=14)
    shutil.copy(other, db)
    shutil.copy(key_path_for(other), key_path_for(db))
    assert verdict(db).ok
    heads, hashes = kept_heads(kept)
    v = verdict(db, known_heads=heads[-1:], known_entries=hashes)
    assert not v.ok and v.first_bad_entry == 0
    assert any("key was replaced" in p for p in v.problems)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "inquiry.duckdb"
    build(path, n=20)
    return path


@pytest.mark.parametrize(
    "column", ["at", "action", "subject", "actor", "reason", "prev_hash", "entry_hash", "leaf_hash"]
)
@pytest.mark.parametrize("seq", [0, 1, 7, 20])
def test_any_single_column_edit_is_named(
    pristine: Path, tmp_path: Path, column: str, seq: int
) -> None:
    db = tmp_path / "inquiry.duckdb"
    shutil.copy(pristine, db)
    shutil.copy(key_path_for(pristine), key_path_for(db))
    value = '\'{"finding_id":"F-x"}\'' if column == "subject" else "'ab'"
    sql(db, f'UPDATE ledger_entries SET "{column}" = {value} WHERE seq = {seq}')
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == seq, v.problems


def test_entries_filtered_by_subject(db: Path) -> None:
    ledger = Ledger(db)
    reviews = ledger.entries(subject={"finding_id": "F-4"})
    assert [(e["action"], e["subject"]["finding_id"]) for e in reviews] == [("confirm", "F-4")]
    lines = ledger.entries(subject={"enquiry_id": True})
    assert [e["action"] for e in lines] == ["open", "assign", "exclude"]
    assert ledger.entries(action="exclude")[0]["reason"] == "out of terms of reference"
    assert [e["seq"] for e in ledger.entries(since=10, limit=2)] == [10, 11]


def test_rehashed_edit_inside_a_batch_is_named(tmp_path: Path) -> None:
    """One head covers a batch, so the chain (not the heads) must name the entry."""
    import hashlib

    db = tmp_path / "inquiry.duckdb"
    ledger = Ledger(db)
    ledger.append_many([("confirm", {"finding_id": f"F-{i}"}, "a", None) for i in range(50)])
    e = ledger.entries()[17]
    e["actor"] = "someone else"
    leaf = entry_leaf(e)
    sql(
        db,
        f"UPDATE ledger_entries SET actor = 'someone else', "
        f"entry_hash = '{hashlib.sha256(leaf).hexdigest()}', "
        f"leaf_hash = '{merkle.leaf_hash(leaf).hex()}' WHERE seq = 17",
    )
    v = verdict(db)
    assert not v.ok and v.first_bad_entry == 17, v.problems


def test_appending_refuses_a_foreign_or_missing_key(db: Path) -> None:
    size = Ledger(db).size()
    key_file = key_path_for(db)
    key_file.unlink()
    with pytest.raises(LedgerError, match="cannot sign"):
        Ledger(db).append("note", {"x": 1}, "a")
    create_key(key_file)
    with pytest.raises(LedgerError, match="not the key"):
        Ledger(db).append("note", {"x": 1}, "a")
    assert Ledger(db).size() == size


def test_stored_text_and_parsed_fields_give_the_same_leaf(tmp_path: Path) -> None:
    """verify's fast path (stored text) and the slow path (parsed JSON) must agree."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from candour.ledger.verify import _fast_leaf, _store_entries

    db = tmp_path / "inquiry.duckdb"
    ledger = Ledger(db)
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=6,
    )

    @settings(max_examples=40, deadline=None)
    @given(
        st.dictionaries(st.text(), values, max_size=4),
        st.text(min_size=1).filter(str.strip),
        st.one_of(st.none(), st.text()),
    )
    def case(subject: dict[str, Any], actor: str, reason: str | None) -> None:
        ledger.append("note", subject, actor, reason)

    case()
    with Store(db, read_only=True) as store:
        for e in _store_entries(store):
            fast = _fast_leaf(e)
            parsed = {**e, "subject": json.loads(e["subject"])}
            assert fast == entry_leaf(parsed)
    assert Ledger(db).verify().ok


def test_append_inside_the_callers_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "inquiry.duckdb") as store:
        ledger = Ledger(store)
        ledger.append("note", {"x": 0}, "a")
        store.execute("CREATE TABLE decisions (finding_id VARCHAR, seq BIGINT)")
        with store.transaction():
            e = ledger.append("confirm", {"finding_id": "F-1"}, "a")
            store.execute("INSERT INTO decisions VALUES (?, ?)", ["F-1", e["seq"]])
        with pytest.raises(RuntimeError), store.transaction():
            ledger.append("confirm", {"finding_id": "F-2"}, "a")
            raise RuntimeError("the workspace failed after recording")
        assert [e["subject"].get("finding_id") for e in ledger.entries()] == [None, None, "F-1"]
        assert store.rows("SELECT * FROM decisions") == [("F-1", 2)]
        assert ledger.verify().ok
