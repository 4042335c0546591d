"""Shared fixtures: a private store per test and the bundled library."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import clock
from workbench.library import Library, load_library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library([ROOT / "cases"])


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "store"
    d.mkdir()
    monkeypatch.setenv("WORKBENCH_STORE", str(d))
    monkeypatch.delenv("WORKBENCH_CASES", raising=False)
    return d


@pytest.fixture(autouse=True)
def _reset_clock():
    clock.reset()
    yield
    clock.reset()
