"""The guide speaks as the administration to its politicians: no research notes in any rendered theme."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from workbook.content.load import check_catalog
from workbook.guide.make import render_guide
from workbook.meeting.load import load_meeting

#: Phrases of a researcher's notebook, not of an administration advising its council.
RESEARCH_NOTES = (
    "ikke set", "ikke efterset", "vi har ikke", "har vi ikke", "afkortet i kilden", "vores kilder",
    "ifølge to kilder", "ifølge kilderne", "de kilder, vi har set", "efter de kilder, vi har set",
    "vi har kun set", "kilden bekræfter ikke", "kilderne bekræfter ikke", "kun set som", "har vi set",
    "vi har set", "vi ved ikke", "ikke kunnet se", "ikke fundet", "ikke læst", "vi har læst",
)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def every_theme_rendered(tmp_path_factory: pytest.TempPathFactory) -> str:
    catalog = check_catalog().catalog
    folder = tmp_path_factory.mktemp("voice")
    lines = ["kommune: Fjordby Kommune", "forum: Kommunalbestyrelsen", "titel: Alle temaer",
             "dato: 2027-02-04", "starttid: '15:00'", "sted: Rådhuset", "kontakt: Mette Holm", "temaer:"]
    lines += [f"  - {theme_id}" for theme_id in catalog.theme_ids]
    meeting_file = folder / "moede.yaml"
    meeting_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meeting = load_meeting(meeting_file, catalog)
    target = render_guide(meeting, catalog, folder / "guide.html", fmt="html")
    return _visible_text(Path(target).read_text(encoding="utf-8"))


def test_no_research_notes_in_any_rendered_theme(every_theme_rendered: str) -> None:
    text = every_theme_rendered.casefold()
    found = {phrase: text.count(phrase) for phrase in RESEARCH_NOTES if phrase in text}
    assert found == {}


def test_every_theme_is_rendered(every_theme_rendered: str) -> None:
    for theme in check_catalog().catalog.themes:
        assert theme.title in every_theme_rendered
