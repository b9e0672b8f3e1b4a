"""The Excel summary of a report (``samlet.xlsx``): answers for pivoting, action plan, figures.

Written with openpyxl's write-only mode, so memory stays flat for many respondents. Every text that
came from a respondent's workbook is written as text (data type ``s``), never as a formula.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from workbook import danish
from workbook.files import atomic_path
from workbook.report.aggregate import Summary
from workbook.xlsx import layout as L
from workbook.xlsx.read import Answer, Response

SHEET_ANSWERS = "Svar"
SHEET_ACTIONS = "Handleplan"
SHEET_THEMES = "Temaer"
SHEET_ITEMS = "Udsagn"
SHEET_RESPONDENTS = "Respondenter"
SHEET_ABOUT = "Om"

ANSWER_HEADERS = ("Respondent nr.", "Respondent", "Rolle / afdeling", "Tema nr.", "Tema", "Nr.", "Id",
                  "Udsagn", "Svar", "Point", "Prioritet", "Ansvarlig", "Frist", "Bemærkning")
ACTION_HEADERS = ("Prioritet", "Tema", "Nr.", "Udsagn", "Svar", "Respondent", "Ansvarlig", "Frist",
                  "Bemærkning")
FIGURE_HEADERS = ("Svar i alt", *L.SCALE, "Ubesvaret", "Parathed")
THEME_HEADERS = ("Tema nr.", "Tema", "Udsagn", *FIGURE_HEADERS)
ITEM_HEADERS = ("Tema", "Nr.", "Id", "Udsagn", *FIGURE_HEADERS, "Uenighed")
RESPONDENT_HEADERS = ("Nr.", "Respondent", "Rolle / afdeling", "Dato", "Fil", "Besvarede udsagn",
                      "Udsagn i alt")

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
DATE_FORMAT = danish.EXCEL_DATE_FORMAT
PERCENT = "0%"


class _Sheet:
    """A write-only sheet with typed cells: text is always text, dates and percentages formatted."""

    def __init__(self, wb: Workbook, title: str, headers: tuple[str, ...], widths: dict[int, float],
                 table: str | None) -> None:
        self.ws = wb.create_sheet(title)
        self.headers = headers
        self.table = table
        self.rows = 0
        for col, width in widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = "A2"
        header = []
        for text in headers:
            cell = self.text(text)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        self.ws.append(header)

    def text(self, value: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        if value not in (None, ""):
            cell.value = _ILLEGAL.sub("", str(value))[:32767]
            cell.data_type = "s"
        return cell

    def cell(self, value: object, number_format: str | None = None) -> object:
        # Plain values are cheapest; only text openpyxl would take for a formula, dates and
        # formatted numbers need a cell object.
        if isinstance(value, str):
            return self.text(value) if _needs_cell(value) else value
        if value is None or (number_format is None and not isinstance(value, dt.date)):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif number_format:
            cell.number_format = number_format
        return cell

    def append(self, values: Iterable[object], formats: dict[int, str] | None = None) -> None:
        formats = formats or {}
        self.ws.append([self.cell(v, formats.get(i)) for i, v in enumerate(values)])
        self.rows += 1

    def append_ready(self, values: list[object]) -> None:
        """Append a row whose values were already made safe with ``cell``."""
        self.ws.append(values)
        self.rows += 1

    def finish(self) -> None:
        ref = f"A1:{get_column_letter(len(self.headers))}{self.rows + 1}"
        if self.rows and self.table:
            table = Table(displayName=self.table, ref=ref, autoFilter=AutoFilter(ref=ref))
            # write-only mode cannot read the header cells back: declare the columns here
            table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(self.headers, 1)]
            table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
            with warnings.catch_warnings():  # openpyxl warns in write-only mode even when declared
                warnings.simplefilter("ignore", UserWarning)
                self.ws.add_table(table)
        else:
            self.ws.auto_filter.ref = ref


def _figures(counts) -> list[object]:
    return [counts.total, *(counts.by_answer[a] for a in L.SCALE), counts.unanswered, counts.readiness]


def _answer_rows(summary: Summary, responses: Iterable[Response], sheet: _Sheet) -> Iterator[list[object]]:
    """Yield one row per respondent × statement, in respondent then workbook order, ready to append.

    This sheet has a row per respondent and statement (48,000 rows for 1,000 files), so values are
    converted once where possible: respondent fields once per respondent, catalog texts and numbers
    as they are; only owner, deadline and comment (free text typed by the respondent) per row.
    """
    themes = {t.theme_id: (t.number, t.title) for t in summary.themes}
    statements = {i.item_id: i.statement for t in summary.themes for i in t.items}
    weights = L.SCALE_WEIGHTS
    cell = sheet.cell
    empty = Answer()
    for respondent, response in zip(summary.respondents, responses, strict=True):
        label, role = respondent.label, respondent.role
        plain = not (_needs_cell(label) or _needs_cell(role))
        answers = response.answers
        for meta_item in response.items:
            theme_number, theme_title = themes[meta_item.theme_id]
            answer = answers.get(meta_item.item_id) or empty
            choice = answer.answer
            yield [respondent.number, label if plain else cell(label), role if plain else cell(role),
                   theme_number, theme_title, meta_item.number, meta_item.item_id,
                   statements[meta_item.item_id], choice, weights[choice] if choice else None,
                   answer.priority, cell(answer.owner) if answer.owner else None,
                   cell(answer.deadline) if answer.deadline else None,
                   cell(answer.comment) if answer.comment else None]


def _needs_cell(value: str) -> bool:
    return value.startswith("=") or bool(_ILLEGAL.search(value))


def write_summary_xlsx(summary: Summary, responses: Iterable[Response], target: Path) -> Path:
    """Write ``samlet.xlsx`` (answers, action plan, figures per theme and statement) atomically."""
    wb = Workbook(write_only=True)
    answers = _Sheet(wb, SHEET_ANSWERS, ANSWER_HEADERS,
                     {2: 22, 3: 20, 5: 30, 8: 60, 9: 12, 11: 11, 12: 20, 13: 12, 14: 50}, "Svar")
    for row in _answer_rows(summary, responses, answers):
        answers.append_ready(row)
    answers.finish()

    actions = _Sheet(wb, SHEET_ACTIONS, ACTION_HEADERS,
                     {1: 11, 2: 28, 3: 7, 4: 60, 5: 10, 6: 22, 7: 22, 8: 12, 9: 50}, "Handleplan")
    for a in summary.actions:
        actions.append([a.priority, a.theme, a.number, a.statement, a.answer, a.respondent, a.owner,
                        a.deadline, a.comment])
    actions.finish()

    pct = {len(THEME_HEADERS) - 1: PERCENT}
    themes = _Sheet(wb, SHEET_THEMES, THEME_HEADERS, {2: 40, len(THEME_HEADERS): 10}, "Temaer")
    for t in summary.themes:
        themes.append([t.number, t.title, len(t.items), *_figures(t.counts)], pct)
    themes.append(["", "I alt", sum(len(t.items) for t in summary.themes), *_figures(summary.counts)],
                  pct)
    themes.finish()

    items = _Sheet(wb, SHEET_ITEMS, ITEM_HEADERS, {1: 24, 3: 22, 4: 60}, "Udsagn")
    pct = {len(ITEM_HEADERS) - 2: PERCENT}
    for t in summary.themes:
        for i in t.items:
            items.append([t.short_title, i.number, i.item_id, i.statement, *_figures(i.counts),
                          "Ja" if i.disagreement else ""], pct)
    items.finish()

    people = _Sheet(wb, SHEET_RESPONDENTS, RESPONDENT_HEADERS, {2: 24, 3: 24, 4: 12, 5: 36},
                    "Respondenter")
    for r in summary.respondents:
        people.append([r.number, r.label, r.role, r.date, r.file, r.answered, r.total])
    people.finish()

    about = wb.create_sheet(SHEET_ABOUT)
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 100
    for key, value in summary_about(summary):
        about.append([_text_cell(about, key, bold=True), _text_cell(about, value)])

    _set_properties(wb, summary)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _set_properties(wb: Workbook, summary: Summary) -> None:
    """Say in the file's properties who made it and what it is (Excel shows them under Oplysninger)."""
    meta = summary.meta
    municipality = meta.get(L.MetaKey.MUNICIPALITY, "")
    title = meta.get(L.MetaKey.MEETING_TITLE, "")
    props = wb.properties
    props.creator = municipality or "workbook"
    props.lastModifiedBy = props.creator
    props.title = f"Samlet opgørelse: {title}" if title else "Samlet opgørelse af selvevalueringer"
    props.subject = ("Svar, handleplan og tal fra selvevalueringerne om velfærdsalliancer"
                     + (f", {municipality}" if municipality else ""))
    props.description = (f"Lavet med workbook ud fra {len(summary.respondents)} udfyldte "
                         f"selvevalueringer, katalogversion {summary.catalog_version}.")
    props.language = "da-DK"
    props.keywords = "selvevaluering; handleplan; velfærdsalliancer"


