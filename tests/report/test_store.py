"""The answer database: idempotent import by digest, rounds, one transaction, rejected files stay out."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from workbook.errors import WorkbookError


def _files(db_path):
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT f.name, r.name FROM files f JOIN rounds r ON r.id = f.round_id "
                          "ORDER BY f.id").fetchall()


def test_import_is_idempotent_by_digest_and_labels_new_files_with_the_round(tmp_path, fill):
    folder = tmp_path / "ind"
    fill(folder / "a.xlsx", {0: "Ja", 1: "Nej"}, "Anne")
    fill(folder / "b.xlsx", {0: "Nej"}, "Bo")
    bank = tmp_path / "svar.sqlite"
    first = fill.report([folder], tmp_path / "ud", database=bank, round="runde-1")
    assert first.round == "runde-1" and _files(bank) == [("a.xlsx", "runde-1"), ("b.xlsx", "runde-1")]
    fill(folder / "c.xlsx", {0: "Delvist"}, "Carl")
    second = fill.report([folder], tmp_path / "ud", database=bank, round="runde-2")
    assert _files(bank) == [("a.xlsx", "runde-1"), ("b.xlsx", "runde-1"), ("c.xlsx", "runde-2")]
    assert [r.label for r in second.summary.respondents] == ["Anne", "Bo", "Carl"]
    with sqlite3.connect(bank) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 3 * len(fill.ids)
        assert db.execute("SELECT COUNT(*) FROM answers WHERE answer IS NOT NULL").fetchone()[0] == 4


def test_default_round_is_the_month_and_the_default_place_is_beside_the_report(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    result = fill.report([tmp_path / "ind"], None)
    assert result.round == "2027-02"
    assert result.database.name == "svar.sqlite" and result.database.parent.name == result.summary.meta["meeting_id"]
    assert result.written[0].parent == result.database.parent / "rapport"


def test_rejected_unfilled_and_duplicate_files_never_enter(tmp_path, fill):
    folder = tmp_path / "ind"
    good = fill(folder / "a.xlsx", {0: "Ja"}, "Anne")
    shutil.copy(good, folder / "a-kopi.xlsx")
    fill(folder / "tom.xlsx", {}, "Tom")
    (folder / "x.xlsx").write_text("ikke excel")
    bank = tmp_path / "svar.sqlite"
    fill.report([folder], tmp_path / "ud", database=bank)
    assert [name for name, _ in _files(bank)] == ["a-kopi.xlsx"]


def test_a_failed_report_leaves_the_database_as_it_was(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    templates = tmp_path / "skabeloner"
    templates.mkdir()
    (templates / "report.html").write_text("{{ v.findes_ikke }}")
    bank = tmp_path / "svar.sqlite"
    with pytest.raises(WorkbookError):
        fill.report([tmp_path / "ind"], tmp_path / "ud", pdf=True, database=bank, templates=templates)
    assert _files(bank) == []
    assert not (tmp_path / "ud" / "samlet.xlsx").exists()


def test_a_file_that_is_not_an_answer_database_is_a_danish_error(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    bank = tmp_path / "svar.sqlite"
    bank.write_text("dette er ikke en database" * 100)
    with pytest.raises(WorkbookError, match=r"svarbanken kan ikke bruges \(filen er ikke en SQLite-database"):
        fill.report([tmp_path / "ind"], tmp_path / "ud", database=bank)
