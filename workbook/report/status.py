"""Where the self-assessment stands, from the answer database: for the next meeting's guide.

``load_status`` reads the newest round of a ``svar.sqlite`` (read-only) and returns, per theme, the
readiness and «Ved ikke» share, the disagreements as questions to discuss, and the open actions
(the handleplan's statements). The guide prints it as "Status fra selvevalueringen".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import WorkbookError
from workbook.report.aggregate import share_text, summarize
from workbook.report.store import danish_sqlite, round_files, round_names, select_files
from workbook.report.view_plan import deadline_text


@dataclass(frozen=True)
class ThemeStatus:
    """One theme: readiness as a share (None without answers) and as printed, and the «Ved ikke» share."""

    theme_id: str
    title: str
    readiness: float | None
    readiness_text: str
    unknown_text: str


@dataclass(frozen=True)
class OpenQuestion:
    """A statement the respondents disagree on (some Ja, some Nej), put as a question to discuss."""

    theme_id: str
    number: str
    statement: str
    yes: int
    no: int
    question: str
    item_id: str = ""


@dataclass(frozen=True)
class OpenAction:
    """A statement of the handleplan: answered Nej or Delvist, with the owners and deadlines gathered."""

    theme_id: str
    number: str
    statement: str
    priority: str
    owners: tuple[str, ...]
    deadlines: tuple[str, ...]
    item_id: str = ""


@dataclass(frozen=True)
class StatusMeeting:
    """A meeting whose workbooks are in the round: its id (the meeting file's), title and date as stored."""

    meeting_id: str
    title: str
    date: str


@dataclass(frozen=True)
class StatusView:
    """The newest round of an answer database, ready for the guide."""

    round: str
    respondents: int
    themes: tuple[ThemeStatus, ...]
    disagreements: tuple[OpenQuestion, ...]
    actions: tuple[OpenAction, ...]
    round_date: dt.date | None = None
    """The day the round was first imported."""
    meetings: tuple[StatusMeeting, ...] = ()
    """The meetings the round's workbooks were made for (usually one)."""


def load_status(db_path: Path, catalog: Catalog) -> StatusView:
    """Return the status of the newest round in the answer database at ``db_path``; raise ``WorkbookError``."""
    path = Path(db_path)
    if not path.is_file():
        raise WorkbookError(f"{path}: svarbanken findes ikke (den laves af workbook report)")
    db = sqlite3.connect(":memory:")
    try:
        with _read_errors(path):
            db.execute("ATTACH DATABASE ? AS bank", (f"{path.resolve().as_uri()}?mode=ro",))
            if not db.execute("SELECT 1 FROM bank.sqlite_master WHERE name = 'rounds'").fetchone():
                raise WorkbookError(f"{path}: filen er ikke en svarbank (den laves af workbook report)")
            # The newest round with files (a run that only met known files may leave an empty one).
            newest = next(((r, ids) for r in reversed(round_names(db)) if (ids := round_files(db, r))), None)
            if newest is None:
                raise WorkbookError(f"{path}: svarbanken har ingen svar endnu")
            name, ids = newest
            select_files(db, "run", ids, [""] * len(ids))
            summary = summarize(db, "bank", "run", catalog)
            created, meetings = _round_facts(db, name)
    finally:
        db.close()
    themes = tuple(ThemeStatus(t.theme_id, t.title, t.counts.readiness, share_text(t.counts.readiness),
                               share_text(t.counts.unknown_share)) for t in summary.themes)
    questions = tuple(
        OpenQuestion(t.theme_id, i.number, i.statement, i.counts.by_answer["Ja"], i.counts.by_answer["Nej"],
                     f"Hvorfor svarer nogle Ja og andre Nej til »{i.statement}«?", i.item_id)
        for t, i in summary.disagreements)
    ids_by_theme = {i.item_id: t.theme_id for t in summary.themes for i in t.items}
    actions = tuple(OpenAction(ids_by_theme[a.item_id], a.number, a.statement, a.priority, a.owners,
                               tuple(deadline_text(d) for d in a.deadlines), a.item_id)
                    for a in summary.actions)
    return StatusView(name, len(summary.respondents), themes, questions, actions, created, meetings)


@contextlib.contextmanager
def _read_errors(path: Path) -> Iterator[None]:
    """Word an SQLite error while reading ``path`` for the guide (``--status``), naming the file."""
    try:
        yield
    except sqlite3.Error as exc:
        raise WorkbookError(f"{path}: svarbanken kan ikke læses ({danish_sqlite(str(exc))}); angiv den "
                            "svar.sqlite, som workbook report har lavet") from None


def _round_facts(db: sqlite3.Connection, round_name: str) -> tuple[dt.date | None, tuple[StatusMeeting, ...]]:
    [created] = db.execute("SELECT created FROM bank.rounds WHERE name = ?", (round_name,)).fetchone()
    rows = db.execute("SELECT DISTINCT meetings.id, meetings.title, meetings.date FROM bank.files "
                      "JOIN bank.rounds ON rounds.id = files.round_id JOIN bank.meetings ON meetings.id = "
                      "files.meeting_id WHERE rounds.name = ? ORDER BY meetings.id", (round_name,))
    try:
        day = dt.datetime.fromisoformat(created).date()
    except (TypeError, ValueError):
        day = None
    return day, tuple(StatusMeeting(*row) for row in rows)
