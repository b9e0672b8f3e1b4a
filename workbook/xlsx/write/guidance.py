"""The Vejledning sheet: meeting facts, the respondent fields (defined names), how to fill in, the scale."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from workbook import danish
from workbook.content.model import Catalog
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import NAME_DATE, PRIORITIES, RESPONDENT_FIELDS, SCALE, SHEET_GUIDE
from workbook.xlsx.write.style import (
    ANSWER_COLOURS,
    BOLD,
    BOX,
    DATE_FORMAT,
    HEADING_FONT,
    INPUT_FILL,
    RESPONDENT_MAX,
    TITLE_FONT,
    UNLOCKED,
    WRAP_TOP,
    date_validation,
    fit_row,
    font,
    print_setup,
    protect,
    put_text,
    quote,
    text_validation,
)

LABEL_WIDTH, TEXT_WIDTH = 24, 96


class _Page:
    """Writes the guide top to bottom: a cursor row and the three kinds of line it has."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def heading(self, text: str) -> None:
        self.row += 1
        put_text(self.ws.cell(self.row, 1), text).font = HEADING_FONT
        self.row += 1

    def pair(self, label: str, value: str) -> Cell:
        ws, row = self.ws, self.row
        put_text(ws.cell(row, 1), label).font = BOLD
        cell = put_text(ws.cell(row, 2), value)
        cell.alignment = WRAP_TOP
        ws.cell(row, 1).alignment = WRAP_TOP
        fit_row(ws, row, [(label, LABEL_WIDTH), (value, TEXT_WIDTH)])
        self.row += 1
        return cell

    def para(self, text: str) -> None:
        cell = put_text(self.ws.cell(self.row, 2), text)
        cell.alignment = WRAP_TOP
        fit_row(self.ws, self.row, [(text, TEXT_WIDTH)])
        self.row += 1


def guide_sheet(
    wb: Workbook, meeting: Meeting, catalog: Catalog, selected: tuple[SelectedTheme, ...]
) -> None:
    """Write the Vejledning sheet as the workbook's first sheet."""
    ws = wb.active
    ws.title = SHEET_GUIDE
    ws.column_dimensions["A"].width = LABEL_WIDTH
    ws.column_dimensions["B"].width = TEXT_WIDTH
    page = _Page(ws)
    put_text(ws.cell(1, 1), txt.TITLE).font = TITLE_FONT
    put_text(ws.cell(2, 1), meeting.title).font = font(size=12, italic=True)
    page.row = 3
    _meeting_section(page, meeting, catalog)
    _respondent_section(page, wb)
    _howto_section(page, meeting)
    _scale_section(page)
    page.heading(txt.SECTION_THEMES)
    for sel in selected:
        page.pair(
            f"{sel.number}. {sel.theme.short_title}",
            f"{sel.theme.title} ({len(sel.checklist)} udsagn)",
        )
    ws.sheet_view.showGridLines = False
    print_setup(ws, meeting, catalog, landscape=False)
    protect(ws)


def _meeting_section(page: _Page, meeting: Meeting, catalog: Catalog) -> None:
    page.heading(txt.SECTION_MEETING)
    page.pair(txt.LABEL_MUNICIPALITY, meeting.municipality)
    page.pair(txt.LABEL_FORUM, meeting.forum)
    page.pair(txt.LABEL_MEETING, meeting.title)
    page.pair(txt.LABEL_MEETING_DATE, danish.date(meeting.date))
    page.pair(txt.LABEL_CONTACT, meeting.contact)
    page.pair(
        txt.LABEL_CATALOG,
        f"{catalog.info.title}, version {catalog.version} af {danish.date(catalog.info.date)}",
    )


def _respondent_section(page: _Page, wb: Workbook) -> None:
    """Write the yellow respondent fields, each a defined name the reader finds it by."""
    page.heading(txt.SECTION_RESPONDENT)
    ws = page.ws
    for name, label in RESPONDENT_FIELDS.items():
        put_text(ws.cell(page.row, 1), label).font = BOLD
        cell = ws.cell(page.row, 2)
        cell.fill, cell.border, cell.protection = INPUT_FILL, BOX, UNLOCKED
        cell.alignment = Alignment(horizontal="left", vertical="top")
        prompt = txt.RESPONDENT_PROMPTS[label]
        if name == NAME_DATE:
            cell.number_format = DATE_FORMAT
            dv = date_validation(prompt)
        else:
            dv = text_validation(RESPONDENT_MAX, prompt)
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        wb.defined_names[name] = DefinedName(name, attr_text=f"{quote(SHEET_GUIDE)}!$B${page.row}")
        page.row += 1


def _howto_section(page: _Page, meeting: Meeting) -> None:
    page.heading(txt.SECTION_PURPOSE)
    page.para(txt.PURPOSE)
    page.heading(txt.SECTION_HOWTO)
    for number, step in enumerate(txt.STEPS, 1):
        put_text(page.ws.cell(page.row, 1), f"{number}.").alignment = Alignment(
            horizontal="right", vertical="top"
        )
        page.para(step.format(contact=meeting.contact))
    page.para(txt.LOCK_NOTE)


def _scale_section(page: _Page) -> None:
    """Write the scale (coloured as in the sheets), the priorities and what the overview shows."""
    page.heading(txt.SECTION_SCALE)
    for answer in SCALE:
        fill, colour = ANSWER_COLOURS[answer]
        cell = put_text(page.ws.cell(page.row, 1), answer)
        cell.fill, cell.font, cell.border = (
            PatternFill("solid", fgColor=fill),
            font(bold=True, color=colour),
            BOX,
        )
        cell.alignment = WRAP_TOP
        page.para(txt.SCALE_MEANINGS[answer])
    page.heading(txt.SECTION_PRIORITY)
    for priority in PRIORITIES:
        put_text(page.ws.cell(page.row, 1), priority).font = BOLD
        page.para(txt.PRIORITY_MEANINGS[priority])
    page.heading(txt.SECTION_OVERVIEW)
    for line in txt.OVERVIEW_EXPLANATION:
        page.para(line)
