"""The selection of themes for a meeting: their chapter numbers, item numbers and the time plan.

Numbering is shared by the guide and the workbook: the n-th selected theme is chapter n, and its
m-th checklist statement is ``n.m`` in both, so a printed page and a workbook row always match.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbook import danish
from workbook.content.model import Catalog, ChecklistItem, Theme
from workbook.meeting.model import Meeting


@dataclass(frozen=True)
class NumberedItem:
    """A checklist statement with its number as printed, e.g. ``3.2``."""

    number: str
    item: ChecklistItem


@dataclass(frozen=True)
class SelectedTheme:
    """A theme as selected for a meeting: chapter number, minutes and numbered statements."""

    number: int
    theme: Theme
    minutes: int
    checklist: tuple[NumberedItem, ...]


@dataclass(frozen=True)
class AgendaRow:
    """One row of the meeting plan."""

    start: dt.time
    end: dt.time
    minutes: int
    title: str
    number: int | None = None
    """Chapter number for a theme row; None for the opening and closing rows."""

    @property
    def span(self) -> str:
        """``16:05–16:25``."""
        return danish.time_span(self.start, self.end)


def select_themes(meeting: Meeting, catalog: Catalog) -> tuple[SelectedTheme, ...]:
    """Return the meeting's themes in meeting order, numbered from 1."""
    out = []
    for number, chosen in enumerate(meeting.themes, start=1):
        theme = catalog.theme(chosen.theme_id)
        items = tuple(
            NumberedItem(f"{number}.{index}", item) for index, item in enumerate(theme.checklist, start=1)
        )
        out.append(SelectedTheme(number, theme, chosen.minutes, items))
    return tuple(out)


INTRO_TITLE = "Velkomst og indledning"
CLOSING_TITLE = "Opsamling og beslutninger"


def build_agenda(meeting: Meeting, selected: tuple[SelectedTheme, ...]) -> tuple[AgendaRow, ...]:
    """Compute the meeting plan: clock times from the start time and the minutes of each item."""
    rows: list[AgendaRow] = []
    clock = dt.datetime.combine(meeting.date, meeting.start)

    def add(minutes: int, title: str, number: int | None = None) -> None:
        nonlocal clock
        end = clock + dt.timedelta(minutes=minutes)
        rows.append(AgendaRow(clock.time(), end.time(), minutes, title, number))
        clock = end

    if meeting.intro_minutes:
        add(meeting.intro_minutes, INTRO_TITLE)
    for chosen in selected:
        add(chosen.minutes, chosen.theme.title, chosen.number)
    if meeting.closing_minutes:
        add(meeting.closing_minutes, CLOSING_TITLE)
    return tuple(rows)


def total_minutes(rows: tuple[AgendaRow, ...]) -> int:
    """Return the length of the meeting in minutes."""
    return sum(row.minutes for row in rows)
