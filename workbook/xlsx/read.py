"""Read one filled self-assessment workbook back: answers by item id, respondent fields, problems.

The layout comes from ``xlsx_layout`` only. Rows are found by the item id in the hidden id column and
columns by their header text, so sorted rows, moved columns and extra columns read correctly. A file
that cannot be used raises ``WorkbookFileError`` (one Danish line); problems with single cells are
collected as ``Problem`` warnings on the returned ``Response`` and the rest of the file still counts.

Nothing a respondent wrote is dropped silently: a deadline that is not a date is kept as text with a
warning, and a formula in an input cell without a computed value (written by another program) or with
an error (``-ikke afklaret`` typed in Excel gives ``#NAME?``) is kept as its text with a warning.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    coordinate_to_tuple,
    get_column_letter,
)
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from workbook import danish
from workbook.content.model import Catalog
from workbook.errors import WorkbookFileError
from workbook.paths import shell_word
from workbook.xlsx import layout as L
from workbook.xlsx.guard import MAX_CELLS, check_container, reason

log = logging.getLogger(__name__)

SCALE_TEXT = ", ".join(L.SCALE)
PRIORITY_TEXT = ", ".join(L.PRIORITIES)


@dataclass(frozen=True)
class Problem:
    """A located problem in a file: what was found, where, and what is allowed."""

    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None
    found: str | None = None
    allowed: str | None = None
    heading: str | None = None
    """A short title for error reports (``Ugyldigt svar``); the message when None."""
    item: str | None = None
    """The statement's printed number (``2.3``), when the problem is in a statement's row."""

    @property
    def where(self) -> str:
        """``Forsikring!D7`` (or the sheet alone, or empty)."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def __str__(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        return f"{self.file}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Answer:
    """The input fields of one statement as one respondent filled them in (normalised)."""

    answer: str | None = None
    priority: str | None = None
    owner: str | None = None
    deadline: dt.date | str | None = None
    comment: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing was filled in."""
        return not any((self.answer, self.priority, self.owner, self.deadline, self.comment))


@dataclass(frozen=True)
class MetaItem:
    """A row of the metadata item table: where a statement was written."""

    sheet: str
    theme_id: str
    item_id: str
    number: str


@dataclass
class Response:
    """One filled workbook as read: its metadata, respondent, answers by item id and warnings."""

    path: Path
    label: str
    meta: dict[str, str]
    items: tuple[MetaItem, ...]
    respondent: dict[str, str] = field(default_factory=dict)
    """Respondent fields by defined name (``Respondent_navn`` ...), as text; missing ones absent."""
    answers: dict[str, Answer] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    """Statement text per item id as found in the sheet (only with ``keep_text=True``)."""
    raw: dict[str, dict[str, object]] = field(default_factory=dict)
    """The input cells exactly as found, item id → column key → value (only with ``keep_text=True``),
    so ``upgrade`` carries even values that are not on the scale."""
    guide: dict[str, str] = field(default_factory=dict)
    """Label → value pairs of the guide sheet's first two columns (only with ``keep_text=True``)."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The respondent's name ('' when not filled in)."""
        return self.respondent.get(L.NAME_RESPONDENT, "")

    @property
    def catalog_version(self) -> str:
        return self.meta.get(L.MetaKey.CATALOG_VERSION, "")

    @property
    def meeting_id(self) -> str:
        return self.meta.get(L.MetaKey.MEETING_ID, "")


@dataclass(frozen=True, slots=True)
class FormulaValue:
    """A formula cell whose file holds no usable value: never computed (other programs) or an error."""

    formula: str
    """The formula as openpyxl gives it, with its leading ``=``."""
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


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"


def _inline_text(element) -> str:
    """Return an inline string's plain text (its ``t`` and the ``t`` of its runs, not phonetic runs)."""
    parts = []
    plain = element.find(_TEXT_TAG)
    if plain is not None and plain.text:
        parts.append(plain.text)
    for run in element.iterfind(_RUN_TAG):
        text = run.findtext(_TEXT_TAG)
        if text:
            parts.append(text)
    return "".join(parts)


