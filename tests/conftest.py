"""Shared fixtures: the shipped and the test catalog, the test meetings, filled workbooks, isolation.

The one test catalog is ``tests/data/catalog/good``: small, stable, independent of the shipped
content. Load it with the ``test_catalog`` fixture (``xlsx_fixtures.make_catalog`` gives it as another
version with other item ids); point the CLI at a copy with ``test_catalog_dir``. The catalogs under
``tests/data/catalog/`` besides ``good`` exist to hold errors or overlays on top of it.

What the tests rely on in it: five themes (frivillige and partnerskaber, then alfa, beta and gamma);
frivillige's four statements open the catalog; text that looks like a formula (=, +, -, @) and a
very long statement (alfa); rubrics, one with "=" after the label (beta, partnerskaber); a statement linked
to a decision (partnerskaber-t2); a theme with ten questions (gamma); certainty ``uklar``
(udbud-01); a change with ``status: vedtaget`` (tavshed-02); a long source address
(kilde-strategi); a glossary term starting with Æ. Its texts meet the LIX goals: it loads with no
warning. After changing it, regenerate ``tests/data/xlsx`` (``make_corpus.py``).

The two test meetings on it: ``meeting`` (``tests/data/temamoede.yaml``, the council, beta, alfa and
gamma, with a municipality and a title that look like formulas) and ``udvalgsmoede``
(``tests/data/udvalgsmoede.yaml``, a committee, alfa and beta, a logo). ``fill`` writes filled
workbooks of the test catalog and makes the report from them.

Package conftests hold only what one package uses: ``tests/pack`` builds the examples once,
``tests/render`` writes a user's templates folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest
from xlsx_fixtures import TEST_CATALOG, load_test_catalog, write_filled

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
#: A legal answer's ``reviewed:`` date in the catalog's YAML (what precedes it is group 1).
REVIEWED = re.compile(r"(?m)^(\s+reviewed: )\d{4}-\d{2}-\d{2}$")
#: The day the report tests make their reports on (after the test meeting's date).
REPORT_TODAY = dt.date(2027, 2, 1)


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


class Filler:
    """``fill(path, answers, name, role="")`` writes a workbook of the test catalog, filled in.

    ``answers`` maps an index in ``ids`` (every statement of the catalog, in order) to an answer or
    to {column key: value}. ``report`` makes the report of such files; ``catalog``, ``ids`` and
    ``today`` are what both use.
    """

    today = REPORT_TODAY

    def __init__(self, catalog) -> None:
        self.catalog = catalog
        self.ids = [i.id for t in catalog.themes for i in t.checklist]

    def __call__(self, path: Path, answers: dict[int, dict[str, object] | str], name: str, role: str = "") -> Path:
        fields = {self.ids[k]: (v if isinstance(v, dict) else {"answer": v}) for k, v in answers.items()}
        respondent = {"Respondent_navn": name}
        if role:
            respondent["Respondent_rolle"] = role
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_filled(path, self.catalog, fields, respondent)

    def report(self, inputs: list[Path], out: Path, **options: object):
        """``make_report`` with the test catalog and date, without the PDF unless ``pdf=True``."""
        from workbook.report.make import make_report

        options.setdefault("pdf", False)
        options.setdefault("catalog", self.catalog)
        return make_report(inputs, out_dir=out, today=self.today, **options)


@pytest.fixture
def fill(test_catalog) -> Filler:
    """Write filled workbooks of the test catalog and make the report from them (see ``Filler``)."""
    return Filler(test_catalog)
