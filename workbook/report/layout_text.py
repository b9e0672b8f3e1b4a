"""User text made safe for page layout: capped in length (the cut said) and long unbroken words broken.

The full text stays in the answer database and samlet.xlsx; only what the PDF lays out is bounded,
so no comment, name or owner can make WeasyPrint run for minutes or print hundreds of pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters of a comment laid out in the PDF; a name, role or owner; a statement.
COMMENT_LIMIT = 1500
SHORT_LIMIT = 160
STATEMENT_LIMIT = 600
#: A word longer than this gets a break opportunity (zero-width space) every ``WORD_CHUNK`` characters.
WORD_CHUNK = 24
_LONG_WORD = re.compile(rf"\S{{{WORD_CHUNK + 1},}}")
_BREAK = "\u200b"


@dataclass(frozen=True, slots=True)
class LaidText:
    """Text ready for layout and whether it was cut."""

    text: str
    cut: bool = False

    def __str__(self) -> str:
        return self.text


def _break(match: re.Match) -> str:
    word = match.group(0)
    return _BREAK.join(word[i:i + WORD_CHUNK] for i in range(0, len(word), WORD_CHUNK))


def lay_out(text: str | None, limit: int = COMMENT_LIMIT) -> LaidText:
    """Return ``text`` cut to ``limit`` characters (with ``…``) and with long words made breakable."""
    text = text or ""
    cut = len(text) > limit
    if cut:
        text = text[:limit].rstrip() + "…"
    return LaidText(_LONG_WORD.sub(_break, text), cut)


class Cuts:
    """Counts the texts cut while a view is built (the report says how many)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: str | None, limit: int = COMMENT_LIMIT) -> str:
        laid = lay_out(text, limit)
        self.count += laid.cut
        return laid.text
