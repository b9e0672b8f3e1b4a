"""The guide's view model: catalog + meeting → everything the templates print, numbered and formatted.

Pure: no file is read here (the logo and stylesheets are inlined by ``make``). All numbering, grouping,
clock times, source numbers and cross-references are computed here; the templates only loop, test
and print. Each text is given once: a legal answer in full only in Bilag A, a case in the first
chapter that uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from markupsafe import Markup

from workbook import __version__, danish
from workbook.content.model import Catalog, Theme
from workbook.content.wording import decision_sentence
from workbook.guide.legal import LegalPlan
from workbook.guide.model import (
    AgendaRowView,
    CaseRef,
    CaseView,
    ChapterView,
    GuideView,
    LegalTopicView,
    NumberedText,
    TocEntry,
)
from workbook.guide.status import StatusSource, status_section
from workbook.guide.used import SourceNumbers, glossary_views, used_terms
from workbook.guide.wording import area_label, by_area, fits_area, forum_in_sentence
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme, build_agenda, select_themes, total_minutes
from workbook.render.env import paragraphs

#: Ruled note lines under each question in the full guide: none, it is read before the meeting;
#: the short handout is the one to write on (its lines are for print only).
NOTE_LINES_FULL = 0
#: Ruled lines the short handout shares among a theme's questions (two pages per theme).
NOTE_LINES_SHORT_BUDGET = 30
NOTE_LINES_SHORT_MIN, NOTE_LINES_SHORT_MAX = 2, 6
#: The legal appendix (Bilag A) of the printed guide: its own document in the meeting pack.
APPENDIX_FILE = "juridisk-bilag.pdf"
#: A theme chapter's body reads in at most this many words (so three themes read in 20 minutes).
CHAPTER_WORDS = 1200
#: Headings, the kicker, intro lines, source and case references of a chapter.
CHAPTER_OVERHEAD_WORDS = 130

def _note_lines(variant: str, questions: int) -> int:
    if variant == "fuld":
        return NOTE_LINES_FULL
    share = NOTE_LINES_SHORT_BUDGET // max(questions, 1)
    return max(NOTE_LINES_SHORT_MIN, min(NOTE_LINES_SHORT_MAX, share))


def chapter_words(chapter: ChapterView) -> int:
    """The words a chapter's body prints (headings, labels and references counted roughly)."""
    texts = [chapter.title, chapter.summary, *chapter.background, *chapter.key_points]
    texts += [t for item in (*chapter.questions, *chapter.decisions) for t in (item.text, item.note)]
    texts += [t for box in chapter.legal for b in box.answers for t in (b.question, b.short)]
    texts += [t for case in chapter.cases for t in (case.title, case.place, *case.summary, *case.lessons,
                                                    case.certainty_note)]
    texts += [f"{item.number} {item.text} {item.note}" for item in chapter.checklist]
    refs = len(chapter.sources) + sum(len(case.sources) for case in chapter.cases)
    return sum(len(t.split()) for t in texts) + refs + CHAPTER_OVERHEAD_WORDS


def theme_texts(theme: Theme) -> Iterator[str]:
    """Every text of a theme that a guide prints (for the glossary's choice of terms)."""
    yield from (theme.title, theme.summary, theme.background, *theme.key_points)
    for item in (*theme.questions, *theme.decisions):
        yield item.text
        yield getattr(item, "hint", "") or getattr(item, "note", "")
    for check in theme.checklist:
        yield from (check.statement, check.help)


class _Chapters:
    """Build the chapters in order, so that cases and legal topics are given once and referred to."""

    def __init__(self, catalog: Catalog, meeting: Meeting, variant: str, plan: LegalPlan,
                 sources: SourceNumbers) -> None:
        self.catalog, self.meeting, self.variant = catalog, meeting, variant
        self.plan, self.sources = plan, sources
        self.kind, self.area = meeting.forum_kind, meeting.area
        self.cases_seen: dict[str, int] = {}

    def chapter(self, chosen: SelectedTheme, span: str) -> ChapterView:
        theme, n = chosen.theme, chosen.number
        lines = tuple(range(_note_lines(self.variant, len(theme.questions))))
        anchor = f"tema-{theme.id}"
        theme_sources = self.sources.refs(theme.sources)
        cases, case_refs = self._cases(theme, n)
        chapter = ChapterView(
            number=n, anchor=anchor, title=theme.title, summary=theme.summary, minutes=chosen.minutes,
            span=span, background=tuple(paragraphs(theme.background)), key_points=theme.key_points,
            legal=(),
            questions=tuple(NumberedText(str(i), q.text, q.hint, lines)
                            for i, q in enumerate(theme.questions, start=1)),
            decisions=tuple(NumberedText(str(i), decision_sentence(d, self.kind), d.note, ())
                            for i, d in enumerate(theme.decisions, start=1)),
            cases=cases, case_refs=case_refs,
            # The help for answering belongs to the Excel sheet; the rubric (what Ja and Delvist mean)
            # is printed under the statement, so the discussion uses the same yardstick.
            checklist=tuple(NumberedText(item.number, item.item.statement, item.item.rubric, ())
                            for item in chosen.checklist),
            sources=theme_sources)
        budget = CHAPTER_WORDS - chapter_words(chapter)
        return replace(chapter, legal=self.plan.boxes(theme, n, anchor, budget))

    def _cases(self, theme: Theme, number: int) -> tuple[tuple[CaseView, ...], tuple[CaseRef, ...]]:
        cases, refs = [], []
        chosen = (c for c in (self.catalog.case(i) for i in theme.cases) if fits_area(c, self.area))
        for case in by_area(chosen, self.area):
            anchor = f"eksempel-{case.id}"
            if case.id in self.cases_seen:
                refs.append(CaseRef(anchor, case.title, self.cases_seen[case.id]))
                continue
            self.cases_seen[case.id] = number
            cases.append(CaseView(anchor, case.title, case.place, case.period,
                                  tuple(paragraphs(case.summary)), case.lessons, case.certainty_note,
                                  self.sources.refs(case.sources)))
        return tuple(cases), tuple(refs)


