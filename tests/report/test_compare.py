"""Comparing rounds: the change in readiness and «Ved ikke» per theme and statement, in the PDF and samlet.xlsx."""

from __future__ import annotations

import openpyxl
import pytest
from pdftext import pdf_text

from workbook.errors import WorkbookError


def test_two_rounds_compare_per_theme_and_statement(tmp_path, fill):
    bank = tmp_path / "svar.sqlite"
    fill(tmp_path / "r1" / "a.xlsx", {0: "Nej", 1: "Ved ikke"}, "Anne")
    fill(tmp_path / "r1" / "b.xlsx", {0: "Nej", 1: "Ved ikke"}, "Bo")
    fill.report([tmp_path / "r1"], tmp_path / "ud", database=bank, round="forår")
    fill(tmp_path / "r2" / "a.xlsx", {0: "Ja", 1: "Ved ikke"}, "Anne")
    fill(tmp_path / "r2" / "b.xlsx", {0: "Delvist", 1: "Ja"}, "Bo")
    result = fill.report([tmp_path / "r2"], tmp_path / "ud", database=bank, round="efterår",
                         compare_with="forår", pdf=True)
    first, second = result.comparison.items[:2]
    assert (first.readiness_then, first.readiness_now, first.readiness_points) == (0.0, 0.75, 75)
    assert (second.unknown_then, second.unknown_now, second.unknown_points) == (1.0, 0.5, -50)
    assert (second.readiness_then, second.readiness_now) == (None, 1.0) and second.readiness_points is None
    theme = result.comparison.themes[0]
    assert theme.readiness_points == 83 and theme.unknown_points == -25  # 0 % -> 83 % (2.5 of 3); 50 % -> 25 %
    flat = pdf_text(tmp_path / "ud" / "statusrapport.pdf")
    assert "Udviklingen siden runde forår" in flat and "+75" in flat and "−50" in flat
    wb = openpyxl.load_workbook(tmp_path / "ud" / "samlet.xlsx")
    rows = list(wb["Sammenligning"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:6] == ("Tema", "1", "Frivillige i kommunen", 0.0, 0.83, 83)
    assert rows[len(result.comparison.themes)][:2] == ("Udsagn", "1.1")


def test_an_unknown_round_is_named_with_the_known_ones(tmp_path, fill):
    bank = tmp_path / "svar.sqlite"
    fill(tmp_path / "r1" / "a.xlsx", {0: "Nej"}, "Anne")
    fill.report([tmp_path / "r1"], tmp_path / "ud", database=bank, round="runde-1")
    with pytest.raises(WorkbookError, match=r"runden 'runde-9' findes ikke i svarbanken \(der er: 'runde-1'"):
        fill.report([tmp_path / "r1"], tmp_path / "ud", database=bank, compare_with="runde-9")
