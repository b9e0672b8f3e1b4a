"""Tests for the shipped content catalog: minimum contents, references and the strict CLI check."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from workbook.cli.commands import cli
from workbook.content.load import check_catalog
from workbook.content.model import Certainty

THEME_IDS = [
    "velfaerdsalliancer",
    "roller-og-graenser",
    "frivillige-jura",
    "civilsamfund-foreninger",
    "partnerskaber-socialoekonomi",
    "beskaeftigelse-udsatte",
    "samskabelse-lokalsamfund",
    "opfoelgning-laering",
]
LEGAL_TOPIC_IDS = {
    "tavshedspligt",
    "underretning-boerneattest",
    "databeskyttelse",
    "forsikring-ansvar",
    "arbejdsmiljoe-med",
    "socialoekonomi-udbud",
    "frivilligpolitik-paragraf-18",
    "beskaeftigelsesreform",
}


@pytest.fixture(scope="module")
def result():
    return check_catalog()


@pytest.fixture(scope="module")
def cat(result):
    return result.catalog


def test_catalog_version_and_date_are_set(cat):
    assert cat.info.version == "2026.12"
    assert cat.info.date == dt.date(2026, 12, 1)
    assert cat.info.title.strip()


def test_strict_check_passes_via_cli():
    outcome = CliRunner().invoke(cli, ["content", "check", "--strict"])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.startswith("Kataloget er i orden: version 2026.12, 8 temaer")
    assert "0 advarsler" in outcome.output


def test_no_warnings(result):
    assert result.warnings == ()


def test_themes_have_fixed_ids_in_order(cat):
    assert list(cat.theme_ids) == THEME_IDS


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_theme_minimum_contents(cat, theme_id):
    theme = cat.theme(theme_id)
    words = len(theme.background.split())
    assert 150 <= words <= 300, f"{theme_id}: baggrund på {words} ord"
    assert "\n\n" in theme.background, "baggrunden skal have afsnit"
    assert 3 <= len(theme.key_points) <= 6
    assert len(theme.questions) >= 4
    assert len(theme.checklist) >= 5
    assert len(theme.decisions) >= 2
    assert len(theme.sources) >= 1
    assert 15 <= theme.minutes <= 30
    assert len(theme.short_title) <= 31
    assert "Pladsholder" not in theme.background


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_theme_sub_item_ids_follow_pattern(cat, theme_id):
    theme = cat.theme(theme_id)
    for items, letter in ((theme.questions, "q"), (theme.checklist, "t"), (theme.decisions, "b")):
        assert [i.id for i in items] == [f"{theme_id}-{letter}{n}" for n in range(1, len(items) + 1)]
    assert all(item.help for item in theme.checklist), "hvert tjekpunkt skal have en hjælpetekst"
    # decision texts are the clause after "at"; the forum is worded by wording.decision_sentence
    assert all(d.text[0].islower() and not d.text.endswith(".") for d in theme.decisions)


def test_themes_link_the_expected_legal_topics(cat):
    assert set(cat.theme("frivillige-jura").legal_topics) >= {
        "tavshedspligt", "underretning-boerneattest", "databeskyttelse", "forsikring-ansvar"}
    assert "arbejdsmiljoe-med" in cat.theme("roller-og-graenser").legal_topics
    assert "frivilligpolitik-paragraf-18" in cat.theme("civilsamfund-foreninger").legal_topics
    assert "socialoekonomi-udbud" in cat.theme("partnerskaber-socialoekonomi").legal_topics
    assert "frivilligpolitik-paragraf-18" in cat.theme("velfaerdsalliancer").legal_topics
    assert "beskaeftigelsesreform" in cat.theme("beskaeftigelse-udsatte").legal_topics
    assert "databeskyttelse" in cat.theme("samskabelse-lokalsamfund").legal_topics
    assert "databeskyttelse" in cat.theme("opfoelgning-laering").legal_topics


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_every_theme_links_a_legal_topic_a_case_and_a_source(cat, theme_id):
    theme = cat.theme(theme_id)
    assert theme.legal_topics, f"{theme_id}: intet juridisk emne"
    assert theme.cases, f"{theme_id}: intet eksempel"
    assert theme.sources, f"{theme_id}: ingen kilde"
    topics = {t.id for t in cat.legal_topics}
    cases = {c.id for c in cat.cases}
    sources = {s.id for s in cat.sources}
    assert set(theme.legal_topics) <= topics
    assert set(theme.cases) <= cases
    assert set(theme.sources) <= sources


def test_every_legal_topic_is_linked_from_a_theme(cat):
    linked = {t for theme in cat.themes for t in theme.legal_topics}
    assert {t.id for t in cat.legal_topics} <= linked


def test_legal_sources_are_prefixed_and_cited_only_by_legal_answers(cat):
    cited = {s for topic in cat.legal_topics for a in topic.answers for s in a.sources}
    assert all(s.startswith("jura-") for s in cited), sorted(s for s in cited if not s.startswith("jura-"))
    reform = next(t for t in cat.legal_topics if t.id == "beskaeftigelsesreform")
    assert 2 <= len(reform.answers) <= 4
    assert all(a.reviewed == dt.date(2026, 12, 1) and a.changes for a in reform.answers)


def test_legal_topics_and_answers(cat):
    assert len(cat.legal_topics) >= 7
    assert {t.id for t in cat.legal_topics} >= LEGAL_TOPIC_IDS
    for topic in cat.legal_topics:
        assert topic.answers, topic.id
        for answer in topic.answers:
            assert answer.hjemmel, answer.id
            assert len(answer.sources) >= 1, answer.id
            assert isinstance(answer.reviewed, dt.date), answer.id
            if answer.certainty is not Certainty.SIKKER:
                assert answer.certainty_note.strip(), answer.id


def test_cases(cat):
    assert len(cat.cases) >= 5
    for case in cat.cases:
        assert case.lessons and case.sources and case.summary, case.id
    shipped = [c for c in cat.cases if c.id.startswith("eks-")]
    assert len(shipped) >= 5


def test_glossary(cat):
    assert len(cat.glossary) >= 20
    terms = [g.term.casefold() for g in cat.glossary]
    assert len(terms) == len(set(terms)), "samme begreb forklaret to gange"
    assert all(g.id.startswith("ord-") for g in cat.glossary)


def test_sources_have_publisher_url_and_date(cat):
    assert len(cat.sources) >= 30
    for source in cat.sources:
        assert source.publisher.strip(), source.id
        assert re.match(r"^https?://[^\s/]+\.[^\s]+", source.url), source.id
        assert isinstance(source.date, dt.date), source.id


def test_every_theme_source_is_used(cat):
    used: set[str] = set()
    for theme in cat.themes:
        used.update(theme.sources)
    for case in cat.cases:
        used.update(case.sources)
    for term in cat.glossary:
        used.update(term.sources)
    unused = [s.id for s in cat.sources if s.id.startswith("tema-") and s.id not in used]
    assert unused == []


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_statements_say_what_ja_and_delvist_mean_and_point_to_decisions(cat, theme_id):
    theme = cat.theme(theme_id)
    rubrics = [item.rubric for item in theme.checklist if item.rubric]
    assert len(rubrics) * 2 >= len(theme.checklist), f"{theme_id}: for få udsagn har en rubrik"
    assert all(r.startswith("Ja: ") and "; Delvist: " in r and "\n" not in r for r in rubrics)
    linked = {d for item in theme.checklist for d in item.decisions}
    assert linked, f"{theme_id}: intet udsagn peger på en beslutning"
    assert linked <= {d.id for d in theme.decisions}
