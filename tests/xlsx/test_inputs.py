"""Every file in an input folder gets a verdict: .ods, .csv, .xls and lock files are named, not skipped."""

from __future__ import annotations

import zipfile

import pytest
from xlsx_fixtures import make_catalog, write_filled

from workbook.xlsx.guard import CFB_MAGIC
from workbook.xlsx.inputs import LOCK, OTHER, UNREADABLE, WORKBOOK, classify_input


def _ods(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def test_a_workbook_is_a_workbook(tmp_path):
    path = write_filled(tmp_path / "svar.xlsx", make_catalog(), {})
    assert classify_input(path).kind == WORKBOOK


@pytest.mark.parametrize("name, make, kind, start", [
    ("svar.ods", _ods, UNREADABLE, "filen er et OpenDocument-regneark (.ods) og læses ikke. Åbn den"),
    ("svar uden endelse", _ods, UNREADABLE, "filen er et OpenDocument-regneark (.ods)"),
    ("svar.csv", lambda p: p.write_text("Nr.;Svar\n1.1;Ja\n"), UNREADABLE, "filen er en CSV-fil"),
    ("svar.xls", lambda p: p.write_bytes(CFB_MAGIC + bytes(504)), UNREADABLE,
     "filen er i det gamle Excel-format (.xls)"),
    ("gammel", lambda p: p.write_bytes(CFB_MAGIC + bytes(504)), UNREADABLE, "filen er i det gamle Excel-format"),
    ("~$svar.xlsx", lambda p: p.write_bytes(b"owner"), LOCK, "filen er en midlertidig låsefil"),
    (".~lock.svar.xlsx#", lambda p: p.write_text("x,y"), LOCK, "filen er en midlertidig låsefil"),
    ("noter.pdf", lambda p: p.write_bytes(b"%PDF-1.7"), OTHER, "filen er ikke en Excel-fil (.xlsx)"),
])
def test_other_files_get_a_line_each(tmp_path, name, make, kind, start):
    path = tmp_path / name
    make(path)
    verdict = classify_input(path)
    assert verdict.kind == kind
    assert verdict.message.startswith(start)


def test_an_unreadable_file_is_named_not_raised(tmp_path):
    assert classify_input(tmp_path / "findes-ikke.xlsx").message == "filen findes ikke"
