"""Figures from the answer database: per theme and statement, disagreements and the action plan.

Definitions (also printed in the report):

- *Parathed* (readiness) is the mean of the answers Ja (1), Delvist (½) and Nej (0). «Ved ikke» is
  not a Nej: it is left out of readiness and shown as its own share (``Counts.unknown_share``), as
  are «Ikke relevant» and unanswered statements.
- *Uenighed* (disagreement) on a statement: at least one respondent answered Ja and at least one
  answered Nej, i.e. the answers span both ends of the Ja/Delvist/Nej scale.
- The *handleplan* has one row per statement answered Nej or Delvist by anyone, with the counts, the
  owners, deadlines and comments gathered, sorted by the highest priority given (Høj, Mellem, Lav,
  none), then theme and statement order.

The figures of a set of files are computed by SQL over ``answers`` joined to a temporary table of
the files (``seq, file_id, name``), so memory does not grow with the number of answers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from workbook.content.model import Catalog, ChecklistItem, Decision, Theme
from workbook.danish import percent
from workbook.xlsx import layout as L

ACTION_ANSWERS = ("Nej", "Delvist")
UNKNOWN = "Ved ikke"
READINESS_WEIGHTS: dict[str, float] = {"Ja": 1.0, "Delvist": 0.5, "Nej": 0.0}
PRIORITY_ORDER = {p: i for i, p in enumerate(L.PRIORITIES)}
NO_PRIORITY = "Ingen"


def rounded_share(value: float | None) -> float | None:
    """Return a share rounded half up to whole percent (``0.625`` -> ``0.63``), the one rounding of figures.

    The PDF and samlet.xlsx both show this value, so they never differ by one.
    """
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def share_text(value: float | None) -> str:
    """Return a share as printed: ``63 %`` (via ``rounded_share``, so the PDF matches samlet.xlsx)."""
    return percent(rounded_share(value))


@dataclass
class Counts:
    """How often each answer was given among ``total`` respondent × statement cells."""

    by_answer: dict[str, int] = field(default_factory=lambda: dict.fromkeys(L.SCALE, 0))
    total: int = 0

    def merge(self, other: Counts) -> None:
        """Add ``other``'s figures to these."""
        for key, value in other.by_answer.items():
            self.by_answer[key] += value
        self.total += other.total

    @property
    def answered(self) -> int:
        return sum(self.by_answer.values())

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def readiness(self) -> float | None:
        """Readiness 0–1 over Ja, Delvist and Nej, or None without such answers (outputs show ``rounded_share``)."""
        weighted = sum(self.by_answer[a] for a in READINESS_WEIGHTS)
        if not weighted:
            return None
        return sum(self.by_answer[a] * w for a, w in READINESS_WEIGHTS.items()) / weighted

    @property
    def unknown_share(self) -> float | None:
        """The share of «Ved ikke» among the answers, or None without answers."""
        return self.by_answer[UNKNOWN] / self.answered if self.answered else None

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment as written, with who wrote it (a number with ``anonym``) and their answer."""

    respondent: str
    answer: str
    text: str


@dataclass
class ItemFigures:
    """Figures for one statement."""

    number: str
    item_id: str
    statement: str
    position: int = 0
    """Index of the statement within its theme (for sorting)."""
    counts: Counts = field(default_factory=Counts)
    comment_count: int = 0
    """How many comments the statement has (their texts stay in the database: ``Summary.comments``)."""

    @property
    def disagreement(self) -> bool:
        """True when at least one answered Ja and at least one Nej."""
        return self.counts.by_answer["Ja"] > 0 and self.counts.by_answer["Nej"] > 0


@dataclass
class ThemeFigures:
    """Figures for one theme and its statements, in workbook order."""

    number: int
    theme_id: str
    title: str
    short_title: str
    items: list[ItemFigures] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        total = Counts()
        for item in self.items:
            total.merge(item.counts)
        return total


@dataclass(frozen=True, slots=True)
class Respondent:
    """A respondent as shown in outputs (a number instead of the name with ``anonym``)."""

    number: int
    label: str
    role: str
    date: str
    file: str
    answered: int
    total: int
    group: str = ""


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One line of the action plan: a statement answered Nej or Delvist, with what was planned for it."""

    priority: str
    theme_number: int
    theme: str
    number: str
    item_id: str
    statement: str
    counts: Counts
    owners: tuple[str, ...]
    deadlines: tuple[dt.date | str, ...]
    decisions: tuple[Decision, ...]


