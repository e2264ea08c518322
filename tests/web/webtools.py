"""Helpers for the workspace tests: accounts, log-in, a live uvicorn server on loopback."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import uvicorn
from fastapi.testclient import TestClient

from candour.web import create_app
from candour.web.accounts import ROLES

PASSWORDS = {role: f"correct horse {role}" for role in ROLES}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def log_in(client: TestClient, role: str) -> str:
    """Log ``client`` in as the account named after ``role``; returns the CSRF token."""
    page = client.get("/login")
    token = CSRF.search(page.text)
    assert token is not None
    r = client.post(
        "/login",
        data={"username": role, "password": PASSWORDS[role], "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    home = client.get("/")
    csrf = CSRF.search(home.text)
    assert csrf is not None
    return csrf.group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving the workspace on a free loopback port, in a thread."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.app = create_app(out)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, access_log=False, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the workspace did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.app.state.ws.close()
