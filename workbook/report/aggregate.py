"""Aggregate read-back responses: figures per theme and statement, disagreements and the action plan.

Definitions (also printed in the report):

- *Parathed* (readiness) is the mean of the answers' weights from ``xlsx_layout.SCALE_WEIGHTS``
  (Ja 1, Delvist ½, Nej 0, Ved ikke 0); «Ikke relevant» and unanswered statements are left out.
- *Uenighed* (disagreement) on a statement: at least one respondent answered Ja and at least one
  answered Nej, i.e. the answers span both ends of the Ja/Delvist/Nej scale (two steps).
- The *handleplan* holds every answer Nej or Delvist, sorted by priority (Høj, Mellem, Lav, none),
  then theme and statement order, then respondent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbook.content.model import Catalog, ChecklistItem, Theme
from workbook.xlsx import layout as L
from workbook.xlsx.read import Answer, Response

ACTION_ANSWERS = ("Nej", "Delvist")
PRIORITY_ORDER = {p: i for i, p in enumerate(L.PRIORITIES)}
NO_PRIORITY = "Ingen"


@dataclass
class Counts:
    """How often each answer was given among ``total`` respondent × statement cells."""

    by_answer: dict[str, int] = field(default_factory=lambda: dict.fromkeys(L.SCALE, 0))
    total: int = 0
    weight_sum: float = 0.0
    weighted: int = 0

    def add(self, answer: str | None) -> None:
        """Count one respondent × statement cell."""
        self.total += 1
        if answer is None:
            return
        self.by_answer[answer] += 1
        weight = L.SCALE_WEIGHTS[answer]
        if weight is not None:
            self.weight_sum += weight
            self.weighted += 1

    def merge(self, other: Counts) -> None:
        """Add ``other``'s figures to these."""
        for key, value in other.by_answer.items():
            self.by_answer[key] += value
        self.total += other.total
        self.weight_sum += other.weight_sum
        self.weighted += other.weighted

    @property
    def answered(self) -> int:
        return sum(self.by_answer.values())

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def readiness(self) -> float | None:
        """Readiness 0–1, or None when no answer carries a weight."""
        return self.weight_sum / self.weighted if self.weighted else None


@dataclass
class ItemFigures:
    """Figures for one statement."""

    number: str
    item_id: str
    statement: str
    position: int = 0
    """Index of the statement within its theme (for sorting)."""
    counts: Counts = field(default_factory=Counts)

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


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One line of the action plan: an answer Nej or Delvist with what the respondent planned."""

    priority: str
    theme_number: int
    theme: str
    number: str
    item_id: str
    statement: str
    answer: str
    respondent: str
    owner: str
    deadline: dt.date | str | None
    comment: str


@dataclass
class Summary:
    """Everything the report and the Excel summary show."""

    catalog_version: str
    catalog_date: dt.date
    catalog_title: str
    meta: dict[str, str]
    themes: list[ThemeFigures]
    respondents: list[Respondent]
    actions: list[ActionRow]
    anonym: bool

    @property
    def counts(self) -> Counts:
        total = Counts()
        for theme in self.themes:
            total.merge(theme.counts)
        return total

    @property
    def disagreements(self) -> list[tuple[ThemeFigures, ItemFigures]]:
        return [(t, i) for t in self.themes for i in t.items if i.disagreement]


def respondent_label(response: Response, number: int, anonym: bool) -> str:
    """Return the name shown for a respondent: the name, or ``Respondent n`` (always with ``anonym``)."""
    if anonym or not response.name:
        return f"Respondent {number}"
    return response.name


def aggregate(responses: Iterable[Response], catalog: Catalog, *, anonym: bool = False) -> Summary:
    """Compute the figures, disagreements and action plan of ``responses`` (in the given order)."""
    themes: dict[str, ThemeFigures] = {}
    items: dict[str, ItemFigures] = {}
    respondents: list[Respondent] = []
    actions: list[tuple[tuple, ActionRow]] = []
    meta: dict[str, str] = {}
    texts: dict[str, str] = {}  # one copy of each free text that repeats (a department, a note)
    for number, response in enumerate(responses, start=1):
        meta = meta or dict(response.meta)
        label = respondent_label(response, number, anonym)
        answered = 0
        for meta_item in response.items:
            theme = themes.get(meta_item.theme_id)
            if theme is None:
                source = _theme(catalog, meta_item.theme_id)
                theme = themes[meta_item.theme_id] = ThemeFigures(
                    len(themes) + 1, meta_item.theme_id, source.title if source else meta_item.theme_id,
                    source.short_title if source else meta_item.sheet)
            figures = items.get(meta_item.item_id)
            if figures is None:
                item = catalog.get(meta_item.item_id)
                statement = item.statement if isinstance(item, ChecklistItem) else meta_item.item_id
                figures = items[meta_item.item_id] = ItemFigures(meta_item.number, meta_item.item_id,
                                                                  statement, len(theme.items))
                theme.items.append(figures)
            answer = response.answers.get(meta_item.item_id) or Answer()
            figures.counts.add(answer.answer)
            if answer.answer:
                answered += 1
            if answer.answer in ACTION_ANSWERS:
                row = ActionRow(answer.priority or NO_PRIORITY, theme.number, theme.title,
                                figures.number, figures.item_id, figures.statement, answer.answer, label,
                                _shared(texts, answer.owner), answer.deadline, _shared(texts, answer.comment))
                key = (PRIORITY_ORDER.get(answer.priority, len(PRIORITY_ORDER)), theme.number,
                       figures.position, number)
                actions.append((key, row))
        respondents.append(Respondent(
            number, label,
            "" if anonym else response.respondent.get(L.NAME_ROLE, ""),
            "" if anonym else response.respondent.get(L.NAME_DATE, ""),
            "" if anonym else response.label, answered, len(response.items)))
    actions.sort(key=lambda pair: pair[0])
    return Summary(catalog.version, catalog.info.date, catalog.info.title, meta,
                   list(themes.values()), respondents, [row for _, row in actions], anonym)


def _shared(texts: dict[str, str], text: str | None) -> str:
    """``text`` ('' for None), as the one copy kept in ``texts`` when the same text came before."""
    return texts.setdefault(text, text) if text else ""


def _theme(catalog: Catalog, theme_id: str) -> Theme | None:
    try:
        return catalog.theme(theme_id)
    except KeyError:
        return None
