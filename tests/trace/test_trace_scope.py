"""What an exclusion on a line of enquiry puts out of view, from the ledger and trace tables."""

from __future__ import annotations

from pathlib import Path

from trace_inquiry import build

from candour import trace
from candour.ledger import Ledger
from candour.ledger.enquiry import decide, open_enquiry
from candour.ledger.scope import excluded_findings, exclusion_effects
from candour.store import Store


def test_excluding_senior_ranks_and_an_officer_shows_the_findings_left_out(
    tmp_path: Path,
) -> None:
    db = build(tmp_path)
    with Store(db) as store:
        trace.run(store)
        store.execute("CREATE TABLE people (record_id VARCHAR, person_id VARCHAR)")
        ledger = Ledger(store)
        eid = open_enquiry(ledger, "Force F1 failures", "lead")["subject"]["enquiry_id"]
        decide(ledger, eid, "exclude", "lead", "told not to", what="rank", value="superintendent")
        decide(ledger, eid, "exclude", "lead", "retired", what="officer", value="I2")
        decide(ledger, eid, "exclude", "lead", "other force", what="force", value="F9")
        decide(ledger, eid, "include", "chair", "reinstated", what="officer", value="I2")
        effects = exclusion_effects(store, ledger)
        chain = {
            (r[0], r[1]) for r in store.rows("SELECT finding_id, officer_id FROM finding_chain")
        }
    by_value = {e["value"]: e for e in effects}
    # SU1 (a superintendent) is in the chain of all three findings on their dates
    assert by_value["superintendent"]["finding_ids"] == ["F1", "F2", "F3"]
    assert by_value["superintendent"]["reason"] == "told not to"
    # I2 handled only the crime (F2); the exclusion was later reversed
    assert by_value["I2"]["finding_ids"] == sorted(f for f, o in chain if o == "I2") == ["F2"]
    assert by_value["I2"]["still_excluded"] is False
    assert by_value["superintendent"]["still_excluded"] is True
    assert by_value["F9"]["findings"] == 0
    assert by_value["superintendent"]["kinds"] == {
        "invalid_cancellation": 1,
        "missed_pattern": 1,
        "unrecorded_crime": 1,
    }


def test_excluding_a_person_covers_findings_on_their_incidents(tmp_path: Path) -> None:
    db = build(tmp_path)
    with Store(db) as store:
        trace.run(store)
        store.execute("CREATE TABLE people (record_id VARCHAR, person_id VARCHAR)")
        store.execute("INSERT INTO people VALUES ('R1', 'PER1'), ('R2', 'PER2')")
        store.execute(
            "CREATE OR REPLACE TABLE incident_records AS SELECT 'INC1' AS incident_id, "
            "'R1' AS record_id, 'victim' AS role"
        )
        found = excluded_findings(store, "person", "PER1")
        other = excluded_findings(store, "person", "PER2")
    assert [f["finding_id"] for f in found] == ["F1", "F3"]  # her incident, and her pattern
    assert other == []


def test_exclusions_command(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from candour.cli import app

    db = build(tmp_path)
    with Store(db) as store:
        trace.run(store)
    runner = CliRunner()
    opened = runner.invoke(
        app, ["enquiry", "open", "--db", str(db), "--title", "all", "--actor", "lead"]
    )
    eid = json.loads(opened.stdout)["subject"]["enquiry_id"]
    runner.invoke(
        app,
        [
            "enquiry",
            "decide",
            eid,
            "exclude",
            "--db",
            str(db),
            "--actor",
            "lead",
            "--what",
            "officer",
            "--value",
            "C1",
            "--reason",
            "on leave",
        ],
    )
    shown = runner.invoke(app, ["enquiry", "exclusions", "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    (row,) = json.loads(shown.stdout)
    assert (row["what"], row["value"], row["reason"]) == ("officer", "C1", "on leave")
    assert row["finding_ids"] == ["F1", "F2", "F3"]
