"""Tests of the pack's reading times and file facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.meeting.load import load_meeting
from workbook.meeting.plan import select_themes
from workbook.pack.reading import PackFile, checklist_words, facts, reading_minutes, text_words
from workbook.render.html import words_in

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (4000, 20)])
def test_reading_minutes_round_up_at_200_words_a_minute(words, minutes):
    assert reading_minutes(words) == minutes


def test_facts_give_pages_statements_and_reading_time_in_danish():
    assert facts(PackFile(Path("g.pdf"), pages=1, words=150)) == ("én side", "læsetid ca. 1 minut")
    assert facts(PackFile(Path("g.pdf"), pages=34, words=15_000)) == (
        "34 sider", "læsetid ca. 1 time og 15 minutter")
    assert facts(PackFile(Path("s.xlsx"), words=900, statements=12)) == (
        "tolv udsagn", "læsetid ca. 5 minutter")
    assert facts(PackFile(Path("manifest.json"))) == ()


def test_text_words_counts_the_words_of_a_text_file():
    Path("a.txt").write_text("Udvalget beslutter,\nat forvaltningen  udarbejder – retningslinjer.\n",
                             encoding="utf-8")
    assert text_words(Path("a.txt")) == 6  # the dash is not a word


def test_checklist_words_count_statements_and_rubrics_of_the_meeting(catalog):
    meeting = load_meeting(EXAMPLES / "socialudvalg.yaml", catalog)
    selected = select_themes(meeting, catalog)
    items = [n.item for s in selected for n in s.checklist]
    statements, words = checklist_words(selected)
    assert statements == len(items) > 0
    assert words == sum(words_in(f"{i.statement} {i.rubric}") for i in items)
    assert any(i.rubric for i in items)  # the rubrics are read too
