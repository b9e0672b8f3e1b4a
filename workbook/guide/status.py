"""The guide's section "Status fra selvevalueringen": where the meeting's themes stand after the last round.

The figures come from the answer database, loaded by the caller (``workbook.app`` through
``workbook.report.status``) and handed in as a plain object: the guide does not import the report.
Only the themes of this meeting are shown, in the guide's order and with its statement numbers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from workbook import danish
from workbook.errors import WorkbookError
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme
from workbook.render.docx import WordDocument

log = logging.getLogger(__name__)

ANCHOR = "status"
TITLE = "Status fra selvevalueringen"
#: The priorities worth printing (``Ingen`` means none was given).
PRIORITIES = ("Høj", "Mellem", "Lav")
#: A theme of this meeting that the round has no answers on.
NOT_ANSWERED = "ikke besvaret"


class StatusSource(Protocol):
    """What the guide reads of ``workbook.report.status.StatusView`` (kept apart by the layers)."""

    round: str
    respondents: int
    round_date: dt.date | None
    themes: Sequence[Any]
    disagreements: Sequence[Any]
    actions: Sequence[Any]
    meetings: Sequence[Any]


@dataclass(frozen=True)
class StatusThemeRow:
    """One of the meeting's themes: its chapter, readiness and «Ved ikke» share (``–`` without answers)."""

    number: int
    title: str
    anchor: str
    readiness: str
    unknown: str


@dataclass(frozen=True)
class StatusPoint:
    """A question to discuss or an open action, under its theme, with this guide's statement number."""

    number: str
    theme: str
    text: str
    detail: str


@dataclass(frozen=True)
class StatusSection:
    """Everything the section prints, worded: the lead says which round and date the figures are from."""

    anchor: str
    title: str
    lead: str
    other_meeting: str
    """'' when the round's workbooks were made for this meeting; else which meeting they were made for."""
    themes: tuple[StatusThemeRow, ...]
    questions: tuple[StatusPoint, ...]
    actions: tuple[StatusPoint, ...]


def status_section(status: StatusSource | None, meeting: Meeting,
                   selected: Sequence[SelectedTheme]) -> StatusSection | None:
    """Return the section for ``meeting`` from ``status`` (None when there is no status to show)."""
    if status is None:
        return None
    by_theme = {s.theme.id: s for s in selected}
    answered = {t.theme_id for t in status.themes if t.readiness is not None}
    if not answered & set(by_theme):
        where = _meetings_text(status.meetings) or "svarbanken"
        raise WorkbookError(f"{_source(meeting)}: svarbanken har ingen svar om dette mødes temaer i runden "
                            f"»{status.round}« (svarene er fra {where})")
    figures = {t.theme_id: (t.readiness_text, t.unknown_text) for t in status.themes if t.readiness is not None}
    rows = tuple(StatusThemeRow(s.number, s.theme.title, f"tema-{s.theme.id}",
                                *figures.get(s.theme.id, (NOT_ANSWERED, danish.percent(None))))
                 for s in selected)
    questions = tuple(_point(q, by_theme, q.question, f"{q.yes} Ja og {q.no} Nej")
                      for q in status.disagreements if q.theme_id in by_theme)
    actions = tuple(_point(a, by_theme, a.statement, _action_detail(a))
                    for a in status.actions if a.theme_id in by_theme)
    return StatusSection(ANCHOR, TITLE, _lead(status), _other_meeting(status, meeting), rows,
                         tuple(sorted(questions, key=_order)), tuple(sorted(actions, key=_order)))


def _source(meeting: Meeting) -> str:
    return str(meeting.status_path) if meeting.status_path else meeting.path.name


def _lead(status: StatusSource) -> str:
    when = f" af {danish.date(status.round_date)}" if status.round_date else ""
    people = danish.count_word(status.respondents, "besvarelse", "besvarelser")
    return (f"Tallene er fra den seneste runde i svarbanken, »{status.round}«{when}, med {people}. "
            "Parathed er gennemsnittet af svarene Ja (1), Delvist (½) og Nej (0); »Ved ikke« tæller ikke "
            "som Nej, men står for sig som andel af alle svar.")


def _meetings_text(meetings: Sequence[Any]) -> str:
    """``»Temamøde om velfærdsalliancer« 4. februar 2027`` per meeting (dates are stored as ISO)."""
    texts = []
    for m in meetings:
        try:
            day = f" {danish.date(dt.date.fromisoformat(m.date))}"
        except (TypeError, ValueError):
            day = ""
        texts.append(f"»{m.title or m.meeting_id}«{day}")
    return " og ".join(texts)


def _other_meeting(status: StatusSource, meeting: Meeting) -> str:
    others = [m for m in status.meetings if m.meeting_id != meeting.id]
    if not others:
        return ""
    log.warning("%s: svarbanken er fra et andet møde (%s)", _source(meeting), _meetings_text(others))
    return (f"Svarene er givet til selvevalueringen før mødet {_meetings_text(others)}, ikke til dette "
            "møde; kun de temaer, der også er på dette møde, er med.")


def _point(entry: Any, by_theme: dict[str, SelectedTheme], text: str, detail: str) -> StatusPoint:
    chosen = by_theme[entry.theme_id]
    numbers = {n.item.id: n.number for n in chosen.checklist}
    return StatusPoint(numbers.get(entry.item_id, ""), chosen.theme.title, text, detail)


def _order(point: StatusPoint) -> tuple[int, ...]:
    return tuple(int(part) for part in point.number.split(".") if part.isdigit()) or (10**6,)


def _action_detail(action: Any) -> str:
    owners = ", ".join(action.owners) or "ingen ansvarlig endnu"
    deadlines = ", ".join(d for d in action.deadlines if d) or "ingen frist"
    parts = [f"Ansvarlig: {owners}", f"frist: {deadlines}"]
    if action.priority in PRIORITIES:
        parts.append(f"prioritet: {action.priority.lower()}")
    return "; ".join(parts) + "."


def write_status_docx(doc: WordDocument, section: StatusSection) -> None:
    """Write the section into the Word guide, as the PDF prints it."""
    doc.heading(section.title, 1)
    doc.paragraph(section.lead)
    if section.other_meeting:
        doc.paragraph(section.other_meeting, italic=True)
    doc.table(("Tema", "Parathed", "Ved ikke"),
              [(f"{r.number} {r.title}", r.readiness, r.unknown) for r in section.themes], (11.0, 2.5, 2.5))
    for heading, points in (("Uenighed at drøfte", section.questions), ("Åbne handlinger", section.actions)):
        if points:
            doc.heading(heading, 2)
            doc.bullets([f"{p.number} {p.text} ({p.theme}: {p.detail})".strip() for p in points])
