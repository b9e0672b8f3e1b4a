"""Wording for the forum and the area: decision sentences, the forum's name in a sentence, area order.

The guide and the agenda item both word their text through here, so they always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from workbook.content.model import AREAS, Decision, LegalAnswer
from workbook.meeting.load import Meeting

COUNCIL = "kommunalbestyrelse"
#: A council's name that is a common noun, written in lower case inside a sentence.
GENERIC_COUNCIL_NAMES = ("kommunalbestyrelsen", "byrådet", "borgerrepræsentationen")

T = TypeVar("T")


def forum_in_sentence(meeting: Meeting) -> str:
    """The forum inside a sentence: a council's generic name in lower case, a committee's name as is."""
    name = meeting.forum.strip()
    return name[:1].lower() + name[1:] if name.casefold() in GENERIC_COUNCIL_NAMES else name


def decision_clause(decision: Decision, kind: str) -> str:
    """The decision as an item of an indstilling: ``beslutter, at …`` or, in a committee for the
    council's decisions, ``indstiller til kommunalbestyrelsen, at …``."""
    clause = decision.text.rstrip(".")
    if kind != COUNCIL and decision.competence == COUNCIL:
        return f"indstiller til kommunalbestyrelsen, at {clause}"
    return f"beslutter, at {clause}"


def join_words(words: Sequence[str]) -> str:
    """``a, b og c``."""
    words = list(words)
    return " og ".join(filter(None, (", ".join(words[:-1]), words[-1]))) if words else ""


_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÆØÅ»])")


def short_answer(answer: LegalAnswer) -> str:
    """The one- or two-sentence answer a chapter prints (the catalog's ``short``, else the first sentence)."""
    short = answer.short
    if short:
        return " ".join(short.split())
    text = " ".join(answer.answer.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def area_label(area: str) -> str:
    """``ældre`` for ``aeldre`` ('' for no area)."""
    return AREAS.get(area, area)


def fits_area(item: object, area: str) -> bool:
    """An item belongs in a guide for ``area`` when it names no area or names this one."""
    areas: Sequence[str] = item.areas
    return not area or not areas or area in areas


def by_area(items: Iterable[T], area: str) -> list[T]:
    """Order ``items`` so that what names the area comes first, then the general, then the rest."""
    items = list(items)
    if not area:
        return items

    def rank(item: T) -> int:
        areas: Sequence[str] = item.areas
        return 0 if area in areas else 1 if not areas else 2

    return sorted(items, key=rank)
