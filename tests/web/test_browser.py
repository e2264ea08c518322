"""The workspace in a real browser (Debian's chromium driven by Playwright).

Logs in, works the queue to a ledger entry, is refused a page its role does not
allow, and saves screenshots of the main pages into docs/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from webtools import PASSWORDS, LiveServer

from candour.ledger import Ledger
from candour.store import DB_NAME, Store
from candour.web.accounts import ROLES, add_user

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHOTS = Path(__file__).parents[2] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def browser_inquiry(request: pytest.FixtureRequest, inquiry: Path, tmp_path: Path) -> Path:
    """The generated small inquiry when the stages exist (realistic screenshots), else the fixture."""
    import candour.generate as gen

    if not hasattr(gen, "generate"):
        return inquiry
    src: Path = request.getfixturevalue("small_run")
    out = tmp_path / "run"
    shutil.copytree(src, out)
    with Store(out / DB_NAME) as store:
        for role in ROLES:
            add_user(store, role, role, PASSWORDS[role])
    return out


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def log_in(page: object, url: str, role: str) -> None:
    page.goto(f"{url}/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", role)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORDS[role])  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


def test_log_in_work_the_queue_and_be_refused(browser_inquiry: Path, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with LiveServer(browser_inquiry) as server:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = ctx.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.goto(f"{server.url}/queue")
        assert "/login" in page.url  # not logged in: sent to the log-in page
        page.screenshot(path=str(SHOTS / "login.png"))
        log_in(page, server.url, "reviewer")
        page.goto(f"{server.url}/queue")
        assert page.locator("table.queue tbody tr").count() > 0
        page.screenshot(path=str(SHOTS / "queue.png"), full_page=False)
        kind = page.locator("select[name=kind] option").nth(1).get_attribute("value")
        page.select_option("select[name=kind]", kind)  # htmx swaps the rows in place
        page.wait_for_function(
            "k => [...document.querySelectorAll('table.queue tbody tr td:nth-child(3)')]"
            ".every(td => td.textContent === k.replaceAll('_', ' '))",
            arg=kind,
        )
        assert page.url.endswith("/queue")  # no navigation: the fragment was swapped in
        page.select_option("select[name=kind]", "")
        page.wait_for_load_state("networkidle")
        first = page.locator("table.queue tbody tr a").first
        finding_id = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert page.locator(".narrative mark").count() > 0  # evidence highlighted
        page.check("input[name=decision][value=confirm]")
        page.click("form.decide button[type=submit]")
        page.wait_for_selector("p.saved")  # htmx swapped the decision panel in place
        saved = page.locator("p.saved").inner_text()
        page.screenshot(path=str(SHOTS / "finding.png"), full_page=True)
        seq = int(re.search(r"entry (\d+)", saved).group(1))  # type: ignore[union-attr]
        assert console == []  # no script errors, nothing blocked by the CSP
        person = page.locator("dl.facts a[href^='/persons/']").first
        person_href = person.get_attribute("href") if person.count() else None
        officer = page.locator("dl.facts a[href^='/officers/']").first
        officer_href = officer.get_attribute("href") if officer.count() else None
        ctx.close()

        # An observer: pseudonymised pages, and refused the queue.
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = ctx.new_page()
        log_in(page, server.url, "observer")
        response = page.goto(f"{server.url}/queue")
        assert response is not None and response.status == 403
        assert "Refused" in page.inner_text("h1")
        page.screenshot(path=str(SHOTS / "refused.png"))
        if person_href:
            page.goto(server.url + person_href)
            assert re.search(r"[VP]-[0-9a-f]{8}", page.inner_text("h1"))
            page.screenshot(path=str(SHOTS / "person.png"), full_page=False)
        ctx.close()

        ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = ctx.new_page()
        log_in(page, server.url, "lead")
        if officer_href:
            page.goto(server.url + officer_href)
            page.screenshot(path=str(SHOTS / "officer.png"), full_page=False)
        with server.app.state.ws.db() as store:
            group = (
                store.rows("SELECT group_id FROM groups GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
                if store.has("groups")
                else []
            )
        if group:
            page.goto(f"{server.url}/groups/{group[0][0]}")
            assert page.locator("figure.network svg circle").count() > 1
            page.screenshot(path=str(SHOTS / "group.png"), full_page=False)
        page.goto(f"{server.url}/enquiries")
        page.fill("#open-enquiry input[name=title]", "Takeaway premises, night-time, 2009-2010")
        page.fill("#open-enquiry input[name=reason]", "several findings at the same premises")
        page.click("#open-enquiry button[type=submit]")
        page.wait_for_load_state()
        assert "Takeaway premises" in page.content()
        page.screenshot(path=str(SHOTS / "enquiries.png"), full_page=False)
        page.goto(f"{server.url}/access-log")
        page.screenshot(path=str(SHOTS / "access_log.png"), full_page=False)
        page.goto(f"{server.url}/report")
        assert "Inquiry report" in page.inner_text("h1")
        page.screenshot(path=str(SHOTS / "report.png"), full_page=False)
        ctx.close()
    with Store(browser_inquiry / DB_NAME) as store:
        ledger = Ledger(store)
        entry = [e for e in ledger.entries() if e["seq"] == seq][0]
        assert entry["action"] == "confirm" and entry["actor"] == "reviewer"
        assert entry["subject"]["finding_id"] == finding_id
        assert any(e["action"] == "open" for e in ledger.entries())
        assert ledger.verify().ok
