"""Every Danish format of the tool: dates, times, durations, numbers, percentages, sizes, number words.

CLDR (through Babel) knows the Danish month and weekday names, the date patterns and the decimal
comma; our own rules stand where Danish usage in these documents needs something else:

- clock times are written ``16:30``, as the meeting file is written and the guide prints them;
- percentages are rounded half up (``0.625`` -> ``63 %``), as Excel rounds its ``0%`` format, so a
  report and its workbook never differ by one; CLDR would round half to even;
- number words follow Danish style: one to twelve in words, ``én`` and ``ét`` with the accent when
  it is the number one.

Babel is imported on first use, so a module importing this one stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "da_DK"

#: The one short date style, as Excel number format (the cells show what ``date_short`` prints).
EXCEL_DATE_FORMAT = "dd.mm.yyyy"

#: The example date in every prompt and message that asks for a date.
DATE_EXAMPLE = "15.03.2027"

#: The sign printed where a figure has no value.
NO_VALUE = "–"

_WORDS = ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv")


def date(day: dt.date, weekday: bool = False) -> str:
    """Return ``15. marts 2027`` or, with ``weekday``, ``mandag den 15. marts 2027``."""
    from babel.dates import format_date

    return format_date(day, "full" if weekday else "long", locale=LOCALE)


def date_short(day: dt.date) -> str:
    """Return the one short date style, ``15.03.2027`` (Excel: ``EXCEL_DATE_FORMAT``)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def date_text(text: str) -> str:
    """Return an ISO date text (``2027-03-15``) as ``15. marts 2027``; other text unchanged."""
    try:
        return date(dt.date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})")
_WORDED_DATE = re.compile(r"(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})")


@functools.cache
def _month_numbers() -> dict[str, int]:
    from babel import Locale

    months = Locale.parse(LOCALE).months["format"]
    return {name.casefold().rstrip("."): number
            for width in ("wide", "abbreviated") for number, name in months[width].items()}


def parse_date(text: str) -> dt.date | None:
    """Return the date ``text`` means, or None: ``2027-05-12``, ``12.05.2027``, ``12-5-2027``, ``12. maj 2027``."""
    text = text.strip().casefold()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if match := _NUMERIC_DATE.fullmatch(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORDED_DATE.fullmatch(text)) and match[2] in _month_numbers():
        day, month, year = int(match[1]), _month_numbers()[match[2]], int(match[3])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def time(clock: dt.time | dt.datetime) -> str:
    """Return a clock time, ``16:30`` (the style of the meeting file and the guide)."""
    return f"{clock.hour:02d}:{clock.minute:02d}"


def time_span(start: dt.time | dt.datetime, end: dt.time | dt.datetime) -> str:
    """Return ``16:05–16:25``."""
    return f"{time(start)}–{time(end)}"


def minutes(count: int) -> str:
    """Return minutes in words for running text: ``75`` -> ``1 time og 15 minutter``."""
    hours, rest = divmod(count, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {'time' if hours == 1 else 'timer'}")
    if rest or not hours:
        parts.append(f"{rest} {'minut' if rest == 1 else 'minutter'}")
    return " og ".join(parts)


def _half_up(value: float | Decimal, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """Return a number the Danish way: ``1.234,5``; ``decimals`` fixes the decimals (half up).

    Without ``decimals`` the number keeps the decimals it has (``0.5`` -> ``0,5``, ``2.0`` -> ``2``).
    """
    from babel.numbers import format_decimal

    if decimals is None:
        return format_decimal(value, format="#,##0.###", locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_half_up(value, decimals), format=pattern, locale=LOCALE)


def percent(share: float | None) -> str:
    """Return a share as a whole percentage, rounded half up: ``0.625`` -> ``63 %``; None -> ``–``."""
    if share is None:
        return NO_VALUE
    return f"{number(_half_up(share * 100, 0), 0)} %"


def size(count: int) -> str:
    """Return a file size: ``812 byte``, ``3,4 kB``, ``34 kB``, ``1,2 MB`` (1 kB = 1024 byte)."""
    if count < 1024:
        return f"{count} byte"
    if count < 1024 * 1024:
        kb = count / 1024
        return f"{number(kb, 1 if kb < 10 else 0)} kB"
    return f"{number(count / (1024 * 1024), 1)} MB"


def seconds(value: float) -> str:
    """Return a duration in seconds with one decimal: ``1,2 s``."""
    return f"{number(value, 1)} s"


def count_word(count: int, singular: str, plural: str, neuter: bool = False) -> str:
    """Return a count with its noun: ``to temaer``, ``én ting``, ``ét tema``, ``14 temaer``.

    One to twelve are written in words; ``neuter`` gives ``ét`` for nouns that take ``et``.
    """
    noun = singular if count == 1 else plural
    if count == 1:
        return f"{'ét' if neuter else 'én'} {noun}"
    if 0 <= count < len(_WORDS):
        return f"{_WORDS[count]} {noun}"
    return f"{number(count)} {noun}"
