"""The legal answers a guide uses: numbered once for Bilag A, given briefly in the chapters.

A topic's answers are given (question and short answer) in the first chapter that needs the topic;
a later chapter refers to that chapter. The full answer is printed only in Bilag A: for print the
separate legal appendix (``juridisk-bilag.pdf``), whose pages the chapters cite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from workbook import danish
from workbook.content.dated import describe_change
from workbook.content.model import Catalog, Certainty, LegalAnswer, LegalTopic, Theme
from workbook.guide.model import HjemmelView, LegalBox, LegalBrief, LegalTopicView, LegalView
from workbook.guide.used import SourceNumbers
from workbook.guide.wording import by_area, fits_area, short_answer
from workbook.render.env import paragraphs


def hjemmel_views(answer: LegalAnswer) -> tuple[HjemmelView, ...]:
    """The legal basis with the act's current number and ELI link; provisions of the same act in a
    row name the number once, after the last of them."""
    items = answer.hjemmel
    return tuple(HjemmelView(h.label, "" if i + 1 < len(items) and items[i + 1].number == h.number else h.number,
                             h.eli) for i, h in enumerate(items))


#: Words of "Læs mere: bilag A.12, side 34" after each brief.
BRIEF_REFERENCE_WORDS = 6
#: Words around a topic's title in a box ("Det siger reglerne", "se tema 2, side 9, og bilag A.1–A.4").
BOX_HEADING_WORDS = 10


def _words(text: str) -> int:
    return len(text.split())


class LegalPlan:
    """Which answers the guide uses, their Bilag A numbers, and where each topic is first given."""

    def __init__(self, catalog: Catalog, themes: Sequence[Theme], area: str, on: dt.date | None = None,
                 pages: Mapping[str, int] | None = None) -> None:
        self.catalog = catalog
        #: Anchor → page in the separate legal appendix (empty when the annex is in the guide).
        self.pages = pages or {}
        self.area = area
        self.on = on or dt.date.today()
        self.topics: list[LegalTopic] = []
        self.answers: dict[str, tuple[LegalAnswer, ...]] = {}
        for theme in themes:
            for topic_id in theme.legal_topics:
                topic = catalog.legal_topic(topic_id)
                chosen = tuple(a for a in by_area(topic.answers, area) if fits_area(a, area))
                if topic_id not in self.answers and chosen:
                    self.topics.append(topic)
                    self.answers[topic_id] = chosen
        self.numbers: dict[str, str] = {}
        for topic in self.topics:
            for answer in self.answers[topic.id]:
                self.numbers[answer.id] = f"A.{len(self.numbers) + 1}"
        self.first: dict[str, tuple[int, str]] = {}

    def span(self, topic_id: str) -> str:
        return self._numbers_span(self.answers[topic_id])

    def _numbers_span(self, answers: Sequence[LegalAnswer]) -> str:
        first, last = self.numbers[answers[0].id], self.numbers[answers[-1].id]
        return first if first == last else f"{first}–{last}"

    def _briefs(self, answers: Sequence[LegalAnswer], budget: int) -> tuple[list[LegalBrief], int]:
        """Question and short answer while the budget lasts, then the question alone; stop when
        not even the question fits (the rest is referred to as one span of Bilag A)."""
        briefs = []
        for answer in answers:
            cost = _words(answer.question) + BRIEF_REFERENCE_WORDS
            if cost > budget and briefs:
                break
            budget -= cost
            short = short_answer(answer)
            if _words(short) <= budget:
                budget -= _words(short)
            else:
                short = ""
            home = f"jura-{answer.id}"
            briefs.append(LegalBrief(self.numbers[answer.id], home, answer.question, short,
                                     self.pages.get(home, 0)))
        return briefs, budget

    def boxes(self, theme: Theme, chapter: int, anchor: str, budget: int) -> tuple[LegalBox, ...]:
        """The chapter's "Det siger reglerne": briefs where a topic is new, a reference where it is not.

        The short answers fill at most ``budget`` words (the chapter's length goal); an answer beyond
        it is given by its question and the reference alone.
        """
        out = []
        for topic_id in theme.legal_topics:
            if topic_id not in self.answers:
                continue
            topic = self.catalog.legal_topic(topic_id)
            budget -= _words(topic.title) + BOX_HEADING_WORDS
            if topic_id in self.first:
                number, box = self.first[topic_id]
                out.append(LegalBox("", topic.title, (), box, number, self.span(topic_id)))
                continue
            box = f"{anchor}-jura-{topic_id}"
            self.first[topic_id] = (chapter, box)
            briefs, budget = self._briefs(self.answers[topic_id], budget)
            rest = self.answers[topic_id][len(briefs):]
            more = self._numbers_span(rest) if rest else ""
            more_home = f"jura-{rest[0].id}" if rest else ""
            out.append(LegalBox(box, topic.title, tuple(briefs), "", 0, self.span(topic_id), more,
                                more_home, self.pages.get(more_home, 0)))
        return tuple(out)

    def annex(self, sources: SourceNumbers) -> tuple[LegalTopicView, ...]:
        """Bilag A: every used answer in full, in number order (cite sources after the chapters)."""
        return tuple(
            LegalTopicView(f"jura-emne-{topic.id}", topic.title, topic.summary,
                           tuple(self._full(a, sources) for a in self.answers[topic.id]))
            for topic in self.topics)

    def _full(self, answer: LegalAnswer, sources: SourceNumbers) -> LegalView:
        return LegalView(
            number=self.numbers[answer.id], anchor=f"jura-{answer.id}", question=answer.question,
            answer=tuple(paragraphs(answer.answer)), hjemmel=hjemmel_views(answer),
            practice=answer.practice, pitfalls=answer.pitfalls, changes=_changes(answer, self.on),
            certainty=answer.certainty.label, uncertain=answer.certainty is not Certainty.SIKKER,
            certainty_note=answer.certainty_note, reviewed=danish.date(answer.reviewed),
            sources=sources.refs(answer.sources))


def _changes(answer: LegalAnswer, on: dt.date) -> tuple[str, ...]:
    """'Hvad er ændret': each dated change worded from the meeting date ``on``."""
    return tuple(describe_change(c, on) for c in answer.changes)
