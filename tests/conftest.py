"""Shared fixtures: the shipped and the test catalog, the examples, and isolation from the user's files.

The one test catalog is ``tests/data/catalog/good``: small, stable, independent of the shipped
content. Load it with the ``test_catalog`` fixture; point the CLI at it with ``test_catalog_dir``.
The catalogs under ``tests/data/catalog/`` besides ``good`` exist to hold errors or overlays.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest
from xlsx_fixtures import TEST_CATALOG, load_test_catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
#: A legal answer's ``reviewed:`` date in the catalog's YAML (what precedes it is group 1).
REVIEWED = re.compile(r"(?m)^(\s+reviewed: )\d{4}-\d{2}-\d{2}$")


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


@pytest.fixture(scope="session")
def test_catalog():
    """The test catalog (``tests/data/catalog/good``), checked on ``TEST_TODAY``, loaded once."""
    return load_test_catalog()


@pytest.fixture(scope="session")
def meeting(test_catalog):
    """The council's theme meeting on the test catalog (``tests/data/temamoede.yaml``): beta, alfa, gamma."""
    from workbook.meeting.load import load_meeting

    return load_meeting(DATA / "temamoede.yaml", test_catalog)


@pytest.fixture(scope="session")
def udvalgsmoede(test_catalog):
    """A committee's meeting on the test catalog (``tests/data/udvalgsmoede.yaml``): alfa and beta, a logo."""
    from workbook.meeting.load import load_meeting

    return load_meeting(DATA / "udvalgsmoede.yaml", test_catalog)


@pytest.fixture
def test_catalog_dir(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI at a copy of the test catalog, with every review date a month ago.

    The CLI checks against today's date, so the copy's review date is moved relative to today
    (the shipped content is being written by others and must not decide these tests). This is the
    one place that replaces the shipped catalog folder: the CLI has no option for it.
    """
    from workbook.content import load as catalog_module

    target = Path("katalog").resolve()
    shutil.copytree(TEST_CATALOG, target)
    recent = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(REVIEWED.sub(rf"\g<1>{recent}", text), encoding="utf-8")
    monkeypatch.setattr(catalog_module, "DATA_DIR", target)
    return target


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
