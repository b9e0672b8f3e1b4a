"""The guide's view model: frozen dataclasses holding what the templates and the Word writer print."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from workbook.guide.status import StatusSection


@dataclass(frozen=True)
class SourceRef:
    number: int
    anchor: str


@dataclass(frozen=True)
class SourceView:
    number: int
    anchor: str
    title: str
    publisher: str
    url: str
    date: str
    consulted: bool
    note: str
    title_end: str = "."
    """The full stop after the title; '' when the title already ends a sentence (``?``, ``.``)."""
    site: str = ""
    """The URL's host without ``www.`` (``kl.dk``): printed, while the title links the full URL."""


@dataclass(frozen=True)
class HjemmelView:
    label: str
    """``Serviceloven § 18, stk. 1``."""
    number: str
    """The act's current number, ``LBK nr. 1129 af 22.9.2025`` ('' when unknown)."""
    url: str
    """The act's ELI link ('' when unknown)."""


@dataclass(frozen=True)
class LegalView:
    """A legal answer in full, as printed once in Bilag A."""

    number: str
    """``A.3``: the answer's number in the legal annex."""
    anchor: str
    question: str
    answer: tuple[str, ...]
    hjemmel: tuple[HjemmelView, ...]
    practice: tuple[str, ...]
    pitfalls: tuple[str, ...]
    changes: tuple[str, ...]
    certainty: str
    uncertain: bool
    certainty_note: str
    reviewed: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class LegalTopicView:
    anchor: str
    title: str
    summary: str
    answers: tuple[LegalView, ...]


@dataclass(frozen=True)
class LegalBrief:
    """A legal answer as a chapter gives it: the question, one or two sentences, the annex reference."""

    number: str
    home: str
    """The annex entry's anchor (``jura-<id>``): the page number comes from CSS target-counter."""
    question: str
    short: str
    page: int = 0
    """The entry's page in the separate legal appendix (``juridisk-bilag.pdf``); 0 when the annex is
    in the same document (a CSS target-counter gives the page, or none on screen)."""


@dataclass(frozen=True)
class LegalBox:
    """One legal topic in a chapter's "Det siger reglerne"."""

    anchor: str
    title: str
    answers: tuple[LegalBrief, ...]
    """Empty when an earlier chapter already gave them: then ``earlier`` points there."""
    earlier: str = ""
    """Anchor of the earlier chapter's box for this topic ('' when the answers are given here)."""
    earlier_number: int = 0
    span: str = ""
    """``A.1–A.4``: the topic's numbers in Bilag A."""
    more: str = ""
    """``A.3–A.4``: the topic's answers this chapter has no room to give (past its length goal)."""
    more_home: str = ""
    """The annex anchor of the first of them."""
    more_page: int = 0
    """Their first page in the separate legal appendix (0 as for ``LegalBrief.page``)."""


@dataclass(frozen=True)
class CaseView:
    anchor: str
    title: str
    place: str
    period: str
    summary: tuple[str, ...]
    lessons: tuple[str, ...]
    certainty_note: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class CaseRef:
    """A case printed in an earlier chapter: the later chapter refers to it."""

    anchor: str
    title: str
    chapter: int


@dataclass(frozen=True)
class NumberedText:
    number: str
    text: str
    note: str
    lines: tuple[int, ...]
    """One entry per ruled note line (empty when none)."""


@dataclass(frozen=True)
class ChapterView:
    number: int
    anchor: str
    title: str
    summary: str
    minutes: int
    span: str
    background: tuple[str, ...]
    key_points: tuple[str, ...]
    legal: tuple[LegalBox, ...]
    questions: tuple[NumberedText, ...]
    decisions: tuple[NumberedText, ...]
    cases: tuple[CaseView, ...]
    case_refs: tuple[CaseRef, ...]
    checklist: tuple[NumberedText, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class AgendaRowView:
    span: str
    title: str
    minutes: int
    number: int | None
    anchor: str


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    anchor: str
    level: int


@dataclass(frozen=True)
class GlossaryView:
    term: str
    definition: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class GuideView:
    """Everything the guide templates print, already numbered and formatted."""

    variant: str
    doc_title: str
    municipality: str
    forum: str
    forum_in_sentence: str
    """The forum's name inside a sentence: ``kommunalbestyrelsen``, ``Social- og Sundhedsudvalget``."""
    forum_kind: str
    """``kommunalbestyrelse`` or ``udvalg``."""
    area: str
    """The meeting's area label (``ældre``), or ''."""
    title: str
    date: str
    date_long: str
    start: str
    end: str
    place: str
    contact: str
    logo_src: str
    logo_alt: str
    catalog_title: str
    catalog_version: str
    catalog_date: str
    generated: str
    tool_version: str
    agenda: tuple[AgendaRowView, ...]
    total_minutes: int
    total_duration: str
    theme_count: str
    """``to temaer``."""
    toc: tuple[TocEntry, ...]
    chapters: tuple[ChapterView, ...]
    legal_annex: tuple[LegalTopicView, ...]
    """Bilag A printed in this document: the legal appendix itself, the HTML and Word guide; empty in
    the PDF guide, whose Bilag A is the separate ``appendix_file``."""
    legal_label: str
    """``Bilag A`` when the guide uses legal answers, else ''."""
    appendix_file: str
    """``juridisk-bilag.pdf`` when Bilag A is a separate document, else ''."""
    glossary: tuple[GlossaryView, ...]
    glossary_label: str
    sources: tuple[SourceView, ...]
    sources_label: str
    """``Bilag C`` (``Bilag B`` when there is no glossary)."""
    inline_css: Markup
    """The stylesheets for self-contained HTML; empty for PDF (WeasyPrint gets them directly)."""
    html: bool
    status: StatusSection | None = None
    """The section «Status fra selvevalueringen» (``guide --status``), or None."""
