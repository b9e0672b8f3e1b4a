"""load_status: where the newest round stands, for "Status fra selvevalueringen" in the next guide."""

from __future__ import annotations

import sqlite3

import pytest

from workbook.errors import WorkbookError
from workbook.report.status import load_status


def test_status_of_the_newest_round(tmp_path, fill):
    bank = tmp_path / "svar.sqlite"
    fill(tmp_path / "r1" / "a.xlsx", {0: "Nej"}, "Anne")
    fill.report([tmp_path / "r1"], tmp_path / "ud", database=bank, round="runde-1")
    fill(tmp_path / "r2" / "a.xlsx", {0: "Ja", 1: {"answer": "Nej", "priority": "Høj", "owner": "Direktionen"}},
         "Anne")
    fill(tmp_path / "r2" / "b.xlsx", {0: "Nej", 1: "Delvist"}, "Bo")
    fill.report([tmp_path / "r2"], tmp_path / "ud", database=bank, round="runde-2")
    status = load_status(bank, fill.catalog)
    assert status.round == "runde-2" and status.respondents == 2
    first = status.themes[0]
    assert (first.theme_id, first.readiness_text) == ("frivillige", "38 %")  # Ja 1, Nej 2, Delvist 1: 1.5 / 4
    [question] = status.disagreements
    assert question.number == "1.1" and (question.yes, question.no) == (1, 1)
    assert question.question.startswith("Hvorfor svarer nogle Ja og andre Nej til »")
    assert [(a.number, a.priority, a.owners) for a in status.actions] == [("1.2", "Høj", ("Direktionen",)),
                                                                          ("1.1", "Ingen", ())]


def test_a_missing_database_is_a_danish_error(tmp_path, fill):
    with pytest.raises(WorkbookError, match="svarbanken findes ikke"):
        load_status(tmp_path / "svar.sqlite", fill.catalog)


def test_status_names_its_meeting_and_date_and_skips_an_empty_newest_round(tmp_path, fill):
    bank = tmp_path / "svar.sqlite"
    fill(tmp_path / "r1" / "a.xlsx", {0: "Nej"}, "Anne")
    fill.report([tmp_path / "r1"], tmp_path / "ud", database=bank, round="runde-1")
    with sqlite3.connect(bank) as con:
        con.execute("INSERT INTO rounds (name, created) VALUES ('tom', '2027-03-01T09:00:00')")
    status = load_status(bank, fill.catalog)
    assert status.round == "runde-1" and status.round_date is not None
    assert [(m.meeting_id, m.date) for m in status.meetings] == [("temamoede", "2027-02-04")]
    assert status.actions[0].item_id == fill.ids[0]


def test_a_file_that_is_not_an_answer_database_is_a_danish_error(tmp_path, fill):
    empty = tmp_path / "svar.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(WorkbookError, match="filen er ikke en svarbank"):
        load_status(empty, fill.catalog)
