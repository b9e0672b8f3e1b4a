"""The long sheets of samlet.xlsx made as XML rows (``xlsx_rows.splice_rows``): Svar, Handleplan, Respondenter.

Svar has a row per respondent and statement, straight from the database cursor. The comments the
action plan gathers are taken from the same walk through the answers (``CommentLines``), so the
comments are read from the database once; the action plan's sheet comes after Svar in the file and
is made when its turn comes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from workbook import danish
from workbook.report.aggregate import READINESS_WEIGHTS, Summary
from workbook.report.xlsx_rows import (
    EXCEL_TEXT_LIMIT,
    ROW,
    SharedStrings,
    date_cell,
    excel_text,
    number_cell,
    text_cell,
    values_row,
    xml_text,
)
from workbook.xlsx import layout as L

#: Owner cells kept for reuse: short texts only, and at most this many (memory stays flat).
OWNER_CACHE_TEXT = 200
OWNER_CACHE_SIZE = 2000


class CommentLines:
    """The comments on the action plan's statements, a line each (``Navn (Nej): tekst``), in
    respondent order; per statement only as many as a cell holds (the rest would be cut away).

    Every ``JOIN_EVERY`` lines of a statement are joined into one text: thousands of small strings
    kept while the answer rows come and go would take twice the memory of the text itself.
    """

    JOIN_EVERY = 64

    def __init__(self, item_ids: set[str]) -> None:
        self._lines: dict[str, list[str]] = {item_id: [] for item_id in item_ids}
        self._joined: dict[str, list[str]] = {item_id: [] for item_id in item_ids}
        self._size = dict.fromkeys(item_ids, 0)
        self.complete = False
        """Set when every answer has been seen (the answer rows are made)."""

    def add(self, item_id: str, respondent: str, answer: str | None, text: str) -> None:
        lines = self._lines.get(item_id)
        if lines is None or self._size[item_id] > EXCEL_TEXT_LIMIT + 1:
            return
        line = f"{respondent} ({answer}): {text}" if answer else f"{respondent}: {text}"
        lines.append(line)
        self._size[item_id] += len(line) + 1
        if len(lines) >= self.JOIN_EVERY:
            self._joined[item_id].append("\n".join(lines))
            lines.clear()

    def joined(self, item_id: str) -> str:
        assert self.complete, "the answer rows are made first (Svar is stored before Handleplan)"
        if item_id not in self._lines:
            return ""
        return "\n".join(self._joined[item_id] + self._lines[item_id])


def answer_rows(summary: Summary, db: sqlite3.Connection, date_style: str, shared: SharedStrings,
                comments: CommentLines) -> Iterator[str]:
    """Yield the XML of one row per respondent × statement, in respondent then workbook order, from row 2.

    The cells that repeat (respondent, theme and statement, answer and points, priority) are made
    once, as shared strings with ``ROW`` where the row number goes, and put in place per row by one
    replace; only owner, deadline and comment (free text typed by the respondent) are made per row.
    Each comment also goes to ``comments``.
    """
    labels = [r.label for r in summary.respondents]
    people = {r.number - 1: number_cell(f"A{ROW}", r.number) + shared.cell(f"B{ROW}", excel_text(r.label))
              + (shared.cell(f"C{ROW}", excel_text(r.role)) if r.role else "")
              for r in summary.respondents}
    themes = {t.theme_id: number_cell(f"D{ROW}", t.number) + shared.cell(f"E{ROW}", t.title)
              for t in summary.themes}
    statements = {i.item_id: shared.cell(f"F{ROW}", i.number) + shared.cell(f"G{ROW}", i.item_id)
                  + shared.cell(f"H{ROW}", excel_text(i.statement)) for t in summary.themes for i in t.items}
    answers = {a: shared.cell(f"I{ROW}", a)
               + (number_cell(f"J{ROW}", READINESS_WEIGHTS[a]) if a in READINESS_WEIGHTS else "") for a in L.SCALE}
    answers[None] = ""
    priorities = {p: shared.cell(f"K{ROW}", p) for p in L.PRIORITIES}
    priorities[None] = ""
    owners: dict[str, str] = {}
    rows = db.execute("SELECT r.seq, a.theme_id, a.item_id, a.answer, a.priority, a.owner, a.deadline, "
                      "a.deadline_text, a.comment FROM temp.run r JOIN bank.answers a "
                      "ON a.file_id = r.file_id ORDER BY r.seq, a.position")
    for n, (seq, theme_id, item_id, choice, priority, owner, deadline, typed, comment) in enumerate(rows, 2):
        cells = people[seq] + themes[theme_id] + statements[item_id] + answers[choice or None]
        if priority:
            cells += priorities.get(priority) or text_cell(f"K{ROW}", xml_text(priority))
        if owner:
            cells += owners.get(owner) or _owner_cell(owners, owner)
        if deadline:
            cells += date_cell(f"M{ROW}", dt.date.fromisoformat(deadline), date_style)
        elif typed:
            cells += text_cell(f"M{ROW}", xml_text(excel_text(typed)))
        if comment is not None:
            comments.add(item_id, labels[seq], choice, comment)
            if comment:
                cells += text_cell(f"N{ROW}", xml_text(excel_text(comment)))
        yield f'<row r="{n}">{cells.replace(ROW, str(n))}</row>'
    comments.complete = True


def _owner_cell(made: dict[str, str], owner: str) -> str:
    """The Ansvarlig cell of ``owner``; kept in ``made`` for the next row (owners repeat), within bounds."""
    cell = text_cell(f"L{ROW}", xml_text(excel_text(owner)))
    if len(owner) <= OWNER_CACHE_TEXT and len(made) < OWNER_CACHE_SIZE:
        made[owner] = cell
    return cell


def action_rows(summary: Summary, date_style: str, comments: CommentLines) -> Iterator[str]:
    """Yield the action plan's rows (``summary_xlsx.ACTION_HEADERS``) from row 2, comments gathered."""
    for n, a in enumerate(summary.actions, 2):
        deadlines = a.deadlines[0] if len(a.deadlines) == 1 else "\n".join(
            danish.date_short(d) if isinstance(d, dt.date) else d for d in a.deadlines)
        yield values_row(n, [a.priority, a.theme, a.number, a.statement, a.counts.by_answer["Nej"],
                             a.counts.by_answer["Delvist"], a.counts.by_answer["Ved ikke"], "\n".join(a.owners),
                             deadlines or None, comments.joined(a.item_id), "\n".join(d.text for d in a.decisions)],
                         date_style)


def people_rows(summary: Summary, date_style: str) -> Iterator[str]:
    """Yield the respondents' rows (``summary_xlsx.RESPONDENT_HEADERS``) from row 2."""
    for n, r in enumerate(summary.respondents, 2):
        yield values_row(n, [r.number, r.label, r.role, r.group, danish.date_text(r.date), r.file, r.answered,
                             r.total], date_style)
