"""Dated facts in the law, worded from the reader's date (the meeting date).

A change is stored with its date and status (adopted or expected); the sentence depends on whether
that date lies before or after the meeting: "trådte i kraft 1. februar 2026" or "træder i kraft
1. juli 2026"; an expected change reads "træder efter planen i kraft ..." and, once its date has
passed without the content saying what happened, "var planlagt til ... (ikke bekræftet)".
"""

from __future__ import annotations

import datetime as dt

from workbook.content.model import Change, ChangeStatus
from workbook.danish import date as _danish_date


def overdue(change: Change, on: dt.date) -> bool:
    """True when an expected change's date lies before ``on``: the content must say what happened."""
    return change.status is ChangeStatus.FORVENTET and change.date < on


def describe_change(change: Change, on: dt.date) -> str:
    """``change`` as a sentence read on ``on``: its text and when it took or takes effect."""
    when = _danish_date(change.date)
    text = change.text.rstrip(".")
    if change.status is ChangeStatus.VEDTAGET:
        verb = "Trådte i kraft" if change.date <= on else "Træder i kraft"
    elif change.date >= on:
        verb = "Træder efter planen i kraft"
    else:
        return f"{text}. Var planlagt til at træde i kraft {when}; det er ikke bekræftet, at det er sket."
    return f"{text}. {verb} {when}."
