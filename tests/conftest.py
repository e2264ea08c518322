"""Shared fixtures: one small generated inquiry and its `candour run` outputs per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL = {"forces": 2, "years": 2, "scale": 0.05, "seed": 11}


@pytest.fixture(scope="session")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic bundle with truth/ (seed 11; no rule is tuned to it)."""
    from candour.generate import generate

    out = tmp_path_factory.mktemp("bundle") / "bundle"
    generate(out, **SMALL)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="session")
def small_run(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`candour run` on the small bundle: the output folder."""
    from candour.run import run

    out = tmp_path_factory.mktemp("run")
    run(small_bundle, out)
    return out
