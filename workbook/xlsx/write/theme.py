"""A theme sheet: one row per statement, the yellow input columns with their checks and colours."""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbook.content.model import Catalog
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import (
    COLUMN_BY_KEY,
    HEADER_ROW,
    INPUT_KEYS,
    NAME_PRIORITIES,
    NAME_SCALE,
    RUBRIC_COLUMN,
    RUBRIC_PARTS,
    THEME_COLUMNS,
)
from workbook.xlsx.write.style import (
    ANSWER_COLOURS,
    BOX,
    COMMENT_MAX,
    DATE_FORMAT,
    FONT_NAME,
    HEADER_FILL,
    HEADER_FONT,
    INPUT_FILL,
    OFF_SCALE_BORDER,
    OFF_SCALE_COLOUR,
    OWNER_MAX,
    SMALL_GREY,
    TITLE_FONT,
    UNLOCKED,
    WRAP_TOP,
    clean,
    column,
    date_validation,
    fit_row,
    font,
    letter,
    print_setup,
    protect,
    put_text,
    text_validation,
    validation,
)


def theme_sheet(
    wb: Workbook, meeting: Meeting, catalog: Catalog, sel: SelectedTheme
) -> tuple[str, int, int]:
    """Write one theme's sheet; return (sheet name, first item row, last item row)."""
    name = sel.theme.short_title
    ws = wb.create_sheet(name)
    put_text(ws.cell(1, 1), f"{sel.number}. {sel.theme.title}").font = TITLE_FONT
    put_text(ws.cell(2, 1), sel.theme.summary).font = font(italic=True)
    put_text(ws.cell(3, 1), txt.THEME_INSTRUCTION).font = SMALL_GREY
    for col, theme_column in enumerate(THEME_COLUMNS, 1):
        cell = put_text(ws.cell(HEADER_ROW, col), theme_column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = theme_column.width
    first = HEADER_ROW + 1
    last = HEADER_ROW + len(sel.checklist)
    for row, numbered in enumerate(sel.checklist, first):
        values = {
            "number": numbered.number,
            "statement": numbered.item.statement,
            "help": numbered.item.help,
            "id": numbered.item.id,
        }
        values[RUBRIC_COLUMN] = with_rubric(values[RUBRIC_COLUMN], numbered.item.rubric)
        _statement_row(ws, row, values)
        if numbered.item.rubric:
            _bold_rubric_labels(ws.cell(row, column(RUBRIC_COLUMN)))
    ws.row_dimensions[HEADER_ROW].height = 20
    _input_checks(ws, first, last)
    ws.freeze_panes = ws.cell(first, 2)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{letter('comment')}{last}"
    print_setup(ws, meeting, catalog, landscape=True)
    protect(ws)
    return name, first, last


_RUBRIC_BREAK = re.compile(r"\s*;\s*(?=(?:" + "|".join(map(re.escape, RUBRIC_PARTS)) + "))")


def with_rubric(text: str, rubric: str) -> str:
    """Return ``text`` with ``rubric`` below it after a blank line, each rubric part on its own line.

    "Ja: alle steder; Delvist: nogle steder" becomes two lines, so the manager reads what each
    answer means right before choosing it.
    """
    rubric = _RUBRIC_BREAK.sub("\n", " ".join(rubric.split()))
    return "\n\n".join(part for part in (text.strip(), rubric) if part)


_RUBRIC_LABEL = re.compile(r"(?m)^(" + "|".join(map(re.escape, RUBRIC_PARTS)) + ")")
_BOLD = InlineFont(rFont=FONT_NAME, b=True)


def _bold_rubric_labels(cell: Cell) -> None:
    """Set the rubric's labels ("Ja:", "Delvist:") at the start of a line of ``cell`` in bold."""
    pieces = _RUBRIC_LABEL.split(str(cell.value))
    # split() with one group alternates text and label: even positions are text, odd ones labels.
    cell.value = CellRichText(
        [TextBlock(_BOLD, piece) if i % 2 else piece for i, piece in enumerate(pieces) if piece]
    )


def _statement_row(ws: Worksheet, row: int, values: dict[str, str]) -> None:
    for col, theme_column in enumerate(THEME_COLUMNS, 1):
        cell = ws.cell(row, col)
        cell.border = BOX
        cell.alignment = WRAP_TOP
        if theme_column.input:
            cell.fill, cell.protection = INPUT_FILL, UNLOCKED
        elif values.get(theme_column.key):
            put_text(cell, values[theme_column.key])
    ws.cell(row, column("id")).font = SMALL_GREY
    deadline = ws.cell(row, column("deadline"))
    deadline.number_format = DATE_FORMAT
    deadline.alignment = Alignment(horizontal="left", vertical="top")
    # Two lines at least: room for a short comment, as an explicit height stops auto-fitting.
    fit_row(
        ws,
        row,
        [(values[k], COLUMN_BY_KEY[k].width) for k in ("number", "statement", "help")],
        min_lines=2,
    )


def _input_checks(ws: Worksheet, first: int, last: int) -> None:
    """Add a validation to every input column and the answer colours to the answer column."""

    def span(key: str) -> str:
        return f"{letter(key)}{first}:{letter(key)}{last}"

    checks = {
        "answer": validation(
            "list", formula1=NAME_SCALE, prompt=txt.ANSWER_PROMPT, error=txt.ANSWER_ERROR
        ),
        "priority": validation(
            "list",
            formula1=NAME_PRIORITIES,
            prompt=txt.PRIORITY_PROMPT,
            error=txt.PRIORITY_ERROR,
        ),
        "owner": text_validation(OWNER_MAX, txt.OWNER_PROMPT),
        "deadline": date_validation(txt.DEADLINE_PROMPT),
        "comment": text_validation(COMMENT_MAX, txt.COMMENT_PROMPT),
    }
    assert set(checks) == set(INPUT_KEYS), "every input column of the contract needs a validation"
    for key, dv in checks.items():
        dv.add(span(key))
        ws.add_data_validation(dv)
    # Colours follow the reader's reading of the cell (``" ja "`` is Ja), and a value that is not on
    # the scale gets a red border and keeps its word, so a pasted typo is seen before read-back.
    top = f"{letter('answer')}{first}"  # relative: the rule is evaluated for every cell of the span
    ws.conditional_formatting.add(
        span("answer"),
        FormulaRule(
            formula=[f"AND({clean(top)}<>\"\",SUMPRODUCT(--({NAME_SCALE}={clean(top)}))=0)"],
            border=OFF_SCALE_BORDER,
            font=Font(color=OFF_SCALE_COLOUR, bold=True),
            stopIfTrue=True,
        ),
    )
    for answer, (fill, colour) in ANSWER_COLOURS.items():
        ws.conditional_formatting.add(
            span("answer"),
            FormulaRule(
                formula=[f'{clean(top)}="{answer}"'],
                fill=PatternFill("solid", bgColor=fill),
                font=Font(color=colour),
            ),
        )