@dataclass
class Summary:
    """Everything the report and the Excel summary show about one set of files."""

    catalog_version: str
    catalog_date: dt.date
    catalog_title: str
    meta: dict[str, str]
    themes: list[ThemeFigures]
    respondents: list[Respondent]
    actions: list[ActionItem]
    anonym: bool
    comment_source: Callable[[str], Iterator[Comment]] = field(default=lambda item_id: iter(()), repr=False)
    """Yields a statement's comments from the database, in respondent order (memory stays flat)."""

    def comments(self, item_id: str) -> Iterator[Comment]:
        """Every comment on statement ``item_id``, with who wrote it and their answer."""
        return self.comment_source(item_id)

    @property
    def counts(self) -> Counts:
        total = Counts()
        for theme in self.themes:
            total.merge(theme.counts)
        return total

    @property
    def disagreements(self) -> list[tuple[ThemeFigures, ItemFigures]]:
        return [(t, i) for t in self.themes for i in t.items if i.disagreement]

    def item(self, item_id: str) -> ItemFigures | None:
        """The figures of statement ``item_id``, or None when no file holds it."""
        return next((i for t in self.themes for i in t.items if i.item_id == item_id), None)


def _run_answers(schema: str, files: str) -> str:
    """The answers of the files in temp table ``files``, as an SQL join: the files first, each file's
    answers by its key (CROSS JOIN keeps that order; else SQLite may walk the whole bank by statement)."""
    return f"temp.{files} r CROSS JOIN {schema}.answers a ON a.file_id = r.file_id"


def respondent_label(name: str, number: int, anonym: bool) -> str:
    """Return the name shown for a respondent: the name, or ``Respondent n`` (always with ``anonym``)."""
    if anonym or not name:
        return f"Respondent {number}"
    return name


def summarize(db: sqlite3.Connection, schema: str, files: str, catalog: Catalog, *,
              anonym: bool = False) -> Summary:
    """Compute the figures of the files listed in temp table ``files`` from the answers in ``schema``."""
    themes, items = _figures(db, schema, files, catalog)
    respondents = _respondents(db, schema, files, anonym)
    labels = {r.number: r.label for r in respondents}
    actions = _actions(db, schema, files, catalog, themes, items)
    meta = _meta(db, schema, files)

    def comments(item_id: str) -> Iterator[Comment]:
        for seq, answer, text in db.execute(
                f"SELECT r.seq, a.answer, a.comment FROM {schema}.answers a JOIN temp.{files} r ON "
                "a.file_id = r.file_id WHERE a.item_id = ? AND a.comment IS NOT NULL ORDER BY r.seq", (item_id,)):
            yield Comment(labels[seq + 1], answer or "", text)

    return Summary(catalog.version, catalog.info.date, catalog.info.title, meta, themes, respondents,
                   actions, anonym, comments)


def _figures(db: sqlite3.Connection, schema: str, files: str,
             catalog: Catalog) -> tuple[list[ThemeFigures], dict[str, ItemFigures]]:
    """Themes and statements in the order they first appear (by file, then workbook position), counted.

    One pass over the answers: per statement and answer the count, the comments and the first row
    (SQLite takes the other columns of a group from the row where ``MIN`` is found).
    """
    groups = db.execute(
        f"SELECT item_id, answer, COUNT(*), COUNT(comment), MIN(r.seq * 100000 + a.position), theme_id, number, "
        f"statement FROM {_run_answers(schema, files)} GROUP BY item_id, answer").fetchall()
    first: dict[str, tuple] = {}
    for group in groups:
        if group[0] not in first or group[4] < first[group[0]][4]:
            first[group[0]] = group
    themes: dict[str, ThemeFigures] = {}
    items: dict[str, ItemFigures] = {}
    for item_id, _, _, _, _, theme_id, number, statement in sorted(first.values(), key=lambda g: g[4]):
        theme = themes.get(theme_id)
        if theme is None:
            source = _theme(catalog, theme_id)
            theme = themes[theme_id] = ThemeFigures(
                len(themes) + 1, theme_id, source.title if source else theme_id,
                source.short_title if source else theme_id)
        figures = items[item_id] = ItemFigures(number, item_id, statement, len(theme.items))
        theme.items.append(figures)
    for item_id, answer, count, comments, *_ in groups:
        figures = items[item_id]
        figures.counts.total += count
        figures.comment_count += comments
        if answer is not None:
            figures.counts.by_answer[answer] += count
    return list(themes.values()), items


def _respondents(db: sqlite3.Connection, schema: str, files: str, anonym: bool) -> list[Respondent]:
    rows = db.execute(
        f"SELECT f.respondent, f.role, f.filled, r.name, f.grp, COUNT(a.answer), COUNT(*) "
        f"FROM temp.{files} r JOIN {schema}.files f ON f.id = r.file_id "
        f"JOIN {schema}.answers a ON a.file_id = r.file_id GROUP BY r.seq ORDER BY r.seq")
    return [Respondent(number, respondent_label(name, number, anonym), "" if anonym else role,
                       "" if anonym else filled, "" if anonym else file, answered, total, group)
            for number, (name, role, filled, file, group, answered, total) in enumerate(rows, start=1)]


