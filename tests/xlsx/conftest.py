"""Fixtures of the xlsx tests: the small test catalog (tests/data/xlsx-catalog) and its meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.content.load import check_catalog
from workbook.content.model import Catalog
from workbook.meeting.load import load_meeting

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def test_catalog() -> Catalog:
    return check_catalog(data_dir=DATA / "xlsx-catalog", today=TODAY).catalog


@pytest.fixture(scope="module")
def meeting(test_catalog):
    return load_meeting(DATA / "xlsx-moede.yaml", test_catalog)
