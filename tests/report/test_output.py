"""The report's files as one set: per meeting, earlier reports kept, a lock, OS errors in Danish."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3

import pytest

from workbook.errors import OutputError
from workbook.report.oserrors import os_message
from workbook.report.output import LOCK_NAME, folder_lock, is_own_output


def test_output_goes_per_meeting_and_an_earlier_report_is_kept_under_a_dated_name(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    first = fill.report([tmp_path / "ind"], None, pdf=True)
    folder = first.written[0].parent
    assert folder.name == "rapport" and folder.parent.name == first.summary.meta["meeting_id"]
    old = dt.datetime(2026, 11, 20, 12).timestamp()
    for name in ("statusrapport.pdf", "samlet.xlsx"):
        os.utime(folder / name, (old, old))
    fill.report([tmp_path / "ind"], None, pdf=True)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "samlet-2026-11-20.xlsx", "samlet.xlsx", "statusrapport-2026-11-20.pdf", "statusrapport.pdf"]


def test_a_second_run_into_the_same_folder_is_refused_in_danish(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    out = tmp_path / "ud"
    out.mkdir()
    with (out / LOCK_NAME).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running report holds
        with pytest.raises(OutputError, match="en anden kørsel af workbook report skriver rapporten her"):
            fill.report([tmp_path / "ind"], out)
    with folder_lock(out):
        pass  # free again


def test_a_folder_named_like_the_report_is_a_danish_error_and_nothing_moves(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    out = tmp_path / "ud"
    (out / "statusrapport.pdf").mkdir(parents=True)
    with pytest.raises(OutputError, match="der står en mappe med samme navn"):
        fill.report([tmp_path / "ind"], out, pdf=True)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["statusrapport.pdf", "svar.sqlite"]
    with sqlite3.connect(out / "svar.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)  # the import was rolled back


def test_the_output_folder_being_a_file_is_a_danish_error(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    (tmp_path / "ud").write_text("en fil")
    with pytest.raises(OutputError, match=r"stien er en fil, ikke en mappe"):
        fill.report([tmp_path / "ind"], tmp_path / "ud")


@pytest.mark.parametrize(("err", "words"), [
    (13, "adgang nægtet"), (28, "disken er fuld"), (20, "en del af stien er en fil"), (36, "navnet er for langt")])
def test_os_errors_are_danish_with_the_path_and_no_system_text(tmp_path, err, words):
    message = os_message(tmp_path / "x.pdf", OSError(err, os.strerror(err)))
    assert message.startswith(f"{tmp_path / 'x.pdf'}: kan ikke skrive ({words}")
    assert os.strerror(err) not in message


def test_the_tools_own_outputs_are_recognised(tmp_path):
    assert is_own_output(tmp_path / "samlet.xlsx") and is_own_output(tmp_path / "samlet-2026-11-20.xlsx")
    assert not is_own_output(tmp_path / "samlet-anne.xlsx") and not is_own_output(tmp_path / "svar.xlsx")
