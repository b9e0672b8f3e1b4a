"""The Overblik sheet: per theme, formulas that count the answers as the reader does, and a chart."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbook.content.model import Catalog
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import NAME_RESPONDENT, NAME_ROLE, SCALE, SCALE_WEIGHTS, SHEET_OVERVIEW
from workbook.xlsx.write.style import (
    BOLD,
    BOX,
    HEADER_FILL,
    HEADER_FONT,
    SMALL_GREY,
    TITLE_FONT,
    WRAP_TOP,
    clean,
    fit_row,
    letter,
    print_setup,
    protect,
    put_text,
    quote,
)

#: A theme as written: its selection, sheet name, first and last statement row.
Span = tuple[SelectedTheme, str, int, int]

HEADER_ROW = 4
COL_TOTAL = 2
COL_FIRST_ANSWER = 3
COL_UNANSWERED = COL_FIRST_ANSWER + len(SCALE)
COL_SHARE, COL_READY = COL_UNANSWERED + 1, COL_UNANSWERED + 2
LETTERS = {a: get_column_letter(COL_FIRST_ANSWER + i) for i, a in enumerate(SCALE)}


@dataclass(frozen=True)
class _Table:
    first_row: int
    last_row: int
    total_row: int


def overview_sheet(wb: Workbook, meeting: Meeting, catalog: Catalog, spans: list[Span]) -> None:
    """Write the Overblik sheet (counts, shares, readiness per theme and in total, a bar chart)."""
    ws = wb.create_sheet(SHEET_OVERVIEW)
    put_text(ws.cell(1, 1), f"{txt.OVERVIEW_TITLE}: {meeting.title}").font = TITLE_FONT
    put_text(ws.cell(2, 1), f"{txt.OVERVIEW_FILLED_BY}:").font = BOLD
    ws.cell(2, 2).value = (
        f'=IF({NAME_RESPONDENT}="","",{NAME_RESPONDENT}&IF({NAME_ROLE}="","",", "&{NAME_ROLE}))'
    )
    ws.cell(2, 2).alignment = Alignment(horizontal="left")
    table = _table(ws, spans)
    width = len(txt.OVERVIEW_HEADERS)
    ws.column_dimensions["A"].width = 30
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.row_dimensions[HEADER_ROW].height = 30
    row = table.total_row + 2
    table_width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, width + 1))
    for line in txt.OVERVIEW_EXPLANATION:
        cell = put_text(ws.cell(row, 1), line)
        cell.font, cell.alignment = SMALL_GREY, WRAP_TOP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        fit_row(ws, row, [(line, table_width * 1.1)], line_pt=12)
        row += 1
    ws.add_chart(_chart(ws, table, len(spans)), f"A{row + 1}")
    ws.sheet_view.showGridLines = False
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    print_setup(ws, meeting, catalog, landscape=True, fit_height=1)
    protect(ws)


def _figures(ws: Worksheet, row: int) -> None:
    """Write the Ja share and the readiness of ``row`` from its counts."""
    answered = "+".join(f"{LETTERS[a]}{row}" for a in SCALE)
    counted = [a for a in SCALE if SCALE_WEIGHTS[a] is not None]
    points = "+".join(f"{LETTERS[a]}{row}*{SCALE_WEIGHTS[a]:g}" for a in counted if SCALE_WEIGHTS[a])
    denominator = "+".join(f"{LETTERS[a]}{row}" for a in counted)
    ja = LETTERS["Ja"]
    ws.cell(row, COL_SHARE).value = f'=IF(({answered})=0,"",{ja}{row}/({answered}))'
    ws.cell(row, COL_READY).value = f'=IF(({denominator})=0,"",({points or 0})/({denominator}))'
    for col in (COL_SHARE, COL_READY):
        ws.cell(row, col).number_format = "0%"


def _table(ws: Worksheet, spans: list[Span]) -> _Table:
    headers = txt.OVERVIEW_HEADERS
    for col, header in enumerate(headers, 1):
        cell = put_text(ws.cell(HEADER_ROW, col), header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BOX
        cell.alignment = Alignment(
            horizontal="center" if col > 1 else "left", vertical="center", wrap_text=True
        )
    row = HEADER_ROW + 1
    for sel, sheet, first, last in spans:
        answers = f"{quote(sheet)}!${letter('answer')}${first}:${letter('answer')}${last}"
        put_text(ws.cell(row, 1), f"{sel.number}. {sel.theme.short_title}")
        ws.cell(row, COL_TOTAL).value = last - first + 1
        # Counted as the reader counts (case, spaces and pasted values beside the list); what is
        # not on the scale is unanswered, as in the report, so both give the same figures.
        for answer in SCALE:
            ws[f"{LETTERS[answer]}{row}"] = f'=SUMPRODUCT(--({clean(answers)}="{answer}"))'
        scale_cells = f"{LETTERS[SCALE[0]]}{row}:{LETTERS[SCALE[-1]]}{row}"
        ws.cell(row, COL_UNANSWERED).value = (
            f"={get_column_letter(COL_TOTAL)}{row}-SUM({scale_cells})"
        )
        _figures(ws, row)
        for col in range(1, len(headers) + 1):
            ws.cell(row, col).border = BOX
        row += 1
    first_row, last_row = HEADER_ROW + 1, row - 1
    put_text(ws.cell(row, 1), txt.OVERVIEW_TOTAL)
    for col in range(COL_TOTAL, COL_UNANSWERED + 1):
        col_letter = get_column_letter(col)
        ws.cell(row, col).value = f"=SUM({col_letter}{first_row}:{col_letter}{last_row})"
    _figures(ws, row)
    for col in range(1, len(headers) + 1):
        cell = ws.cell(row, col)
        cell.font, cell.border = BOLD, Border(top=Side(style="medium"), bottom=Side(style="medium"))
    return _Table(first_row, last_row, row)


def _chart(ws: Worksheet, table: _Table, themes: int) -> BarChart:
    """Return the readiness bar chart, first theme at the top."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = txt.CHART_TITLE
    chart.legend = None
    data = Reference(ws, min_col=COL_READY, min_row=HEADER_ROW, max_row=table.last_row)
    cats = Reference(ws, min_col=1, min_row=table.first_row, max_row=table.last_row)
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
    chart.height = max(6.0, 1.2 + 0.9 * themes)
    return chart
