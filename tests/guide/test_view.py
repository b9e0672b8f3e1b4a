"""Tests for the guide's view model (pure: no rendering)."""

from __future__ import annotations

from pathlib import Path

from workbook.guide.view import build_view
from workbook.meeting.load import load_meeting


def test_source_title_ending_a_sentence_gets_no_second_full_stop(catalog) -> None:
    example = Path(__file__).resolve().parent.parent.parent / "examples" / "kommunalbestyrelse-temamoede.yaml"
    view = build_view(load_meeting(example, catalog), catalog)
    ends = {s.title[-1] if s.title[-1] in ".?" else "other": s.title_end for s in view.sources}
    assert ends == {"?": "", ".": "", "other": "."}
