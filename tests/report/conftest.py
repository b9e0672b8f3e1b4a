"""Fixtures for the report tests: the test catalog and a quick way to write filled workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from xlsx_fixtures import make_catalog, write_filled

CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]
TODAY = dt.date(2027, 2, 1)


class Filler:
    """``fill(path, answers_by_index, name, role="")`` writes a filled workbook; ``catalog``, ``ids``, ``today``."""

    catalog = CATALOG
    ids = IDS
    today = TODAY

    def __call__(self, path: Path, answers: dict[int, dict[str, object] | str], name: str, role: str = "") -> Path:
        fields = {IDS[k]: (v if isinstance(v, dict) else {"answer": v}) for k, v in answers.items()}
        respondent = {"Respondent_navn": name}
        if role:
            respondent["Respondent_rolle"] = role
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_filled(path, CATALOG, fields, respondent)

    def report(self, inputs: list[Path], out: Path, **options: object):
        """``make_report`` with the test catalog and date, without the PDF unless ``pdf=True``."""
        from workbook.report.make import make_report

        options.setdefault("pdf", False)
        options.setdefault("catalog", CATALOG)
        return make_report(inputs, out_dir=out, today=TODAY, **options)


@pytest.fixture
def fill() -> Filler:
    return Filler()
