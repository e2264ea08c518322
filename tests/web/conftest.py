"""Fixtures for the workspace tests: a built inquiry, accounts, a test client, a live server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from inquiry_fixture import build_inquiry
from webtools import PASSWORDS, LiveServer

from candour.store import DB_NAME, Store
from candour.web import create_app
from candour.web.accounts import ROLES, add_user


@pytest.fixture(scope="session")
def built_inquiry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One inquiry with every stage table and one account per role (copied per test)."""
    out = build_inquiry(tmp_path_factory.mktemp("inquiry") / "out")
    with Store(out / DB_NAME) as store:
        for role in ROLES:
            add_user(store, role, role, PASSWORDS[role])
    return out


@pytest.fixture
def inquiry(built_inquiry: Path, tmp_path: Path) -> Path:
    """A private copy of the built inquiry for one test."""
    out = tmp_path / "out"
    shutil.copytree(built_inquiry, out)
    return out


@pytest.fixture
def client(inquiry: Path) -> Iterator[TestClient]:
    app = create_app(inquiry)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def live(inquiry: Path) -> Iterator[LiveServer]:
    with LiveServer(inquiry) as server:
        yield server
