"""The one adapter for openpyxl's internals: its sheet parser, read for values and formulas.

openpyxl's public read-only iterator cannot tell a formula without a value from an empty cell, and
builds rich-text objects for every inline string. ``sheet_rows`` uses openpyxl's own parser (as its
``_read_only`` iterator does) with those two things changed. Nothing else in the package may touch
an underscore name of openpyxl; pin openpyxl's minor version (setup.cfg) for this module.
"""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from workbook.xlsx.locate import FormulaValue

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


def sheet_rows(ws) -> Iterator[tuple[int, list[object]]]:
    """Iterate (row number, values) of a read-only sheet; formulas without a value as ``FormulaValue``.

    Like ``ws.iter_rows(values_only=True)``, but rows absent from the file are skipped, so a wrong
    ``<dimension>`` from another program cannot hide rows.
    """
    parent = ws.parent
    with ws._get_source() as source:
        parser = _InputParser(source, ws._shared_strings, data_only=True, epoch=parent.epoch,
                              date_formats=parent._date_formats,
                              timedelta_formats=parent._timedelta_formats)
        for row_number, cells in parser.parse():
            width = max((c["column"] for c in cells), default=0)
            values: list[object] = [None] * width
            for c in cells:
                values[c["column"] - 1] = c["value"]
            yield row_number, values
