"""Tests for the agenda item's files, opened by LibreOffice Writer as the real word processor."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import WRITER_HTML, convert, needs_soffice, word_outline
from pdftext import layout_page_texts

from workbook.cli.commands import cli

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
SECTIONS = ["Beslutningstema", "Indstilling", "Sagsfremstilling", "Retsgrundlag", "Økonomi", "Inddragelse",
            "Videre proces", "Bilag"]


@needs_soffice
@pytest.mark.libreoffice
def test_dagsorden_writes_word_and_text_that_writer_reads_with_sections_and_lists(tmp_path):
    target = tmp_path / "ud" / "punkt.docx"
    result = CliRunner().invoke(cli, ["dagsorden", str(EXAMPLES / "socialudvalg.yaml"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text_file = target.with_suffix(".txt")
    assert result.output == f"Dagsordenspunktet er skrevet: {target} og {text_file}\n"
    html, pdf = convert([target], WRITER_HTML, tmp_path / "html") + convert([target], "pdf", tmp_path / "pdf")
    outline = word_outline(html)
    assert [t for tag, t in outline if tag == "h1"] == SECTIONS
    items = [t for tag, t in outline if tag == "li"]
    assert items[0].startswith("1.drøfter temaerne »Roller og grænser") or items[0].startswith("1. drøfter")
    assert items[1].endswith("tager stilling til forslagene til beslutninger i drøftelsesguiden.")
    assert items[-1].endswith("Selvevaluering (selvevaluering.xlsx)") and items[-4].startswith("1.")
    pages = " ".join(layout_page_texts(pdf))
    assert "Forvaltningen indstiller, at udvalget" in pages
    assert "Kommunalbestyrelsen beslutter" not in pages and "[Udfyldes af forvaltningen:" in pages
    words = text_file.read_text(encoding="utf-8")
    assert words.startswith("Frivillige og kommunen – rammer, roller og jura\nSocial- og Sundhedsudvalget, "
                            "onsdag den 10. marts 2027\n")
    for heading in SECTIONS:
        assert heading in pages and f"\n{heading.upper()}\n" in words


def test_dagsorden_refuses_another_file_kind(tmp_path):
    result = CliRunner().invoke(cli, ["dagsorden", str(EXAMPLES / "socialudvalg.yaml"), "-o",
                                      str(tmp_path / "punkt.pdf")])
    assert result.exit_code == 1
    assert "giv filen endelsen .docx" in result.output
    assert not list(tmp_path.iterdir())
