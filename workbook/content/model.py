"""The content model: typed, frozen dataclasses for the catalog. The schema is declared once, here.

Every object has a stable, human-readable ``id`` (lower case letters, digits and hyphens, unique across
the whole catalog). Cross-references are ids; ``Catalog`` resolves them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

#: The areas (fagområder) a meeting, a case or a legal answer may concern: id -> Danish label.
AREAS: dict[str, str] = {
    "aeldre": "ældre",
    "boern-unge": "børn og unge",
    "voksne-handicap": "voksne og handicap",
    "beskaeftigelse": "beskæftigelse",
    "kultur-fritid": "kultur og fritid",
}


class Competence(StrEnum):
    """Who in the municipality may take a decision: the council, or a standing committee (fagudvalg)."""

    KOMMUNALBESTYRELSE = "kommunalbestyrelse"
    """Policies, strategies, budgets, delegation and anything that spans committees."""
    UDVALG = "udvalg"
    """A committee's own area, within the budget and the council's policies."""


class Certainty(StrEnum):
    """How sure the researched legal state is about a statement (from the content brief)."""

    SIKKER = "sikker"
    SANDSYNLIG = "sandsynlig"
    UKLAR = "uklar"

    @property
    def label(self) -> str:
        """Danish label for documents."""
        return {"sikker": "Sikker", "sandsynlig": "Sandsynlig", "uklar": "Uklar"}[self.value]


@dataclass(frozen=True)
class Source:
    """A published source: a law, guidance, report or web page."""

    id: str
    """Stable id, e.g. ``src-barnets-lov``."""
    title: str
    """Title as published."""
    publisher: str
    """Who published it (ministry, KL, municipality, law firm ...)."""
    url: str
    """Where to read it (http or https)."""
    date: dt.date
    """Publication or last-updated date; the date it was consulted when ``consulted`` is true."""
    consulted: bool = False
    """True when ``date`` is the date the source was consulted, not a publication date."""
    note: str = ""
    """Optional remark, e.g. that a page is only a secondary rendering."""


@dataclass(frozen=True)
class GlossaryTerm:
    """A term a council member may not know, with a plain-Danish definition."""

    id: str
    term: str
    definition: str
    sources: tuple[str, ...] = ()
    """Ids of sources that define or use the term."""


@dataclass(frozen=True)
class Case:
    """An example (eksempel) of a welfare alliance in practice, only as far as sources support it."""

    id: str
    title: str
    place: str
    """Municipality or organisation."""
    summary: str
    """What was done, in a few sentences."""
    lessons: tuple[str, ...]
    """What a council can learn from it."""
    sources: tuple[str, ...]
    """Ids of sources (at least one)."""
    period: str = ""
    """When, e.g. ``2016–2018``."""
    certainty_note: str = ""
    """What the sources do not confirm, if anything."""
    areas: tuple[str, ...] = ()
    """Ids from ``AREAS`` the case concerns; empty means all areas."""


@dataclass(frozen=True)
class LegalAnswer:
    """One legal question a council member or manager asks, answered with its legal basis."""

    id: str
    question: str
    answer: str
    """The answer in plain Danish (paragraphs separated by blank lines)."""
    hjemmel: tuple[str, ...]
    """The legal basis: statutes and paragraphs (at least one)."""
    sources: tuple[str, ...]
    """Ids of sources (at least one)."""
    reviewed: dt.date
    """When the answer was last checked against its sources; warned about after 12 months."""
    practice: tuple[str, ...] = ()
    """'I praksis': what to do."""
    pitfalls: tuple[str, ...] = ()
    """'Faldgruber': what goes wrong."""
    certainty: Certainty = Certainty.SIKKER
    """How sure the researched legal state is."""
    certainty_note: str = ""
    """Required unless ``certainty`` is ``sikker``: what is unsure and whom to ask."""
    changes: str = ""
    """'Hvad er ændret': where the law moved, e.g. serviceloven → barnets lov 2024."""


@dataclass(frozen=True)
class LegalTopic:
    """A legal area (tavshedspligt, forsikring ...) with its questions and answers."""

    id: str
    title: str
    summary: str
    answers: tuple[LegalAnswer, ...]


@dataclass(frozen=True)
class Question:
    """A question for the council to discuss."""

    id: str
    text: str
    hint: str = ""
    """Optional note for the chair: what the question is after."""


@dataclass(frozen=True)
class ChecklistItem:
    """A statement a municipality assesses itself against (Ja / Delvist / Nej / Ved ikke / Ikke relevant)."""

    id: str
    statement: str
    help: str = ""
    """What to look at when answering."""
    rubric: str = ""
    """One line saying what "Ja" and "Delvist" mean for this statement, e.g.
    ``Ja: skriftlig aftale for alle institutioner; Delvist: for nogle``."""
    decisions: tuple[str, ...] = ()
    """Ids of the theme's decisions that address the statement (for the report's action plan)."""


@dataclass(frozen=True)
class Decision:
    """A decision proposal (beslutningsforslag); ``wording.decision_sentence`` words it for the forum."""

    id: str
    text: str
    """The clause after "at", without a final full stop, e.g. ``forvaltningen udarbejder fælles
    retningslinjer for frivillige``."""
    note: str = ""
    """Optional consequence or precondition."""
    competence: Competence = Competence.KOMMUNALBESTYRELSE
    """Who may take the decision: the council (default) or a committee within its own area."""


@dataclass(frozen=True)
class Theme:
    """A theme (tema) for a council discussion."""

    id: str
    title: str
    short_title: str
    """Short name (≤ 31 characters, no ``[]:*?/\\``): the workbook sheet name."""
    summary: str
    """One sentence shown in lists and the meeting plan."""
    background: str
    """What the council needs to know (paragraphs separated by blank lines)."""
    key_points: tuple[str, ...]
    questions: tuple[Question, ...]
    checklist: tuple[ChecklistItem, ...]
    decisions: tuple[Decision, ...]
    minutes: int
    """Suggested minutes in a meeting."""
    legal_topics: tuple[str, ...] = ()
    """Ids of linked legal topics."""
    cases: tuple[str, ...] = ()
    """Ids of linked cases."""
    sources: tuple[str, ...] = ()
    """Ids of sources for the background."""


@dataclass(frozen=True)
class CatalogInfo:
    """The catalog's own identity, shown on every generated document."""

    version: str
    date: dt.date
    title: str


