"""Dated changes in the guide's legal annex: worded from the meeting date, and a warning when an
expected change's date lies before the meeting."""

from __future__ import annotations

import datetime as dt
import logging

from workbook.content.load import check_catalog
from workbook.guide.legal import _changes


def _reform_phase_two():
    catalog = check_catalog().catalog
    return next(a for t in catalog.legal_topics for a in t.answers if a.id == "beskaeftigelsesreform-03")


def test_expected_change_before_the_meeting_is_worded_as_unconfirmed_and_warned_about(caplog) -> None:
    answer = _reform_phase_two()
    with caplog.at_level(logging.WARNING, logger="workbook.guide.legal"):
        texts = _changes(answer, dt.date(2027, 2, 4))
    assert any("Var planlagt til at træde i kraft 1. januar 2027; det er ikke bekræftet" in t for t in texts)
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["juridisk svar 'beskaeftigelsesreform-03'"]


def test_expected_change_after_the_meeting_is_planned_and_not_warned_about(caplog) -> None:
    answer = _reform_phase_two()
    with caplog.at_level(logging.WARNING, logger="workbook.guide.legal"):
        texts = _changes(answer, dt.date(2026, 12, 10))
    assert any("Træder efter planen i kraft 1. januar 2027." in t for t in texts)
    assert caplog.records == []
