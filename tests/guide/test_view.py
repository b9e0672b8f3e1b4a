"""Tests for the guide's view model (pure: no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.guide.view import build_view, count_words, duration_text
from workbook.meeting.load import load_meeting


@pytest.mark.parametrize(("minutes", "text"), [
    (45, "45 minutter"), (1, "1 minut"), (60, "1 time"), (90, "1 time og 30 minutter"),
    (121, "2 timer og 1 minut"), (0, "0 minutter"),
])
def test_meeting_length_is_written_out_for_running_text(minutes: int, text: str) -> None:
    assert duration_text(minutes) == text


@pytest.mark.parametrize(("n", "text"), [(1, "ét tema"), (2, "to temaer"), (8, "otte temaer"),
                                       (13, "13 temaer")])
def test_theme_count_is_a_number_word(n: int, text: str) -> None:
    assert count_words(n, "tema", "temaer") == text


def test_source_title_ending_a_sentence_gets_no_second_full_stop(catalog) -> None:
    example = Path(__file__).resolve().parent.parent.parent / "examples" / "kommunalbestyrelse-temamoede.yaml"
    view = build_view(load_meeting(example, catalog), catalog)
    ends = {s.title[-1] if s.title[-1] in ".?" else "other": s.title_end for s in view.sources}
    assert ends == {"?": "", ".": "", "other": "."}
