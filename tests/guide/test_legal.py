"""Dated changes in the guide's legal annex, worded from the meeting date (the warning about an
expected change whose date has passed is content's, see tests/content/test_rules.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from workbook.content.load import check_catalog
from workbook.content.model import Change, ChangeStatus
from workbook.guide.legal import _changes


def _reform_phase_two():
    """The reform's phase-two answer with an expected change on 1.1.2027 (the shipped content words
    the second phase in its text, since it cannot say yet whether it was adopted)."""
    catalog = check_catalog().catalog
    answer = next(a for t in catalog.legal_topics for a in t.answers if a.id == "beskaeftigelsesreform-03")
    expected = Change("Anden fase af beskæftigelsesreformen", dt.date(2027, 1, 1), ChangeStatus.FORVENTET)
    return dataclasses.replace(answer, changes=(*answer.changes, expected))


def test_expected_change_before_the_meeting_is_worded_as_unconfirmed() -> None:
    texts = _changes(_reform_phase_two(), dt.date(2027, 2, 4))
    assert any("Var planlagt til at træde i kraft 1. januar 2027; det er ikke bekræftet" in t for t in texts)


def test_expected_change_after_the_meeting_is_worded_as_planned() -> None:
    texts = _changes(_reform_phase_two(), dt.date(2026, 12, 10))
    assert any("Træder efter planen i kraft 1. januar 2027." in t for t in texts)
