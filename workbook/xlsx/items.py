"""Which row holds which statement: found by item id, checked against what the respondent saw.

A row's hidden id, its visible number (``1.3``) and its statement text normally agree. When the
visible columns were sorted without the hidden Id column (or without Nr. and Id) they do not, and
the respondent answered the statement they saw: the row is then read by its statement text (the
catalog's text for the workbook's items) or else its number (the metadata maps numbers to ids),
and the sheet gets one problem saying so. Copies of a sheet ("Roller og grænser (2)") are read like the
original; a statement answered differently in two places is a named problem and is not counted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from workbook.content.model import Catalog
from workbook.xlsx import layout as L
from workbook.xlsx.fields import Answer, kept, read_answer
from workbook.xlsx.locate import ItemTable, MetaItem, cell_text, item_id
from workbook.xlsx.texts import shorten

Warn = Callable[..., None]


@dataclass
class Found:
    """One statement row as read: the item it is, where, and what it holds."""

    item_id: str
    sheet: str
    row: int
    answer: Answer
    raw: dict[str, object] = field(default_factory=dict)

    @property
    def place(self) -> str:
        return f"'{self.sheet}' række {self.row}"


@dataclass
class SheetReading:
    """What reading one sheet's statement rows gave."""

    found: list[Found] = field(default_factory=list)
    resorted: int = 0
    """Rows read by their visible number because the hidden id disagreed with it."""


def _folded(text: str | None) -> str:
    """``text`` space-collapsed and case-folded, for comparing statements ('' for none)."""
    if not text:
        return ""
    return _folded_short(text) if len(text) <= _FOLD_CACHE_TEXT else _fold(text)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


#: Statements repeat in every file: their folded form is kept (short texts only, a bounded number).
_FOLD_CACHE_TEXT = 400
_folded_short = functools.lru_cache(maxsize=2048)(_fold)


def statement_index(catalog: Catalog | None, items: dict[str, MetaItem]) -> dict[str, str]:
    """Return folded statement text → item id for the workbook's items (texts shared by two left out)."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for key in items:
        text = _folded(getattr(catalog.get(key), "statement", None)) if catalog is not None else ""
        if text in index:
            shared.add(text)
        elif text:
            index[text] = key
    return {text: key for text, key in index.items() if text not in shared}


def _shown_item(row: Sequence[object], columns: dict[str, int], by_number: dict[str, str],
                by_text: dict[str, str], hidden: str | None) -> str | None:
    """Return the item the respondent saw in ``row``: its statement text first, then its number.

    The text is what was answered; the number decides when the text is not the catalog's (local
    content, another wording); the hidden id only when neither says anything.
    """
    text = _folded(cell_text(row[columns["statement"] - 1])) if "statement" in columns else ""
    said = by_text.get(text)
    if said is not None:
        return said
    number = cell_text(row[columns["number"] - 1]) if "number" in columns else None
    return by_number.get(number or "") or hidden


class SheetReader:
    """Reads the statement rows of one sheet's ``ItemTable`` into ``Found`` rows."""

    def __init__(self, sheet: str, table: ItemTable, items: dict[str, MetaItem],
                 by_text: dict[str, str], warn: Warn) -> None:
        self.sheet = sheet
        self.table = table
        self.items = items
        self.by_number = {item.number: item.item_id for item in items.values()}
        self.by_text = by_text
        """Folded statement text → item id (``statement_index``)."""
        self.warn = warn

    def read(self, keep_text: bool) -> SheetReading:
        reading = SheetReading()
        seen: set[str] = set()
        columns = self.table.columns
        for row_number, row in self.table.rows:
            hidden = item_id(row, columns)
            shown = _shown_item(row, columns, self.by_number, self.by_text, hidden)
            if shown is None:
                self._unplaced(row, row_number)
                continue
            if shown not in self.items:
                self.warn(f"ukendt id '{shorten(hidden or '')}' i arket; rækken er ikke talt med", sheet=self.sheet,
                          cell=self._cell("id", row_number), found=hidden)
                continue
            if shown in seen:
                self.warn(f"udsagn {self.items[shown].number} står to gange; kun den første række er "
                          "talt med", sheet=self.sheet, cell=self._cell("id", row_number))
                continue
            seen.add(shown)
            reading.resorted += shown != hidden
            reading.found.append(self._found(shown, row, row_number, keep_text))
        return reading

    def _cell(self, key: str, row_number: int) -> str:
        return f"{get_column_letter(self.table.columns[key])}{row_number}"

    def _unplaced(self, row: Sequence[object], row_number: int) -> None:
        columns = self.table.columns
        filled = [columns[k] for k in L.INPUT_KEYS
                  if k in columns and columns[k] <= len(row) and cell_text(row[columns[k] - 1])]
        if filled:
            self.warn("der er skrevet i en række uden id (en række, der er sat ind); den er ikke talt med",
                      sheet=self.sheet, cell=f"{get_column_letter(filled[0])}{row_number}")

    def _found(self, item: str, row: Sequence[object], row_number: int, keep_text: bool) -> Found:
        columns = self.table.columns
        number = self.items[item].number

        def warn(message: str, cell: str, **details: str) -> None:
            self.warn(message, sheet=self.sheet, cell=cell, item=number, **details)

        statement = cell_text(row[columns["statement"] - 1]) if "statement" in columns else None
        answer = read_answer(row, row_number, columns, warn, statement or "")
        raw = {}
        if keep_text:
            raw = {k: kept(row[columns[k] - 1]) for k in L.INPUT_KEYS
                   if k in columns and cell_text(row[columns[k] - 1]) is not None}
        return Found(item, self.sheet, row_number, answer, raw)


def merge(readings: list[Found], items: dict[str, MetaItem], warn: Warn) -> dict[str, Found]:
    """Return the row that counts per item: the answered one; copies that disagree count for none."""
    chosen: dict[str, Found] = {}
    conflicted: set[str] = set()
    for found in readings:
        first = chosen.get(found.item_id)
        if found.item_id in conflicted:
            continue
        if first is None or (first.answer.empty and not found.answer.empty):
            chosen[found.item_id] = found
            continue
        if found.answer.empty or found.answer == first.answer:
            continue
        number = items[found.item_id].number
        warn(f"udsagn {number} er besvaret forskelligt i {first.place} og {found.place} (et kopieret "
             "ark?); det er ikke talt med. Slet kopien, eller ret svarene, så de er ens",
             sheet=found.sheet, item=number, heading="Kopieret ark med andre svar")
        conflicted.add(found.item_id)
        chosen[found.item_id] = Found(found.item_id, first.sheet, first.row,
                                      Answer(statement=first.answer.statement), first.raw)
    return chosen
