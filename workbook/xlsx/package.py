"""The xlsx zip package as the reader sees it before any cell is read: sheets, defined names, a scan.

calamine (the value reader) builds a dense grid per sheet from its first to its last cell, so one
stray cell in column XFD of a 40-row sheet asks it for 650,000 cells, and one in XFD1048576 makes it
abort the whole process. So every sheet part is scanned here first, on its raw XML: how many cells it
has and where (``SheetScan``), which cells hold a formula without a usable value (calamine gives no
formulas) and how many rich-text runs there are. Cells beyond ``MAX_COLUMNS`` are *stray*: they are
taken out of the sheet before calamine sees it and reported by the reader with their place.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from xml.etree import ElementTree

from workbook.xlsx.locate import FormulaValue

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Columns beyond this one (GR) are not read: a cell there is a stray, located problem.
MAX_COLUMNS = 200
#: Rich-text runs in all parts together (a filled workbook has none; Excel adds a few per comment).
MAX_RUNS = 50_000

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>")
_REF = re.compile(rb'\br="([A-Za-z]{1,3})([0-9]{1,7})"')
_PREFIXED_RUN = re.compile(rb"<\w+:r[\s>]")
_PREFIXED_STRING = re.compile(rb"<\w+:si[\s>]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
#: Quick tests that start with a literal (the regex engine then skips ahead by a fast search, which
#: is several times quicker here than ``bytes.count`` or ``in`` with these short needles): a sheet
#: without a match of these has no formula (no prefixed formula, no prefixed run).
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED_FORMULA_END = re.compile(rb":f[\s/>]")
_ERROR_CELL = re.compile(rb't="e"')
_PREFIXED_RUN_END = re.compile(rb":r[\s>]")
_PLAIN_RUN = re.compile(rb"<r[ >]")
_PREFIXED_CELL_END = re.compile(rb":c[ >]")
#: One search for any of the three above: most sheets have no prefixed element at all.
_PREFIXED_ANY = re.compile(rb":[cfr][\s/>]")
#: Every plain cell in one pass: how every known writer starts a cell (``<c r="B7"``) gives its
#: column and row; a cell written otherwise (no reference first) gives empty groups
#: and sends the scan down the slow path.
_PLAIN_CELL_REF = re.compile(rb'<c[ >](?:r="([A-Z]{1,3})([0-9]{1,7})")?')
_ERROR = b't="e"'
_CELL_ELEMENT = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)


def column_number(letters: str) -> int:
    """Return the 1-based column of ``letters`` (``A`` → 1, ``XFD`` → 16384)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


@dataclass
class SheetScan:
    """What the raw XML of one sheet holds, found without building its cells."""

    cells: int = 0
    rows: int = 0
    """The last row with a cell (not counting stray cells)."""
    columns: int = 0
    """The last column with a cell (not counting stray cells)."""
    stray: list[str] = field(default_factory=list)
    """References of cells beyond ``MAX_COLUMNS`` (``XFD7``), in file order."""
    has_formulas: bool = False
    """Whether the sheet has formula or error cells (calamine gives neither: see ``formulas``)."""
    runs: int = 0

    @property
    def area(self) -> int:
        """The cells calamine allocates for the sheet once stray cells are removed."""
        return self.rows * self.columns


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its name, state (visible, hidden, veryHidden) and zip part."""

    name: str
    state: str
    part: str


@dataclass(frozen=True)
class Package:
    """The workbook's sheets in tab order and its defined names (name → reference text)."""

    sheets: tuple[Sheet, ...]
    defined: Mapping[str, str]


def _xml(data: bytes) -> ElementTree.Element:
    # The guard has refused any part with a DOCTYPE before this, so no entity can expand.
    return ElementTree.fromstring(data)


_RELS = "xl/_rels/workbook.xml.rels"
#: The packages parsed last, by the bytes of ``xl/workbook.xml`` and its relations: the files of one
#: meeting mostly share them, so a process reading many parses each once. Bounded: memory stays flat.
_PARSED: dict[tuple[bytes, bytes | None], Package] = {}
PARSED_KEPT = 8


