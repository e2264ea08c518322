"""The trace stage on a hand-made inquiry loaded through real ingest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from scipy.stats import fisher_exact
from trace_inquiry import build

from candour import trace
from candour.store import Store
from candour.trace import Postings, chain_at, wilson


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build(tmp_path_factory.mktemp("trace"))
    with Store(path) as store:
        trace.run(store)
    return path


def ids(chain: list[trace.Link]) -> list[str]:
    return [link.officer_id for link in chain]


# -- chain of command ---------------------------------------------------------------
def test_chain_follows_line_managers_at_the_date(db: Path) -> None:
    with Store(db, read_only=True) as store:
        chain = chain_at(store, "C1", date(2010, 3, 1))
    assert ids(chain) == ["C1", "S1", "I1", "CI1", "SU1", "CS1", "ACC1", "CC1"]
    assert [link.rank for link in chain][:3] == ["constable", "sergeant", "inspector"]
    assert [link.level for link in chain] == list(range(8))
    assert all(link.in_post for link in chain)


def test_chain_after_a_supervisor_change_and_a_promotion_above(db: Path) -> None:
    with Store(db, read_only=True) as store:
        postings = Postings.from_store(store)
    # C1 now reports to S2; I1 was promoted and reports straight to SU1
    chain = postings.chain_at("C1", date(2010, 8, 1))
    assert ids(chain) == ["C1", "S2", "I1", "SU1", "CS1", "ACC1", "CC1"]
    assert chain[2].rank == "chief_inspector"
    # the day before the changes, the old line
    assert ids(postings.chain_at("C1", date(2010, 6, 30)))[:4] == ["C1", "S1", "I1", "CI1"]


def test_chain_after_the_officers_own_promotion(db: Path) -> None:
    with Store(db, read_only=True) as store:
        postings = Postings.from_store(store)
    chain = postings.chain_at("C1", "2011-02-01")
    assert ids(chain) == ["C1", "I2", "CI1", "SU1", "CS1", "ACC1", "CC1"]
    assert chain[0].rank == "sergeant"
    assert postings.rank_at("C1", "2010-12-31") == "constable"


def test_chain_breaks_at_an_officer_who_has_left(db: Path) -> None:
    with Store(db, read_only=True) as store:
        postings = Postings.from_store(store)
    chain = postings.chain_at("C1", date(2012, 6, 1))
    assert ids(chain) == ["C1", "I2", "CI1", "SU1"]
    assert [link.in_post for link in chain] == [True, True, True, False]
    before = postings.chain_at("C1", date(2009, 12, 31))  # not yet in post
    assert ids(before) == ["C1"] and not before[0].in_post and before[0].rank is None


def test_finding_chain_for_incident_crime_and_person_findings(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = store.dicts("SELECT * FROM finding_chain ORDER BY finding_id, handled_by, level")
    f1 = [r for r in rows if r["finding_id"] == "F1"]
    by_handler = {h: [r["officer_id"] for r in f1 if r["handled_by"] == h] for h in ("C1", "S1")}
    assert by_handler["C1"] == ["C1", "S1", "I1", "CI1", "SU1", "CS1", "ACC1", "CC1"]
    assert by_handler["S1"] == ["S1", "I1", "CI1", "SU1", "CS1", "ACC1", "CC1"]
    assert {r["as_at"] for r in f1} == {date(2010, 3, 1)}
    # a crime is dated by its incident: C1 a sergeant under I2 by then
    f2 = [r for r in rows if r["finding_id"] == "F2"]
    assert {r["handler_role"] for r in f2} == {"officer_in_case", "supervisor", "cancelled_by"}
    oic = [r for r in f2 if r["handler_role"] == "officer_in_case"]
    assert [r["officer_id"] for r in oic][:2] == ["C1", "I2"] and oic[0]["rank"] == "sergeant"
    assert all(r["as_at"] == date(2011, 2, 1) for r in f2)
    # a person finding: the chains of the incidents its evidence names
    f3 = {r["handled_in"] for r in rows if r["finding_id"] == "F3"}
    assert f3 == {"incident INC1"}
    senior = {r["officer_id"] for r in rows if r["senior"]}
    assert senior == {"SU1", "CS1", "ACC1", "CC1"}


# -- knowledge trail ------------------------------------------------------------------
def test_knowledge_counts_recipients_of_disclosing_documents_only(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = store.rows(
            "SELECT officer_id, document_id, informed_at, roles FROM knowledge "
            "ORDER BY officer_id, document_id"
        )
    pairs = {(r[0], r[1]) for r in rows}
    # D2 discloses nothing; CI1 authored D1 without receiving it, but received D3;
    # D4 and D5 name CSE only as a subject; D6 describes it without a word for child
    assert pairs == {("SU1", "D1"), ("CS1", "D1"), ("ACC1", "D3"), ("CI1", "D3"), ("CS1", "D6")}
    cs1 = next(r for r in rows if r[0] == "CS1")
    assert cs1[3] == "attendee,cc" and cs1[2].isoformat() == "2009-05-01T10:00:00"


def test_senior_exposure_first_told_what_and_findings_after(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = {r["officer_id"]: r for r in store.dicts("SELECT * FROM senior_exposure")}
    assert set(rows) == {"SU1", "CS1", "ACC1"}  # CI1 is told but never senior
    su1 = rows["SU1"]
    assert su1["first_document_id"] == "D1" and su1["rank_when_first_told"] == "superintendent"
    assert json.loads(su1["finding_ids_after"]) == ["F1", "F2", "F3"]
    told = json.loads(su1["told"])
    assert [s["text"] for s in told[0]["spans"]] == [
        "Girls",
        "13",
        "adult males",
        "sexually exploited",
    ]
    doc = next(d for d in build_text() if d[0] == "D1")[4]
    for s in told[0]["spans"]:
        assert doc[s["start"] : s["end"]] == s["text"]
    # told in 2011: only the finding dated after that
    assert json.loads(rows["ACC1"]["finding_ids_after"]) == ["F2"]
    assert json.loads(rows["ACC1"]["finding_kinds_after"]) == {"invalid_cancellation": 1}


def test_a_document_naming_cse_only_as_a_topic_tells_no_one(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        docs = {r[0] for r in store.rows("SELECT document_id FROM knowledge")}
    assert "D4" not in docs  # the screen said it discloses; its spans show only the topic
    path = build(tmp_path)
    with Store(path) as store:
        trace.run(store, topic_only_tells=True)
        pairs = set(store.rows("SELECT officer_id, document_id FROM knowledge"))
    assert {("CC1", "D4"), ("SU1", "D4")} <= pairs


def build_text() -> list[tuple[str, ...]]:
    from trace_inquiry import DOCUMENTS

    return DOCUMENTS


def test_knowledge_without_screen_tables_uses_the_screen_package(tmp_path: Path) -> None:
    path = build(tmp_path)
    with Store(path) as store:
        store.execute("DROP TABLE disclosures")
        store.execute("DROP TABLE indicators")
        trace.run(store)
        pairs = set(store.rows("SELECT officer_id, document_id FROM knowledge"))
    # whatever the screen decides, only recipients of documents are ever named
    assert pairs <= {
        ("CC1", "D5"),
        ("CS1", "D6"),
        ("SU1", "D1"),
        ("CS1", "D1"),
        ("SU1", "D2"),
        ("CC1", "D2"),
        ("ACC1", "D3"),
        ("CI1", "D3"),
    }
    assert ("CI1", "D1") not in pairs


# -- complaint outcomes ---------------------------------------------------------------
def test_complaints_placed_at_rank_when_received_and_leavers_shown(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = {r["complaint_id"]: r for r in store.dicts("SELECT * FROM complaint_ranks")}
    assert rows["K1"]["rank"] == "constable" and rows["K1"]["band"] == "constable_sergeant"
    assert rows["K6"]["status"] == "left_before_decision"  # SU1 left, never decided
    assert rows["K5"]["status"] == "left_before_decision"  # P1 left before the hearing
    assert not rows["K5"]["adverse"] and not rows["K5"]["sanctioned"]
    assert rows["K10"]["status"] == "undecided"
    assert rows["K2"]["adverse"] and rows["K2"]["sanctioned"]
    assert rows["K8"]["band"] == "senior" and rows["K8"]["senior"]


def test_outcome_rates_intervals_and_exact_test(db: Path) -> None:
    with Store(db, read_only=True) as store:
        complaints = store.dicts("SELECT * FROM complaint_ranks")
        out = {
            (r["grouping"], r["grp"]): r for r in store.dicts("SELECT * FROM complaint_outcomes")
        }
    senior = [c for c in complaints if c["senior"]]
    junior = [c for c in complaints if not c["senior"]]
    s, j = out[("senior_vs_junior", "senior")], out[("senior_vs_junior", "junior")]
    assert s["allegations"] == len(senior) == 4 and j["allegations"] == len(junior) == 6
    assert s["left_before_decision"] == 1 and j["left_before_decision"] == 1
    ka = sum(c["adverse"] for c in senior)
    kb = sum(c["adverse"] for c in junior)
    assert (ka, kb) == (0, 3)
    expected = fisher_exact([[ka, len(senior) - ka], [kb, len(junior) - kb]])
    assert s["fisher_p_finding"] == pytest.approx(expected[1])
    lo, hi = wilson(kb, len(junior))
    assert j["finding_rate"] == pytest.approx(0.5)
    assert (j["finding_ci_low"], j["finding_ci_high"]) == pytest.approx((lo, hi))
    decided = [c for c in junior if c["status"] == "decided"]
    assert j["finding_rate_decided"] == pytest.approx(kb / len(decided))
    assert (j["finding_decided_ci_low"], j["finding_decided_ci_high"]) == pytest.approx(
        wilson(kb, len(decided))
    )
    assert out[("rank", "superintendent")]["allegations"] == 2
    assert out[("band", "senior")]["allegations"] == 4


def test_wilson_interval_matches_the_formula_on_a_textbook_case() -> None:
    # 5 of 10: the Wilson 95% interval is (0.2366, 0.7634) (Newcombe 1998, table I style)
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 0) == (None, None)
    lo0, hi0 = wilson(0, 20)
    assert lo0 == 0.0 and 0.15 < hi0 < 0.17


def test_rerun_replaces_tables_and_rejects_unknown_senior_rank(db: Path) -> None:
    with Store(db) as store:
        counts = trace.run(store, senior_rank="chief_superintendent")
        seniors = {r[0] for r in store.rows("SELECT officer_id FROM senior_exposure")}
        with pytest.raises(ValueError, match="senior rank"):
            trace.run(store, senior_rank="admiral")
        trace.run(store)  # leave the module's store as the other tests expect
    assert seniors == {"CS1", "ACC1"}  # SU1 never reached chief superintendent
    assert counts["knowledge"] == 5


def test_trace_commands(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from candour.cli import app

    path = build(tmp_path)
    runner = CliRunner()
    ran = runner.invoke(app, ["trace", "run", "--db", str(path.parent)])
    assert ran.exit_code == 0, ran.output
    assert "knowledge: 5" in ran.stdout
    shown = runner.invoke(app, ["trace", "chain", "C1", "2010-08-01", "--db", str(path), "--json"])
    assert shown.exit_code == 0, shown.output
    assert [x["officer_id"] for x in json.loads(shown.stdout)][:3] == ["C1", "S2", "I1"]
    bad = runner.invoke(app, ["trace", "run", "--db", str(path), "--senior-rank", "admiral"])
    assert bad.exit_code == 2
