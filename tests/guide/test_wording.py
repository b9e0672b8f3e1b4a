"""Tests for wording by forum and area: the forum kind, its name in a sentence, the short answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from workbook.content.model import LegalAnswer
from workbook.guide.wording import forum_in_sentence, short_answer
from workbook.meeting.model import Meeting, forum_kind_of


def meeting(forum: str) -> Meeting:
    return Meeting(id="m", path=None, municipality="Fjordby Kommune", forum=forum, title="T",
                   date=dt.date(2027, 2, 4), start=dt.time(15), place="P", contact="K", logo=None, themes=(),
                   forum_kind=forum_kind_of(forum))


@pytest.mark.parametrize(("forum", "kind", "in_sentence"), [
    ("Kommunalbestyrelsen", "kommunalbestyrelse", "kommunalbestyrelsen"),
    ("Byrådet", "kommunalbestyrelse", "byrådet"),
    ("Borgerrepræsentationen", "kommunalbestyrelse", "borgerrepræsentationen"),
    ("Social- og Sundhedsudvalget", "udvalg", "Social- og Sundhedsudvalget"),
    ("Økonomiudvalget", "udvalg", "Økonomiudvalget"),
])
def test_forum_kind_and_name_in_a_sentence(forum: str, kind: str, in_sentence: str) -> None:
    assert meeting(forum).forum_kind == kind
    assert forum_in_sentence(meeting(forum)) == in_sentence


def test_short_answer_is_the_catalogs_short_or_the_first_sentence() -> None:
    answer = LegalAnswer(id="a", question="Q?", answer="Ja, efter § 18. Men kun »ofte«. Og mere.",
                         hjemmel=(), sources=("s",), reviewed=dt.date(2026, 1, 1))
    assert short_answer(answer) == "Ja, efter § 18."
    assert short_answer(replace(answer, short="Ja.  Kort.")) == "Ja. Kort."
