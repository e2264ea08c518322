"""The workspace on a real inquiry store: decisions to the ledger, access log, pseudonyms, cookies."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from fastapi.testclient import TestClient
from webtools import PASSWORDS, log_in

from candour.ledger import Ledger
from candour.store import DB_NAME, Store
from candour.web import create_app


def victim_names(out: Path) -> tuple[str, set[str]]:
    """A victim's person_id and every surname/forename on their records."""
    with Store(out / DB_NAME, read_only=True) as store:
        pid = store.rows(
            "SELECT p.person_id FROM people p JOIN incident_records ir USING (record_id) "
            "WHERE ir.role = 'victim' ORDER BY 1 LIMIT 1"
        )[0][0]
        rows = store.rows(
            "SELECT surname, forenames FROM records JOIN people USING (record_id) "
            "WHERE person_id = ?",
            [pid],
        )
    return pid, {n for r in rows for n in r if n}


def test_wrong_password_gives_no_session(client: TestClient) -> None:
    """A wrong password: back to the form, no session cookie, still locked out."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    r = client.post(
        "/login",
        data={"username": "reviewer", "password": "not it", "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "error" in r.headers["location"]
    assert "candour_session" not in client.cookies
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_session_cookie_flags(inquiry: Path) -> None:
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        with TestClient(create_app(inquiry), base_url=base) as c:
            page = c.get("/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token
            r = c.post(
                "/login",
                data={
                    "username": "lead",
                    "password": PASSWORDS["lead"],
                    "csrf_token": token.group(1),
                },
                follow_redirects=False,
            )
            cookie = next(
                v
                for k, v in r.headers.multi_items()
                if k == "set-cookie" and "candour_session" in v
            )
            assert "HttpOnly" in cookie and "SameSite=strict" in cookie
            assert ("Secure" in cookie) is secure


def test_working_the_queue_appends_to_the_ledger(inquiry: Path) -> None:
    with TestClient(create_app(inquiry)) as c:
        csrf = log_in(c, "reviewer")
        queue = c.get("/queue")
        ids = [unquote(x) for x in re.findall(r'href="/findings/([^"]+)"', queue.text)]
        scores = [float(s) for s in re.findall(r'<td class="num">([0-9.]+)</td>', queue.text)]
        assert ids and scores == sorted(scores, reverse=True)
        first, second = ids[0], ids[1]
        page = c.get(f"/findings/{quote(first, safe='')}")
        assert "<mark" in page.text  # the evidence is highlighted in the narrative
        ok = c.post(
            f"/findings/{quote(first, safe='')}/decision",
            data={"decision": "confirm", "csrf_token": csrf},
            follow_redirects=False,
        )
        assert ok.status_code == 303
        no_reason = c.post(
            f"/findings/{quote(second, safe='')}/decision",
            data={"decision": "reject", "reason": " ", "csrf_token": csrf},
        )
        assert no_reason.status_code == 400
        htmx = c.post(
            f"/findings/{quote(second, safe='')}/decision",
            data={
                "decision": "reject",
                "reason": "adult was the child's father",
                "csrf_token": csrf,
            },
            headers={"HX-Request": "true"},
        )
        assert htmx.status_code == 200 and "Recorded on the ledger" in htmx.text
        assert "<html" not in htmx.text  # a fragment for htmx to swap in
        after = c.get("/queue")  # undecided by default: both decided findings have left it
        assert quote(first, safe="") not in re.findall(r'href="/findings/([^"]+)"', after.text)
    with Store(inquiry / DB_NAME) as store:
        ledger = Ledger(store)
        entries = [e for e in ledger.entries() if e["action"] in ("confirm", "reject")]
        assert [(e["action"], e["subject"]["finding_id"], e["actor"]) for e in entries] == [
            ("confirm", first, "reviewer"),
            ("reject", second, "reviewer"),
        ]
        assert entries[1]["reason"] == "adult was the child's father"
        assert ledger.verify().ok
        rows = store.rows("SELECT finding_id, decision, ledger_seq FROM ws_decisions ORDER BY 3")
        assert rows == [
            (first, "confirm", entries[0]["seq"]),
            (second, "reject", entries[1]["seq"]),
        ]


def test_ids_with_slashes(inquiry: Path) -> None:
    """Real crime numbers contain '/', and so do finding ids built from them."""
    with Store(inquiry / DB_NAME, read_only=True) as store:
        fid = store.rows("SELECT finding_id FROM findings WHERE finding_id LIKE '%/%' LIMIT 1")[0][
            0
        ]
    with TestClient(create_app(inquiry)) as c:
        csrf = log_in(c, "reviewer")
        path = "/findings/" + quote(fid, safe="")
        page = c.get(path)
        assert page.status_code == 200 and "<mark" in page.text
        r = c.post(
            path + "/decision",
            data={"decision": "needs_more", "csrf_token": csrf},
            follow_redirects=False,
        )
        assert r.status_code == 303
    with Store(inquiry / DB_NAME, read_only=True) as store:
        assert store.rows("SELECT finding_id FROM ws_decisions") == [(fid,)]


def test_queue_filters(inquiry: Path) -> None:
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "reviewer")
        with_kind = c.get("/queue", params={"kind": "invalid_cancellation", "status": "all"})
        officer = c.get("/queue", params={"officer": "NTH-O06", "status": "all"})
        part = c.get("/queue", params={"force": "STH"}, headers={"HX-Request": "true"})
    kinds = re.findall(r"<td>([a-z ]+)</td>\s*<td>(?:incident|crime|person) ", with_kind.text)
    assert kinds and set(kinds) == {"invalid cancellation"}
    ids = [unquote(x) for x in re.findall(r'href="/findings/([^"]+)"', officer.text)]
    with Store(inquiry / DB_NAME, read_only=True) as store:
        expected = {
            r[0]
            for r in store.rows(
                "SELECT f.finding_id FROM findings f JOIN crimes c ON c.crime_id = f.subject_id "
                "WHERE 'NTH-O06' IN (c.oic_id, c.cancelled_by_id, c.supervisor_id) "
                "UNION SELECT finding_id FROM finding_chain WHERE officer_id = 'NTH-O06'"
            )
        }
    assert ids and set(ids) == expected
    assert "<html" not in part.text and "<table" in part.text
    forces = re.findall(r"</td><td>(NTH|STH)</td><td>", part.text)
    assert forces and set(forces) == {"STH"}


def test_named_views_are_logged_and_observers_see_codes(inquiry: Path) -> None:
    pid, names = victim_names(inquiry)
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "observer")
        page = c.get(f"/persons/{pid}")
        assert page.status_code == 200
        assert re.search(r"V-[0-9a-f]{8}", page.text)
        for n in names:
            assert not re.search(rf"\b{re.escape(n)}\b", page.text), f"observer saw {n}"
        assert c.get("/access-log", follow_redirects=False).status_code == 403
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "reviewer")
        page = c.get(f"/persons/{pid}")
        assert any(n in page.text for n in names)
        assert "access log" in page.text
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "lead")
        log_page = c.get("/access-log")
        assert log_page.status_code == 200
        assert "reviewer" in log_page.text and pid in log_page.text
    with Store(inquiry / DB_NAME, read_only=True) as store:
        rows = store.rows("SELECT username, role, page, person_id, victim FROM access_log")
        victim_finding = store.rows(
            "SELECT f.finding_id FROM findings f JOIN incident_records ir "
            "ON f.subject_type = 'incident' AND ir.incident_id = f.subject_id "
            "JOIN people p USING (record_id) WHERE p.person_id = ? AND ir.role = 'victim' LIMIT 1",
            [pid],
        )[0][0]
    assert rows == [("reviewer", "reviewer", "person", pid, True)]
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "reviewer")
        assert c.get(f"/findings/{quote(victim_finding, safe='')}").status_code == 200
    with Store(inquiry / DB_NAME, read_only=True) as store:
        rows = store.rows("SELECT page, person_id FROM access_log WHERE page = 'finding'")
    assert rows == [("finding", pid)]  # the finding page names the victim: logged too


def test_pseudonyms_are_stable_and_keyed(inquiry: Path) -> None:
    pid, _ = victim_names(inquiry)
    codes = []
    for _ in range(2):
        with TestClient(create_app(inquiry)) as c:
            log_in(c, "observer")
            codes.append(re.findall(r"V-[0-9a-f]{8}", c.get(f"/persons/{pid}").text)[0])
    assert codes[0] == codes[1]
    import hashlib

    assert hashlib.sha256(pid.encode()).hexdigest()[:8] not in codes[0]


def test_lines_of_enquiry_through_the_ledger(inquiry: Path) -> None:
    with TestClient(create_app(inquiry)) as client:
        page = _enquiry_steps(client)
    assert "closed" in page and "chief_constable" in page
    with Store(inquiry / DB_NAME) as store:
        ledger = Ledger(store)
        mine = [e for e in ledger.entries() if e["action"] != "genesis"]
        assert [e["action"] for e in mine] == ["open", "exclude", "narrow", "close"]
        assert len({e["subject"]["enquiry_id"] for e in mine}) == 1
        assert mine[2]["subject"]["scope"] == {"force_id": "NTH", "from": "2009-01-01"}
        assert mine[3]["reason"] == "lines exhausted"
        assert ledger.verify().ok


def _enquiry_steps(client: TestClient) -> str:
    csrf = log_in(client, "lead")
    r = client.post(
        "/enquiries",
        data={
            "title": "Hotels in the north, 2009",
            "reason": "pattern in findings",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    eid = r.headers["location"].split("#")[1]
    steps = [
        {
            "action": "exclude",
            "what": "rank",
            "value": "chief_constable",
            "reason": "proportionate",
        },
        {"action": "narrow", "scope": "force_id=NTH, from=2009-01-01", "reason": "one force first"},
        {"action": "close", "reason": ""},  # refused: closing must say why
        {"action": "close", "reason": "lines exhausted"},
    ]
    for step in steps:
        client.post(f"/enquiries/{eid}/decision", data={**step, "csrf_token": csrf})
    return client.get("/enquiries").text


def test_no_personal_data_in_server_logs(inquiry: Path, caplog: pytest.LogCaptureFixture) -> None:
    pid, names = victim_names(inquiry)
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(inquiry)) as c:
        log_in(c, "reviewer")
        c.get(f"/persons/{pid}")
        c.get("/search", params={"q": sorted(names)[0]})
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    text = "\n".join(r.getMessage() for r in server)  # the server's own log, not the client's
    assert "GET /persons/{person_id} 200" in text and "GET /search 200" in text
    assert pid not in text
    for n in names:
        assert n not in text


def test_user_add_cli_with_password_on_stdin(inquiry: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "candour.cli",
        "user",
        "add",
        str(inquiry),
        "rev2",
        "--role",
        "reviewer",
        "--password-stdin",
    ]
    done = subprocess.run(cmd, input="a very long passphrase\n", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run(
        [*cmd[:-3], "--role", "chief", "--password-stdin"],
        input="a very long passphrase\n",
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "role must be one of" in bad.stderr
    with Store(inquiry / DB_NAME, read_only=True) as store:
        digest = store.rows("SELECT password_hash FROM ws_users WHERE username = 'rev2'")[0][0]
    assert digest.startswith("$argon2id$") and "passphrase" not in digest
    with TestClient(create_app(inquiry)) as c:
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        c.post(
            "/login",
            data={
                "username": "rev2",
                "password": "a very long passphrase",
                "csrf_token": token.group(1),
            },
        )
        assert c.get("/queue").status_code == 200


def test_pages_degrade_when_stages_have_not_run(tmp_path: Path) -> None:
    from inquiry_fixture import build_inquiry

    from candour.web.accounts import add_user

    out = build_inquiry(tmp_path / "bare", stages=())
    with Store(out / DB_NAME) as store:
        add_user(store, "lead", "lead", PASSWORDS["lead"])
    with TestClient(create_app(out)) as c:
        log_in(c, "lead")
        q = c.get("/queue")
        assert q.status_code == 200 and "audit stage has not run" in q.text
        assert c.get("/persons/R000").status_code == 200  # a record stands for a person
        assert c.get("/officers/NTH-O01").status_code == 200
        assert c.get("/groups/G1").status_code == 404
        assert c.get("/enquiries").status_code == 200
