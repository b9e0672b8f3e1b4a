"""Read one filled self-assessment workbook back: answers by item id, respondent fields, problems.

The pipeline: ``guard`` checks the container, ``package`` scans every sheet's XML, ``cells`` reads
the values with calamine, ``locate`` finds the metadata, the respondent fields and each sheet's
statement table by the item ids (in any sheet, whatever its name or place, but the tool's own
overview and lists), ``items`` decides which row is which statement (what the respondent saw) and
``fields`` turns a row into an ``Answer``. A file that cannot be used raises ``WorkbookFileError``
(one Danish line); problems with single cells are ``CellProblem`` warnings on the returned
``Response`` (``response.py``) and the rest of the file still counts.
"""

from __future__ import annotations

import logging
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import get_column_letter

from workbook import danish
from workbook.content.model import Catalog
from workbook.errors import WorkbookFileError
from workbook.paths import shell_word
from workbook.xlsx import layout as L
from workbook.xlsx import locate
from workbook.xlsx.cells import CALAMINE_ERRORS, CellSource
from workbook.xlsx.fields import Answer
from workbook.xlsx.guard import open_checked, reason, refused
from workbook.xlsx.items import Found, SheetReader, merge, statement_index
from workbook.xlsx.locate import FormulaValue, MetaItem, cell_text
from workbook.xlsx.response import CellProblem, Problem, Response, cell_problem
from workbook.xlsx.texts import shorten

__all__ = ["Answer", "CellProblem", "FormulaValue", "MetaItem", "Problem", "Response", "find_answer",
           "read_response"]

log = logging.getLogger(__name__)


#: The tool's own sheets that hold no answers (formulas over the answers, the lists behind the
#: choices): not searched for statements, so not scanned or read either. Answers typed there do
#: not count; a theme sheet is never called so (the names are taken).
NO_ANSWERS = frozenset({L.SHEET_OVERVIEW, L.SHEET_LISTS})


_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, IndexError,
           AttributeError, ParseError, EOFError, OSError, UnicodeError, zlib.error, struct.error,
           OverflowError, *CALAMINE_ERRORS)


def _opened(path: Path, label: str, job, data: bytes | None = None):
    """Run ``job(reader)`` on the opened workbook (``data``: its bytes, if read already); every library
    failure becomes one Danish line."""
    parts: dict[str, bytes] = {}
    archive, data = open_checked(path, label, parts, data)
    try:
        source = CellSource(path, label, archive, parts, data)
    except _BROKEN as exc:
        archive.close()
        raise refused(label, f"filen er beskadiget og kan ikke åbnes. Årsag: {reason(exc)}") from None
    except BaseException:
        archive.close()
        raise
    try:
        return job(_Reader(source))
    except WorkbookFileError:
        raise
    except _BROKEN as exc:
        raise refused(label, f"filen er beskadiget og kan ikke læses. Årsag: {reason(exc)}") from None
    except BaseException as exc:  # a Rust panic in calamine is a BaseException (pyo3's PanicException)
        if type(exc).__name__ != "PanicException":
            raise
        raise refused(label, "filen er beskadiget og kan ikke læses. Årsag: indholdet kan ikke tolkes") from None
    finally:
        source.close()


def read_response(path: Path, catalog: Catalog | None = None, *, label: str | None = None,
                  check_version: bool = True, keep_text: bool = False, data: bytes | None = None) -> Response:
    """Read the filled workbook at ``path``; raise ``WorkbookFileError`` when it cannot be used.

    ``data``: the file's bytes when the caller has read them (``guard.read_bytes``) for its own use.
    """
    path = Path(path)
    label = label or str(path)
    return _opened(path, label, lambda reader: reader.read(catalog, check_version, keep_text), data)


def find_answer(path: Path) -> str | None:
    """Return where ``path`` holds an answer (``'Ark!D5'``) or None; ``WorkbookFileError`` if unreadable.

    Looks at the respondent fields (by defined name) and at every input column of every sheet with
    the theme header, on rows with an item id; needs no metadata, so a damaged copy is seen too.
    """
    path = Path(path)
    return _opened(path, path.name, lambda reader: reader.first_answer())


