"""The one place that finds things in a workbook: the header row, defined names, the metadata table.

Writer, reader and upgrade all find cells through these functions, whatever library produced the
rows: a row is a sequence of cell values (``row[0]`` is column A) numbered from 1. The rules:

- the theme header row is the first of the top ``HEADER_SEARCH_ROWS`` rows holding the ``Id`` and
  ``Svar`` headers; each header is matched trimmed and case-insensitively, its first occurrence wins;
- a defined name points at its first cell (``'Vejledning'!$B$12`` → ``('Vejledning', 12, 2)``);
- the metadata sheet is a key/value block (columns A and B), then a row equal to
  ``META_ITEMS_HEADER``, then one row per statement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from workbook.xlsx.layout import HEADER_SEARCH_ROWS, META_ITEMS_HEADER, THEME_COLUMNS

#: Rows as they come from a sheet: (1-based row number, values from column A).
Rows = Iterable[tuple[int, Sequence[object]]]

_HEADERS = {c.header.casefold(): c.key for c in THEME_COLUMNS}
_REFERENCE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)")


class MetaItem(NamedTuple):
    """A row of the metadata item table: where a statement was written (a tuple: made 48 times a file)."""

    sheet: str
    theme_id: str
    item_id: str
    number: str


@dataclass(frozen=True, slots=True)
class FormulaValue:
    """A formula cell whose file holds no usable value: never computed (other programs) or an error."""

    formula: str
    """The formula with its leading ``=``."""
    error: str | None = None
    """The cached error (``#NAME?``), or None when the file holds no computed value at all."""

    @property
    def typed_text(self) -> bool:
        """True when the formula is evidently text Excel took for a formula (``-ikke afklaret``)."""
        return self.formula[1:2] in ("-", "+")

    @property
    def text(self) -> str:
        """The text kept in its place: what was typed for typed text, else the formula verbatim."""
        return self.formula[1:] if self.typed_text else self.formula


def cell_text(value: object) -> str | None:
    """Return a cell value as trimmed text (None when empty); numbers without a trailing .0."""
    if value.__class__ is str:  # the common case first
        return value.strip() or None  # type: ignore[attr-defined]
    if value is None:
        return None
    if isinstance(value, FormulaValue):
        return value.text.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def header_columns(row: Sequence[object]) -> dict[str, int] | None:
    """Return column key → 1-based column if ``row`` is the theme header row (Id and Svar found)."""
    columns: dict[str, int] = {}
    for col, value in enumerate(row, start=1):
        if isinstance(value, str):
            key = _HEADERS.get(value.strip().casefold())
            if key and key not in columns:
                columns[key] = col
    return columns if "id" in columns and "answer" in columns else None


@dataclass(frozen=True)
class Table:
    """A theme sheet's statement table: the header row, its columns, and the rows below it."""

    header_row: int
    columns: dict[str, int]
    rows: Iterator[tuple[int, Sequence[object]]]


def find_table(rows: Rows) -> Table | None:
    """Find the header row among the first ``HEADER_SEARCH_ROWS`` of ``rows``; None if absent.

    ``rows`` is consumed up to the header; the returned ``Table.rows`` goes on below it.
    """
    rest = iter(rows)
    for number, row in rest:
        if number > HEADER_SEARCH_ROWS:
            return None
        columns = header_columns(row)
        if columns is not None:
            return Table(number, columns, rest)
    return None


def item_id(row: Sequence[object], columns: dict[str, int]) -> str | None:
    """Return the item id of a statement row (None when its id cell is empty)."""
    col = columns["id"]
    value = row[col - 1] if col <= len(row) else None
    return cell_text(value)


def reference_cell(reference: str) -> tuple[str, int, int] | None:
    """Return (sheet, row, column) of a defined name's first cell; None if it is not a cell."""
    match = _REFERENCE.match(reference.strip().lstrip("="))
    if match is None:
        return None
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
    col = 0
    for char in match[3].upper():
        col = col * 26 + ord(char) - 64
    return sheet, int(match[4]), col


def read_meta(rows: Iterable[Sequence[object]]) -> tuple[dict[str, str], list[MetaItem]]:
    """Return the metadata sheet's key/value block and its item table."""
    meta: dict[str, str] = {}
    items: list[MetaItem] = []
    in_items = False
    width = len(META_ITEMS_HEADER)
    for row in rows:
        cells = [cell_text(v) or "" for v in row[:width]]
        cells += [""] * (width - len(cells))
        if not in_items:
            if tuple(cells) == META_ITEMS_HEADER:
                in_items = True
            elif cells[0]:
                meta[cells[0]] = cells[1]
        elif any(cells):
            items.append(MetaItem(*cells))
    return meta, items


#: Where each key's column was written, 1-based (the metadata's layout, format version 1).
LAYOUT_COLUMNS = {c.key: i for i, c in enumerate(THEME_COLUMNS, start=1)}


@dataclass(frozen=True)
class ItemTable:
    """The statement rows of a sheet, found by the item ids they hold."""

    header_row: int
    """The header row (0 when there is none above the statements)."""
    columns: dict[str, int]
    guessed: dict[str, str]
    """Keys whose header was not found, placed by the layout: key → the text found in that header cell."""
    rows: list[tuple[int, Sequence[object]]]
    """The rows below the header, as read."""


def _id_column(rows: list[tuple[int, Sequence[object]]], ids: set[str]) -> tuple[int, int] | None:
    """Return (column, first row) of the column that holds the most of ``ids``; None when none does."""
    counts: dict[int, int] = {}
    first: dict[int, int] = {}
    for number, row in rows:
        for col, value in enumerate(row, start=1):
            if isinstance(value, str) and value.strip() in ids:
                counts[col] = counts.get(col, 0) + 1
                first.setdefault(col, number)
    if not counts:
        return None
    col = max(counts, key=lambda c: (counts[c], -c))
    return col, first[col]


def find_item_table(rows: list[tuple[int, Sequence[object]]], ids: set[str]) -> ItemTable | None:
    """Find the statement table of a sheet by the known item ``ids`` it holds; None if it holds none.

    The id column is the one holding the most known ids; the header row is the nearest row above its
    first id with a known header in it. Columns are found by header text; an input column whose
    header was edited is placed by the layout relative to the id column and listed in ``guessed``.
    """
    located = _id_column(rows, ids)
    if located is None:
        return None
    id_col, first_id_row = located
    header_row, columns = 0, {}
    for number, row in reversed([r for r in rows if first_id_row - HEADER_SEARCH_ROWS <= r[0] < first_id_row]):
        found = {}
        for col, value in enumerate(row, start=1):
            key = _HEADERS.get(value.strip().casefold()) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = col
        if found:
            header_row, columns = number, found
            break
    columns["id"] = id_col
    header = next((row for number, row in rows if number == header_row), ())
    guessed = {}
    for key, layout_col in LAYOUT_COLUMNS.items():
        col = id_col + layout_col - LAYOUT_COLUMNS["id"]
        if key in columns or col < 1 or col in columns.values():
            continue
        columns[key] = col
        text = header[col - 1] if col <= len(header) else None
        guessed[key] = cell_text(text) or ""
    below = [r for r in rows if r[0] > (header_row or first_id_row - 1)]
    return ItemTable(header_row, columns, guessed, below)
