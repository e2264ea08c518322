"""Fixtures for the report tests: the hand-built inquiry of tests/web/inquiry_fixture.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))

from inquiry_fixture import build_inquiry  # noqa: E402


@pytest.fixture(scope="session")
def full_inquiry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every stage table present."""
    return build_inquiry(tmp_path_factory.mktemp("report") / "out")


@pytest.fixture
def bare_inquiry(tmp_path: Path) -> Path:
    """Only the ingested contract tables: no stage has run."""
    return build_inquiry(tmp_path / "bare", stages=())
