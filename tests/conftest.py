"""Shared fixtures: the shipped catalog, the examples, and isolation from the user's files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolate(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its own empty working directory and home, never in the repo."""
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("cwd")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog, loaded once."""
    from workbook.content.load import load_catalog

    return load_catalog()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def no_log_records(caplog: pytest.LogCaptureFixture):
    """Fail the test if WeasyPrint (or anything) logs at WARNING or above."""
    caplog.set_level(logging.WARNING)
    yield caplog
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, "log records at warning or above: " + "; ".join(
        f"{r.name}: {r.getMessage()}" for r in bad
    )
