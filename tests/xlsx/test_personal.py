"""One workbook per respondent: name, role and group filled in, mail-merge names, udsendelse.csv."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from xlsx_fixtures import MEETING_YAML, make_catalog, make_meeting

from workbook.cli.commands import cli
from workbook.xlsx.people import Person
from workbook.xlsx.read import read_response
from workbook.xlsx.write.personal import file_stem, write_personal_checklists

CATALOG = make_catalog()


def test_each_person_gets_a_workbook_with_name_role_and_group(tmp_path):
    people = [Person("Søren Ågård", "Leder, Ældreplejen", "soeren@fjordby.dk", "leder"),
              Person("Bo Ås", "Frivillig", "bo@example.org"),
              Person("Bo  Ås", "Partner", "bo2@example.org")]
    result = write_personal_checklists(make_meeting(CATALOG), CATALOG, people, tmp_path / "ud")
    names = [r.path.name for _, r in result.written]
    assert names == ["selvevaluering-soeren-aagaard.xlsx", "selvevaluering-bo-aas.xlsx",
                     "selvevaluering-bo-aas-2.xlsx"]
    first = read_response(result.written[0][1].path, CATALOG)
    assert (first.name, first.role, first.group) == ("Søren Ågård", "Leder, Ældreplejen", "leder")
    assert first.answers == {} and first.problems == []
    with result.mailing.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["person", "e-mail", "fil"]
    assert rows[1:] == [[p.name, p.email, str(r.path.resolve())] for p, r in result.written]


def test_file_names_are_plain_ascii_for_mail_merge():
    assert file_stem("Åse Øster-Ærø / Jensen") == "aase-oester-aeroe-jensen"
    assert file_stem("李") == "respondent"
    assert len(file_stem("x" * 500)) <= 60




def test_cli_writes_one_workbook_per_person(tmp_path):
    meeting = tmp_path / "moede.yaml"
    meeting.write_text(MEETING_YAML, encoding="utf-8")
    people = tmp_path / "folk.csv"
    people.write_text("navn;rolle;e-mail\nAnne;Leder;anne@fjordby.dk\nBo;Frivillig;bo@x.dk\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["checklist", str(meeting), "--respondenter", str(people)])
    folder = Path("output/moede/respondenter")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"2 ark er skrevet i {folder}; listen til brevfletning: {folder / 'udsendelse.csv'}\n"
    assert sorted(p.name for p in folder.iterdir()) == [
        "selvevaluering-anne.xlsx", "selvevaluering-bo.xlsx", "udsendelse.csv"]
    bad = tmp_path / "bad.csv"
    bad.write_text("navn;e-mail\nAnne;a@b.dk\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["checklist", str(meeting), "--respondenter", str(bad)])
    assert refused.exit_code == 1
    assert "bad.csv:1: kolonnen 'rolle' mangler" in refused.stderr
