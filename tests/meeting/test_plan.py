"""Tests of theme selection (shared numbering of guide and workbook) and the meeting plan."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from workbook.content.model import Catalog
from workbook.meeting.load import Meeting, MeetingTheme
from workbook.meeting.plan import (
    CLOSING_TITLE,
    INTRO_TITLE,
    AgendaRow,
    build_agenda,
    select_themes,
    total_minutes,
)


def _meeting(
    themes: tuple[MeetingTheme, ...],
    start: dt.time = dt.time(16, 30),
    intro: int = 10,
    closing: int = 5,
) -> Meeting:
    return Meeting(
        id="m",
        path=Path("/m.yaml"),
        municipality="Testby Kommune",
        forum="Kommunalbestyrelsen",
        title="Temamøde",
        date=dt.date(2027, 3, 10),
        start=start,
        place="Byrådssalen",
        contact="Jonas",
        logo=None,
        themes=themes,
        intro_minutes=intro,
        closing_minutes=closing,
    )


def test_selected_themes_are_numbered_in_meeting_order(test_catalog: Catalog) -> None:
    meeting = _meeting((MeetingTheme("partnerskaber", 30), MeetingTheme("frivillige", 20)))
    selected = select_themes(meeting, test_catalog)
    assert [(s.number, s.theme.id, s.minutes) for s in selected] == [
        (1, "partnerskaber", 30),
        (2, "frivillige", 20),
    ]
    # the same n.m numbers the guide prints and the workbook rows carry
    assert [(n.number, n.item.id) for n in selected[0].checklist] == [
        ("1.1", "partnerskaber-t1"),
        ("1.2", "partnerskaber-t2"),
    ]
    assert [(n.number, n.item.id) for n in selected[1].checklist] == [
        ("2.1", "frivillige-t1"),
        ("2.2", "frivillige-t2"),
        ("2.3", "frivillige-t3"),
        ("2.4", "frivillige-t4"),
    ]
    assert selected[1].theme is test_catalog.theme("frivillige")


def test_agenda_times_add_up(test_catalog: Catalog) -> None:
    meeting = _meeting((MeetingTheme("partnerskaber", 30), MeetingTheme("frivillige", 20)))
    rows = build_agenda(meeting, select_themes(meeting, test_catalog))
    t = dt.time
    assert rows == (
        AgendaRow(t(16, 30), t(16, 40), 10, INTRO_TITLE),
        AgendaRow(t(16, 40), t(17, 10), 30, "Partnerskaber med virksomheder", 1),
        AgendaRow(t(17, 10), t(17, 30), 20, "Frivillige i kommunen", 2),
        AgendaRow(t(17, 30), t(17, 35), 5, CLOSING_TITLE),
    )
    assert [r.span for r in rows] == ["16:30–16:40", "16:40–17:10", "17:10–17:30", "17:30–17:35"]
    assert total_minutes(rows) == 65
    for before, after in itertools.pairwise(rows):
        assert before.end == after.start


def test_agenda_without_intro_and_closing(test_catalog: Catalog) -> None:
    meeting = _meeting((MeetingTheme("frivillige", 45),), start=dt.time(8, 0), intro=0, closing=0)
    rows = build_agenda(meeting, select_themes(meeting, test_catalog))
    assert [(r.span, r.title, r.number) for r in rows] == [
        ("08:00–08:45", "Frivillige i kommunen", 1)
    ]


def test_agenda_past_midnight_wraps_the_clock(test_catalog: Catalog) -> None:
    meeting = _meeting((MeetingTheme("frivillige", 90),), start=dt.time(23, 0))
    rows = build_agenda(meeting, select_themes(meeting, test_catalog))
    assert [r.span for r in rows] == ["23:00–23:10", "23:10–00:40", "00:40–00:45"]
    assert total_minutes(rows) == 105
