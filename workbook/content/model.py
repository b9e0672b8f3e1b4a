"""The content model: typed, frozen dataclasses for the catalog. The schema is declared once, here.

Every object has a stable, human-readable ``id`` (lower case letters, digits and hyphens, unique across
the whole catalog). Cross-references are ids; ``Catalog`` resolves them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
class Act:
    """A law, order or EU regulation as the law index knows it (``content/data/law-index.json``)."""

    id: str
    """Stable id, e.g. ``serviceloven`` or ``bek-boerneattest-socialomraadet``."""
    title: str
    """Title as published, e.g. ``Lov om social service``."""
    short_name: str
    """Name in running text, lower case: ``serviceloven``, ``barnets lov``."""
    kind: str
    """``LBK`` (consolidated act), ``lov``, ``BEK`` (order), ``forordning`` or ``ulovbestemt``."""
    number: str
    """The current document, e.g. ``LBK nr. 1129 af 22.9.2025`` (empty for unwritten rules)."""
    date: dt.date | None
    """The current document's date."""
    eli: str
    """The ELI address on retsinformation.dk (or EUR-Lex); empty for unwritten rules."""
    provisions: Mapping[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    """Each § (``18 a``) or article that exists, with per stk. the number of its numbered items."""
    repealed: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """Ranges of repealed §§ (first, last)."""
    amending: bool = False
    """An amending act: cited as a whole, since its text only lists changes to other acts."""
    unit: str = "§"
    """How provisions are cited: ``§`` or ``art.`` (EU acts); empty when the act has none."""
    older: Mapping[str, Act] = field(default_factory=dict, repr=False)
    """Older documents of the same act by document id (e.g. ``barnets-lov-lbk-83-2024``)."""

    @property
    def name(self) -> str:
        """The short name with a capital first letter, to start a label."""
        return self.short_name[:1].upper() + self.short_name[1:]


@dataclass(frozen=True)
class Hjemmel:
    """One legal basis: an act and (optionally) a provision, e.g. ``serviceloven § 18 a, stk. 2``."""

    act: Act
    provision: str = ""
    """``§ 18 a, stk. 2, nr. 3``, ``§§ 152 og 152 a`` or ``art. 6, stk. 1, litra e``; empty = the whole act."""
    note: str = ""
    """Optional words in brackets after the provision, e.g. ``almindelig underretningspligt``."""
    cited: str = ""
    """The document cited when it is not the current one (e.g. ``barnets-lov-lbk-83-2024``)."""
    text: str = ""
    """The citation as written in the data."""

    @property
    def label(self) -> str:
        """``Serviceloven § 18, stk. 1`` (with the note in brackets when there is one)."""
        text = f"{self.act.name} {self.provision}".strip()
        return f"{text} ({self.note})" if self.note else text

    @property
    def number(self) -> str:
        """The current document number of the act, e.g. ``LBK nr. 1129 af 22.9.2025``."""
        return self.act.number

    @property
    def eli(self) -> str:
        """The act's ELI link (current document)."""
        return self.act.eli


class ChangeStatus(StrEnum):
    """Whether a change in the law is adopted or only expected."""

    VEDTAGET = "vedtaget"
    FORVENTET = "forventet"


@dataclass(frozen=True)
class Change:
    """A dated change in the law behind an answer ('Hvad er ændret')."""

    text: str
    """What changed, in a sentence or two (without the date: the guide words it from the meeting date)."""
    date: dt.date
    """When it took or takes effect."""
    status: ChangeStatus = ChangeStatus.VEDTAGET


@dataclass(frozen=True)
class LegalAnswer:
    """One legal question a council member or manager asks, answered with its legal basis."""

    id: str
    question: str
    answer: str
    """The answer in plain Danish (paragraphs separated by blank lines)."""
    hjemmel: tuple[Hjemmel, ...]
    """The legal basis (at least one); in YAML strings like ``serviceloven § 18 a, stk. 2``."""
    sources: tuple[str, ...]
    """Ids of sources (at least one)."""
    reviewed: dt.date
    """When the answer was last checked against the law texts; warned about after 12 months."""
    short: str = ""
    """The answer in one or two sentences, as printed inside a chapter (every shipped answer has one)."""
    practice: tuple[str, ...] = ()
    """'I praksis': what to do."""
    pitfalls: tuple[str, ...] = ()
    """'Faldgruber': what goes wrong."""
    certainty: Certainty = Certainty.SIKKER
    """How sure the legal state is."""
    certainty_note: str = ""
    """Required unless ``certainty`` is ``sikker``: what is open, why it matters, who decides."""
    changes: tuple[Change, ...] = ()
    """'Hvad er ændret': dated changes in the law, worded from the meeting date."""
    areas: tuple[str, ...] = ()
    """Area ids (see ``AREAS``) the answer concerns; empty = all areas."""


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
    local_hash: str = ""
    """sha256 over the local content's files alone (the overlay); "" when there is none."""
    laws: Mapping[str, Act] = field(default_factory=dict, repr=False, compare=False)
    """The law index by act id (``content/data/law-index.json``)."""
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