def _text_cell(ws, value: str, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def summary_about(summary: Summary) -> list[tuple[str, str]]:
    """Return the key/value lines that say what the summary is."""
    meta = summary.meta
    return [
        ("Kommune", meta.get(L.MetaKey.MUNICIPALITY, "")),
        ("Møde", meta.get(L.MetaKey.MEETING_TITLE, "")),
        ("Mødedato", danish.date_text(meta.get(L.MetaKey.MEETING_DATE, ""))),
        ("Katalog", f"{summary.catalog_title}, version {summary.catalog_version} af "
                    f"{danish.date(summary.catalog_date)}"),
        ("Respondenter", str(len(summary.respondents))),
        ("Anonymiseret", "Ja" if summary.anonym else "Nej"),
        ("Parathed", "Gennemsnit af svarene, hvor Ja = 1, Delvist = ½, Nej og Ved ikke = 0. "
                     "Ikke relevant og ubesvarede udsagn tælles ikke med."),
        ("Uenighed", "Mindst én har svaret Ja og mindst én har svaret Nej til samme udsagn."),
        ("Handleplan", "Alle svar Nej eller Delvist, sorteret efter prioritet (Høj, Mellem, Lav, "
                       "ingen), tema og udsagn."),
        ("Point", "Svarets vægt i parathed (tom for Ikke relevant og ubesvaret)."),
    ]
