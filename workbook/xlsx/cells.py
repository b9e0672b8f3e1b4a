"""Cell values of a returned workbook, read with calamine after ``package`` has scanned every sheet.

``CellSource`` opens the file once with calamine (Rust, values only) and hands out a sheet's rows as
lists of values from column A, with empty cells as None and formulas without a usable value as
``FormulaValue`` (from the scan: calamine gives no formulas). A sheet with stray cells beyond
``MAX_COLUMNS`` is read from a copy without them, so their place can be reported instead of the file
being refused. The dense area of the sheets read counts against ``MAX_CELLS``; the reader may
leave out (and name) a sheet of the respondent's own that would not fit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import python_calamine

from workbook import danish
from workbook.errors import WorkbookFileError
from workbook.xlsx.guard import MAX_CELLS, refused
from workbook.xlsx.package import (
    MAX_RUNS,
    RUN_BYTES,
    Package,
    Sheet,
    SheetScan,
    cells_only,
    count_runs,
    count_strings,
    formulas,
    read_package,
    scan_sheet,
    without_cells,
)
from workbook.xlsx.repack import repack

#: What calamine and zipfile raise for a file they cannot read (after the guard's checks).
CALAMINE_ERRORS = (python_calamine.CalamineError, python_calamine.PasswordError, python_calamine.XmlError,
                   python_calamine.ZipError, python_calamine.WorksheetNotFound)


def _holds_texts(name: str) -> bool:
    """Whether part ``name`` (lower case) holds texts besides the sheets: shared strings, comments."""
    return name.endswith(("sharedstrings.xml", ".vml")) or "comments" in name


class CellSource:
    """One opened workbook file: its package, the scans of the sheets read, and calamine."""

    def __init__(self, path: Path, label: str, archive: zipfile.ZipFile | None = None,
                 parts: dict[str, bytes] | None = None, data: bytes | None = None) -> None:
        self.path = path
        self.label = label
        self.archive = archive or zipfile.ZipFile(path)
        self._data = data
        """The zip file's bytes (read when calamine opens, if not given)."""
        self._parts = dict(parts or {})
        """Part name → bytes of the parts read so far (each is inflated once)."""
        self._names = set(self.archive.namelist())
        self.package: Package = read_package(self.archive, self._parts)
        self.scans: dict[str, SheetScan] = {}
        self.cells = 0
        self.runs = 0
        self._book = None
        self._rows: dict[str, list[list[object]]] = {}
        self._cut: dict[str, tuple[bytes, bool]] = {}
        """Sheet name → (its XML as read, whether that is a cut of the part)."""
        self._admitted: set[str] = set()
        infos = self.archive.infolist()
        texts = [info for info in infos if _holds_texts(info.filename.lower())]
        # Runs are counted only when the parts that can hold them are large enough to hold too many
        # (by their declared sizes, which the reading never goes beyond).
        holders = sum(i.file_size for i in infos if i in texts or i.filename.startswith("xl/worksheets/"))
        self._count_all_runs = holders > MAX_RUNS * RUN_BYTES
        for info in texts:
            self._count_texts(info, info.filename.lower().endswith("sharedstrings.xml"))

    def _count_texts(self, info: zipfile.ZipInfo, shared: bool) -> None:
        """Count runs (and shared strings) of a part in 1 MB pieces, stopping at the first limit passed."""
        strings, tail = 0, b""
        with self.archive.open(info) as part:
            while chunk := part.read(1 << 20):
                data = tail + chunk  # a tag cut between two pieces is counted in the joined piece only
                if self._count_all_runs:
                    self.count_runs(count_runs(data) - count_runs(tail))
                strings += count_strings(data) - count_strings(tail) if shared else 0
                if strings > MAX_CELLS:
                    # more texts than the cells read may hold: a small file that would take seconds
                    # and hundreds of MB to load
                    raise self.fail(f"filen har for mange tekster (over {danish.number(MAX_CELLS)}) og læses ikke")
                tail = data[-8:]

    def count_runs(self, runs: int) -> None:
        self.runs += runs
        if self.runs > MAX_RUNS:
            raise self.fail(f"filen har for mange tekstafsnit med formatering (over {danish.number(MAX_RUNS)}) "
                            "og læses ikke")

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
        self.archive.close()

    def __enter__(self) -> CellSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.package.sheets]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.package.sheets if s.name == name)

    def fail(self, message: str) -> WorkbookFileError:
        return refused(self.label, message)

    def part(self, name: str) -> bytes:
        """The XML of sheet ``name`` as the scan and calamine see it: its cells alone (``cells_only``;
        the formatting and validations around them are a third of a sheet and never read), or the
        whole part when it is not written plainly enough to cut."""
        if name not in self._cut:
            part = self.sheet(name).part
            if part not in self._parts:
                self._parts[part] = self.archive.read(part) if part in self._names else b""
            cut = cells_only(self._parts[part])
            self._cut[name] = (cut or self._parts[part], cut is not None)
        return self._cut[name][0]

    def scan(self, name: str) -> SheetScan:
        """Return the scan of sheet ``name``, counting its rich-text runs against the limit."""
        if name not in self.scans:
            scan = self.scans[name] = scan_sheet(self.part(name), runs=self._count_all_runs)
            self.count_runs(scan.runs)
        return self.scans[name]

    def fits(self, name: str) -> bool:
        """True when reading sheet ``name`` too stays within ``MAX_CELLS`` (or it is read already)."""
        return name in self._admitted or self.cells + self.scan(name).area <= MAX_CELLS

    def _admit(self, name: str) -> None:
        """Count the dense area of sheet ``name`` against ``MAX_CELLS`` once; refuse the file beyond it."""
        if name not in self._admitted:
            self._admitted.add(name)
            self.cells += self.scan(name).area
            if self.cells > MAX_CELLS:
                raise self.fail(f"filen har for mange celler (over {danish.number(MAX_CELLS)}) og læses ikke")

    def _calamine(self):
        """Open calamine on a copy of the file with the parts inflated so far stored (``repack``).

        Each scanned sheet is stored as the scan saw it (``part``: its cells alone), and without its
        stray cells, so calamine never sees those.
        """
        if self._book is None:
            stored = dict(self._parts)
            changed = set()
            for name, scan in self.scans.items():
                part = self.sheet(name).part
                stored[part] = without_cells(self.part(name), set(scan.stray)) if scan.stray else self.part(name)
                if scan.stray or self._cut[name][1]:
                    changed.add(part)
            if self._data is None:
                self._data = Path(self.path).read_bytes()
            copy = repack(self._data, self.archive.infolist(), stored, frozenset(changed))
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(copy))
        return self._book

    def prepare(self, names: list[str]) -> None:
        """Scan the sheets ``names`` before any is read (calamine then opens once, safely)."""
        for name in names:
            self.scan(name)

    def _values(self, name: str) -> list[list[object]]:
        """Return the rows of sheet ``name`` from A1 as calamine gives them, empty cells as None (cached)."""
        if name not in self._rows:
            sheet = self._calamine().get_sheet_by_name(name)
            # skip_empty_area=False: rows and columns from A1, so positions are the sheet's own.
            self._rows[name] = [[None if v == "" else v for v in values]
                                for values in sheet.to_python(skip_empty_area=False)]
        return self._rows[name]

    def rows(self, name: str, *, with_formulas: bool = True) -> Iterator[tuple[int, list[object]]]:
        """Yield (row number, values from column A) of sheet ``name``; empty cells as None.

        With ``with_formulas``, formula cells without a usable value come as ``FormulaValue`` and
        pasted error values as their text; without, as None (for looking for ids, not for answers).
        The rows are shared between calls: callers must not change them.
        """
        scan = self.scan(name)
        self._admit(name)
        if scan.cells == 0:
            return
        found = formulas(self.part(name)) if with_formulas and scan.has_formulas else {}
        for number, row in enumerate(self._values(name), start=1):
            if found:
                patched = [(f_col, value) for (f_row, f_col), value in found.items()
                           if f_row == number and f_col <= len(row)]
                if patched:
                    row = list(row)
                    for f_col, value in patched:
                        row[f_col - 1] = value
            yield number, row
