"""One statement row's input cells as an ``Answer``: normalised, and every doubt a located problem.

Nothing a respondent wrote is dropped silently: a deadline that is not a date is kept as text with a
warning, and a formula in an input cell without a computed value (written by another program) or with
an error (``-ikke afklaret`` typed in Excel gives ``#NAME?``) is kept as its text with a warning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from workbook import danish
from workbook.xlsx import layout as L
from workbook.xlsx.locate import FormulaValue, cell_text
from workbook.xlsx.texts import shorten

SCALE_TEXT = ", ".join(L.SCALE)
PRIORITY_TEXT = ", ".join(L.PRIORITIES)
#: How a deadline should be written (shown when a Frist is not a date).
DATE_EXAMPLE = danish.DATE_EXAMPLE
_DATE_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


@dataclass(frozen=True, slots=True)
class Answer:
    """The input fields of one statement as one respondent filled them in (normalised)."""

    answer: str | None = None
    priority: str | None = None
    owner: str | None = None
    deadline: dt.date | str | None = None
    comment: str | None = None
    statement: str = field(default="", compare=False)
    """The statement text in the row, as the respondent saw it (not part of equality)."""

    @property
    def empty(self) -> bool:
        """True when nothing was filled in."""
        return not any((self.answer, self.priority, self.owner, self.deadline, self.comment))


def kept(value: object) -> object:
    """Return a cell value as ``upgrade`` carries it: a formula without a value as its text."""
    return value.text if isinstance(value, FormulaValue) else value


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, day)
    return None


def iso_date(text: str) -> dt.date | None:
    """Return the date written ``2027-03-15`` in ``text``, None when it is not one."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    return _valid_date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else None


def parse_deadline(value: object) -> dt.date | str | None:
    """Return a deadline as a date when it is one (cell date, ISO or dd-mm-åååå text), else the text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if text is None:
        return None
    iso = iso_date(text)
    if iso is not None:
        return iso
    match = _DATE_DMY.match(text)
    if match:
        return _valid_date(int(match[3]), int(match[2]), int(match[1])) or text
    return text


#: How the row reader reports a problem: (message, cell, found, allowed, heading).
Warn = Callable[..., None]


def read_answer(row: Sequence[object], row_number: int, columns: dict[str, int], warn: Warn,
                statement: str = "") -> Answer:
    """Return the ``Answer`` in ``row`` (``statement``: the text shown beside it); report doubtful
    cells through ``warn(message, cell, ...)``."""

    def cell(key: str) -> str:
        return f"{get_column_letter(columns[key])}{row_number}"

    def value(key: str) -> object:
        col = columns.get(key)
        found = row[col - 1] if col and col <= len(row) else None
        if isinstance(found, FormulaValue):
            _warn_formula(found, key, cell(key), warn)
            return None if key in ("answer", "priority") else found.text
        return found

    answer, other = L.match_option(value("answer"), L.SCALE)
    if other is not None:
        warn(f"'{shorten(other)}' er ikke et gyldigt svar (gyldige svar: {SCALE_TEXT})", cell("answer"),
             found=other, allowed=SCALE_TEXT, heading="Ugyldigt svar")
    priority, other = L.match_option(value("priority"), L.PRIORITIES)
    if other is not None:
        warn(f"'{shorten(other)}' er ikke en gyldig prioritet (gyldige: {PRIORITY_TEXT})", cell("priority"),
             found=other, allowed=PRIORITY_TEXT, heading="Ugyldig prioritet")
    owner = cell_text(value("owner"))
    typed = row[columns["deadline"] - 1] if "deadline" in columns and columns["deadline"] <= len(row) else None
    deadline = parse_deadline(value("deadline"))
    if isinstance(deadline, str) and not isinstance(typed, FormulaValue):  # a formula is reported once
        warn(f"'{shorten(deadline)}' er ikke en dato (skriv fx {DATE_EXAMPLE})", cell("deadline"),
             found=deadline, allowed=f"en dato, fx {DATE_EXAMPLE}", heading="Frist er ikke en dato")
    comment = cell_text(value("comment"))
    return Answer(answer, priority, owner, deadline, comment, statement)


def _warn_formula(found: FormulaValue, key: str, cell: str, warn: Warn) -> None:
    """Report a formula cell without a usable value; say what was kept in its place."""
    if key in ("answer", "priority"):
        kept_text = "svaret er ikke talt med" if key == "answer" else "prioriteten er ikke talt med"
    else:
        kept_text = "teksten er bevaret" if found.typed_text else "formlen er bevaret som tekst"
    if found.typed_text and found.error:
        message = (f"'{shorten(found.text)}' er læst som en formel og giver fejlen {found.error}; {kept_text}. "
                   "Skriv en apostrof (') foran tekst, der begynder med - eller +")
    elif found.error:
        message = f"formlen '{shorten(found.formula)}' giver fejlen {found.error}; {kept_text}"
    else:
        message = (f"formlen '{shorten(found.formula)}' har ingen beregnet værdi (filen er gemt af et andet "
                   f"program end Excel); {kept_text}")
    warn(message, cell, found=found.formula,
         heading="Formel med fejl" if found.error else "Formel uden beregnet værdi")
