"""Compare two rounds: per theme and statement, the change in readiness and in the «Ved ikke» share."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbook.content.model import Catalog
from workbook.errors import WorkbookError
from workbook.report.aggregate import Counts, Summary, rounded_share, summarize
from workbook.report.store import round_files, round_names, select_files


def _points(now: float | None, then: float | None) -> int | None:
    """The change in whole percentage points between the shown (rounded) shares, None when one is missing."""
    if now is None or then is None:
        return None
    return round((rounded_share(now) - rounded_share(then)) * 100)


@dataclass(frozen=True)
class Change:
    """One theme's or statement's figures then and now."""

    label: str
    number: str
    readiness_then: float | None
    readiness_now: float | None
    unknown_then: float | None
    unknown_now: float | None

    @property
    def readiness_points(self) -> int | None:
        return _points(self.readiness_now, self.readiness_then)

    @property
    def unknown_points(self) -> int | None:
        return _points(self.unknown_now, self.unknown_then)


@dataclass(frozen=True)
class Comparison:
    """This run against an earlier round: themes and statements in this run's order."""

    round: str
    respondents_then: int
    themes: tuple[Change, ...]
    items: tuple[Change, ...]


def _change(label: str, number: str, then: Counts | None, now: Counts) -> Change:
    return Change(label, number, then.readiness if then else None, now.readiness,
                  then.unknown_share if then else None, now.unknown_share)


def compare(db: sqlite3.Connection, round_name: str, now: Summary, catalog: Catalog) -> Comparison:
    """Compare ``now`` with the files of ``round_name`` in the attached bank; raise when the round is unknown."""
    ids = round_files(db, round_name)
    if not ids:
        known = ", ".join(f"'{n}'" for n in round_names(db)) or "ingen"
        raise WorkbookError(f"--sammenlign: runden '{round_name}' findes ikke i svarbanken (der er: {known})")
    select_files(db, "earlier", ids, [""] * len(ids))
    then = summarize(db, "bank", "earlier", catalog)
    then_themes = {t.theme_id: t.counts for t in then.themes}
    then_items = {i.item_id: i.counts for t in then.themes for i in t.items}
    themes = tuple(_change(t.title, str(t.number), then_themes.get(t.theme_id), t.counts) for t in now.themes)
    items = tuple(_change(i.statement, i.number, then_items.get(i.item_id), i.counts)
                  for t in now.themes for i in t.items)
    return Comparison(round_name, len(then.respondents), themes, items)
