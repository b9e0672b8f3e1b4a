"""Stand-in for ``workbook.danish`` (helper core) until it lands on main: the same names and results.

Remove this module and import ``workbook.danish`` when merging main (INTERFACES.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from workbook.render.engine import format_date

_WORDS = ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv")


def date_long(day: dt.date) -> str:
    return format_date(day)


def date_short(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def date_text(text: str) -> str:
    try:
        return date_long(dt.date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{Decimal(str(share * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %"


def count_word(count: int, singular: str, plural: str, neuter: bool = False) -> str:
    noun = singular if count == 1 else plural
    if count == 1:
        return f"{'ét' if neuter else 'én'} {noun}"
    return f"{_WORDS[count]} {noun}" if 0 <= count < len(_WORDS) else f"{count} {noun}"
