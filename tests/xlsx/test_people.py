"""The respondent list: CSV with ; or , (UTF-8 or Excel's cp1252), or xlsx; every problem located."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from workbook.errors import WorkbookFileError
from workbook.xlsx.people import Person, read_people

EXPECTED = [Person("Anne Ærø", "Leder, Ældreplejen", "anne@fjordby.dk", "leder", 2),
            Person("Bo Ås", "Frivillig", "bo@example.org", "", 3)]


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_with_either_delimiter_and_any_header_case(tmp_path, delimiter):
    path = tmp_path / "liste.csv"
    rows = [["Navn", " ROLLE ", "E-mail", "Gruppe"], ["Anne Ærø", "Leder, Ældreplejen", "anne@fjordby.dk", "leder"],
            ["Bo Ås", "Frivillig", "bo@example.org", ""], ["", "", "", ""]]
    quoted = [[f'"{c}"' if delimiter in c else c for c in row] for row in rows]
    path.write_text("\n".join(delimiter.join(r) for r in quoted) + "\n", encoding="utf-8-sig")
    assert read_people(path) == EXPECTED


def test_csv_saved_by_danish_excel_in_cp1252(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("navn;rolle;email\nSøren Ågård;Leder;soeren@fjordby.dk\n".encode("cp1252"))
    assert read_people(path) == [Person("Søren Ågård", "Leder", "soeren@fjordby.dk", "", 2)]


def test_xlsx_list_read_from_its_first_visible_sheet(tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (["navn", "rolle", "e-mail", "gruppe"], ["Anne Ærø", "Leder, Ældreplejen", "anne@fjordby.dk", "leder"],
                ["Bo Ås", "Frivillig", "bo@example.org"]):
        ws.append(row)
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    assert read_people(path) == EXPECTED


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = tmp_path / "liste.csv"
    long_name = "Anne " + "x" * 200
    path.write_text(f"navn;rolle;e-mail\n{long_name};Leder;ikke-en-adresse\n;Leder;a@b.dk\n"
                    f"{long_name};Chef;c@d.dk\n", encoding="utf-8")
    with pytest.raises(WorkbookFileError) as info:
        read_people(path)
    short = long_name[:79] + "…"
    assert str(info.value) == (
        "Listen over respondenter har fejl (3):\n"
        "  liste.csv:2: 'ikke-en-adresse' er ikke en e-mailadresse\n"
        "  liste.csv:3: feltet 'navn' er tomt\n"
        f"  liste.csv:4: '{short}' står også i linje 2")


def test_a_missing_column_names_the_header_line(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("\n\nnavn;e-mail\nAnne;a@b.dk\n", encoding="utf-8")
    with pytest.raises(WorkbookFileError) as info:
        read_people(path)
    assert str(info.value) == ("liste.csv:3: kolonnen 'rolle' mangler i overskriften (brug navn, rolle, e-mail "
                               "og evt. gruppe)")
