"""Tests for the guide's view model (pure: no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.guide.view import _danish_key, build_view, decisions_note, duration_text
from workbook.meeting.load import load_meeting


@pytest.mark.parametrize(("minutes", "text"), [
    (45, "45 minutter"), (1, "1 minut"), (60, "1 time"), (90, "1 time og 30 minutter"),
    (121, "2 timer og 1 minut"), (0, "0 minutter"),
])
def test_meeting_length_is_written_out_for_running_text(minutes: int, text: str) -> None:
    assert duration_text(minutes) == text


@pytest.mark.parametrize(("forum", "noted"), [
    ("Kommunalbestyrelsen", False), ("Byrådet", False), ("Borgerrepræsentationen", False),
    ("Social- og Sundhedsudvalget", True), ("Økonomiudvalget", True),
])
def test_a_committee_is_told_the_decisions_are_worded_for_the_council(forum: str, noted: bool) -> None:
    assert bool(decisions_note(forum)) is noted


def test_glossary_sorts_in_danish_order() -> None:
    words = ["Øvelse", "Aarhus-modellen", "Dataansvarlig", "Databehandler", "Zone", "Ældreloven"]
    assert sorted(words, key=_danish_key) == [
        "Dataansvarlig", "Databehandler", "Zone", "Ældreloven", "Øvelse", "Aarhus-modellen"]


def test_source_title_ending_a_sentence_gets_no_second_full_stop(catalog) -> None:
    example = Path(__file__).resolve().parent.parent.parent / "examples" / "kommunalbestyrelse-temamoede.yaml"
    view = build_view(load_meeting(example, catalog), catalog)
    ends = {s.title[-1] if s.title[-1] in ".?" else "other": s.title_end for s in view.sources}
    assert ends == {"?": "", ".": "", "other": "."}
