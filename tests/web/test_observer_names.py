"""An observer's person page hides names written in narratives, linked or not (live server)."""

from __future__ import annotations

from pathlib import Path

import httpx
from webtools import CSRF, PASSWORDS, LiveServer

from candour.store import DB_NAME, Store

UNLINKED = "Located at home of Wayne STOTT (31), driver known as 'Bash'."


def logged_in(url: str, role: str) -> httpx.Client:
    c = httpx.Client(base_url=url)
    form = CSRF.search(c.get("/login").text)
    assert form is not None
    r = c.post(
        "/login",
        data={"username": role, "password": PASSWORDS[role], "csrf_token": form.group(1)},
    )
    assert r.status_code == 303
    return c


def test_unlinked_people_named_in_a_narrative_are_hidden_from_observers(inquiry: Path) -> None:
    with Store(inquiry / DB_NAME) as store:
        pid, iid = store.rows(
            "SELECT p.person_id, ir.incident_id FROM people p JOIN incident_records ir "
            "USING (record_id) WHERE ir.role = 'victim' ORDER BY 1, 2 LIMIT 1"
        )[0]
        store.execute(
            "UPDATE incidents SET narrative = narrative || ' ' || ? WHERE incident_id = ?",
            [UNLINKED, iid],
        )
    with LiveServer(inquiry) as server:
        observer = logged_in(server.url, "observer")
        page = observer.get(f"/persons/{pid}").text
        assert "Located at home of" in page and "[name]" in page
        for word in ("Wayne", "STOTT", "Bash"):
            assert word not in page, f"observer saw {word}"
        reviewer = logged_in(server.url, "reviewer")
        assert "Wayne STOTT (31)" in reviewer.get(f"/persons/{pid}").text
        observer.close()
        reviewer.close()
