"""Read one filled self-assessment workbook back: answers by item id, respondent fields, problems.

The layout comes from ``layout`` and cells are found by ``locate`` only. Rows are found by the item
id in the hidden id column and columns by their header text, so sorted rows, moved columns and extra
columns read correctly. A file that cannot be used raises ``WorkbookFileError`` (one Danish line);
problems with single cells are collected as ``Problem`` warnings on the returned ``Response`` and the
rest of the file still counts. How one row's cells become an ``Answer`` is in ``fields``.
"""

from __future__ import annotations

import logging
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from workbook.content.model import Catalog
from workbook.errors import WorkbookFileError
from workbook.paths import shell_word
from workbook.xlsx import _openpyxl, locate
from workbook.xlsx import layout as L
from workbook.xlsx.fields import Answer, kept, read_answer
from workbook.xlsx.guard import MAX_CELLS, check_container, reason
from workbook.xlsx.locate import FormulaValue, MetaItem, cell_text

__all__ = ["Answer", "FormulaValue", "MetaItem", "Problem", "Response", "find_answer", "read_response"]

log = logging.getLogger(__name__)


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


_BROKEN = (InvalidFileException, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError,
           TypeError, IndexError, AttributeError, ParseError, EOFError, OSError, UnicodeError,
           zlib.error, struct.error, OverflowError)
_FORBIDDEN_XML = "filen indeholder forbudte XML-erklæringer og læses ikke"


