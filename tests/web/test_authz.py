"""The authorisation matrix: every route, as every role and as nobody, answers as designed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route
from webtools import CSRF, log_in

from candour.ledger import Ledger
from candour.ledger.enquiry import open_enquiry
from candour.store import DB_NAME, Store
from candour.web import create_app
from candour.web.access import MATRIX, PUBLIC
from candour.web.accounts import ROLES

WHO = (*ROLES, None)  # None: not logged in


def sample_ids(out: Path) -> dict[str, str]:
    """Real ids from the inquiry to fill the route templates (and one line of enquiry)."""
    with Store(out / DB_NAME) as store:
        ids = {
            "finding_id": store.rows("SELECT finding_id FROM findings ORDER BY score DESC")[0][0],
            "person_id": store.rows(
                "SELECT person_id FROM people p JOIN incident_records USING (record_id) "
                "WHERE role = 'victim' LIMIT 1"
            )[0][0],
            "group_id": store.rows("SELECT group_id FROM groups LIMIT 1")[0][0],
            "officer_id": store.rows("SELECT officer_id FROM officers LIMIT 1")[0][0],
        }
        entry = open_enquiry(Ledger(store), "Matrix test line", "setup", reason="test")
        ids["enquiry_id"] = entry["subject"]["enquiry_id"]
    return ids


def form_for(name: str, n: int) -> dict[str, str]:
    """A valid form for each POST route (n makes usernames unique)."""
    return {
        "login": {"username": "nobody", "password": "wrong password"},
        "logout": {},
        "decide": {"decision": "needs_more", "reason": "matrix test"},
        "enquiry_open": {"title": f"Matrix line {n}", "reason": "matrix test"},
        "enquiry_decide": {"action": "note", "reason": "matrix test"},
        "user_add": {"username": f"user{n}", "role": "observer", "password": "a long password"},
        "user_unlock": {"kind": "account", "subject": "nobody"},
        "password_change": {
            "current_password": "not my password",
            "new_password": "a new long password",
            "new_password_again": "a new long password",
        },
    }[name]


def routes(app: Any) -> list[tuple[str, str, str]]:
    out = []
    for r in app.routes:
        if isinstance(r, Mount):
            out.append(("GET", "/static/style.css", r.name))
        elif isinstance(r, Route):
            for method in sorted(r.methods or {"GET"}):
                if method != "HEAD":
                    out.append((method, r.path, r.name))
    return out


def test_every_route_is_in_the_matrix(inquiry: Path) -> None:
    app = create_app(inquiry)
    names = {name for _, _, name in routes(app)}
    assert names == set(MATRIX), "a route without an entry in the matrix (or a stale entry)"


@pytest.mark.parametrize("who", WHO, ids=lambda w: w or "nobody")
def test_matrix(inquiry: Path, who: str | None) -> None:
    ids = sample_ids(inquiry)
    app = create_app(inquiry)
    checked = 0
    with TestClient(app) as client:
        csrf = log_in(client, who) if who else ""
        for n, (method, template, name) in enumerate(routes(app)):
            if name == "logout":
                continue  # checked last: it ends the session
            path = re.sub(r":path}", "}", template).format(**ids)
            expected_ok = PUBLIC in MATRIX[name] or (who is not None and who in MATRIX[name])
            if method == "GET":
                r = client.get(path, follow_redirects=False)
            else:
                data = form_for(name, n)
                if name == "login":
                    page = client.get("/login")
                    token = CSRF.search(page.text)
                    assert token is not None
                    data["csrf_token"] = token.group(1)
                else:
                    data["csrf_token"] = csrf
                r = client.post(path, data=data, follow_redirects=False)
            where = f"{method} {template} as {who or 'nobody'}: {r.status_code}"
            if expected_ok:
                assert r.status_code in (200, 303), where
                if r.status_code == 303:
                    assert not r.headers["location"].startswith("/login?next"), where
            elif who is None:
                if method == "GET":
                    assert r.status_code == 303, where
                    assert r.headers["location"].startswith("/login?next="), where
                else:
                    assert r.status_code == 401, where
            else:
                assert r.status_code == 403, where
                assert "Refused" in r.text
            checked += 1
        r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
        if who is None:
            assert r.status_code == 401
        else:
            assert r.status_code == 303
            again = client.get("/", follow_redirects=False)
            assert again.status_code == 303 and again.headers["location"].startswith("/login")
    assert checked == len(routes(app)) - 1


def test_every_post_needs_the_session_csrf_token(inquiry: Path) -> None:
    ids = sample_ids(inquiry)
    app = create_app(inquiry)
    with TestClient(app) as client:
        log_in(client, "admin")
        for n, (method, template, name) in enumerate(routes(app)):
            if method != "POST":
                continue
            data = form_for(name, n)
            for token in (None, "forged-token"):
                body = dict(data) if token is None else {**data, "csrf_token": token}
                path = re.sub(r":path}", "}", template).format(**ids)
                r = client.post(path, data=body, follow_redirects=False)
                assert r.status_code == 403, f"{template} accepted a POST without its CSRF token"
    # nothing reached the ledger or the accounts
    with Store(inquiry / DB_NAME, read_only=True) as store:
        assert store.count("ws_decisions") == 0
        assert not store.rows("SELECT 1 FROM ws_users WHERE username LIKE 'user%'")
        assert store.rows("SELECT count(*) FROM ledger_entries WHERE action = 'note'")[0][0] == 0


def test_route_names_in_templates_match() -> None:
    """Links the templates guard with allowed(...) name real matrix entries."""
    root = Path(__file__).parents[2] / "candour" / "web" / "templates"
    used = set()
    for f in root.glob("*.html"):
        used |= set(re.findall(r'allowed\("([a-z_]+)"', f.read_text()))
    assert used and used <= set(MATRIX)
