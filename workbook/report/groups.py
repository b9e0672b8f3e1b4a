"""Respondent groups (politiker, leder, medarbejder, partner …) and their figures, never for fewer than three.

A respondent's group comes from the respondent list (column ``gruppe``) or the workbook's group
field; without either it is guessed from the role by a few Danish words. Groups with fewer than
``MIN_GROUP`` respondents are put together as «Øvrige»; when that would still be fewer than three,
the smallest shown group joins them, so no figure can be traced back to one or two people (not even
by subtracting the shown groups from the total).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbook.report.aggregate import Counts

MIN_GROUP = 3
OTHERS = "Øvrige"
#: Words in a role that place a respondent in a group, first match wins.
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("politiker", ("politiker", "kommunalbestyrelse", "byråd", "udvalgsmedlem", "borgmester", "rådmand")),
    ("leder", ("leder", "chef", "direktør", "direktion")),
    ("frivillig", ("frivillig",)),
    ("partner", ("partner", "forening", "organisation", "virksomhed")),
    ("medarbejder", ("medarbejder", "konsulent", "sagsbehandler", "koordinator", "assistent")),
)


def group_of(given: str, role: str) -> str:
    """Return the respondent's group: ``given`` as written (lower case), else guessed from ``role``, else ''."""
    if given.strip():
        return given.strip().lower()
    words = role.casefold()
    return next((group for group, keys in ROLE_WORDS if any(k in words for k in keys)), "")


@dataclass(frozen=True)
class GroupFigures:
    """One shown group: its name, how many respondents, and the counts per theme id."""

    name: str
    respondents: int
    themes: dict[str, Counts]


def group_figures(db: sqlite3.Connection, schema: str, files: str) -> list[GroupFigures]:
    """Return the groups to compare (each of at least ``MIN_GROUP``), largest first; [] when fewer than two."""
    sizes = dict(db.execute(f"SELECT f.grp, COUNT(*) FROM temp.{files} r JOIN {schema}.files f "
                            "ON f.id = r.file_id GROUP BY f.grp"))
    shown = sorted((g for g, n in sizes.items() if g and n >= MIN_GROUP), key=lambda g: (-sizes[g], g))
    rest = sum(n for g, n in sizes.items() if g not in shown)
    while shown and 0 < rest < MIN_GROUP:
        rest += sizes[shown.pop()]
    if len(shown) + (1 if rest else 0) < 2:
        return []
    figures = {g: GroupFigures(g, sizes[g], {}) for g in shown}
    if rest:
        figures[OTHERS] = GroupFigures(OTHERS, rest, {})
    for grp, theme_id, answer, count in db.execute(
            f"SELECT f.grp, a.theme_id, a.answer, COUNT(*) FROM temp.{files} r JOIN {schema}.files f ON "
            f"f.id = r.file_id JOIN {schema}.answers a ON a.file_id = r.file_id GROUP BY f.grp, a.theme_id, a.answer"):
        group = figures[grp if grp in shown else OTHERS]
        counts = group.themes.setdefault(theme_id, Counts())
        counts.total += count
        if answer is not None:
            counts.by_answer[answer] += count
    return list(figures.values())