def _opened(path: Path, label: str, job):
    """Run ``job(reader)`` on the opened workbook; every library failure becomes one Danish line."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    check_container(path, label)
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except DefusedXmlException:
        raise WorkbookFileError(f"{label}: {_FORBIDDEN_XML}") from None
    except _BROKEN as exc:
        raise WorkbookFileError(f"{label}: filen er beskadiget og kan ikke åbnes. Årsag: {reason(exc)}") from None
    try:
        return job(_Reader(wb, path, label))
    except WorkbookFileError:
        raise
    except DefusedXmlException:
        raise WorkbookFileError(f"{label}: {_FORBIDDEN_XML}") from None
    except _BROKEN as exc:
        raise WorkbookFileError(f"{label}: filen er beskadiget og kan ikke læses. Årsag: {reason(exc)}") from None
    finally:
        wb.close()


def read_response(path: Path, catalog: Catalog | None = None, *, label: str | None = None,
                  check_version: bool = True, keep_text: bool = False) -> Response:
    """Read the filled workbook at ``path``; raise ``WorkbookFileError`` when it cannot be used."""
    path = Path(path)
    label = label or str(path)
    return _opened(path, label, lambda reader: reader.read(catalog, check_version, keep_text))


def find_answer(path: Path) -> str | None:
    """Return where ``path`` holds an answer (``'Ark!D5'``) or None; ``WorkbookFileError`` if unreadable.

    Looks at the respondent fields (by defined name) and at every input column of every sheet with
    the theme header, on rows with an item id; needs no metadata, so a damaged copy is seen too.
    """
    path = Path(path)
    return _opened(path, path.name, lambda reader: reader.first_answer())


class _Reader:
    """Reads one opened (read-only) workbook; counts cells against ``MAX_CELLS``."""

    def __init__(self, wb, path: Path, label: str) -> None:
        self.wb = wb
        self.path = path
        self.label = label
        self.keep_text = False
        self.cells = 0
        self.problems: list[Problem] = []

    def fail(self, message: str) -> WorkbookFileError:
        return WorkbookFileError(f"{self.label}: {message}")

    def warn(self, message: str, sheet: str | None = None, cell: str | None = None,
             found: str | None = None, allowed: str | None = None, item: str | None = None,
             heading: str | None = None) -> None:
        self.problems.append(Problem(self.label, message, sheet, cell, found, allowed, heading, item))

    def sheet_rows(self, ws) -> Iterator[tuple[int, list[object]]]:
        """Iterate (row number, values) of a sheet, counting cells against ``MAX_CELLS``."""
        for row_number, values in _openpyxl.sheet_rows(ws):
            self.count(len(values) or 1)
            yield row_number, values

    def count(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise self.fail(f"filen har for mange celler (over {MAX_CELLS:,}) og læses ikke"
                            .replace(",", "."))

    def defined_cell(self, name: str) -> tuple[str, int, int] | None:
        defined = self.wb.defined_names.get(name)
        return None if defined is None else locate.reference_cell(defined.attr_text)

    # --- metadata ------------------------------------------------------------------------

    def read(self, catalog: Catalog | None, check_version: bool, keep_text: bool) -> Response:
        self.keep_text = keep_text
        if L.SHEET_META not in self.wb.sheetnames:
            raise self.fail(f"filen er ikke en selvevaluering fra workbook (arket '{L.SHEET_META}' "
                            "mangler). Brug det ark, der blev sendt ud")
        meta, items = locate.read_meta(row for _, row in self.sheet_rows(self.wb[L.SHEET_META]))
        self.check_meta(meta, items)
        if catalog is not None and check_version:
            self.check_catalog(meta, items, catalog)
        response = Response(self.path, self.label, meta, tuple(items))
        response.respondent = self.read_respondent()
        if keep_text and L.SHEET_GUIDE in self.wb.sheetnames:
            for _, row in self.sheet_rows(self.wb[L.SHEET_GUIDE]):
                if len(row) >= 2 and cell_text(row[0]) and cell_text(row[1]):
                    response.guide.setdefault(cell_text(row[0]), cell_text(row[1]))
        self.read_answers(response)
        response.problems = self.problems
        return response

    def check_meta(self, meta: dict[str, str], items: list[MetaItem]) -> None:
        if meta.get(L.MetaKey.FORMAT) != L.FORMAT_NAME:
            raise self.fail("filen er ikke en selvevaluering fra workbook (ukendt format i "
                            f"arket '{L.SHEET_META}')")
        text = meta.get(L.MetaKey.FORMAT_VERSION, "").strip()
        version = int(float(text)) if text.replace(".", "", 1).isdigit() else -1
        if version > L.FORMAT_VERSION:
            raise self.fail(f"filen er lavet med en nyere udgave af workbook (formatversion {version}); "
                            "opdatér værktøjet")
        if version < 1:
            raise self.fail(f"arket '{L.SHEET_META}' er beskadiget (formatversionen mangler)")
        rows = [(i.sheet, i.theme_id, i.item_id, i.number) for i in items]
        if not items or meta.get(L.MetaKey.CHECKSUM) != L.structure_checksum(rows):
            raise self.fail(f"arket '{L.SHEET_META}' er ændret eller beskadiget (kontrolsummen passer "
                            "ikke med udsagnene). Brug det ark, der blev sendt ud")

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

    def respondent_cells(self) -> dict[str, dict[tuple[int, int], str]]:
        """Return sheet → (row, column) → defined name of the respondent fields; warn for missing."""
        wanted: dict[str, dict[tuple[int, int], str]] = {}
        for name in L.RESPONDENT_FIELDS:
            target = self.defined_cell(name)
            if target is None:
                self.warn(f"feltet '{L.RESPONDENT_FIELDS[name]}' (navnet {name}) mangler i arket")
                continue
            sheet, row, col = target
            if sheet in self.wb.sheetnames:
                wanted.setdefault(sheet, {})[(row, col)] = name
        return wanted

    def respondent_values(self, wanted) -> Iterator[tuple[str, str, int, int, object]]:
        """Yield (name, sheet, row, column, value) of each respondent field (one pass per sheet)."""
        for sheet, cells in wanted.items():
            last = max(row for row, _ in cells)
            for row_number, values in self.sheet_rows(self.wb[sheet]):
                if row_number > last:
                    break
                for (row, col), name in cells.items():
                    if row == row_number and col <= len(values):
                        yield name, sheet, row, col, values[col - 1]

    def read_respondent(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, _, _, _, value in self.respondent_values(self.respondent_cells()):
            text = cell_text(value)
            if text:
                found[name] = text
        return found

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

    def table(self, ws) -> locate.Table | None:
        """Return the theme table of ``ws``; its rows are padded to the header's width and counted."""
        table = locate.find_table(self.sheet_rows(ws))
        if table is None:
            return None
        width = max(table.columns.values())

        def padded():
            for row_number, row in table.rows:
                if width > len(row):
                    self.count(width - len(row))  # count empty cells too: rows × columns read
                    row.extend((None,) * (width - len(row)))
                yield row_number, row

        return locate.Table(table.header_row, table.columns, padded())

    def read_sheet(self, ws, sheet: str, expected: dict[str, MetaItem], response: Response) -> None:
        """Read a theme sheet in one pass: find the header row, then every row below it by id."""
        table = self.table(ws)
        if table is None:
            self.warn(f"overskrifterne 'Id' og 'Svar' blev ikke fundet i arket; dets {len(expected)} "
                      "udsagn tælles som ubesvarede", sheet=sheet)
            return
        seen: set[str] = set()
        for row_number, row in table.rows:
            self.read_item_row(row, row_number, table.columns, sheet, expected, seen, response)
        for item_id, item in expected.items():
            if item_id not in seen:
                self.warn(f"udsagn {item.number} ({item_id}) mangler i arket; det tælles som ubesvaret",
                          sheet=sheet, item=item.number)

    def read_item_row(self, row: list, row_number: int, columns: dict[str, int], sheet: str,
                      expected: dict[str, MetaItem], seen: set[str], response: Response) -> None:
        id_col = columns["id"]
        item_id = locate.item_id(row, columns)
        if item_id is None:
            filled = [columns[k] for k in L.INPUT_KEYS if k in columns and cell_text(row[columns[k] - 1])]
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
        number = expected[item_id].number

        def warn(message: str, cell: str, **details: str) -> None:
            self.warn(message, sheet=sheet, cell=cell, item=number, **details)

        answer = read_answer(row, row_number, columns, warn)
        if not answer.empty:
            response.answers[item_id] = answer
        if self.keep_text:
            if "statement" in columns:
                response.statements[item_id] = cell_text(row[columns["statement"] - 1]) or ""
            raw = {k: kept(row[columns[k] - 1]) for k in L.INPUT_KEYS
                   if k in columns and cell_text(row[columns[k] - 1]) is not None}
            if raw:
                response.raw[item_id] = raw

    # --- an existing file about to be replaced --------------------------------------------

    def first_answer(self) -> str | None:
        """Return the first filled respondent field or input cell (``Ark!D5``), None if none."""
        wanted = {}
        for name in L.RESPONDENT_FIELDS:
            target = self.defined_cell(name)
            if target is not None and target[0] in self.wb.sheetnames:
                wanted.setdefault(target[0], {})[target[1:]] = name
        recognised = bool(wanted)
        for _, sheet, row, col, value in self.respondent_values(wanted):
            if cell_text(value):
                return f"{sheet}!{get_column_letter(col)}{row}"
        for ws in self.wb.worksheets:
            table = self.table(ws)
            if table is None:
                continue
            recognised = True
            inputs = [table.columns[k] for k in L.INPUT_KEYS if k in table.columns]
            for row_number, row in table.rows:
                if locate.item_id(row, table.columns) is None:
                    continue
                for col in inputs:
                    if cell_text(row[col - 1]):
                        return f"{ws.title}!{get_column_letter(col)}{row_number}"
        if not recognised:
            raise self.fail("ingen ark med svar-kolonner")
        return None
