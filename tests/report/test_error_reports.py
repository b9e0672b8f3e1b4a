"""Fejlrapporter: the right advice per kind of problem, file names only, "én ting", bounded echoes."""

from __future__ import annotations

import pytest

from workbook.report.error_reports import GENERAL_ADVICE, advice, error_report_name


@pytest.mark.parametrize(("text", "starts"), [
    ("filen er krypteret med en adgangskode", "Gem filen uden adgangskode"),
    ("arket hører til et andet møde ('X') end de øvrige", "Filen hører til et andet møde"),
    ("Ugyldigt svar", "Vælg et af svarene fra listen"),
    ("Frist er ikke en dato", "Skriv fristen som en dato"),
    ("samme respondent som i a.xlsx; begge filer er talt med", "Der er kommet to forskellige filer"),
    ("arket er ikke udfyldt (ingen svar); det er ikke talt med", "Arket har ingen svar"),
    ("Celler uden for arket", "Slet det, der står i cellerne langt ude til højre"),
    ("Rækker sorteret uden Id", "Sortér ikke rækkerne"),
    ("Ugyldig prioritet", "Vælg en prioritet fra listen"),
    ("Kopieret ark med andre svar", "Skriv svarene i det oprindelige ark"),
    ("Ændret overskrift", "Sæt kolonneoverskrifterne tilbage"),
    ("noget helt andet", GENERAL_ADVICE),
])
def test_advice_fits_the_kind_of_problem(text, starts):
    assert advice(text).startswith(starts)


def test_a_renamed_tab_or_a_duplicate_never_gets_pick_from_the_list(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    fill(tmp_path / "ind" / "b.xlsx", {0: "Nej"}, "anne")
    fill(tmp_path / "ind" / "tom.xlsx", {}, "Tom")
    fill.report([tmp_path / "ind"], tmp_path / "ud")
    duplicate = (tmp_path / "ud" / "fejlrapport-b.txt").read_text()
    assert "vælg" not in duplicate.casefold() and "én ting skal rettes" in duplicate
    assert "Der er kommet to forskellige filer med dit navn" in duplicate
    assert str(tmp_path) not in duplicate  # file names only
    empty = (tmp_path / "ud" / "fejlrapport-tom.txt").read_text()
    assert "Arket har ingen svar" in empty and "adgangskode" not in empty


def test_a_250_byte_name_gets_a_report_with_a_name_that_fits(tmp_path):
    name = error_report_name(tmp_path / ("æ" * 125 + ".xlsx"), set())
    assert len(name.encode()) <= 255 and name.startswith("fejlrapport-æ") and name.endswith(".txt")
