"""The look of the workbook and the cell helpers every sheet builder shares.

Fonts, fills, borders, data validations, print setup and sheet protection are declared here once;
``put_text`` is the only way user or catalog text enters a cell (always text, never a formula).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbook import danish
from workbook.content.model import Catalog
from workbook.meeting.load import Meeting
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import THEME_COLUMNS

DATE_FORMAT = danish.EXCEL_DATE_FORMAT
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
OWNER_MAX, COMMENT_MAX, RESPONDENT_MAX = 200, 2000, 200
CELL_MAX = 32767

INPUT_FILL = PatternFill("solid", fgColor="FFF4CC")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FONT_NAME = (
    "Calibri"  # the default font of Excel; a Font without a name falls back to a serif in LO
)


def font(**kwargs: object) -> Font:
    """Return a font in the workbook's typeface."""
    return Font(name=FONT_NAME, **kwargs)


HEADER_FONT = font(bold=True, color="FFFFFF")
TITLE_FONT = font(bold=True, size=16, color="1F4E79")
HEADING_FONT = font(bold=True, size=12, color="1F4E79")
SMALL_GREY = font(size=9, color="7F7F7F")
BOLD = font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
#: Fill and font colour per answer: the word is always there too, colour only supports it.
ANSWER_COLOURS: dict[str, tuple[str, str]] = {
    "Ja": ("C6EFCE", "006100"),
    "Delvist": ("FFEB9C", "7F5F00"),
    "Nej": ("FFC7CE", "9C0006"),
    "Ved ikke": ("DDEBF7", "1F4E79"),
    "Ikke relevant": ("E7E6E6", "404040"),
}

#: A value in an answer cell that is not on the scale: red border, dark red bold word.
OFF_SCALE_COLOUR = "C00000"
_RED = Side(style="thin", color=OFF_SCALE_COLOUR)
OFF_SCALE_BORDER = Border(left=_RED, right=_RED, top=_RED, bottom=_RED)

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def put_text(cell: Cell, value: object) -> Cell:
    """Write ``value`` as plain text, never a formula (even when it starts with ``=+-@``)."""
    text = _ILLEGAL.sub("", str(value))[:CELL_MAX]
    cell.value = text
    cell.data_type = "s"
    return cell


def fit_row(
    ws: Worksheet, row: int, texts: list[tuple[str, float]], line_pt: float = 15, min_lines: int = 1
) -> None:
    """Set the height of ``row`` to fit wrapped ``(text, column width)`` pairs.

    Rows with wrapped text are sized here rather than left to the application: LibreOffice does not
    always fit them on load, and an estimate on the generous side never hides text.
    """
    lines = min_lines
    for text, width in texts:
        per_line = max(1.0, float(width))
        lines = max(
            lines, sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        )
    if lines > 1:
        ws.row_dimensions[row].height = lines * line_pt + 3


def clean(ref: str) -> str:
    """Return a formula giving the text of ``ref`` as the reader reads an answer, case aside.

    Tabs, line breaks and no-break spaces become spaces, then TRIM drops spaces at the ends and
    collapses runs inside (as ``" ".join(text.split())``). "=" on text is case-insensitive in Excel
    and LibreOffice, so ``clean(ref)="Ja"`` is true exactly when the reader counts a Ja. Works on a
    range inside SUMPRODUCT as well as on one cell.
    """
    expr = ref
    for char in ("CHAR(9)", "CHAR(10)", "CHAR(13)", "_xlfn.UNICHAR(160)"):
        expr = f'SUBSTITUTE({expr},{char}," ")'
    return f"TRIM({expr})"


def quote(sheet: str) -> str:
    """Return ``sheet`` quoted for a formula reference."""
    return "'" + sheet.replace("'", "''") + "'"


def column(key: str) -> int:
    """Return the 1-based column of theme column ``key`` as written."""
    return [c.key for c in THEME_COLUMNS].index(key) + 1


def letter(key: str) -> str:
    """Return the column letter of theme column ``key`` as written."""
    return get_column_letter(column(key))


def validation(
    kind: str,
    *,
    formula1: str | None = None,
    formula2: str | None = None,
    operator: str | None = None,
    prompt: tuple[str, str],
    error: tuple[str, str],
) -> DataValidation:
    """Return a data validation that shows ``prompt`` and stops with ``error``."""
    dv = DataValidation(
        type=kind,
        formula1=formula1,
        formula2=formula2,
        operator=operator,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
    )
    dv.promptTitle, dv.prompt = prompt
    dv.errorTitle, dv.error = error
    return dv


def date_validation(prompt: tuple[str, str]) -> DataValidation:
    """Return a validation allowing dates from ``DATE_MIN`` to ``DATE_MAX``."""
    lo = (DATE_MIN - dt.date(1899, 12, 30)).days
    hi = (DATE_MAX - dt.date(1899, 12, 30)).days
    return validation(
        "date",
        operator="between",
        formula1=str(lo),
        formula2=str(hi),
        prompt=prompt,
        error=txt.DEADLINE_ERROR,
    )


def text_validation(max_len: int, prompt: tuple[str, str]) -> DataValidation:
    """Return a validation allowing text of at most ``max_len`` characters."""
    title, message = txt.TEXT_ERROR
    return validation(
        "textLength",
        operator="lessThanOrEqual",
        formula1=str(max_len),
        prompt=prompt,
        error=(title, message.format(max=max_len)),
    )


def _hf_escape(text: str) -> str:
    """Escape ``&`` for Excel header/footer codes."""
    return text.replace("&", "&&")


def print_setup(
    ws: Worksheet, meeting: Meeting, catalog: Catalog, *, landscape: bool, fit_height: int = 0
) -> None:
    """Set A4, fit to width, margins, and the header and footer of a printed sheet."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = fit_height
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = False
    for hf in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        hf.left.text = _hf_escape(meeting.municipality)
        hf.right.text = txt.HEADER_RIGHT
    for hf in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        hf.left.text = _hf_escape(txt.FOOTER_LEFT.format(version=catalog.version))
        hf.center.text = txt.FOOTER_CENTER


def protect(ws: Worksheet) -> None:
    """Protect ``ws`` without a password; resizing rows and columns stays allowed."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
