"""The self-assessment workbook writer: builds it on the layout contract and saves it safely.

``build_workbook`` makes the workbook in memory (so ``upgrade`` can fill answers before saving),
``save_workbook`` writes it atomically without ever losing answers in an existing file, and
``write_checklist`` / ``make_checklist`` are the entry points for the pack builder and the CLI.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbook import __version__, danish
from workbook.content.model import Catalog
from workbook.errors import CatalogError, OutputError, WorkbookFileError
from workbook.files import atomic_path
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme, select_themes
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.xlsx import texts as txt
from workbook.xlsx.guard import check_container
from workbook.xlsx.layout import (
    COLUMN_BY_KEY,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    HEADER_SEARCH_ROWS,
    INPUT_KEYS,
    META_ITEMS_HEADER,
    NAME_DATE,
    NAME_PRIORITIES,
    NAME_RESPONDENT,
    NAME_ROLE,
    NAME_SCALE,
    PRIORITIES,
    RESERVED_SHEETS,
    RESPONDENT_FIELDS,
    SCALE,
    SCALE_WEIGHTS,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_META,
    SHEET_OVERVIEW,
    THEME_COLUMNS,
    MetaKey,
    structure_checksum,
)

log = logging.getLogger(__name__)

DEFAULT_FILENAME = "selvevaluering.xlsx"
DATE_FORMAT = danish.EXCEL_DATE_FORMAT
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
OWNER_MAX, COMMENT_MAX, RESPONDENT_MAX = 200, 2000, 200
CELL_MAX = 32767

# --- look ------------------------------------------------------------------------------------

INPUT_FILL = PatternFill("solid", fgColor="FFF4CC")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FONT_NAME = (
    "Calibri"  # the default font of Excel; a Font without a name falls back to a serif in LO
)


def _font(**kwargs: object) -> Font:
    return Font(name=FONT_NAME, **kwargs)


HEADER_FONT = _font(bold=True, color="FFFFFF")
TITLE_FONT = _font(bold=True, size=16, color="1F4E79")
HEADING_FONT = _font(bold=True, size=12, color="1F4E79")
SMALL_GREY = _font(size=9, color="7F7F7F")
BOLD = _font(bold=True)
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


@dataclass(frozen=True)
class ChecklistResult:
    """A written workbook and, when an old file with answers was replaced, its backup."""

    path: Path
    backup: Path | None = None


# --- cells -----------------------------------------------------------------------------------


def put_text(cell: Cell, value: object) -> Cell:
    """Write ``value`` as plain text, never a formula (even when it starts with ``=+-@``)."""
    text = _ILLEGAL.sub("", str(value))[:CELL_MAX]
    cell.value = text
    cell.data_type = "s"
    return cell


def _fit_row(
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


def _clean(ref: str) -> str:
    """Return a formula giving the text of ``ref`` as ``normalise_answer`` reads it, case aside.

    Tabs, line breaks and no-break spaces become spaces, then TRIM drops spaces at the ends and
    collapses runs inside (as ``" ".join(text.split())``). "=" on text is case-insensitive in Excel
    and LibreOffice, so ``_clean(ref)="Ja"`` is true exactly when the reader counts a Ja. Works on a
    range inside SUMPRODUCT as well as on one cell.
    """
    expr = ref
    for char in ("CHAR(9)", "CHAR(10)", "CHAR(13)", "_xlfn.UNICHAR(160)"):
        expr = f'SUBSTITUTE({expr},{char}," ")'
    return f"TRIM({expr})"


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _hf_escape(text: str) -> str:
    """Escape ``&`` for Excel header/footer codes."""
    return text.replace("&", "&&")


def _column(key: str) -> int:
    return [c.key for c in THEME_COLUMNS].index(key) + 1


def _letter(key: str) -> str:
    return get_column_letter(_column(key))


def _validation(
    kind: str,
    *,
    formula1: str | None = None,
    formula2: str | None = None,
    operator: str | None = None,
    prompt: tuple[str, str],
    error: tuple[str, str],
) -> DataValidation:
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


def _date_validation(prompt: tuple[str, str]) -> DataValidation:
    lo = (DATE_MIN - dt.date(1899, 12, 30)).days
    hi = (DATE_MAX - dt.date(1899, 12, 30)).days
    return _validation(
        "date",
        operator="between",
        formula1=str(lo),
        formula2=str(hi),
        prompt=prompt,
        error=txt.DEADLINE_ERROR,
    )


def _text_validation(max_len: int, prompt: tuple[str, str]) -> DataValidation:
    title, message = txt.TEXT_ERROR
    return _validation(
        "textLength",
        operator="lessThanOrEqual",
        formula1=str(max_len),
        prompt=prompt,
        error=(title, message.format(max=max_len)),
    )


def _print_setup(
    ws: Worksheet, meeting: Meeting, catalog: Catalog, *, landscape: bool, fit_height: int = 0
) -> None:
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


def _protect(ws: Worksheet) -> None:
    """Protect ``ws`` without a password; resizing rows and columns stays allowed."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


