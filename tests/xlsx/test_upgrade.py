"""Upgrading a workbook filled for an older catalog: every answer lands in the new sheets or in Arkiv."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from xlsx_fixtures import make_catalog, replace_cells, write_filled

from workbook.errors import OutputError
from workbook.xlsx.layout import INPUT_KEYS
from workbook.xlsx.read import read_response
from workbook.xlsx.upgrade import upgrade_workbook

OLD = make_catalog("2025.1")
#: The new version: frivillige-t1 removed (so t2..t4 move up), partnerskaber-t2 renamed, one item added.
NEW = make_catalog("2026.11", remove=("frivillige-t1",), rename={"partnerskaber-t2": "partnerskaber-t2b"},
                   add={"partnerskaber": ("partnerskaber-t9",)})
OLD_IDS = [i.id for t in OLD.themes for i in t.checklist]
RESPONDENT = {"Respondent_navn": "Anne Andersen", "Respondent_rolle": "Leder", "Respondent_dato": dt.date(2027, 1, 5)}


def _filled() -> dict[str, dict[str, object]]:
    out = {}
    for k, item_id in enumerate(OLD_IDS):
        out[item_id] = {"answer": ("Ja", "Nej", "Delvist", "måske")[k % 4], "priority": "Høj",
                        "owner": f"Ejer {k}", "deadline": dt.date(2027, 3, k + 1), "comment": f"=note {k}"}
    return out


@pytest.fixture
def old_file(tmp_path):
    return write_filled(tmp_path / "svar-anne.xlsx", OLD, _filled(), RESPONDENT)


def test_every_answer_is_kept_in_new_sheets_or_arkiv(old_file, tmp_path):
    result = upgrade_workbook(old_file, catalog=NEW)
    target = tmp_path / "svar-anne-opdateret.xlsx"
    assert result.target == target
    filled = _filled()
    # the new file reads for the new catalog; off-scale 'måske' is carried and still reported
    response = read_response(target, NEW, keep_text=True)
    for item_id, fields in filled.items():
        if item_id in ("frivillige-t1", "partnerskaber-t2"):
            continue
        raw = response.raw[item_id]
        assert raw["answer"] == fields["answer"]
        assert raw["owner"] == fields["owner"] and raw["comment"] == fields["comment"]
        assert raw["deadline"] == fields["deadline"]
    assert [p.found for p in response.problems] == ["måske"] * 4  # items 4, 8, 12 and 16
    assert response.respondent == {"Respondent_navn": "Anne Andersen", "Respondent_rolle": "Leder",
                                   "Respondent_dato": "2027-01-05"}
    wb = openpyxl.load_workbook(target)
    arkiv = {row[0]: row for row in wb["Arkiv"].iter_rows(min_row=4, values_only=True)}
    assert set(arkiv) == {"frivillige-t1", "partnerskaber-t2"}
    for item_id, row in arkiv.items():
        fields = filled[item_id]
        assert row[4:7] == (fields["answer"], fields["priority"], fields["owner"])
        assert row[7].date() == fields["deadline"] and row[8] == fields["comment"]
    assert wb["Arkiv"]["A4"].data_type == "s" and wb["Arkiv"]["I4"].data_type == "s"


def test_summary_says_what_moved_what_is_new_and_what_was_archived(old_file):
    lines = upgrade_workbook(old_file, catalog=NEW).summary_lines()
    assert lines[0].endswith("(katalog 2025.1) → " + str(old_file.with_name("svar-anne-opdateret.xlsx"))
                             + " (katalog 2026.11).")
    assert lines[1] == "Overført: 17 udfyldte udsagn og respondentfelterne navn, rolle / afdeling, dato."
    assert "Flyttet: frivillige-t2 fra 1.2 (Frivillige) til 1.1 (Frivillige)" in lines
    assert "Nyt udsagn (ubesvaret): 2.2 partnerskaber-t2b" in lines
    assert "Nyt udsagn (ubesvaret): 2.3 partnerskaber-t9" in lines
    assert ("Arkiveret (findes ikke længere): 1.1 frivillige-t1; svaret står i arket 'Arkiv'") in lines
    assert any(line.startswith("Advarsel: ") and "'måske'" in line for line in lines)


def test_refuses_to_overwrite(old_file, tmp_path):
    target = tmp_path / "ny.xlsx"
    target.write_bytes(b"mine")
    with pytest.raises(OutputError) as info:
        upgrade_workbook(old_file, output=target, catalog=NEW)
    assert str(info.value) == (f"{target} findes allerede og overskrives ikke. Vælg et andet navn med "
                               "-o, eller flyt den eksisterende fil")
    assert target.read_bytes() == b"mine"


def test_upgraded_file_is_accepted_by_the_report(old_file, tmp_path):
    from workbook.report.make import make_report

    upgraded = upgrade_workbook(old_file, catalog=NEW).target
    result = make_report([upgraded], out_dir=tmp_path / "ud", catalog=NEW, pdf=False)
    assert result.rejected == []
    assert len(result.summary.respondents) == 1
    assert set(INPUT_KEYS) == {"answer", "priority", "owner", "deadline", "comment"}


def test_formulas_without_a_value_are_carried_as_text(tmp_path):
    path = write_filled(tmp_path / "svar.xlsx", OLD, {
        "frivillige-t2": {"answer": "Nej", "owner": "UNCACHED", "comment": "TYPED"},
        "frivillige-t1": {"answer": "Nej", "comment": "ARCHIVED"},
    })
    replace_cells(path, {"UNCACHED": '><f>UPPER("direktionen")</f>',
                         "TYPED": ' t="e"><f>-ikke afklaret</f><v>#NAME?</v>',
                         "ARCHIVED": ' t="e"><f>+afventer</f><v>#NAME?</v>'})
    result = upgrade_workbook(path, catalog=NEW)
    assert len(result.warnings) == 3
    wb = openpyxl.load_workbook(result.target)
    response = read_response(result.target, NEW, keep_text=True)
    assert response.raw["frivillige-t2"]["owner"] == '=UPPER("direktionen")'
    assert response.raw["frivillige-t2"]["comment"] == "-ikke afklaret"
    assert response.problems == []  # carried as text, no longer formulas
    arkiv = {row[0]: row for row in wb["Arkiv"].iter_rows(min_row=4, values_only=True)}
    assert arkiv["frivillige-t1"][8] == "+afventer"
