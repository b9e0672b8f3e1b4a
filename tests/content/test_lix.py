"""Tests of the readability measure (LIX) and its warnings in ``content check``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.content import lix
from workbook.content.load import check_catalog

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(("text", "sentences"), [
    ("Det er en sætning. Her er en til.", 2),
    ("Kommunen kan bl.a. tegne en forsikring, jf. Serviceloven § 18 a. Det er frivilligt.", 2),
    ("Se stk. 2, nr. 3, pkt. 4 og ca. 30 pct. Af hensyn til m.v. Fx Aarhus.", 1),
    ("Loven trådte i kraft 1.7.2017. Den gælder stadig.", 2),
    ("Et spørgsmål? Ja! Og et svar: Det er sådan.", 4),
    ("Et punkt uden punktum\n\nEt andet punkt uden punktum", 2),
    ("Efter serviceloven §§ 18 og 18 a. Det gælder alle.", 2),
])
def test_sentences_are_counted_past_abbreviations(text: str, sentences: int) -> None:
    assert lix.sentence_count(text) == sentences


def test_lix_is_words_per_sentence_plus_share_of_long_words() -> None:
    # 8 words, 2 sentences; long words (more than six letters): "kommunen", "frivillige" = 2
    assert lix.lix("Kommunen har mange frivillige. De gør en forskel.") == pytest.approx(8 / 2 + 100 * 3 / 8)
    assert lix.words("bl.a. 1.7.2017 beskæftigelses-, social- og sundhedsindsatsen") == [
        "bl.a", "1.7.2017", "beskæftigelses", "social", "og", "sundhedsindsatsen"]
    assert lix.lix("") == 0


def test_content_check_warns_about_a_text_above_its_goal_with_item_and_field() -> None:
    result = check_catalog(overlay=DATA / "overlay-lix", data_dir=DATA / "good", today=TODAY, readability=True)
    found = [(w.item, w.field) for w in result.warnings]
    assert ("partnerskaber", "summary") in found
    assert ("partnerskaber", "background") not in found
    warning = next(w for w in result.warnings if (w.item, w.field) == ("partnerskaber", "summary"))
    assert str(warning).startswith("tests/data/catalog/overlay-lix/tung.yaml:5: tema 'partnerskaber': "
                                   "feltet 'summary': LIX ")
    assert "over målet på højst 45" in str(warning)
    kinds = {f.kind: f for f in result.readability}
    assert kinds["summary"].count == 1 and kinds["summary"].maximum > 45  # the others are too short to measure


def test_readability_is_measured_only_when_asked() -> None:
    result = check_catalog(overlay=DATA / "overlay-lix", data_dir=DATA / "good", today=TODAY)
    assert result.readability == () and result.warnings == ()


def test_shipped_texts_meet_the_lix_goals() -> None:
    result = check_catalog(readability=True)
    assert [str(w) for w in result.warnings if "LIX" in w.message] == []
    for figures in (f for f in result.readability if f.kind in lix.WARNED_KINDS):
        assert round(figures.maximum) <= lix.GOALS[figures.kind]
        assert round(figures.median) <= lix.MEDIAN_GOALS.get(figures.kind, lix.GOALS[figures.kind])


def test_content_check_prints_the_lix_table() -> None:
    from click.testing import CliRunner

    from workbook.cli.commands import cli

    result = CliRunner().invoke(cli, ["content", "check", "--lix"], prog_name="workbook")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["tekster", "antal", "LIX", "maks.", "median", "mål", "maks.", "mål", "median"]
    labels = [line.split("  ")[0] for line in lines[2:-1]]
    assert labels == [lix.KIND_LABELS[k] for k in ("summary", "background", "key_points", "questions",
                                                     "decisions", "answer")]
    assert lines[-1].startswith("Kataloget er i orden")
