"""The Excel summary of a report (``samlet.xlsx``): answers for pivoting, action plan, figures.

Written with openpyxl's write-only mode, so memory stays flat for many respondents; the rows of the
three long sheets (Svar, Handleplan, Respondenter) are made as XML (``summary_rows``) and put in
while the file is copied (``xlsx_rows.splice_rows``). Every text that came from a respondent's
workbook is written as text (data type ``s`` or an inline string), never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import warnings
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from workbook import danish
from workbook.report.aggregate import Summary, rounded_share
from workbook.report.compare import Comparison
from workbook.report.groups import GroupFigures
from workbook.report.summary_rows import CommentLines, action_rows, answer_rows, people_rows
from workbook.report.xlsx_rows import (
    EXCEL_TEXT_LIMIT,
    ILLEGAL_XML,
    PROBE_DATE,
    SharedStrings,
    excel_text,
    splice_rows,
)
from workbook.xlsx import layout as L

SHEET_ANSWERS = "Svar"
SHEET_ACTIONS = "Handleplan"
SHEET_THEMES = "Temaer"
SHEET_ITEMS = "Udsagn"
SHEET_RESPONDENTS = "Respondenter"
SHEET_COMPARISON = "Sammenligning"
SHEET_GROUPS = "Grupper"
SHEET_ABOUT = "Om"

ANSWER_HEADERS = ("Respondent nr.", "Respondent", "Rolle / afdeling", "Tema nr.", "Tema", "Nr.", "Id",
                  "Udsagn", "Svar", "Point", "Prioritet", "Ansvarlig", "Frist", "Bemærkning")
ACTION_HEADERS = ("Prioritet", "Tema", "Nr.", "Udsagn", "Nej", "Delvist", "Ved ikke", "Ansvarlig", "Frist",
                  "Bemærkning", "Beslutningsforslag")
FIGURE_HEADERS = ("Svar i alt", *L.SCALE, "Ubesvaret", "Parathed", "Ved ikke-andel")
COMPARISON_HEADERS = ("Niveau", "Nr.", "Tema / udsagn", "Parathed før", "Parathed nu", "Ændring (point)",
                      "Ved ikke før", "Ved ikke nu", "Ændring Ved ikke (point)")
THEME_HEADERS = ("Tema nr.", "Tema", "Udsagn", *FIGURE_HEADERS)
ITEM_HEADERS = ("Tema", "Nr.", "Id", "Udsagn", *FIGURE_HEADERS, "Uenighed")
RESPONDENT_HEADERS = ("Nr.", "Respondent", "Rolle / afdeling", "Gruppe", "Dato", "Fil", "Besvarede udsagn",
                      "Udsagn i alt")
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
            cell.value = excel_text(ILLEGAL_XML.sub("", str(value)))
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
    return [counts.total, *(counts.by_answer[a] for a in L.SCALE), counts.unanswered,
            rounded_share(counts.readiness), rounded_share(counts.unknown_share)]


def _needs_cell(value: str) -> bool:
    """Whether text must go through ``_Sheet.text``: too long for a cell, formula-like or not valid XML."""
    return len(value) > EXCEL_TEXT_LIMIT or value.startswith("=") or bool(ILLEGAL_XML.search(value))


def _spliced(wb: Workbook, title: str, headers: tuple[str, ...], widths: dict[int, float], rows: int) -> None:
    """A sheet (a table named ``title``) whose ``rows`` data rows are made as XML (``summary_rows``):
    openpyxl writes its header and a probe row with a date, for the date style, which is replaced."""
    sheet = _Sheet(wb, title, headers, widths, title)
    sheet.append([None] * (len(headers) - 1) + [PROBE_DATE])
    sheet.rows = rows
    sheet.finish()


def write_summary_xlsx(summary: Summary, db: sqlite3.Connection, target: Path, *,
                       comparison: Comparison | None = None, groups: list[GroupFigures] | None = None) -> Path:
    """Write ``samlet.xlsx`` (answers, action plan, figures, comparison, groups) at ``target``.

    ``db`` has the answer database attached as ``bank`` and the run's files in ``temp.run``.
    ``target`` is a staging path: the report's files are moved into place together (``output``).
    """
    wb = Workbook(write_only=True)
    count = db.execute("SELECT COUNT(*) FROM temp.run r JOIN bank.answers a ON a.file_id = r.file_id").fetchone()[0]
    _spliced(wb, SHEET_ANSWERS, ANSWER_HEADERS, {2: 22, 3: 20, 5: 30, 8: 60, 9: 12, 11: 11, 12: 20, 13: 12, 14: 50},
             count)
    _spliced(wb, SHEET_ACTIONS, ACTION_HEADERS, {1: 11, 2: 28, 3: 7, 4: 60, 8: 24, 9: 14, 10: 60, 11: 60},
             len(summary.actions))
    _write_figures(wb, summary)
    if comparison is not None:
        _write_comparison(wb, comparison)
    if groups:
        _write_groups(wb, summary, groups)
    _spliced(wb, SHEET_RESPONDENTS, RESPONDENT_HEADERS, {2: 24, 3: 24, 4: 14, 5: 12, 6: 36}, len(summary.respondents))
    about = wb.create_sheet(SHEET_ABOUT)
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 100
    for key, value in summary_about(summary):
        about.append([_text_cell(about, key, bold=True), _text_cell(about, value)])
    _set_properties(wb, summary)
    # Saved in memory first (a few MB compressed, even for 1,000 files): a full disk then fails in
    # one plain write, not inside openpyxl's write-only generators, which would complain on stderr.
    buffer = io.BytesIO()
    wb.save(buffer)
    shared = SharedStrings()
    comments = CommentLines({a.item_id for a in summary.actions})
    splice_rows(buffer.getvalue(), target, {
        SHEET_ANSWERS: lambda style: answer_rows(summary, db, style, shared, comments),
        SHEET_ACTIONS: lambda style: action_rows(summary, style, comments),
        SHEET_RESPONDENTS: lambda style: people_rows(summary, style),
    }, shared)
    return target


def _write_figures(wb: Workbook, summary: Summary) -> None:
    pct = {len(THEME_HEADERS) - 2: PERCENT, len(THEME_HEADERS) - 1: PERCENT}
    themes = _Sheet(wb, SHEET_THEMES, THEME_HEADERS, {2: 40, len(THEME_HEADERS): 10}, "Temaer")
    for t in summary.themes:
        themes.append([t.number, t.title, len(t.items), *_figures(t.counts)], pct)
    themes.append(["", "I alt", sum(len(t.items) for t in summary.themes), *_figures(summary.counts)], pct)
    themes.finish()
    items = _Sheet(wb, SHEET_ITEMS, ITEM_HEADERS, {1: 24, 3: 22, 4: 60}, "Udsagn")
    pct = {len(ITEM_HEADERS) - 3: PERCENT, len(ITEM_HEADERS) - 2: PERCENT}
    for t in summary.themes:
        for i in t.items:
            items.append([t.short_title, i.number, i.item_id, i.statement, *_figures(i.counts),
                          "Ja" if i.disagreement else ""], pct)
    items.finish()


def _write_comparison(wb: Workbook, comparison: Comparison) -> None:
    sheet = _Sheet(wb, SHEET_COMPARISON, COMPARISON_HEADERS, {1: 10, 3: 60}, "Sammenligning")
    pct = {3: PERCENT, 4: PERCENT, 6: PERCENT, 7: PERCENT}
    for level, changes in (("Tema", comparison.themes), ("Udsagn", comparison.items)):
        for c in changes:
            sheet.append([level, c.number, c.label, rounded_share(c.readiness_then), rounded_share(c.readiness_now),
                          c.readiness_points, rounded_share(c.unknown_then), rounded_share(c.unknown_now),
                          c.unknown_points], pct)
    sheet.finish()


def _write_groups(wb: Workbook, summary: Summary, groups: list[GroupFigures]) -> None:
    headers = ("Gruppe", "Respondenter", *(f"{t.number}. {t.short_title}" for t in summary.themes))
    sheet = _Sheet(wb, SHEET_GROUPS, headers, {1: 18}, "Grupper")
    pct = {k: PERCENT for k in range(2, len(headers))}
    for g in groups:
        sheet.append([g.name, g.respondents, *(rounded_share(g.themes[t.theme_id].readiness)
                                               if t.theme_id in g.themes else None for t in summary.themes)], pct)
    sheet.finish()


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
        ("Parathed", "Gennemsnit af svarene Ja = 1, Delvist = ½ og Nej = 0. Ved ikke, Ikke relevant og "
                     "ubesvarede udsagn tælles ikke med; Ved ikke vises for sig som en andel af svarene."),
        ("Ved ikke-andel", "Andelen af svarene, der er Ved ikke."),
        ("Uenighed", "Mindst én har svaret Ja og mindst én har svaret Nej til samme udsagn."),
        ("Handleplan", "Én række pr. udsagn, som nogen har svaret Nej eller Delvist til, med antal, "
                       "ansvarlige, frister og bemærkninger samlet; sorteret efter den højeste prioritet "
                       "(Høj, Mellem, Lav, ingen), tema og udsagn."),
        ("Point", "Svarets vægt i parathed (tom for Ved ikke, Ikke relevant og ubesvaret)."),
        ("Procenter", "Afrundet til hele procent, 0,5 opad, som i statusrapporten."),
    ]