def read_package(archive: zipfile.ZipFile, parts: dict[str, bytes] | None = None) -> Package:
    """Return the sheets (name, state, part) and the defined names of ``archive``.

    ``parts`` holds parts already read (part name → bytes), used instead of reading them again.
    """
    parts = parts or {}
    book = parts["xl/workbook.xml"] if "xl/workbook.xml" in parts else archive.read("xl/workbook.xml")
    rels = parts[_RELS] if _RELS in parts else archive.read(_RELS) if _RELS in archive.namelist() else None
    key = (book, rels)
    if key not in _PARSED:
        if len(_PARSED) >= PARSED_KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = _parse_package(book, rels)
    return _PARSED[key]


def _parse_package(book_xml: bytes, rels_xml: bytes | None) -> Package:
    book = _xml(book_xml)
    targets = {}
    if rels_xml is not None:
        for rel in _xml(rels_xml).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id")] = path
    sheets = tuple(Sheet(s.get("name", ""), s.get("state", "visible"), targets.get(s.get(f"{{{REL_NS}}}id"), ""))
                   for s in book.iter(f"{{{MAIN_NS}}}sheet"))
    defined: dict[str, str] = {}
    for name in book.iter(f"{{{MAIN_NS}}}definedName"):
        if name.get("localSheetId") is None and name.text:
            defined.setdefault(name.get("name", ""), name.text)
    return Package(sheets, MappingProxyType(defined))


def count_runs(data: bytes, prefixed: bool = True) -> int:
    """Return how many rich-text runs (``<r>`` elements) the XML ``data`` holds.

    ``prefixed=False``: the caller has found no prefixed element in ``data`` (``_PREFIXED_ANY``).
    """
    plain = len(_PLAIN_RUN.findall(data))
    if prefixed and _PREFIXED_RUN_END.search(data):
        return plain + len(_PREFIXED_RUN.findall(data))
    return plain


def count_strings(data: bytes) -> int:
    """Return how many shared strings (``<si>`` elements) the shared-strings XML ``data`` holds."""
    plain = data.count(b"<si>") + data.count(b"<si ")
    return plain + len(_PREFIXED_STRING.findall(data)) if b":si" in data else plain


#: The fewest bytes one rich-text run takes (``<r></r>``): parts smaller than ``MAX_RUNS`` times this
#: together cannot hold too many runs, so they need not be counted.
RUN_BYTES = len(b"<r></r>")


def scan_sheet(data: bytes, *, runs: bool = True) -> SheetScan:
    """Return the cells' count and extent, stray cells, formula presence and runs of sheet XML ``data``
    (``runs=False``: the runs are not counted, the caller knows they are too few to matter).

    The common case is done by the regex engine alone (one list of references); only a sheet with
    cells beyond ``MAX_COLUMNS`` or cells without a reference is walked cell by cell.
    """
    prefixed = _PREFIXED_ANY.search(data) is not None
    scan = SheetScan(has_formulas=_has_formulas(data, prefixed), runs=count_runs(data, prefixed) if runs else 0)
    if prefixed and _PREFIXED_CELL_END.search(data) is not None:  # cells with a namespace prefix (<x:c>)
        scan.cells = len(_CELL.findall(data))
        return _walk(data, scan) if scan.cells else scan
    cells = _PLAIN_CELL_REF.findall(data)
    scan.cells = len(cells)
    if not cells:
        return scan
    letters, digits = zip(*cells, strict=True)
    seen = set(letters)
    if b"" in seen:
        return _walk(data, scan)
    columns = max(column_number(each.decode()) for each in seen)
    if columns > MAX_COLUMNS:
        return _walk(data, scan)
    scan.columns = columns
    scan.rows = max(map(int, digits))
    return scan


