"""The legal answers a guide uses: numbered once for Bilag A, given briefly in the chapters.

A topic's answers are given (question and short answer) in the first chapter that needs the topic;
a later chapter refers to that chapter. The full answer is printed only in Bilag A.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from workbook import danish
from workbook.content.dated import describe_change, overdue
from workbook.content.model import Catalog, Certainty, LegalAnswer, LegalTopic, Theme
from workbook.guide.model import HjemmelView, LegalBox, LegalBrief, LegalTopicView, LegalView
from workbook.guide.used import SourceNumbers
from workbook.guide.wording import by_area, fits_area, short_answer
from workbook.render.env import paragraphs

log = logging.getLogger(__name__)


def hjemmel_views(answer: LegalAnswer) -> tuple[HjemmelView, ...]:
    """The legal basis with the act's current number and ELI link where the catalog knows them."""
    views = []
    for item in answer.hjemmel:
        if isinstance(item, str):
            views.append(HjemmelView(item, "", ""))
            continue
        act = getattr(item, "act", None)
        views.append(HjemmelView(item.label, getattr(act, "number", "") or "",
                                 getattr(item, "eli", "") or getattr(act, "eli", "") or ""))
    return tuple(views)


#: Words of "Læs mere: bilag A.12, side 34" after each brief.
BRIEF_REFERENCE_WORDS = 6
#: Words around a topic's title in a box ("Det siger reglerne", "se tema 2, side 9, og bilag A.1–A.4").
BOX_HEADING_WORDS = 10


def _words(text: str) -> int:
    return len(text.split())


class LegalPlan:
    """Which answers the guide uses, their Bilag A numbers, and where each topic is first given."""

    def __init__(self, catalog: Catalog, themes: Sequence[Theme], area: str, on: dt.date | None = None) -> None:
        self.catalog = catalog
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
        answers = self.answers[topic_id]
        first, last = self.numbers[answers[0].id], self.numbers[answers[-1].id]
        return first if first == last else f"{first}–{last}"

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
            briefs = []
            for answer in self.answers[topic_id]:
                short = short_answer(answer)
                budget -= _words(answer.question) + BRIEF_REFERENCE_WORDS
                if _words(short) <= budget:
                    budget -= _words(short)
                else:
                    short = ""
                briefs.append(LegalBrief(self.numbers[answer.id], f"jura-{answer.id}", answer.question, short))
            out.append(LegalBox(box, topic.title, tuple(briefs), "", 0, self.span(topic_id)))
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
    changes = answer.changes
    if isinstance(changes, str):
        return tuple(paragraphs(changes))
    for change in changes:
        if overdue(change, on):
            log.warning("juridisk svar '%s': ændringen »%s« var forventet %s, før mødet; guiden siger, at det "
                        "ikke er bekræftet. Opdatér indholdet, når det vides, hvad der er sket.",
                        answer.id, change.text, danish.date(change.date))
    return tuple(describe_change(c, on) for c in changes)
