"""Tests of a theme sheet's statement rows: the rubric (what Ja and Delvist mean) beside the answer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from pdftext import layout_page_texts as pdf_pages_text

from workbook.xlsx.layout import RUBRIC_COLUMN, THEME_COLUMNS
from workbook.xlsx.read import read_response
from workbook.xlsx.write import item_rows, write_checklist
from workbook.xlsx.write.theme import with_rubric

COL = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}


def test_with_rubric_puts_each_answer_on_its_own_line_below_the_help():
    assert with_rubric("Se aftalen.", "Ja: alle steder; Delvist: nogle steder") == (
        "Se aftalen.\n\nJa: alle steder\nDelvist: nogle steder"
    )
    assert with_rubric("", " Ja:  alle;Delvist: nogle ") == "Ja: alle\nDelvist: nogle"
    # A semicolon inside a part is kept: only a part label starts a new line.
    assert with_rubric("Hjælp.", "Ja: a; b; Delvist: c") == "Hjælp.\n\nJa: a; b\nDelvist: c"
    assert with_rubric("Hjælp.", "") == "Hjælp."


def test_the_rubric_is_shown_in_the_help_cell_with_bold_labels_as_text(tmp_path, meeting, test_catalog):
    path = write_checklist(meeting, test_catalog, tmp_path / "s.xlsx").path
    wb = load_workbook(path, rich_text=True)
    sheet, row = item_rows(wb)["beta-t1"]
    cell = wb[sheet].cell(row, COL[RUBRIC_COLUMN])
    # Four lines (help, blank, Ja, Delvist): the row is made tall enough for all of them.
    assert wb[sheet].row_dimensions[row].height >= 4 * 15
    assert isinstance(cell.value, CellRichText)
    assert str(cell.value) == "Se frivilligaftalen.\n\nJa: alle frivillige\nDelvist: kun nogle steder"
    bold = [b.text for b in cell.value if isinstance(b, TextBlock) and b.font.b]
    assert bold == ["Ja:", "Delvist:"]
    # A rubric without help text, starting with "=", is text, never a formula.
    sheet, row = item_rows(wb)["beta-t2"]
    cell = wb[sheet].cell(row, COL[RUBRIC_COLUMN])
    assert cell.data_type == "s"
    assert str(cell.value) == "Ja: =alle steder, også i foreninger\nDelvist: nogle steder"
    sheet, row = item_rows(wb)["beta-t3"]
    assert wb[sheet].cell(row, COL[RUBRIC_COLUMN]).value is None


def test_workbooks_with_and_without_rubrics_read_the_same(tmp_path, meeting, test_catalog):
    # As a workbook written before rubrics existed: the same catalog without them.
    plain = replace(test_catalog, themes=tuple(
        replace(theme, checklist=tuple(replace(item, rubric="") for item in theme.checklist))
        for theme in test_catalog.themes
    ))
    answers = {"beta-t1": "Ja", "beta-t2": "Delvist", "beta-t3": "Nej"}
    read = []
    for name, cat in (("med.xlsx", test_catalog), ("uden.xlsx", plain)):
        path = write_checklist(meeting, cat, tmp_path / name).path
        wb = load_workbook(path)
        for item_id, answer in answers.items():
            sheet, row = item_rows(wb)[item_id]
            wb[sheet].cell(row, COL["answer"]).value = answer
        wb.save(path)
        response = read_response(path, test_catalog)
        read.append(({k: a.answer for k, a in response.answers.items()}, response.problems))
    assert read[0] == read[1] == (answers, [])


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_prints_the_rubric_beside_the_statement(tmp_path, meeting, test_catalog):
    path = write_checklist(meeting, test_catalog, tmp_path / "s.xlsx").path
    [pdf] = convert([path], "pdf", tmp_path / "pdf")
    text = "\n".join(" ".join(line.split()) for page in pdf_pages_text(pdf) for line in page.splitlines())
    assert "Ja: alle frivillige" in text and "Delvist: kun nogle steder" in text
    assert "Ja: =alle steder, også i foreninger" in text