def _has_formulas(data: bytes, prefixed: bool = True) -> bool:
    """Whether sheet XML ``data`` has a formula or an error cell (``prefixed`` as for ``count_runs``)."""
    if _PLAIN_FORMULA.search(data) or _ERROR_CELL.search(data):
        return True
    return prefixed and _PREFIXED_FORMULA_END.search(data) is not None and _FORMULA.search(data) is not None


def _walk(data: bytes, scan: SheetScan) -> SheetScan:
    """Place every cell of ``data`` one by one (stray cells, cells without a reference)."""
    row_counter = 0
    for match in _CELL.finditer(data):
        ref = _REF.search(match[1])
        if ref is None:  # a cell without its reference: place it after the previous one
            row_counter += 1
            row, col = max(scan.rows, 1), row_counter
        else:
            row, col = int(ref[2]), column_number(ref[1].decode())
            row_counter = col
        if col > MAX_COLUMNS:
            scan.stray.append(f"{ref[1].decode().upper()}{row}" if ref else f"?{row}")
            continue
        scan.rows = max(scan.rows, row)
        scan.columns = max(scan.columns, col)
    return scan


def formulas(data: bytes) -> dict[tuple[int, int], FormulaValue | str]:
    """Return what calamine cannot give for sheet XML ``data``, by (row, column).

    A formula cell without a cached value or with an error becomes a ``FormulaValue``; an error
    value without a formula (pasted as a value) its error text, as Excel shows it (``#N/A``).
    """
    return _formulas(data) if _has_formulas(data) else {}


def _formulas(data: bytes) -> dict[tuple[int, int], FormulaValue | str]:
    found: dict[tuple[int, int], FormulaValue | str] = {}
    for match in _CELL_ELEMENT.finditer(data):
        element = match[0]
        if not _FORMULA.search(element) and _ERROR not in element:
            continue
        cell = ElementTree.fromstring(_without_prefixes(element))
        formula = cell.findtext(f"{{{MAIN_NS}}}f") or ""
        value = cell.findtext(f"{{{MAIN_NS}}}v") or ""
        error = cell.get("t") == "e"
        ref = _REF.search(element)
        if ref is None or (value and not error) or not (formula or value):
            continue
        position = (int(ref[2]), column_number(ref[1].decode()))
        found[position] = FormulaValue(f"={formula}", value or None) if formula else value
    return found


def _without_prefixes(element: bytes) -> bytes:
    """Return one cell element with its tags in the main namespace (parsed on its own)."""
    plain = re.sub(rb"<(/?)\w+:", rb"<\1", element)
    return plain.replace(b"<c", f'<c xmlns="{MAIN_NS}"'.encode(), 1)


def cells_only(data: bytes) -> bytes | None:
    """Sheet XML ``data`` cut to its root element and its ``sheetData`` (the cells), or None when it
    is not written plainly enough to cut (a prefixed or an empty ``sheetData``).

    Only the start and the end of ``data`` are searched: the cut is a slice, so a file written
    oddly reads as it would have uncut, or is refused as damaged.
    """
    root = data.find(b"<worksheet")
    start = data.find(b"<sheetData>")
    end = data.rfind(b"</sheetData>")
    head = data.find(b">", root) + 1 if root >= 0 else 0
    if not 0 < head <= start < end:
        return None
    return b"".join((data[:head], data[start:end + len(b"</sheetData>")], b"</worksheet>"))


def without_cells(data: bytes, stray: set[str]) -> bytes:
    """Return sheet XML ``data`` without the cells whose reference is in ``stray``."""

    def keep(match: re.Match[bytes]) -> bytes:
        ref = _REF.search(match[0])
        return b"" if ref and f"{ref[1].decode().upper()}{ref[2].decode()}" in stray else match[0]

    return _CELL_ELEMENT.sub(keep, data)


def is_zip(path: Path) -> bool:
    """True when ``path`` starts like a zip archive (an xlsx or ods)."""
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"
