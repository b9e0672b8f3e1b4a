"""The guide's view model: catalog + meeting → everything the templates print, numbered and formatted.

Pure: no file is read here (the logo and stylesheets are inlined by ``make``). All numbering, grouping,
clock times and source numbers are computed here; the templates only loop, test and print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from workbook import __version__
from workbook.content.dated import describe_change
from workbook.content.model import Catalog, Certainty, LegalAnswer
from workbook.meeting.load import Meeting
from workbook.meeting.plan import build_agenda, select_themes, total_minutes
from workbook.render.env import format_date, paragraphs

#: Ruled note lines under each question in the full guide.
NOTE_LINES_FULL = 5
#: Ruled lines the short handout shares among a theme's questions (two pages per theme).
NOTE_LINES_SHORT_BUDGET = 30
NOTE_LINES_SHORT_MIN, NOTE_LINES_SHORT_MAX = 2, 6

# --- the view model ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class LegalView:
    number: str
    """``A.3``: the answer's number in the legal annex."""
    anchor: str
    """This occurrence's id (a chapter box or the annex entry)."""
    home: str
    """The annex entry's id, where the full answer with practice and pitfalls is."""
    question: str
    answer: tuple[str, ...]
    hjemmel: tuple[str, ...]
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
class CaseView:
    title: str
    place: str
    period: str
    summary: tuple[str, ...]
    lessons: tuple[str, ...]
    certainty_note: str
    sources: tuple[SourceRef, ...]


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
    legal: tuple[LegalTopicView, ...]
    questions: tuple[NumberedText, ...]
    decisions: tuple[NumberedText, ...]
    cases: tuple[CaseView, ...]
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
    decisions_note: str
    """Said above the decisions when the forum is a committee ('' for the kommunalbestyrelse)."""
    theme_count: str
    """``3 temaer``."""
    toc: tuple[TocEntry, ...]
    chapters: tuple[ChapterView, ...]
    legal_annex: tuple[LegalTopicView, ...]
    glossary: tuple[GlossaryView, ...]
    sources: tuple[SourceView, ...]
    sources_label: str
    """``Bilag C`` (``Bilag B`` when there is no glossary)."""
    inline_css: Markup
    """The stylesheets for self-contained HTML; empty for PDF (WeasyPrint gets them directly)."""
    html: bool


class _SourceNumbers:
    """Number sources in the order the document first cites them."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.order: list[str] = []

    def refs(self, ids: tuple[str, ...]) -> tuple[SourceRef, ...]:
        out = []
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
            out.append(SourceRef(self.order.index(source_id) + 1, f"kilde-{source_id}"))
        return tuple(sorted(set(out), key=lambda r: r.number))

    def views(self) -> tuple[SourceView, ...]:
        views = []
        for number, source_id in enumerate(self.order, start=1):
            src = self.catalog.source(source_id)
            views.append(SourceView(number, f"kilde-{src.id}", src.title, src.publisher, src.url,
                                    format_date(src.date), src.consulted, src.note,
                                    "" if src.title.rstrip().endswith((".", "?", "!")) else "."))
        return tuple(views)


COMMITTEE_DECISIONS_NOTE = (
    "Forslagene er skrevet til kommunalbestyrelsen. Et fagudvalg kan normalt selv beslutte det, der hører "
    "under udvalgets område, og indstille resten til kommunalbestyrelsen.")
#: Names a municipality may use for its council (byråd, Københavns Borgerrepræsentation).
COUNCIL_NAMES = ("kommunalbestyrelse", "byråd", "borgerrepræsentation")


def decisions_note(forum: str) -> str:
    """The note for a committee that the catalog's decisions are worded for the kommunalbestyrelse."""
    name = forum.casefold()
    return "" if any(council in name for council in COUNCIL_NAMES) else COMMITTEE_DECISIONS_NOTE


