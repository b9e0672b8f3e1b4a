"""Tests for what a guide uses: glossary terms found in its texts, Danish order, source sites."""

from __future__ import annotations

import pytest

from workbook.content.model import GlossaryTerm
from workbook.guide.used import danish_key, site_of, used_terms


def test_glossary_sorts_in_danish_order() -> None:
    words = ["Øvelse", "Aarhus-modellen", "Dataansvarlig", "Databehandler", "Zone", "Ældreloven"]
    assert sorted(words, key=danish_key) == [
        "Dataansvarlig", "Databehandler", "Zone", "Ældreloven", "Øvelse", "Aarhus-modellen"]


@pytest.mark.parametrize(("term", "text", "found"), [
    ("Velfærdsalliance", "Vi vil skabe velfærdsalliancer med borgerne.", True),
    ("Socialøkonomisk virksomhed", "Samarbejde med socialøkonomiske virksomheder.", True),
    ("RSV (registreret socialøkonomisk virksomhed)", "En RSV kan få en reserveret kontrakt.", True),
    ("§ 18-midler", "Puljen af § 18-midler fordeles hvert år.", True),
    ("Tavshedspligt", "Frivillige skal kende reglerne.", False),
    ("APV (arbejdspladsvurdering)", "Kapvandring er ikke en APV-sag.", True),
    ("Samskabelse", "Vi taler om skabelse.", False),
])
def test_a_term_is_used_when_a_text_has_it_also_inflected(term: str, text: str, found: bool) -> None:
    entry = GlossaryTerm(id="x", term=term, definition="d")
    assert (used_terms([entry], [text]) == [entry]) is found


def test_a_source_prints_its_site() -> None:
    assert site_of("https://www.kl.dk/nyheder/x?y=1") == "kl.dk"
    assert site_of("https://retsinformation.dk/eli/lta/2025/1129") == "retsinformation.dk"