# --- sheets ----------------------------------------------------------------------------------


def _lists_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(SHEET_LISTS)
    for col, (header, values) in enumerate(
        zip(txt.LISTS_HEADERS, (SCALE, PRIORITIES), strict=True), 1
    ):
        put_text(ws.cell(1, col), header).font = BOLD
        for row, value in enumerate(values, 2):
            put_text(ws.cell(row, col), value)
        letter = get_column_letter(col)
        name = (NAME_SCALE, NAME_PRIORITIES)[col - 1]
        wb.defined_names[name] = DefinedName(
            name, attr_text=f"{_quote(SHEET_LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.sheet_state = "hidden"
    _protect(ws)


def _guide_sheet(
    wb: Workbook, meeting: Meeting, catalog: Catalog, selected: tuple[SelectedTheme, ...]
) -> None:
    ws = wb.active
    ws.title = SHEET_GUIDE
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 96
    row = 1

    def heading(text: str, *, gap: bool = True) -> None:
        nonlocal row
        row += 1 if gap else 0
        put_text(ws.cell(row, 1), text).font = HEADING_FONT
        row += 1

    def pair(label: str, value: str) -> Cell:
        nonlocal row
        put_text(ws.cell(row, 1), label).font = BOLD
        cell = put_text(ws.cell(row, 2), value)
        cell.alignment = WRAP_TOP
        ws.cell(row, 1).alignment = WRAP_TOP
        _fit_row(ws, row, [(label, 24), (value, 96)])
        row += 1
        return cell

    def para(text: str) -> None:
        nonlocal row
        cell = put_text(ws.cell(row, 2), text)
        cell.alignment = WRAP_TOP
        _fit_row(ws, row, [(text, 96)])
        row += 1

    put_text(ws.cell(row, 1), txt.TITLE).font = TITLE_FONT
    row += 1
    put_text(ws.cell(row, 1), meeting.title).font = _font(size=12, italic=True)
    row += 1

    heading(txt.SECTION_MEETING)
    pair(txt.LABEL_MUNICIPALITY, meeting.municipality)
    pair(txt.LABEL_FORUM, meeting.forum)
    pair(txt.LABEL_MEETING, meeting.title)
    pair(txt.LABEL_MEETING_DATE, danish.date(meeting.date))
    pair(txt.LABEL_CONTACT, meeting.contact)
    pair(
        txt.LABEL_CATALOG,
        f"{catalog.info.title}, version {catalog.version} af {danish.date(catalog.info.date)}",
    )

    heading(txt.SECTION_RESPONDENT)
    for name, label in RESPONDENT_FIELDS.items():
        put_text(ws.cell(row, 1), label).font = BOLD
        cell = ws.cell(row, 2)
        cell.fill, cell.border, cell.protection = INPUT_FILL, BOX, UNLOCKED
        cell.alignment = Alignment(horizontal="left", vertical="top")
        prompt = txt.RESPONDENT_PROMPTS[label]
        if name == NAME_DATE:
            cell.number_format = DATE_FORMAT
            dv = _date_validation(prompt)
        else:
            dv = _text_validation(RESPONDENT_MAX, prompt)
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        wb.defined_names[name] = DefinedName(name, attr_text=f"{_quote(SHEET_GUIDE)}!$B${row}")
        row += 1

    heading(txt.SECTION_PURPOSE)
    para(txt.PURPOSE)

    heading(txt.SECTION_HOWTO)
    for number, step in enumerate(txt.STEPS, 1):
        put_text(ws.cell(row, 1), f"{number}.").alignment = Alignment(
            horizontal="right", vertical="top"
        )
        para(step.format(contact=meeting.contact))
    para(txt.LOCK_NOTE)

    heading(txt.SECTION_SCALE)
    for answer in SCALE:
        fill, colour = ANSWER_COLOURS[answer]
        cell = put_text(ws.cell(row, 1), answer)
        cell.fill, cell.font, cell.border = (
            PatternFill("solid", fgColor=fill),
            _font(bold=True, color=colour),
            BOX,
        )
        cell.alignment = WRAP_TOP
        para(txt.SCALE_MEANINGS[answer])

    heading(txt.SECTION_PRIORITY)
    for priority in PRIORITIES:
        put_text(ws.cell(row, 1), priority).font = BOLD
        para(txt.PRIORITY_MEANINGS[priority])

    heading(txt.SECTION_OVERVIEW)
    for line in txt.OVERVIEW_EXPLANATION:
        para(line)

    heading(txt.SECTION_THEMES)
    for sel in selected:
        pair(
            f"{sel.number}. {sel.theme.short_title}",
            f"{sel.theme.title} ({len(sel.checklist)} udsagn)",
        )

    ws.sheet_view.showGridLines = False
    _print_setup(ws, meeting, catalog, landscape=False)
    _protect(ws)


def _theme_sheet(
    wb: Workbook, meeting: Meeting, catalog: Catalog, sel: SelectedTheme
) -> tuple[str, int, int]:
    """Write one theme's sheet; return (sheet name, first item row, last item row)."""
    name = sel.theme.short_title
    ws = wb.create_sheet(name)
    put_text(ws.cell(1, 1), f"{sel.number}. {sel.theme.title}").font = TITLE_FONT
    put_text(ws.cell(2, 1), sel.theme.summary).font = _font(italic=True)
    put_text(ws.cell(3, 1), txt.THEME_INSTRUCTION).font = SMALL_GREY
    for col, column in enumerate(THEME_COLUMNS, 1):
        cell = put_text(ws.cell(HEADER_ROW, col), column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = column.width
    first = HEADER_ROW + 1
    last = HEADER_ROW + len(sel.checklist)
    for row, numbered in enumerate(sel.checklist, first):
        values = {
            "number": numbered.number,
            "statement": numbered.item.statement,
            "help": numbered.item.help,
            "id": numbered.item.id,
        }
        for col, column in enumerate(THEME_COLUMNS, 1):
            cell = ws.cell(row, col)
            cell.border = BOX
            cell.alignment = WRAP_TOP
            if column.input:
                cell.fill, cell.protection = INPUT_FILL, UNLOCKED
            elif values.get(column.key):
                put_text(cell, values[column.key])
        ws.cell(row, _column("id")).font = SMALL_GREY
        deadline = ws.cell(row, _column("deadline"))
        deadline.number_format = DATE_FORMAT
        deadline.alignment = Alignment(horizontal="left", vertical="top")
        # Two lines at least: room for a short comment, as an explicit height stops auto-fitting.
        _fit_row(
            ws,
            row,
            [(values[k], COLUMN_BY_KEY[k].width) for k in ("number", "statement", "help")],
            min_lines=2,
        )
    ws.row_dimensions[HEADER_ROW].height = 20

    def span(key: str) -> str:
        return f"{_letter(key)}{first}:{_letter(key)}{last}"

    checks = {
        "answer": _validation(
            "list", formula1=NAME_SCALE, prompt=txt.ANSWER_PROMPT, error=txt.ANSWER_ERROR
        ),
        "priority": _validation(
            "list",
            formula1=NAME_PRIORITIES,
            prompt=txt.PRIORITY_PROMPT,
            error=txt.PRIORITY_ERROR,
        ),
        "owner": _text_validation(OWNER_MAX, txt.OWNER_PROMPT),
        "deadline": _date_validation(txt.DEADLINE_PROMPT),
        "comment": _text_validation(COMMENT_MAX, txt.COMMENT_PROMPT),
    }
    assert set(checks) == set(INPUT_KEYS), "every input column of the contract needs a validation"
    for key, dv in checks.items():
        dv.add(span(key))
        ws.add_data_validation(dv)
    # Colours follow the reader's reading of the cell (``" ja "`` is Ja), and a value that is not on
    # the scale gets a red border and keeps its word, so a pasted typo is seen before read-back.
    top = f"{_letter('answer')}{first}"  # relative: the rule is evaluated for every cell of the span
    ws.conditional_formatting.add(
        span("answer"),
        FormulaRule(
            formula=[f"AND({_clean(top)}<>\"\",SUMPRODUCT(--({NAME_SCALE}={_clean(top)}))=0)"],
            border=OFF_SCALE_BORDER,
            font=Font(color=OFF_SCALE_COLOUR, bold=True),
            stopIfTrue=True,
        ),
    )
    for answer, (fill, colour) in ANSWER_COLOURS.items():
        ws.conditional_formatting.add(
            span("answer"),
            FormulaRule(
                formula=[f'{_clean(top)}="{answer}"'],
                fill=PatternFill("solid", bgColor=fill),
                font=Font(color=colour),
            ),
        )

    ws.freeze_panes = ws.cell(first, 2)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{_letter('comment')}{last}"
    _print_setup(ws, meeting, catalog, landscape=True)
    _protect(ws)
    return name, first, last


def _overview_sheet(
    wb: Workbook,
    meeting: Meeting,
    catalog: Catalog,
    spans: list[tuple[SelectedTheme, str, int, int]],
) -> None:
    ws = wb.create_sheet(SHEET_OVERVIEW)
    put_text(ws.cell(1, 1), f"{txt.OVERVIEW_TITLE}: {meeting.title}").font = TITLE_FONT
    put_text(ws.cell(2, 1), f"{txt.OVERVIEW_FILLED_BY}:").font = BOLD
    ws.cell(
        2, 2
    ).value = (
        f'=IF({NAME_RESPONDENT}="","",{NAME_RESPONDENT}&IF({NAME_ROLE}="","",", "&{NAME_ROLE}))'
    )
    ws.cell(2, 2).alignment = Alignment(horizontal="left")
    header_row = 4
    headers = txt.OVERVIEW_HEADERS
    for col, header in enumerate(headers, 1):
        cell = put_text(ws.cell(header_row, col), header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BOX
        cell.alignment = Alignment(
            horizontal="center" if col > 1 else "left", vertical="center", wrap_text=True
        )
    n_scale = len(SCALE)
    col_total = 2
    col_first_answer = 3
    col_unanswered = col_first_answer + n_scale
    col_share, col_ready = col_unanswered + 1, col_unanswered + 2
    letters = {a: get_column_letter(col_first_answer + i) for i, a in enumerate(SCALE)}

    def figures(row: int) -> None:
        answered = "+".join(f"{letters[a]}{row}" for a in SCALE)
        counted = [a for a in SCALE if SCALE_WEIGHTS[a] is not None]
        points = "+".join(
            f"{letters[a]}{row}*{SCALE_WEIGHTS[a]:g}" for a in counted if SCALE_WEIGHTS[a]
        )
        denominator = "+".join(f"{letters[a]}{row}" for a in counted)
        ja = letters["Ja"]
        ws.cell(row, col_share).value = f'=IF(({answered})=0,"",{ja}{row}/({answered}))'
        ws.cell(row, col_ready).value = f'=IF(({denominator})=0,"",({points or 0})/({denominator}))'
        for col in (col_share, col_ready):
            ws.cell(row, col).number_format = "0%"

    row = header_row + 1
    for sel, sheet, first, last in spans:
        answers = f"{_quote(sheet)}!${_letter('answer')}${first}:${_letter('answer')}${last}"
        put_text(ws.cell(row, 1), f"{sel.number}. {sel.theme.short_title}")
        ws.cell(row, col_total).value = last - first + 1
        # Counted as the reader counts (case, spaces and pasted values beside the list); what is
        # not on the scale is unanswered, as in the report, so both give the same figures.
        for answer in SCALE:
            ws[f"{letters[answer]}{row}"] = f'=SUMPRODUCT(--({_clean(answers)}="{answer}"))'
        scale_cells = f"{letters[SCALE[0]]}{row}:{letters[SCALE[-1]]}{row}"
        ws.cell(row, col_unanswered).value = (
            f"={get_column_letter(col_total)}{row}-SUM({scale_cells})"
        )
        figures(row)
        for col in range(1, len(headers) + 1):
            ws.cell(row, col).border = BOX
        row += 1
    first_row, last_row = header_row + 1, row - 1
    put_text(ws.cell(row, 1), txt.OVERVIEW_TOTAL)
    for col in range(col_total, col_unanswered + 1):
        letter = get_column_letter(col)
        ws.cell(row, col).value = f"=SUM({letter}{first_row}:{letter}{last_row})"
    figures(row)
    for col in range(1, len(headers) + 1):
        cell = ws.cell(row, col)
        cell.font, cell.border = BOLD, Border(top=Side(style="medium"), bottom=Side(style="medium"))
    total_row = row

    ws.column_dimensions["A"].width = 30
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.row_dimensions[header_row].height = 30

    row = total_row + 2
    table_width = sum(
        ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(headers) + 1)
    )
    for line in txt.OVERVIEW_EXPLANATION:
        cell = put_text(ws.cell(row, 1), line)
        cell.font, cell.alignment = SMALL_GREY, WRAP_TOP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
        _fit_row(ws, row, [(line, table_width * 1.1)], line_pt=12)
        row += 1

    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = txt.CHART_TITLE
    chart.legend = None
    data = Reference(ws, min_col=col_ready, min_row=header_row, max_row=last_row)
    cats = Reference(ws, min_col=1, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.x_axis.scaling.orientation = "maxMin"  # first theme at the top, as in the table
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorUnit = 0.25
    chart.y_axis.number_format = "0%"
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.series[0].graphicalProperties.solidFill = "2E75B6"
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for flag in ("showCatName", "showSerName", "showLegendKey", "showPercent", "showBubbleSize"):
        setattr(chart.dataLabels, flag, False)
    chart.dataLabels.numFmt = "0%"
    chart.width = 24
    chart.height = max(6.0, 1.2 + 0.9 * len(spans))
    ws.add_chart(chart, f"A{row + 1}")

    ws.sheet_view.showGridLines = False
    ws.freeze_panes = ws.cell(header_row + 1, 2)
    _print_setup(ws, meeting, catalog, landscape=True, fit_height=1)
    _protect(ws)


def _meta_sheet(
    wb: Workbook,
    meeting: Meeting,
    catalog: Catalog,
    spans: list[tuple[SelectedTheme, str, int, int]],
) -> None:
    ws = wb.create_sheet(SHEET_META)
    items = [
        (sheet, sel.theme.id, n.item.id, n.number)
        for sel, sheet, _, _ in spans
        for n in sel.checklist
    ]
    pairs: list[tuple[str, object]] = [
        (MetaKey.FORMAT, FORMAT_NAME),
        (MetaKey.FORMAT_VERSION, FORMAT_VERSION),
        (MetaKey.TOOL_VERSION, __version__),
        (MetaKey.CATALOG_VERSION, catalog.version),
        (MetaKey.CATALOG_HASH, catalog.content_hash),
        (MetaKey.MEETING_ID, meeting.id),
        (MetaKey.MUNICIPALITY, meeting.municipality),
        (MetaKey.MEETING_TITLE, meeting.title),
        (MetaKey.MEETING_DATE, meeting.date.isoformat()),
        (MetaKey.CREATED, dt.datetime.now().replace(microsecond=0).isoformat()),
        (MetaKey.CHECKSUM, structure_checksum(items)),
    ]
    row = 1
    for key, value in pairs:
        put_text(ws.cell(row, 1), key)
        if isinstance(value, int):
            ws.cell(row, 2).value = value
        else:
            put_text(ws.cell(row, 2), value)
        row += 1
    row += 1
    for col, header in enumerate(META_ITEMS_HEADER, 1):
        put_text(ws.cell(row, col), header).font = BOLD
    for item in items:
        row += 1
        for col, value in enumerate(item, 1):
            put_text(ws.cell(row, col), value)
    for letter, width in zip("ABCD", (22, 70, 30, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_state = "hidden"
    _protect(ws)


def build_workbook(meeting: Meeting, catalog: Catalog) -> Workbook:
    """Build the self-assessment workbook for ``meeting`` in memory (not saved)."""
    selected = select_themes(meeting, catalog)
    reserved = {name.casefold() for name in RESERVED_SHEETS}
    problems = [
        txt.RESERVED_SHEET.format(theme=s.theme.id, name=s.theme.short_title)
        for s in selected
        if s.theme.short_title.casefold() in reserved
    ]
    if problems:
        raise CatalogError(problems)
    wb = Workbook()
    _guide_sheet(wb, meeting, catalog, selected)
    spans = []
    for sel in selected:
        sheet, first, last = _theme_sheet(wb, meeting, catalog, sel)
        spans.append((sel, sheet, first, last))
    _overview_sheet(wb, meeting, catalog, spans)
    _lists_sheet(wb)
    _meta_sheet(wb, meeting, catalog, spans)
    wb.active = 0
    props = wb.properties
    props.title = f"{txt.TITLE} – {meeting.title}"
    props.subject = f"Selvevaluering til {meeting.forum}, {danish.date(meeting.date)}"
    props.creator = meeting.municipality
    props.lastModifiedBy = meeting.municipality
    props.keywords = f"velfærdsalliancer; selvevaluering; katalog {catalog.version}"
    props.description = f"Lavet med workbook {__version__} fra katalog {catalog.version}."
    props.language = "da-DK"
    return wb


def item_rows(wb: Workbook) -> dict[str, tuple[str, int]]:
    """Return where each statement is: item id → (sheet name, row), found by header and id."""
    found: dict[str, tuple[str, int]] = {}
    for ws in wb.worksheets:
        if ws.title in RESERVED_SHEETS:
            continue
        located = _find_header(ws)
        if located is None:
            continue
        header_row, columns = located
        id_col = columns[COLUMN_BY_KEY["id"].header]
        for row in range(header_row + 1, ws.max_row + 1):
            value = ws.cell(row, id_col).value
            if isinstance(value, str) and value.strip():
                found[value.strip()] = (ws.title, row)
    return found


def _find_header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """Find the theme header row (Id and input headers); return it and a header → column map."""
    wanted = {COLUMN_BY_KEY[k].header.casefold() for k in ("id", *INPUT_KEYS)}
    for row in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        columns = {
            str(c.value).strip(): c.column
            for c in row
            if isinstance(c.value, str) and c.value.strip()
        }
        if wanted <= {h.casefold() for h in columns}:
            by_fold = {h.casefold(): col for h, col in columns.items()}
            return row[0].row, {
                c.header: by_fold[c.header.casefold()]
                for c in THEME_COLUMNS
                if c.header.casefold() in by_fold
            }
    return None


# --- never lose answers ----------------------------------------------------------------------


def find_answer(path: Path) -> str | None:
    """Return where ``path`` holds an answer (``'Ark!D5'``) or None; ValueError if unreadable.

    Looks at every input column of every sheet with the theme header, on rows with an item id, and
    at the respondent fields (by defined name). Tolerant of sorted rows and extra columns.
    """
    label = path.name
    try:  # size, zip bomb, macros, DTDs: the same container checks as for returned workbooks
        check_container(path, label)
    except WorkbookFileError as exc:
        raise ValueError(str(exc).removeprefix(f"{label}: ")) from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=False, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for foreign or broken files
        raise ValueError("filen er ikke en gyldig Excel-fil") from exc
    try:
        recognised = False
        for name in RESPONDENT_FIELDS:
            defined = wb.defined_names.get(name)
            if defined is None:
                continue
            for sheet, coord in defined.destinations:
                cell = wb[sheet][coord.replace("$", "")] if sheet in wb.sheetnames else None
                if isinstance(cell, Cell):
                    recognised = True
                    if _filled(cell.value):
                        return f"{sheet}!{cell.coordinate}"
        for ws in wb.worksheets:
            located = _find_header(ws)
            if located is None:
                continue
            recognised = True
            header_row, columns = located
            id_col = columns[COLUMN_BY_KEY["id"].header]
            input_cols = [columns[COLUMN_BY_KEY[k].header] for k in INPUT_KEYS]
            for row in ws.iter_rows(min_row=header_row + 1):
                cells = {c.column: c for c in row if hasattr(c, "column")}
                id_cell = cells.get(id_col)
                if id_cell is None or not _filled(id_cell.value):
                    continue
                for col in input_cols:
                    cell = cells.get(col)
                    if cell is not None and _filled(cell.value):
                        return f"{ws.title}!{cell.coordinate}"
        if not recognised:
            raise ValueError("ingen ark med svar-kolonner")
        return None
    finally:
        wb.close()


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _backup_path(target: Path, now: dt.datetime) -> Path:
    stem = f"{target.stem}.backup-{now:%Y%m%d-%H%M%S}"
    candidate = target.with_name(stem + target.suffix)
    counter = 2
    while candidate.exists():
        candidate = target.with_name(f"{stem}-{counter}{target.suffix}")
        counter += 1
    return candidate


def save_workbook(wb: Workbook, target: Path, *, force: bool = False) -> ChecklistResult:
    """Save ``wb`` to ``target`` atomically; refuse to replace a file with answers unless ``force``.

    With ``force``, a file that has answers (or cannot be read) is first copied to a timestamped
    backup beside it. A file without answers is simply replaced.
    """
    target = Path(target)
    backup = None
    if target.exists():
        if target.is_dir():
            raise OutputError(f"{target}: er en mappe, ikke en fil")
        try:
            where = find_answer(target)
            refusal = txt.REFUSE_ANSWERS.format(path=target, where=where) if where else None
        except ValueError as exc:
            refusal = txt.REFUSE_UNREADABLE.format(path=target, reason=exc)
        if refusal and not force:
            raise OutputError(refusal)
        if refusal:
            backup = _backup_path(target, dt.datetime.now())
            with atomic_path(backup) as tmp:
                shutil.copy2(target, tmp)
            log.info("sikkerhedskopi af den gamle fil: %s", backup)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    log.info("selvevalueringen er skrevet: %s", target)
    return ChecklistResult(target, backup)


def write_checklist(
    meeting: Meeting, catalog: Catalog, target: Path, *, force: bool = False
) -> ChecklistResult:
    """Build the self-assessment workbook for ``meeting`` and save it to ``target`` safely."""
    return save_workbook(build_workbook(meeting, catalog), target, force=force)


def default_target(meeting: Meeting) -> Path:
    """Return the default output file: ``output/<meeting-id>/selvevaluering.xlsx``."""
    return DEFAULT_OUTPUT_DIR / meeting.id / DEFAULT_FILENAME


def make_checklist(
    meeting_path: Path,
    *,
    output: Path | None = None,
    content: Path | None = None,
    force: bool = False,
) -> ChecklistResult:
    """Load the catalog and the meeting file, and write the meeting's self-assessment workbook."""
    from workbook.content.load import load_catalog
    from workbook.meeting.load import load_meeting

    catalog = load_catalog(content)
    meeting = load_meeting(Path(meeting_path), catalog)
    return write_checklist(
        meeting, catalog, Path(output) if output else default_target(meeting), force=force
    )