def _toc(section, chapters: Sequence[ChapterView], legal_annex: Sequence[LegalTopicView], legal_label: str,
         appendix_file: str, glossary_label: str, sources_label: str) -> tuple[TocEntry, ...]:
    """The contents; a separate Bilag A is named with its file (no link, no page)."""
    toc = [TocEntry("", "Mødeplan", "moedeplan", 1)]
    toc += [TocEntry("", section.title, section.anchor, 1)] if section else []
    toc += [TocEntry(str(c.number), c.title, c.anchor, 1) for c in chapters]
    if legal_annex:
        toc.append(TocEntry(legal_label, "Juridiske spørgsmål og svar", "bilag-jura", 1))
        toc += [TocEntry("", t.title, t.anchor, 2) for t in legal_annex]
    elif appendix_file:
        toc.append(TocEntry(legal_label, f"Juridiske spørgsmål og svar (særskilt bilag: {appendix_file})", "", 1))
    if glossary_label:
        toc.append(TocEntry(glossary_label, "Ordforklaringer", "bilag-ord", 1))
    if sources_label:
        toc.append(TocEntry(sources_label, "Kilder", "bilag-kilder", 1))
    return tuple(toc)


def build_view(meeting: Meeting, catalog: Catalog, *, variant: str = "fuld",
               today: dt.date | None = None, status: StatusSource | None = None,
               appendix_pages: Mapping[str, int] | None = None) -> GuideView:
    """Compute the guide's view model: numbering, times, legal annex numbers and source numbers.

    ``variant`` ``jura`` is the legal appendix alone (Bilag A with its own sources). With
    ``appendix_pages`` (anchor → page of that appendix) the full guide leaves Bilag A out and cites
    its pages; without, the guide carries Bilag A itself (the HTML and Word guide). ``status`` adds
    "Status fra selvevalueringen" to the guide.
    """
    selected = select_themes(meeting, catalog)
    rows = build_agenda(meeting, selected)
    sources = SourceNumbers(catalog)
    plan = LegalPlan(catalog, [s.theme for s in selected], meeting.area, meeting.date, appendix_pages)
    chapters: tuple[ChapterView, ...] = ()
    if variant != "jura":
        builder = _Chapters(catalog, meeting, variant, plan, sources)
        spans = {row.number: row.span for row in rows if row.number is not None}
        chapters = tuple(builder.chapter(chosen, spans[chosen.number]) for chosen in selected)
    separate = variant == "fuld" and appendix_pages is not None
    legal_annex = plan.annex(sources) if variant == "jura" or (variant == "fuld" and not separate) else ()
    # Glossary sources are numbered after the chapters' and Bilag A's, as they are printed.
    terms = used_terms(catalog.glossary, (t for s in selected for t in theme_texts(s.theme)))
    glossary = glossary_views(terms, sources) if variant != "jura" else ()
    labels = iter(("Bilag A", "Bilag B", "Bilag C"))
    legal_label = next(labels) if plan.topics else ""
    glossary_label = next(labels) if glossary else ""
    sources_label = "" if variant == "jura" else next(labels)
    appendix_file = APPENDIX_FILE if separate and plan.topics else ""
    section = status_section(status, meeting, selected) if variant != "jura" else None
    toc = _toc(section, chapters, legal_annex, legal_label, appendix_file, glossary_label, sources_label)
    agenda = tuple(AgendaRowView(row.span, row.title, row.minutes, row.number,
                                 f"tema-{selected[row.number - 1].theme.id}" if row.number else "")
                   for row in rows)
    minutes = total_minutes(rows)
    end = (dt.datetime.combine(meeting.date, meeting.start) + dt.timedelta(minutes=minutes)).time()
    suffix = {"kort": " (kort udgave)", "jura": " – Bilag A: Juridiske spørgsmål og svar"}.get(variant, "")
    return GuideView(
        variant=variant,
        doc_title=f"{meeting.title}{suffix} – {meeting.municipality}",
        municipality=meeting.municipality, forum=meeting.forum,
        forum_in_sentence=forum_in_sentence(meeting), forum_kind=meeting.forum_kind,
        area=area_label(meeting.area), title=meeting.title,
        date=danish.date(meeting.date), date_long=danish.date(meeting.date, weekday=True),
        start=danish.time(meeting.start), end=danish.time(end), place=meeting.place, contact=meeting.contact,
        logo_src=meeting.logo.as_uri() if meeting.logo else "", logo_alt=f"{meeting.municipality}s logo",
        catalog_title=catalog.info.title, catalog_version=catalog.version,
        catalog_date=danish.date(catalog.info.date), generated=danish.date(today or dt.date.today()),
        tool_version=__version__, agenda=agenda, total_minutes=minutes,
        total_duration=danish.minutes(minutes),
        theme_count=danish.count_word(len(chapters), "tema", "temaer", neuter=True),
        toc=toc, chapters=chapters,
        legal_annex=legal_annex, legal_label=legal_label, appendix_file=appendix_file,
        glossary=glossary, glossary_label=glossary_label,
        sources=sources.views(), sources_label=sources_label,
        inline_css=Markup(""), html=False, status=section,
    )