class _Reader:
    """Reads one opened workbook: metadata first, then every sheet that holds its item ids."""

    def __init__(self, source: CellSource) -> None:
        self.source = source
        self.path = source.path
        self.label = source.label
        self.problems: list[CellProblem] = []
        self.sheets: list[str] = source.sheet_names
        """The sheets looked at (``sheets_to_read``)."""

    def fail(self, message: str) -> WorkbookFileError:
        return refused(self.label, message)

    def warn(self, message: str, sheet: str | None = None, cell: str | None = None,
             found: str | None = None, allowed: str | None = None, item: str | None = None,
             heading: str | None = None) -> None:
        self.problems.append(cell_problem(self.label, message, sheet or "", cell or "",
                                          found=shorten(found) if found else "", allowed=allowed,
                                          heading=heading, number=item))

    def rows(self, sheet: str) -> list[tuple[int, list[object]]]:
        return list(self.source.rows(sheet))

    def defined_cell(self, name: str) -> tuple[str, int, int] | None:
        reference = self.source.package.defined.get(name)
        target = None if reference is None else locate.reference_cell(reference)
        return target if target is not None and target[0] in self.source.sheet_names else None

    # --- metadata ------------------------------------------------------------------------

    def read(self, catalog: Catalog | None, check_version: bool, keep_text: bool) -> Response:
        self.sheets = self.sheets_to_read()
        self.source.prepare(self.sheets)
        self.report_stray()
        meta_sheet = self.meta_sheet()
        meta, items = locate.read_meta(row for _, row in self.source.rows(meta_sheet))
        self.check_meta(meta, items)
        if catalog is not None and check_version:
            self.check_catalog(meta, items, catalog)
        response = Response(self.path, self.label, meta, tuple(items))
        response.respondent = self.read_respondent()
        guide = self.defined_cell(L.NAME_RESPONDENT)
        guide_sheet = guide[0] if guide else L.SHEET_GUIDE
        if keep_text and guide_sheet in self.source.sheet_names:
            for _, row in self.source.rows(guide_sheet):
                if len(row) >= 2 and cell_text(row[0]) and cell_text(row[1]):
                    response.guide.setdefault(cell_text(row[0]), cell_text(row[1]))
        self.read_answers(response, catalog, keep_text, meta_sheet)
        response.problems = self.problems
        return response

    def sheets_to_read(self) -> list[str]:
        """The sheets looked at: all but the tool's own overview and lists (``NO_ANSWERS``), unless a
        respondent field is there or the metadata sheet must be found by its first row (renamed)."""
        names = self.source.sheet_names
        if L.SHEET_META not in names:
            return names
        fields = {target[0] for name in L.RESPONDENT_FIELDS if (target := self.defined_cell(name))}
        return [name for name in names if name not in NO_ANSWERS or name in fields]

    def meta_sheet(self) -> str:
        """Return the metadata sheet: by its name, or (renamed) by its first row."""
        names = self.source.sheet_names
        if L.SHEET_META in names:
            return L.SHEET_META
        for name in names:
            first = next(iter(self.source.rows(name)), (0, []))[1]
            if [cell_text(v) for v in first[:2]] == [L.MetaKey.FORMAT, L.FORMAT_NAME]:
                return name
        raise self.fail(f"filen er ikke en selvevaluering fra workbook (arket '{L.SHEET_META}' "
                        "mangler). Brug det ark, der blev sendt ud")

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
        have = shorten(meta.get(L.MetaKey.CATALOG_VERSION, "?"), 40)
        upgrade = f"Kør: workbook upgrade {shell_word(self.path)}"
        if have != catalog.version:
            raise self.fail(f"arket er lavet til katalogversion {have}, men det nuværende katalog er "
                            f"version {catalog.version}. {upgrade}")
        unknown = [i.item_id for i in items if catalog.get(i.item_id) is None]
        if unknown:
            shown = ", ".join(shorten(u, 40) for u in unknown[:3]) + (" …" if len(unknown) > 3 else "")
            raise self.fail(f"arket indeholder udsagn, der ikke findes i det nuværende katalog ({shown}). "
                            f"{upgrade}")

    def report_stray(self) -> None:
        for name, scan in self.source.scans.items():
            if scan.stray:
                more = f" og {len(scan.stray) - 3} andre" if len(scan.stray) > 3 else ""
                self.warn(f"{len(scan.stray)} celler langt ude til højre ({', '.join(scan.stray[:3])}{more}) "
                          "er ikke læst; slet dem, hvis de ikke skal være der", sheet=name,
                          cell=scan.stray[0], heading="Celler uden for arket")

    # --- respondent ----------------------------------------------------------------------

    def respondent_values(self, names) -> Iterator[tuple[str, str, int, int, object]]:
        """Yield (name, sheet, row, column, value) of each respondent field found by defined name."""
        wanted: dict[str, dict[tuple[int, int], str]] = {}
        for name in names:
            target = self.defined_cell(name)
            if target is None:
                if name in L.REQUIRED_RESPONDENT_FIELDS:
                    self.warn(f"feltet '{L.RESPONDENT_FIELDS[name]}' (navnet {name}) mangler i arket")
                continue
            wanted.setdefault(target[0], {})[target[1:]] = name
        for sheet, cells in wanted.items():
            for row_number, values in self.source.rows(sheet):
                for (row, col), name in cells.items():
                    if row == row_number and col <= len(values):
                        yield name, sheet, row, col, values[col - 1]

    def read_respondent(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, _, _, _, value in self.respondent_values(L.RESPONDENT_FIELDS):
            text = cell_text(value)
            if text:
                found[name] = text
        return found

    # --- answers -------------------------------------------------------------------------

    def read_answers(self, response: Response, catalog: Catalog | None, keep_text: bool,
                     meta_sheet: str) -> None:
        items = {item.item_id: item for item in response.items}
        ids = set(items)
        by_text = statement_index(catalog, items)
        found: list[Found] = []
        with_items: set[str] = set()
        written = {item.sheet for item in response.items}
        for sheet in self.sheets:
            if sheet == meta_sheet:
                continue
            if sheet not in written and not self.source.fits(sheet):
                area = danish.number(self.source.scan(sheet).area)
                self.warn(f"arket er for stort ({area} celler) og er ikke læst; svar skal stå i de ark, der "
                          "blev sendt ud", sheet=sheet, heading="For stort ark")
                continue
            table = locate.find_item_table(list(self.source.rows(sheet, with_formulas=False)), ids)
            if table is None:
                continue
            if self.source.scan(sheet).has_formulas:
                table = locate.find_item_table(self.rows(sheet), ids)
            with_items.add(sheet)
            self.report_guessed(sheet, table)
            reading = SheetReader(sheet, table, items, by_text, self.warn).read(keep_text)
            if reading.resorted:
                self.warn(f"{reading.resorted} rækker står ikke ud for deres id (sorteret uden kolonnen "
                          "Id?); de er læst efter det viste nummer og udsagn", sheet=sheet,
                          heading="Rækker sorteret uden Id")
            found += reading.found
        chosen = merge(found, items, self.warn)
        self.report_missing(response.items, chosen, with_items)
        for item_id, row in chosen.items():
            response.statements[item_id] = row.answer.statement
            if not row.answer.empty:
                response.answers[item_id] = row.answer
            if row.raw:
                response.raw[item_id] = row.raw

    def report_guessed(self, sheet: str, table: locate.ItemTable) -> None:
        for key, text in table.guessed.items():
            if key in L.INPUT_KEYS and table.header_row:
                header = L.COLUMN_BY_KEY[key].header
                cell = f"{get_column_letter(table.columns[key])}{table.header_row}"
                self.warn(f"overskriften '{shorten(text)}' er ikke '{header}'; kolonnen er læst som '{header}' ud fra "
                          "arkets opbygning", sheet=sheet, cell=cell, found=text, allowed=header,
                          heading="Ændret overskrift")

    def report_missing(self, items: tuple[MetaItem, ...], chosen: dict[str, Found], with_items: set[str]) -> None:
        by_sheet: dict[str, list[MetaItem]] = {}
        for item in items:
            by_sheet.setdefault(item.sheet, []).append(item)
        names = self.source.sheet_names
        for sheet, expected in by_sheet.items():
            missing = [item for item in expected if item.item_id not in chosen]
            if len(missing) == len(expected) and sheet not in names:
                self.warn(f"arket '{shorten(sheet)}' mangler; dets {len(expected)} udsagn tælles som ubesvarede",
                          sheet=sheet)
            elif len(missing) == len(expected) and sheet not in with_items:
                self.warn(f"kolonnen 'Id' med udsagnenes id blev ikke fundet i arket; dets {len(expected)} "
                          "udsagn tælles som ubesvarede", sheet=sheet)
            else:
                for item in missing:
                    self.warn(f"udsagn {item.number} ({item.item_id}) mangler i arket; det tælles som "
                              "ubesvaret", sheet=sheet, item=item.number)

    # --- an existing file about to be replaced --------------------------------------------

    def first_answer(self) -> str | None:
        """Return the first filled respondent field or input cell (``Ark!D5``), None if none."""
        self.source.prepare(self.source.sheet_names)
        recognised = False
        for _, sheet, row, col, value in self.respondent_values(L.RESPONDENT_FIELDS):
            recognised = True
            if cell_text(value):
                return f"{sheet}!{get_column_letter(col)}{row}"
        for sheet in self.source.sheet_names:
            table = locate.find_table(self.source.rows(sheet))
            if table is None:
                continue
            recognised = True
            inputs = [table.columns[k] for k in L.INPUT_KEYS if k in table.columns]
            for row_number, row in table.rows:
                if locate.item_id(row, table.columns) is None:
                    continue
                for col in inputs:
                    if col <= len(row) and cell_text(row[col - 1]):
                        return f"{sheet}!{get_column_letter(col)}{row_number}"
        if not recognised:
            raise self.fail("ingen ark med svar-kolonner")
        return None
