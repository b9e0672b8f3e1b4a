"""Where the self-assessment stands, from the answer database: for the next meeting's guide.

``load_status`` reads the newest round of a ``svar.sqlite`` (read-only) and returns, per theme, the
readiness and «Ved ikke» share, the disagreements as questions to discuss, and the open actions
(the handleplan's statements). The guide prints it as "Status fra selvevalueringen".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import WorkbookError
from workbook.report.aggregate import share_text, summarize
from workbook.report.store import bank_errors, round_files, round_names, select_files
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


@dataclass(frozen=True)
class OpenAction:
    """A statement of the handleplan: answered Nej or Delvist, with the owners and deadlines gathered."""

    theme_id: str
    number: str
    statement: str
    priority: str
    owners: tuple[str, ...]
    deadlines: tuple[str, ...]


@dataclass(frozen=True)
class StatusView:
    """The newest round of an answer database, ready for the guide."""

    round: str
    respondents: int
    themes: tuple[ThemeStatus, ...]
    disagreements: tuple[OpenQuestion, ...]
    actions: tuple[OpenAction, ...]


def load_status(db_path: Path, catalog: Catalog) -> StatusView:
    """Return the status of the newest round in the answer database at ``db_path``; raise ``WorkbookError``."""
    path = Path(db_path)
    if not path.is_file():
        raise WorkbookError(f"{path}: svarbanken findes ikke (den laves af workbook report)")
    db = sqlite3.connect(":memory:")
    try:
        with bank_errors(path):
            db.execute("ATTACH DATABASE ? AS bank", (f"{path.resolve().as_uri()}?mode=ro",))
            rounds = round_names(db)
            if not rounds:
                raise WorkbookError(f"{path}: svarbanken har ingen svar endnu")
            ids = round_files(db, rounds[-1])
            select_files(db, "run", ids, [""] * len(ids))
            summary = summarize(db, "bank", "run", catalog)
    finally:
        db.close()
    themes = tuple(ThemeStatus(t.theme_id, t.title, t.counts.readiness, share_text(t.counts.readiness),
                               share_text(t.counts.unknown_share)) for t in summary.themes)
    questions = tuple(
        OpenQuestion(t.theme_id, i.number, i.statement, i.counts.by_answer["Ja"], i.counts.by_answer["Nej"],
                     f"Hvorfor svarer nogle Ja og andre Nej til »{i.statement}«?")
        for t, i in summary.disagreements)
    ids_by_theme = {i.item_id: t.theme_id for t in summary.themes for i in t.items}
    actions = tuple(OpenAction(ids_by_theme[a.item_id], a.number, a.statement, a.priority, a.owners,
                               tuple(deadline_text(d) for d in a.deadlines))
                    for a in summary.actions)
    return StatusView(rounds[-1], len(summary.respondents), themes, questions, actions)
