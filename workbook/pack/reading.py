"""What a reader of the pack's index learns about each file: its pages, words and reading time."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook import danish
from workbook.meeting.plan import SelectedTheme
from workbook.render.html import words_in

#: Words a minute for Danish prose read on paper or screen (an attentive, not a skimming, reader).
WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class PackFile:
    """A file the pack wrote, with what is known about its length."""

    path: Path
    pages: int | None = None
    """Pages of a PDF, counted by WeasyPrint when it rendered the file; None for other formats."""
    words: int | None = None
    """Words a reader reads; None when reading time says nothing (the manifest, for instance)."""
    statements: int | None = None
    """Statements to assess, for the self-assessment workbook."""


def reading_minutes(words: int) -> int:
    """Return the minutes it takes to read ``words`` words, rounded up (at least one)."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def text_words(path: Path) -> int:
    """Return the number of words in the plain-text file ``path``."""
    return words_in(Path(path).read_text(encoding="utf-8"))


def checklist_words(selected: Iterable[SelectedTheme]) -> tuple[int, int]:
    """Return the statements of the meeting's workbook and the words of their texts and rubrics."""
    items = [numbered.item for theme in selected for numbered in theme.checklist]
    words = sum(words_in(item.statement) + words_in(item.rubric) for item in items)
    return len(items), words


def facts(file: PackFile) -> tuple[str, ...]:
    """Return the Danish facts the index prints for ``file``: pages, statements, reading time."""
    found = []
    if file.pages is not None:
        found.append(danish.count_word(file.pages, "side", "sider"))
    if file.statements is not None:
        found.append(danish.count_word(file.statements, "udsagn", "udsagn", neuter=True))
    if file.words:
        found.append(f"læsetid ca. {danish.minutes(reading_minutes(file.words))}")
    return tuple(found)
