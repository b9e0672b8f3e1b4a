"""Tests for the agenda item's text: its sections and the wording for the forum."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbook.agenda_item.view import build_agenda_item
from workbook.agenda_item.write import agenda_text
from workbook.meeting.load import load_meeting

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
SECTIONS = ["Beslutningstema", "Indstilling", "Sagsfremstilling", "Retsgrundlag", "Økonomi", "Inddragelse",
            "Videre proces", "Bilag"]


@pytest.fixture(scope="module")
def committee(catalog):
    return load_meeting(EXAMPLES / "socialudvalg.yaml", catalog)


def test_sections_as_danish_agenda_items_have_them(committee, catalog):
    item = build_agenda_item(committee, catalog)
    assert [s.heading for s in item.sections] == SECTIONS
    assert item.title == committee.title
    todo = [b for s in item.sections for b in s.blocks if b.kind == "todo"]
    assert len(todo) == 3 and all(b.texts[0].startswith("[Udfyldes af forvaltningen:") for b in todo)
    text = agenda_text(item)
    for heading in SECTIONS:
        assert f"\n{heading.upper()}\n" in text
    assert "Tema 2: Den juridiske ramme for frivillige." in text
    assert "Tavshedspligt for frivillige: Forvaltningsloven § 27" in text
    # The legal appendix is its own attachment of the agenda item, as the pack carries it.
    bilag = item.sections[-1].blocks[0].texts
    assert "Bilag A: Juridiske spørgsmål og svar (juridisk-bilag.pdf)" in bilag
    assert "Bilag A (juridisk-bilag.pdf) gennemgår de juridiske spørgsmål" in " ".join(text.split())


def test_indstilling_asks_a_committee_to_discuss_and_take_a_position(committee, catalog):
    item = build_agenda_item(committee, catalog)
    indstilling = item.sections[1]
    assert indstilling.blocks[0].texts == ("Forvaltningen indstiller, at udvalget",)
    first, second = indstilling.blocks[1].texts
    assert first.startswith("drøfter temaerne »Roller og grænser mellem ansatte og frivillige«")
    assert second == "tager stilling til forslagene til beslutninger i drøftelsesguiden."


def test_chosen_proposals_are_worded_for_the_forum(committee, catalog):
    decisions = [d for t in ("roller-og-graenser", "frivillige-jura") for d in catalog.theme(t).decisions]
    own = next(d for d in decisions if d.competence == "udvalg")
    councils = next(d for d in decisions if d.competence == "kommunalbestyrelse")
    meeting = replace(committee, proposals=(own.id, councils.id))
    items = build_agenda_item(meeting, catalog).sections[1].blocks[1].texts
    assert items[0].endswith(",")
    assert items[1] == f"beslutter, at {own.text.rstrip('.')} og"
    assert items[2] == f"indstiller til kommunalbestyrelsen, at {councils.text.rstrip('.')}."
    council = replace(meeting, forum="Kommunalbestyrelsen", forum_kind="kommunalbestyrelse")
    council_items = build_agenda_item(council, catalog).sections[1]
    assert council_items.blocks[0].texts == ("Forvaltningen indstiller, at kommunalbestyrelsen",)
    assert council_items.blocks[1].texts[2].startswith("beslutter, at ")