def duration_text(minutes: int) -> str:
    """Minutes in words for running text: ``90`` → ``1 time og 30 minutter`` (no abbreviation dot)."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {'time' if hours == 1 else 'timer'}")
    if rest or not hours:
        parts.append(f"{rest} {'minut' if rest == 1 else 'minutter'}")
    return " og ".join(parts)


def _note_lines(variant: str, questions: int) -> int:
    if variant == "fuld":
        return NOTE_LINES_FULL
    share = NOTE_LINES_SHORT_BUDGET // max(questions, 1)
    return max(NOTE_LINES_SHORT_MIN, min(NOTE_LINES_SHORT_MAX, share))


def build_view(meeting: Meeting, catalog: Catalog, *, variant: str = "fuld",
               today: dt.date | None = None) -> GuideView:
    """Compute the guide's view model: numbering, times, legal annex numbers and source numbers."""
    selected = select_themes(meeting, catalog)
    rows = build_agenda(meeting, selected)
    sources = _SourceNumbers(catalog)

    # The legal annex: every answer of the selected themes' topics, numbered A.1, A.2 ... once.
    topic_ids: list[str] = []
    for chosen in selected:
        for topic_id in chosen.theme.legal_topics:
            if topic_id not in topic_ids:
                topic_ids.append(topic_id)
    numbers: dict[str, str] = {}
    for topic_id in topic_ids:
        for answer in catalog.legal_topic(topic_id).answers:
            numbers[answer.id] = f"A.{len(numbers) + 1}"

    def legal(answer: LegalAnswer, prefix: str) -> LegalView:
        return LegalView(
            number=numbers[answer.id], anchor=f"{prefix}-{answer.id}", home=f"jura-{answer.id}",
            question=answer.question, answer=tuple(paragraphs(answer.answer)),
            hjemmel=tuple(h.label for h in answer.hjemmel), practice=answer.practice, pitfalls=answer.pitfalls,
            changes=tuple(describe_change(c, meeting.date) for c in answer.changes),
            certainty=answer.certainty.label,
            uncertain=answer.certainty is not Certainty.SIKKER, certainty_note=answer.certainty_note,
            reviewed=format_date(answer.reviewed), sources=sources.refs(answer.sources))

    def topic_view(topic_id: str, prefix: str) -> LegalTopicView:
        topic = catalog.legal_topic(topic_id)
        return LegalTopicView(f"{prefix}-emne-{topic.id}", topic.title, topic.summary,
                              tuple(legal(a, prefix) for a in topic.answers))

    chapters = []
    spans = {row.number: row.span for row in rows if row.number is not None}
    for chosen in selected:
        theme, n = chosen.theme, chosen.number
        lines = _note_lines(variant, len(theme.questions))
        theme_sources = sources.refs(theme.sources)
        legal_views = tuple(topic_view(t, f"tema-{theme.id}") for t in theme.legal_topics)
        cases = []
        for case_id in theme.cases:
            case = catalog.case(case_id)
            cases.append(CaseView(case.title, case.place, case.period, tuple(paragraphs(case.summary)),
                                  case.lessons, case.certainty_note, sources.refs(case.sources)))
        chapters.append(ChapterView(
            number=n, anchor=f"tema-{theme.id}", title=theme.title, summary=theme.summary,
            minutes=chosen.minutes, span=spans[n], background=tuple(paragraphs(theme.background)),
            key_points=theme.key_points, legal=legal_views,
            questions=tuple(NumberedText(str(i), q.text, q.hint, tuple(range(lines)))
                            for i, q in enumerate(theme.questions, start=1)),
            decisions=tuple(NumberedText(str(i), d.text, d.note, ())
                            for i, d in enumerate(theme.decisions, start=1)),
            cases=tuple(cases),
            checklist=tuple(NumberedText(item.number, item.item.statement, item.item.help, ())
                            for item in chosen.checklist),
            sources=theme_sources,
        ))

    legal_annex = tuple(topic_view(t, "jura") for t in topic_ids)
    glossary = tuple(
        GlossaryView(term.term, term.definition, sources.refs(term.sources))
        for term in sorted(catalog.glossary, key=lambda g: _danish_key(g.term)))

    agenda = tuple(AgendaRowView(row.span, row.title, row.minutes, row.number,
                                 f"tema-{selected[row.number - 1].theme.id}" if row.number else "")
                   for row in rows)
    toc = [TocEntry("", "Mødeplan", "moedeplan", 1)]
    toc += [TocEntry(str(c.number), c.title, c.anchor, 1) for c in chapters]
    if legal_annex:
        toc.append(TocEntry("Bilag A", "Juridiske spørgsmål og svar", "bilag-jura", 1))
        toc += [TocEntry("", t.title, t.anchor, 2) for t in legal_annex]
    if glossary:
        toc.append(TocEntry("Bilag B", "Ordforklaringer", "bilag-ord", 1))
    sources_label = "Bilag C" if glossary else "Bilag B"
    toc.append(TocEntry(sources_label, "Kilder", "bilag-kilder", 1))

    minutes = total_minutes(rows)
    end = (dt.datetime.combine(meeting.date, meeting.start) + dt.timedelta(minutes=minutes)).time()
    suffix = " (kort udgave)" if variant == "kort" else ""
    return GuideView(
        variant=variant,
        doc_title=f"{meeting.title}{suffix} – {meeting.municipality}",
        municipality=meeting.municipality, forum=meeting.forum, title=meeting.title,
        date=format_date(meeting.date), date_long=format_date(meeting.date, weekday=True),
        start=f"{meeting.start:%H:%M}", end=f"{end:%H:%M}", place=meeting.place, contact=meeting.contact,
        logo_src=meeting.logo.as_uri() if meeting.logo else "", logo_alt=f"{meeting.municipality}s logo",
        catalog_title=catalog.info.title, catalog_version=catalog.version,
        catalog_date=format_date(catalog.info.date), generated=format_date(today or dt.date.today()),
        tool_version=__version__, agenda=agenda, total_minutes=minutes,
        total_duration=duration_text(minutes), decisions_note=decisions_note(meeting.forum),
        theme_count=f"{len(chapters)} {'tema' if len(chapters) == 1 else 'temaer'}",
        toc=tuple(toc), chapters=tuple(chapters),
        legal_annex=legal_annex, glossary=glossary, sources=sources.views(),
        sources_label=sources_label,
        inline_css=Markup(""),
        html=False,
    )


def _danish_key(text: str) -> tuple:
    """Sort key in Danish alphabetical order (æ, ø, å after z; "aa" as å only where a word begins:
    Aarhus, but not Dataansvarlig)."""
    order = {"æ": "{", "ø": "|", "å": "}"}
    low = re.sub(r"\baa", "}", text.casefold())
    for src, dst in order.items():
        low = low.replace(src, dst)
    return (low, text)