@dataclass
class _Planned:
    """What the Nej and Delvist answers to one statement planned: the highest priority, owners, deadlines."""

    rank: int = len(PRIORITY_ORDER)
    owners: dict[str, None] = field(default_factory=dict)
    """In the order first given (a dict keeps one of each, in order)."""
    deadlines: dict[dt.date | str, None] = field(default_factory=dict)


def _actions(db: sqlite3.Connection, schema: str, files: str, catalog: Catalog, themes: list[ThemeFigures],
             items: dict[str, ItemFigures]) -> list[ActionItem]:
    """Gather the owners, deadlines and priorities of the Nej and Delvist answers, per statement."""
    planned: dict[str, _Planned] = {}
    for item_id, priority, owner, deadline, typed in db.execute(
            f"SELECT item_id, priority, owner, deadline, deadline_text "
            f"FROM {_run_answers(schema, files)} "
            f"WHERE answer IN {ACTION_ANSWERS!r} ORDER BY r.seq, a.position"):
        gathered = planned.get(item_id) or planned.setdefault(item_id, _Planned())
        gathered.rank = min(gathered.rank, PRIORITY_ORDER.get(priority, len(PRIORITY_ORDER)))
        if owner:
            gathered.owners[owner] = None
        if deadline or typed:
            gathered.deadlines[dt.date.fromisoformat(deadline) if deadline else typed] = None
    rows = []
    for theme in themes:
        for figures in theme.items:
            gathered = planned.get(figures.item_id)
            if gathered is None:
                continue
            rank = gathered.rank
            priority = L.PRIORITIES[rank] if rank < len(L.PRIORITIES) else NO_PRIORITY
            deadlines = sorted(gathered.deadlines, key=lambda d: (not isinstance(d, dt.date), str(d)))
            rows.append(((rank, theme.number, figures.position), ActionItem(
                priority, theme.number, theme.title, figures.number, figures.item_id, figures.statement,
                figures.counts, tuple(gathered.owners), tuple(deadlines),
                decisions_for(catalog, figures.item_id))))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def comments_in_file(path: Path, file_ids: list[int], labels: list[str]) -> Callable[[str], Iterator[Comment]]:
    """A ``Summary.comment_source`` that reads the answer database at ``path`` (after the run has closed it)."""
    number = {file_id: k for k, file_id in enumerate(file_ids)}

    def comments(item_id: str) -> Iterator[Comment]:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT file_id, answer, comment FROM answers WHERE item_id = ? AND comment IS NOT "
                              f"NULL AND file_id IN ({', '.join('?' * len(file_ids))})", (item_id, *file_ids))
            found = sorted(rows, key=lambda row: number[row[0]])
        for file_id, answer, text in found:
            yield Comment(labels[number[file_id]], answer or "", text)

    return comments


def decisions_for(catalog: Catalog, item_id: str) -> tuple[Decision, ...]:
    """The catalog's decision proposals that address statement ``item_id`` (``ChecklistItem.decisions``)."""
    item = catalog.get(item_id)
    if not isinstance(item, ChecklistItem):
        return ()
    decisions = (catalog.get(d) for d in item.decisions)
    return tuple(d for d in decisions if isinstance(d, Decision))


def _meta(db: sqlite3.Connection, schema: str, files: str) -> dict[str, str]:
    row = db.execute(
        f"SELECT m.id, m.title, m.municipality, m.date FROM temp.{files} r JOIN {schema}.files f ON "
        f"f.id = r.file_id JOIN {schema}.meetings m ON m.id = f.meeting_id ORDER BY r.seq LIMIT 1").fetchone()
    if row is None:
        return {}
    keys = (L.MetaKey.MEETING_ID, L.MetaKey.MEETING_TITLE, L.MetaKey.MUNICIPALITY, L.MetaKey.MEETING_DATE)
    return dict(zip(keys, row, strict=True))


def _theme(catalog: Catalog, theme_id: str) -> Theme | None:
    try:
        return catalog.theme(theme_id)
    except KeyError:
        return None


def aggregate(responses: Iterable, catalog: Catalog, *, anonym: bool = False) -> Summary:
    """Compute the figures of read ``responses`` (in the given order) through a private database."""
    from workbook.report.collect import stage_response
    from workbook.report.store import Stage, select_files

    with Stage() as stage:
        ids = [stage_response(stage, response, "", response.path.name, catalog)
               for response in responses]
        select_files(stage.db, "run", ids, [""] * len(ids))
        summary = summarize(stage.db, "main", "run", catalog, anonym=anonym)
        kept = {i.item_id: list(summary.comments(i.item_id)) for t in summary.themes for i in t.items}
    summary.comment_source = lambda item_id: iter(kept.get(item_id, ()))  # the private database is gone
    return summary
