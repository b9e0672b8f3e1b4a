"""Tests of how decision proposals are worded for the forum."""

from __future__ import annotations

import pytest

from workbook.content.load import check_catalog
from workbook.content.model import AREAS, Competence, Decision
from workbook.content.wording import decision_sentence

OWN = Decision("x-b1", "forvaltningen giver en årlig status", competence=Competence.UDVALG)
COUNCIL = Decision("x-b2", "kommunen får én indgang for foreninger")


@pytest.mark.parametrize(("decision", "forum_kind", "expected"), [
    (OWN, "kommunalbestyrelse", "Kommunalbestyrelsen beslutter, at forvaltningen giver en årlig status."),
    (COUNCIL, "kommunalbestyrelse", "Kommunalbestyrelsen beslutter, at kommunen får én indgang for foreninger."),
    (OWN, "udvalg", "Udvalget beslutter, at forvaltningen giver en årlig status."),
    (COUNCIL, "udvalg", "Udvalget indstiller til kommunalbestyrelsen, at kommunen får én indgang for foreninger."),
])
def test_decision_is_worded_for_the_forum(decision, forum_kind, expected):
    assert decision_sentence(decision, forum_kind) == expected


def test_unknown_forum_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="byråd"):
        decision_sentence(OWN, "byråd")


def test_shipped_decisions_read_as_sentences_for_both_forums():
    catalog = check_catalog().catalog
    decisions = [d for theme in catalog.themes for d in theme.decisions]
    assert {d.competence for d in decisions} == set(Competence)
    for decision in decisions:
        for kind in ("kommunalbestyrelse", "udvalg"):
            sentence = decision_sentence(decision, kind)
            assert sentence.count(", at ") >= 1 and sentence.endswith(".") and ".." not in sentence
    assert all(set(case.areas) <= set(AREAS) for case in catalog.cases)
    assert any(case.areas for case in catalog.cases)
