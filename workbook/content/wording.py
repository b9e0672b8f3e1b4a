"""How catalog content is worded for a forum: a decision proposal as the sentence the forum takes."""

from __future__ import annotations

from workbook.content.model import Competence, Decision

#: Forum kinds, as in the meeting file's ``forumtype``.
FORUM_KINDS = ("kommunalbestyrelse", "udvalg")


def decision_sentence(decision: Decision, forum_kind: str) -> str:
    """Word ``decision`` for a forum of ``forum_kind`` ("kommunalbestyrelse" or "udvalg").

    The council decides everything; a committee decides what lies within its own area and
    recommends the rest to the council (indstiller til kommunalbestyrelsen).
    """
    if forum_kind not in FORUM_KINDS:
        raise ValueError(f"unknown forum kind {forum_kind!r}")
    if forum_kind == "kommunalbestyrelse":
        opening = "Kommunalbestyrelsen beslutter"
    elif decision.competence is Competence.UDVALG:
        opening = "Udvalget beslutter"
    else:
        opening = "Udvalget indstiller til kommunalbestyrelsen"
    return f"{opening}, at {decision.text}."
