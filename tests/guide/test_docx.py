"""Tests for the guide in Word, opened by LibreOffice Writer: headings, numbered lists, tables, logo."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import WRITER_HTML, convert, needs_soffice, word_outline
from pdftext import layout_page_texts

from workbook.cli.commands import cli
from workbook.content.load import load_catalog
from workbook.guide.view import build_view
from workbook.meeting.load import load_meeting

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("stem", ["socialudvalg", "kommunalbestyrelse-temamoede"])
def test_guide_as_word_has_the_view_models_headings_and_numbered_lists(tmp_path, stem):
    meeting_file = EXAMPLES / f"{stem}.yaml"
    target = tmp_path / "guide.docx"
    result = CliRunner().invoke(cli, ["guide", str(meeting_file), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    catalog = load_catalog()
    view = build_view(load_meeting(meeting_file, catalog), catalog)
    [html] = convert([target], WRITER_HTML, tmp_path / "html")
    outline = word_outline(html)
    h1 = [t for tag, t in outline if tag == "h1"]
    assert h1[:2] == ["Om denne guide", "Mødeplan"]
    assert [f"{c.number} {c.title}" for c in view.chapters] == h1[2:2 + len(view.chapters)]
    assert h1[-1] == f"{view.sources_label} Kilder"
    items = [t for tag, t in outline if tag == "li"]
    for chapter in view.chapters:  # every list of questions and decisions starts again at 1
        for entry in (*chapter.questions, *chapter.decisions):
            start = f"{entry.number}.{entry.text[:20]}".replace(" ", "")
            assert any(i.replace(" ", "").startswith(start) for i in items), entry.text
    [pdf] = convert([target], "pdf", tmp_path / "pdf")
    text = " ".join(layout_page_texts(pdf))
    wording = "Udvalget" if view.forum_kind == "udvalg" else "Kommunalbestyrelsen beslutter, at"
    assert wording in text
    if view.forum_kind == "udvalg":
        assert "Kommunalbestyrelsen beslutter" not in text
    with zipfile.ZipFile(target) as docx:
        names = docx.namelist()
        document = docx.read("word/document.xml").decode()
    assert 'TOC \\o "1-2"' in document and "w:tblHeader" in document
    assert any(n.startswith("word/media/") for n in names) is (stem == "kommunalbestyrelse-temamoede")


def test_the_short_guide_is_not_made_in_word(tmp_path):
    result = CliRunner().invoke(cli, ["guide", str(EXAMPLES / "socialudvalg.yaml"), "--format", "docx",
                                      "--variant", "kort", "-o", str(tmp_path / "k.docx")])
    assert result.exit_code == 1 and "Word-udgaven findes kun af den fulde guide" in result.output
    assert not list(tmp_path.iterdir())