class _InputParser(WorkSheetParser):
    """openpyxl's sheet parser (values only) that keeps the formula of a cell with no usable value.

    With ``data_only=True`` openpyxl gives None for a formula never computed and the error text for
    one that failed; both would lose what the respondent wrote. Only cells without a value or with an
    error are looked at again, so ordinary cells cost nothing extra. Inline strings (what openpyxl
    writes) are read straight from the XML: the same text as openpyxl's ``Text.content`` without
    building its rich-text objects, which were most of the reading time.
    """

    def parse_cell(self, element):
        if element.get("t") == "inlineStr":
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            child = element.find(INLINE_STRING)
            value = None if child is None else _inline_text(child)
            return {"row": row, "column": column, "value": value, "data_type": "s"}
        cell = super().parse_cell(element)
        if cell["value"] is None or cell["data_type"] == "e":
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                text = self.parse_formula(element)
                text = str(getattr(text, "text", text) or "=")
                if text != "=":
                    cell["value"] = FormulaValue(text, cell["value"] if cell["data_type"] == "e" else None)
        return cell


_BROKEN = (InvalidFileException, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError,
           TypeError, IndexError, AttributeError, ParseError, EOFError, OSError, UnicodeError,
           zlib.error, struct.error, OverflowError)


def read_response(path: Path, catalog: Catalog | None = None, *, label: str | None = None,
                  check_version: bool = True, keep_text: bool = False) -> Response:
    """Read the filled workbook at ``path``; raise ``WorkbookFileError`` when it cannot be used."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    path = Path(path)
    label = label or str(path)
    check_container(path, label)
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except DefusedXmlException:
        raise WorkbookFileError(f"{label}: filen indeholder forbudte XML-erklæringer og læses ikke") from None
    except _BROKEN as exc:
        raise WorkbookFileError(f"{label}: filen er beskadiget og kan ikke åbnes. Årsag: {reason(exc)}") from None
    try:
        reader = _Reader(wb, path, label, keep_text)
        response = reader.read(catalog, check_version)
    except WorkbookFileError:
        raise
    except DefusedXmlException:
        raise WorkbookFileError(f"{label}: filen indeholder forbudte XML-erklæringer og læses ikke") from None
    except _BROKEN as exc:
        raise WorkbookFileError(f"{label}: filen er beskadiget og kan ikke læses. Årsag: {reason(exc)}") from None
    finally:
        wb.close()
    return response


def _text(value: object) -> str | None:
    """Return a cell value as trimmed text (None when empty); numbers without a trailing .0."""
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


def _kept(value: object) -> object:
    """Return a cell value as ``upgrade`` carries it: a formula without a value as its text."""
    return value.text if isinstance(value, FormulaValue) else value


#: How a deadline should be written (shown when a Frist is not a date).
DATE_EXAMPLE = danish.DATE_EXAMPLE
_DATE_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


def _deadline(value: object) -> dt.date | str | None:
    """Return a deadline as a date when it is one (cell date, ISO or dd-mm-åååå text), else the text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DATE_DMY.match(text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return text
    return text


class _Reader:
    """Reads one opened (read-only) workbook; counts cells against ``MAX_CELLS``."""

    def __init__(self, wb, path: Path, label: str, keep_text: bool) -> None:
        self.wb = wb
        self.path = path
        self.label = label
        self.keep_text = keep_text
        self.cells = 0
        self.problems: list[Problem] = []

    def fail(self, message: str) -> WorkbookFileError:
        return WorkbookFileError(f"{self.label}: {message}")

    def warn(self, message: str, sheet: str | None = None, cell: str | None = None,
             found: str | None = None, allowed: str | None = None, item: str | None = None,
             heading: str | None = None) -> None:
        self.problems.append(Problem(self.label, message, sheet, cell, found, allowed, heading, item))

    def sheet_rows(self, ws):
        """Iterate (row number, values) of a sheet; formulas without a value come as ``FormulaValue``.

        Like ``ws.iter_rows(values_only=True)`` but through ``_InputParser`` (openpyxl's own
        ``_read_only`` iterator does the same with its parser), and rows absent from the file are
        skipped, so a wrong ``<dimension>`` from another program cannot hide rows. Counts cells
        against ``MAX_CELLS``.
        """
        parent = ws.parent
        with ws._get_source() as source:
            parser = _InputParser(source, ws._shared_strings, data_only=True, epoch=parent.epoch,
                                  date_formats=parent._date_formats,
                                  timedelta_formats=parent._timedelta_formats)
            for row_number, cells in parser.parse():
                width = max((c["column"] for c in cells), default=0)
                self.cells += width or 1
                if self.cells > MAX_CELLS:
                    raise self.fail(f"filen har for mange celler (over {danish.number(MAX_CELLS)}) og "
                                    "læses ikke")
                values = [None] * width
                for c in cells:
                    values[c["column"] - 1] = c["value"]
                yield row_number, values

    # --- metadata ------------------------------------------------------------------------

    def read(self, catalog: Catalog | None, check_version: bool) -> Response:
        sheetnames = self.wb.sheetnames
        if L.SHEET_META not in sheetnames:
            raise self.fail(f"filen er ikke en selvevaluering fra workbook (arket '{L.SHEET_META}' "
                            "mangler). Brug det ark, der blev sendt ud")
        meta, items = self.read_meta(self.wb[L.SHEET_META])
        if meta.get(L.MetaKey.FORMAT) != L.FORMAT_NAME:
            raise self.fail("filen er ikke en selvevaluering fra workbook (ukendt format i "
                            f"arket '{L.SHEET_META}')")
        try:
            version = int(float(meta.get(L.MetaKey.FORMAT_VERSION, "")))
        except ValueError:
            version = -1
        if version > L.FORMAT_VERSION:
            raise self.fail(f"filen er lavet med en nyere udgave af workbook (formatversion {version}); "
                            "opdatér værktøjet")
        if version < 1:
            raise self.fail(f"arket '{L.SHEET_META}' er beskadiget (formatversionen mangler)")
        rows = [(i.sheet, i.theme_id, i.item_id, i.number) for i in items]
        if not items or meta.get(L.MetaKey.CHECKSUM) != L.structure_checksum(rows):
            raise self.fail(f"arket '{L.SHEET_META}' er ændret eller beskadiget (kontrolsummen passer "
                            "ikke med udsagnene). Brug det ark, der blev sendt ud")
        if catalog is not None and check_version:
            self.check_catalog(meta, items, catalog)
        response = Response(self.path, self.label, meta, tuple(items))
        response.respondent = self.read_respondent()
        if self.keep_text and L.SHEET_GUIDE in self.wb.sheetnames:
            for _, row in self.sheet_rows(self.wb[L.SHEET_GUIDE]):
                if len(row) >= 2 and _text(row[0]) and _text(row[1]):
                    response.guide.setdefault(_text(row[0]), _text(row[1]))
        self.read_answers(response)
        response.problems = self.problems
        return response

    def read_meta(self, ws) -> tuple[dict[str, str], list[MetaItem]]:
        meta: dict[str, str] = {}
        items: list[MetaItem] = []
        in_items = False
        width = len(L.META_ITEMS_HEADER)
        for _, row in self.sheet_rows(ws):
            cells = [_text(v) or "" for v in row[:width]]
            cells += [""] * (width - len(cells))
            if not in_items:
                if tuple(cells) == L.META_ITEMS_HEADER:
                    in_items = True
                elif cells[0]:
                    meta[cells[0]] = cells[1]
            elif any(cells):
                items.append(MetaItem(*cells))
        return meta, items

    def check_catalog(self, meta: dict[str, str], items: list[MetaItem], catalog: Catalog) -> None:
        have = meta.get(L.MetaKey.CATALOG_VERSION, "?")
        upgrade = f"Kør: workbook upgrade {shell_word(self.path)}"
        if have != catalog.version:
            raise self.fail(f"arket er lavet til katalogversion {have}, men det nuværende katalog er "
                            f"version {catalog.version}. {upgrade}")
        unknown = [i.item_id for i in items if catalog.get(i.item_id) is None]
        if unknown:
            raise self.fail(f"arket indeholder udsagn, der ikke findes i det nuværende katalog "
                            f"({', '.join(unknown[:3])}{' …' if len(unknown) > 3 else ''}). {upgrade}")

    # --- respondent ----------------------------------------------------------------------

    def read_respondent(self) -> dict[str, str]:
        wanted: dict[str, dict[tuple[int, int], str]] = {}
        for name in L.RESPONDENT_FIELDS:
            target = self._defined_cell(name)
            if target is None:
                self.warn(f"feltet '{L.RESPONDENT_FIELDS[name]}' (navnet {name}) mangler i arket")
                continue
            sheet, row, col = target
            if sheet in self.wb.sheetnames:
                wanted.setdefault(sheet, {})[(row, col)] = name
        found: dict[str, str] = {}
        for sheet, cells in wanted.items():  # one pass per sheet, stopping at the last wanted row
            last = max(row for row, _ in cells)
            for row_number, values in self.sheet_rows(self.wb[sheet]):
                if row_number > last:
                    break
                for (row, col), name in cells.items():
                    if row == row_number and col <= len(values):
                        text = _text(values[col - 1])
                        if text:
                            found[name] = text
        return found

    def _defined_cell(self, name: str) -> tuple[str, int, int] | None:
        defined = self.wb.defined_names.get(name)
        if defined is None:
            return None
        for sheet, ref in defined.destinations:
            ref = ref.replace("$", "").split(":")[0]
            column, row = coordinate_from_string(ref)
            return sheet, row, column_index_from_string(column)
        return None

    # --- answers -------------------------------------------------------------------------

    def read_answers(self, response: Response) -> None:
        by_sheet: dict[str, dict[str, MetaItem]] = {}
        for item in response.items:
            by_sheet.setdefault(item.sheet, {})[item.item_id] = item
        for sheet, expected in by_sheet.items():
            if sheet not in self.wb.sheetnames:
                self.warn(f"arket '{sheet}' mangler; dets {len(expected)} udsagn tælles som ubesvarede",
                          sheet=sheet)
                continue
            self.read_sheet(self.wb[sheet], sheet, expected, response)

    @staticmethod
    def header_columns(row: tuple) -> dict[str, int] | None:
        """Return column key → 1-based column if ``row`` is the theme header row (Id and Svar found)."""
        headers = {c.header.casefold(): c.key for c in L.THEME_COLUMNS}
        columns: dict[str, int] = {}
        for col, value in enumerate(row, start=1):
            if isinstance(value, str):
                key = headers.get(value.strip().casefold())
                if key and key not in columns:
                    columns[key] = col
        return columns if "id" in columns and "answer" in columns else None

    def read_sheet(self, ws, sheet: str, expected: dict[str, MetaItem], response: Response) -> None:
        """Read a theme sheet in one pass: find the header row, then every row below it by id."""
        columns: dict[str, int] | None = None
        width = 0
        seen: set[str] = set()
        for row_number, row in self.sheet_rows(ws):
            if columns is None:
                if row_number > L.HEADER_SEARCH_ROWS:
                    break
                columns = self.header_columns(row)
                if columns is not None:
                    width = max(columns.values())
                continue
            if width > len(row):
                self.cells += width - len(row)  # count empty cells too: rows × columns read
                row.extend((None,) * (width - len(row)))
            self.read_item_row(row, row_number, columns, sheet, expected, seen, response)
        if columns is None:
            self.warn(f"overskrifterne 'Id' og 'Svar' blev ikke fundet i arket; dets {len(expected)} "
                      "udsagn tælles som ubesvarede", sheet=sheet)
            return
        for item_id, item in expected.items():
            if item_id not in seen:
                self.warn(f"udsagn {item.number} ({item_id}) mangler i arket; det tælles som ubesvaret",
                          sheet=sheet, item=item.number)

    def read_item_row(self, row: tuple, row_number: int, columns: dict[str, int], sheet: str,
                      expected: dict[str, MetaItem], seen: set[str], response: Response) -> None:
        id_col = columns["id"]
        item_id = _text(row[id_col - 1])
        if item_id is None:
            filled = [columns[k] for k in L.INPUT_KEYS if k in columns and _text(row[columns[k] - 1])]
            if filled:
                self.warn("der er skrevet i en række uden id (en række, der er sat ind); "
                          "den er ikke talt med", sheet=sheet,
                          cell=f"{get_column_letter(filled[0])}{row_number}")
            return
        if item_id not in expected:
            self.warn(f"ukendt id '{item_id}' i arket; rækken er ikke talt med", sheet=sheet,
                      cell=f"{get_column_letter(id_col)}{row_number}", found=item_id)
            return
        if item_id in seen:
            self.warn(f"udsagn {expected[item_id].number} står to gange; kun den første række er "
                      "talt med", sheet=sheet, cell=f"{get_column_letter(id_col)}{row_number}")
            return
        seen.add(item_id)
        answer = self.read_row(row, row_number, columns, sheet, expected[item_id].number)
        if not answer.empty:
            response.answers[item_id] = answer
        if self.keep_text:
            if "statement" in columns:
                response.statements[item_id] = _text(row[columns["statement"] - 1]) or ""
            raw = {k: _kept(row[columns[k] - 1]) for k in L.INPUT_KEYS
                   if k in columns and _text(row[columns[k] - 1]) is not None}
            if raw:
                response.raw[item_id] = raw

    def read_row(self, row: list, row_number: int, columns: dict[str, int], sheet: str,
                 number: str) -> Answer:
        def cell(key: str) -> str:
            return f"{get_column_letter(columns[key])}{row_number}"

        def value(key: str) -> object:
            col = columns.get(key)
            found = row[col - 1] if col else None
            if isinstance(found, FormulaValue):
                self.warn_formula(found, key, sheet, cell(key), number)
                return None if key in ("answer", "priority") else found.text
            return found

        answer = priority = None
        raw = value("answer")
        try:
            answer = L.normalise_answer(raw)
        except ValueError as exc:
            self.warn(f"'{exc}' er ikke et gyldigt svar (gyldige svar: {SCALE_TEXT})", sheet=sheet,
                      cell=cell("answer"), found=str(exc), allowed=SCALE_TEXT, item=number,
                      heading="Ugyldigt svar")
        raw = value("priority")
        try:
            priority = L.normalise_priority(raw)
        except ValueError as exc:
            self.warn(f"'{exc}' er ikke en gyldig prioritet (gyldige: {PRIORITY_TEXT})", sheet=sheet,
                      cell=cell("priority"), found=str(exc), allowed=PRIORITY_TEXT, item=number,
                      heading="Ugyldig prioritet")
        owner = _text(value("owner"))
        typed = row[columns["deadline"] - 1] if "deadline" in columns else None
        deadline = _deadline(value("deadline"))
        if isinstance(deadline, str) and not isinstance(typed, FormulaValue):  # a formula is reported once
            self.warn(f"'{deadline}' er ikke en dato (skriv fx {DATE_EXAMPLE})", sheet=sheet,
                      cell=cell("deadline"), found=deadline, allowed=f"en dato, fx {DATE_EXAMPLE}",
                      item=number, heading="Frist er ikke en dato")
        comment = _text(value("comment"))
        return Answer(answer, priority, owner, deadline, comment)

    def warn_formula(self, found: FormulaValue, key: str, sheet: str, cell: str, number: str) -> None:
        """Report a formula cell without a usable value; say what was kept in its place."""
        if key in ("answer", "priority"):
            kept = "svaret er ikke talt med" if key == "answer" else "prioriteten er ikke talt med"
        else:
            kept = "teksten er bevaret" if found.typed_text else "formlen er bevaret som tekst"
        if found.typed_text and found.error:
            message = (f"'{found.text}' er læst som en formel og giver fejlen {found.error}; {kept}. "
                       "Skriv en apostrof (') foran tekst, der begynder med - eller +")
        elif found.error:
            message = f"formlen '{found.formula}' giver fejlen {found.error}; {kept}"
        else:
            message = (f"formlen '{found.formula}' har ingen beregnet værdi (filen er gemt af et andet "
                       f"program end Excel); {kept}")
        self.warn(message, sheet=sheet, cell=cell, found=found.formula, item=number,
                  heading="Formel med fejl" if found.error else "Formel uden beregnet værdi")