@dataclass(frozen=True)
class Catalog:
    """The whole, validated content catalog (shipped data plus an optional local overlay)."""

    info: CatalogInfo
    themes: tuple[Theme, ...]
    legal_topics: tuple[LegalTopic, ...]
    cases: tuple[Case, ...]
    sources: tuple[Source, ...]
    glossary: tuple[GlossaryTerm, ...]
    content_hash: str = ""
    """sha256 over every data file read (shipped and overlay), for cache keys and manifests."""
    _index: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, object] = {}
        for group in (self.themes, self.legal_topics, self.cases, self.sources, self.glossary):
            for item in group:
                index[item.id] = item
        for theme in self.themes:
            for sub in (*theme.questions, *theme.checklist, *theme.decisions):
                index[sub.id] = sub
        for topic in self.legal_topics:
            for answer in topic.answers:
                index[answer.id] = answer
        object.__setattr__(self, "_index", index)

    @property
    def version(self) -> str:
        """The catalog version, e.g. ``2026.11``."""
        return self.info.version

    def get(self, item_id: str) -> object | None:
        """Return the item with ``item_id`` of any kind, or None."""
        return self._index.get(item_id)

    def theme(self, theme_id: str) -> Theme:
        """Return the theme with ``theme_id`` (KeyError if unknown)."""
        item = self._index.get(theme_id)
        if not isinstance(item, Theme):
            raise KeyError(theme_id)
        return item

    def legal_topic(self, topic_id: str) -> LegalTopic:
        item = self._index.get(topic_id)
        if not isinstance(item, LegalTopic):
            raise KeyError(topic_id)
        return item

    def case(self, case_id: str) -> Case:
        item = self._index.get(case_id)
        if not isinstance(item, Case):
            raise KeyError(case_id)
        return item

    def source(self, source_id: str) -> Source:
        item = self._index.get(source_id)
        if not isinstance(item, Source):
            raise KeyError(source_id)
        return item

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)
