"""Readability (LIX) of the catalog's texts, with sentence counting that knows Danish abbreviations.

LIX = words / sentences + 100 × long words / words, where a long word has more than six letters.
A full stop after an abbreviation (bl.a., jf., stk., nr., fx., m.v., ca., pkt. ...) or inside a date or
number (1.7.2017) does not end a sentence; a paragraph break or a list item does.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from workbook.content import model

#: Abbreviations whose full stop does not end a sentence (lower case, without the final stop).
ABBREVIATIONS = frozenset({
    "bl.a", "jf", "stk", "nr", "fx", "f.eks", "m.v", "mv", "ca", "pkt", "osv", "dvs", "evt", "inkl",
    "ekskl", "kr", "mio", "mia", "pct", "m.fl", "o.l", "vedr", "ang", "hhv", "iht", "kap", "kl", "lbk",
    "bek", "sml", "ift", "mht", "tlf", "art", "jan", "feb", "aug", "sep", "okt", "nov", "dec",
})

_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
#: A candidate sentence end: . ! ? or : followed by space and a capital letter (or the end).
_END = re.compile(r"([.!?:])(?=\s+[»\"(]?[A-ZÆØÅ§]|\s*$)")
_TOKEN_BEFORE = re.compile(r"([^\s(»\"]+)$")


def words(text: str) -> list[str]:
    """The words of ``text`` (a hyphenated compound, a date like 1.7.2017 and bl.a are one word each)."""
    return _WORD.findall(text)


def _is_long(word: str) -> bool:
    return len(_LETTER.findall(word)) > 6


def sentence_count(text: str) -> int:
    """Count the sentences in ``text``: a paragraph or list item without a final stop is one too."""
    count = 0
    for block in re.split(r"\n\s*\n|\n\s*[-•*]\s+", text.strip()):
        last_end = 0
        for match in _END.finditer(block):
            if match.group(1) == "." and _after_abbreviation(block[:match.start()]):
                continue
            count += 1
            last_end = match.end()
        if words(block[last_end:]):
            count += 1
    return count


def _after_abbreviation(before: str) -> bool:
    token = _TOKEN_BEFORE.search(before)
    if token is None:
        return False
    word = token.group(1).lower()
    return word.rstrip(".") in ABBREVIATIONS


def lix(text: str) -> float:
    """Return the LIX of ``text`` (0 for a text without words)."""
    found = words(text)
    if not found:
        return 0.0
    return len(found) / sentence_count(text) + 100 * sum(map(_is_long, found)) / len(found)


@dataclass(frozen=True)
class Measured:
    """The LIX of one text in the catalog."""

    kind: str
    """The kind of text (a key of ``KIND_LABELS``)."""
    item: str
    """The id of the item the text belongs to."""
    field: str
    value: float


#: Kinds of text measured, their Danish label, and the goal for each text (the median goal is MEDIAN_GOAL).
KIND_LABELS: dict[str, str] = {
    "summary": "resuméer",
    "background": "baggrunde",
    "key_points": "hovedpunkter",
    "questions": "spørgsmål",
    "decisions": "beslutninger",
    "answer": "juridiske svar",
}
GOALS: dict[str, float] = {"summary": 45, "background": 45, "key_points": 45, "questions": 45,
                           "decisions": 45, "answer": 50}
#: The kinds ``content check`` warns about (every kind measured).
WARNED_KINDS = frozenset(GOALS)
#: The median goal, for the kinds that have one.
MEDIAN_GOALS: dict[str, float] = {kind: 40 for kind in ("summary", "background", "key_points", "questions",
                                                        "decisions")}


#: Texts shorter than this are not measured: LIX says nothing about a few words.
MIN_WORDS = 10
#: A median says something from this many texts of a kind.
MEDIAN_MIN_COUNT = 3


@dataclass(frozen=True)
class KindFigures:
    """LIX figures for one kind of text across the catalog."""

    kind: str
    count: int
    maximum: float
    median: float


def figures(measured: Iterable[Measured]) -> list[KindFigures]:
    """Maximum and median per kind of text, in the order of ``KIND_LABELS``."""
    by_kind: dict[str, list[float]] = {}
    for m in measured:
        by_kind.setdefault(m.kind, []).append(m.value)
    return [KindFigures(kind, len(values), max(values), statistics.median(values))
            for kind in KIND_LABELS if (values := by_kind.get(kind))]


def measure(item: object) -> list[Measured]:
    """The LIX of each measured text of a theme or a legal answer (other items have none).

    A theme's key points, questions and decisions are each measured as one text: LIX is made for
    running text, and one short sentence alone says little. Texts under ``MIN_WORDS`` are left out.
    """
    if isinstance(item, model.Theme):
        texts = {
            "summary": item.summary,
            "background": item.background,
            "key_points": "\n\n".join(item.key_points),
            "questions": "\n\n".join(q.text for q in item.questions),
            "decisions": "\n\n".join(d.text for d in item.decisions),
        }
    elif isinstance(item, model.LegalAnswer):
        texts = {"answer": item.answer}
    else:
        return []
    return [Measured(kind, item.id, kind, lix(text)) for kind, text in texts.items() if len(words(text)) >= MIN_WORDS]
