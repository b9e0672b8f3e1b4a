"""Groups: from the role or the respondent list, compared per theme, never shown with fewer than three."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pdftext import pdf_text

from workbook.report.groups import group_of


@pytest.mark.parametrize(("given", "role", "group"), [
    ("", "Leder, Ældreplejen", "leder"), ("", "Byrådsmedlem", "politiker"), ("", "Frivillig", "frivillig"),
    ("", "Idrætsforening", "partner"),
    ("", "Sagsbehandler", "medarbejder"), ("Partner", "Leder", "partner"), ("", "Borger", "")])
def test_group_from_the_given_group_or_the_role(given, role, group):
    assert group_of(given, role) == group


def test_small_groups_are_never_shown_not_even_by_subtraction(tmp_path, fill):
    roles = ["Leder"] * 3 + ["Medarbejder"] * 4 + ["Politiker"]
    for k, role in enumerate(roles):
        fill(tmp_path / "ind" / f"s{k}.xlsx", {0: "Ja" if role == "Politiker" else "Nej"}, f"P{k}", role)
    result = fill.report([tmp_path / "ind"], tmp_path / "ud", pdf=True)
    shown = {g.name: g.respondents for g in result.groups}
    # politiker (1) alone would be fewer than three; «Øvrige» takes the smallest group (leder, 3) with it
    assert shown == {"medarbejder": 4, "Øvrige": 4}
    assert all(n >= 3 for n in shown.values())


def test_no_comparison_with_only_one_group(tmp_path, fill):
    for k in range(4):
        fill(tmp_path / "ind" / f"s{k}.xlsx", {0: "Ja"}, f"P{k}", "Leder")
    assert fill.report([tmp_path / "ind"], tmp_path / "ud").groups == []


def test_the_respondent_list_gives_groups_and_says_who_has_not_answered(tmp_path, fill):
    for k in range(3):
        fill(tmp_path / "ind" / f"svar-{k}.xlsx", {0: "Ja"}, f"Person {k}")
    for k in range(3, 6):
        fill(tmp_path / "ind" / f"andet-navn-{k}.xlsx", {0: "Nej"}, f"person {k}")
    people = "".join(f"Person {k};p{k}@x.dk;svar-{k}.xlsx;{'politiker' if k < 3 else 'partner'}\n" for k in range(8))
    (tmp_path / "udsendelse.csv").write_text("Navn;E-mail;Fil;Gruppe\n" + people, encoding="utf-8")
    result = fill.report([tmp_path / "ind"], tmp_path / "ud", pdf=True, recipients=tmp_path / "udsendelse.csv")
    assert [r.name for r in result.missing] == ["Person 6", "Person 7"]
    assert {g.name: g.respondents for g in result.groups} == {"partner": 3, "politiker": 3}
    with sqlite3.connect(result.database) as db:
        assert db.execute("SELECT grp, COUNT(*) FROM files GROUP BY grp").fetchall() == [("partner", 3),
                                                                                          ("politiker", 3)]
    flat = pdf_text(tmp_path / "ud" / "statusrapport.pdf")
    assert "Har ikke svaret endnu (2)" in flat and "Person 6" in flat and "Parathed pr. gruppe" in flat


def test_the_list_written_by_checklist_respondenter_is_found_by_itself(tmp_path, fill):
    from xlsx_fixtures import make_meeting

    meeting_id = make_meeting(fill.catalog).id
    folder = Path("output") / meeting_id / "respondenter"  # where checklist --respondenter writes it
    folder.mkdir(parents=True)
    fill(tmp_path / "ind" / "Anne Jensen.xlsx", {0: "Ja"}, "Anne Jensen")
    (folder / "udsendelse.csv").write_text(
        "person;e-mail;fil\r\n"
        f"Anne Jensen;anne@x.dk;{(folder / 'Anne Jensen.xlsx').resolve()}\r\n"
        f"Bo Holm;bo@x.dk;{(folder / 'Bo Holm.xlsx').resolve()}\r\n", encoding="utf-8")
    result = fill.report([tmp_path / "ind"], None)
    assert [r.name for r in result.missing] == ["Bo Holm"]
