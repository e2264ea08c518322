"""Log-in limits, unlocking and changing one's password, over HTTP to a live server."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
from webtools import CSRF, PASSWORDS, LiveServer

from candour.store import DB_NAME, Store
from candour.web import accounts

WRONG = "Tr0ub4dor&3 wrong guess"


def try_log_in(c: httpx.Client, username: str, password: str) -> httpx.Response:
    form = CSRF.search(c.get("/login").text)
    assert form is not None
    return c.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": form.group(1)},
    )


def session(url: str, username: str, password: str) -> tuple[httpx.Client, str]:
    c = httpx.Client(base_url=url)
    r = try_log_in(c, username, password)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text
    csrf = CSRF.search(c.get("/").text)
    assert csrf is not None
    return c, csrf.group(1)


def test_an_account_is_locked_after_five_failures_and_an_admin_unlocks_it(
    inquiry: Path,
) -> None:
    with LiveServer(inquiry) as server, httpx.Client(base_url=server.url) as c:
        for _ in range(accounts.MAX_ACCOUNT_FAILURES - 1):
            r = try_log_in(c, "reviewer", WRONG)
            assert r.status_code == 303 and "error" in r.headers["location"]
        r = try_log_in(c, "reviewer", WRONG)
        assert r.status_code == 429
        assert "Too many failed log-ins for this account" in r.text
        assert 0 < int(r.headers["Retry-After"]) <= accounts.LOCKOUT.total_seconds()
        # the right password is refused too during the cool-down, with no session
        r = try_log_in(c, "reviewer", PASSWORDS["reviewer"])
        assert r.status_code == 429 and "candour_session" not in c.cookies
        # the lock is the account's, not the address's: another account still logs in
        admin, csrf = session(server.url, "admin", PASSWORDS["admin"])
        log = admin.get("/access-log").text
        assert "log-in locked: account reviewer" in log and WRONG not in log
        users = admin.get("/users").text
        assert re.search(r"<td>account</td><td>reviewer</td>", users)
        r = admin.post("/users/unlock", data={"kind": "account", "subject": "reviewer"})
        assert r.status_code == 403  # no CSRF token: refused
        r = admin.post(
            "/users/unlock", data={"kind": "account", "subject": "reviewer", "csrf_token": csrf}
        )
        assert r.status_code == 303
        assert not re.search(r"<td>account</td><td>reviewer</td>", admin.get("/users").text)
        assert "log-in unlocked: account reviewer" in admin.get("/access-log").text
        admin.close()
        r = try_log_in(c, "reviewer", PASSWORDS["reviewer"])
        assert r.status_code == 303 and r.headers["location"] == "/"
    with Store(inquiry / DB_NAME, read_only=True) as store:  # no password kept anywhere
        for table in ("access_log", "ws_login_failures", "ws_lockouts"):
            for row in store.rows(f"SELECT * FROM {table}"):
                assert WRONG not in " ".join(map(str, row)), table


def test_an_address_is_locked_after_many_failures_and_the_cli_unlocks_it(
    inquiry: Path,
) -> None:
    with LiveServer(inquiry) as server, httpx.Client(base_url=server.url) as c:
        for n in range(accounts.MAX_ADDRESS_FAILURES - 1):
            r = try_log_in(c, f"guess{n}", WRONG)  # spraying: a different name each time
            assert r.status_code == 303, n
        r = try_log_in(c, "guess-last", WRONG)
        assert r.status_code == 429 and "from this address" in r.text
        r = try_log_in(c, "lead", PASSWORDS["lead"])  # a real account, from the same address
        assert r.status_code == 429
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "candour.cli",
            "user",
            "unlock",
            str(inquiry),
            "--address",
            "127.0.0.1",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "address 127.0.0.1: unlocked" in done.stdout
    with LiveServer(inquiry) as server, httpx.Client(base_url=server.url) as c:
        assert try_log_in(c, "lead", PASSWORDS["lead"]).status_code == 303
    with Store(inquiry / DB_NAME, read_only=True) as store:
        # names of no account are kept hashed: someone may type a password as a name
        kept = store.rows("SELECT username FROM access_log WHERE page LIKE 'log-in locked%'")
        assert kept and all(k.startswith("unknown-") for (k,) in kept)
        assert not store.rows("SELECT 1 FROM access_log WHERE page LIKE '%guess%'")


def test_a_lock_ends_after_its_cool_down(inquiry: Path) -> None:
    with Store(inquiry / DB_NAME) as store:
        for _ in range(accounts.MAX_ACCOUNT_FAILURES - 1):
            assert accounts.record_failure(store, "observer", "10.0.0.9") == []
        assert accounts.lockout(store, "observer", "10.0.0.1") is None
        started = accounts.record_failure(store, "observer", "10.0.0.9")
        assert [(k.kind, k.subject) for k in started] == [("account", "observer")]
        assert accounts.lockout(store, "observer", "10.0.0.1") is not None  # any address
        assert accounts.lockout(store, "lead", "10.0.0.9") is None  # the address is not locked
        # the cool-down passes
        store.execute("UPDATE ws_lockouts SET locked_until = locked_at")
        assert accounts.lockout(store, "observer", "10.0.0.9") is None
        # failures before the lock-out do not count again: one more failure locks nothing
        assert accounts.record_failure(store, "observer", "10.0.0.9") == []


def test_changing_my_password(inquiry: Path) -> None:
    old, new = PASSWORDS["reviewer"], "a brand new passphrase"
    with LiveServer(inquiry) as server:
        me, csrf = session(server.url, "reviewer", old)
        other, _ = session(server.url, "reviewer", old)  # the same user on another machine
        assert 'href="/account/password"' in me.get("/").text
        form = me.get("/account/password")
        assert form.status_code == 200 and 'name="current_password"' in form.text

        def change(current: str, first: str, second: str, token: str = csrf) -> str:
            r = me.post(
                "/account/password",
                data={
                    "current_password": current,
                    "new_password": first,
                    "new_password_again": second,
                    "csrf_token": token,
                },
            )
            if r.status_code != 303:
                return f"{r.status_code}"
            return me.get(r.headers["location"]).text

        assert change(old, new, new, token="forged") == "403"
        assert "current password is not right" in change(WRONG, new, new)
        assert "two new passwords differ" in change(old, new, new + "!")
        assert f"at least {accounts.MIN_PASSWORD} characters" in change(old, "short", "short")
        assert "same as the current one" in change(old, old, old)
        assert "Your password has been changed" in change(old, new, new)
        assert me.get("/queue").status_code == 200  # this session goes on
        r = other.get("/queue")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        with httpx.Client(base_url=server.url) as c:
            assert "error" in try_log_in(c, "reviewer", old).headers["location"]
            assert try_log_in(c, "reviewer", new).headers["location"] == "/"
        # a wrong current password counts as a failed log-in (a borrowed session cannot guess)
        for _ in range(accounts.MAX_ACCOUNT_FAILURES - 1):
            assert "not right" in change(WRONG, "another long one", "another long one")
        assert change(WRONG, "another long one", "another long one") == "429"
        me.close()
        other.close()
