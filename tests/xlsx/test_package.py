"""The scan before calamine: stray cells far out, cells without references, rich-text runs, formulas."""

from __future__ import annotations

import time
import zipfile

import pytest
from openpyxl import load_workbook
from xlsx_fixtures import make_catalog, write_filled

from workbook.errors import WorkbookFileError
from workbook.xlsx.package import MAX_COLUMNS, MAX_RUNS, RUN_BYTES, read_package, scan_sheet
from workbook.xlsx.read import read_response

CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]


def test_the_scan_finds_extent_and_stray_cells_without_building_cells():
    data = (b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1</v></c></row>'
            b'<row r="9"><c r="B9"><f>A1+1</f></c><c r="XFD9"><v>2</v></c></row></sheetData>')
    scan = scan_sheet(data)
    assert (scan.cells, scan.rows, scan.columns, scan.stray, scan.has_formulas) == (4, 9, 3, ["XFD9"], True)
    assert scan.area == 27
    unreferenced = scan_sheet(b'<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row></sheetData>')
    assert (unreferenced.cells, unreferenced.columns) == (2, 2)


@pytest.mark.parametrize("far", ["XFD1048576", "GS1", "ZZZ40"])
def test_a_cell_far_out_is_a_located_problem_not_a_crash(tmp_path, far):
    """calamine would allocate the whole grid up to the last cell (it aborts the process for XFD1048576)."""
    path = write_filled(tmp_path / "f.xlsx", CATALOG, {IDS[0]: {"answer": "Ja"}})
    wb = load_workbook(path)
    wb["Frivillige"][far] = "løs celle"
    wb.save(path)
    started = time.perf_counter()
    response = read_response(path, CATALOG, label="f.xlsx")
    assert time.perf_counter() - started < 5
    assert [str(p) for p in response.problems] == [
        f"f.xlsx [Frivillige!{far}]: 1 celler langt ude til højre ({far}) er ikke læst; slet dem, hvis de "
        "ikke skal være der"]
    assert response.answers[IDS[0]].answer == "Ja"
    assert MAX_COLUMNS == 200


@pytest.mark.parametrize("strings, message", [
    ("<si>" + "".join(f"<r><t>{k % 10}</t></r>" for k in range(60_000)) + "</si>",
     "filen har for mange tekstafsnit med formatering (over 50.000) og læses ikke"),
    ("<si><t>a</t></si>" * 1_000_000, "filen har for mange tekster (over 200.000) og læses ikke"),
])
def test_small_files_of_many_texts_are_refused_quickly(tmp_path, strings, message):
    """A small file of nested text runs (2.2 GB in openpyxl) or of millions of shared strings (2.4 s
    and 250 MB in calamine from 145 KB) is stopped by counting them before anything is parsed."""
    path = write_filled(tmp_path / "r.xlsx", CATALOG, {})
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main">{strings}</sst>')
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", sst)
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(WorkbookFileError) as info:
        read_response(path, CATALOG, label="r.xlsx")
    assert time.perf_counter() - started < 5
    assert str(info.value) == f"r.xlsx: {message}"


def test_an_error_value_pasted_without_formula_is_kept_as_its_text(tmp_path):
    from xlsx_fixtures import replace_cells

    path = write_filled(tmp_path / "e.xlsx", CATALOG, {IDS[0]: {"answer": "FEJL"}})
    replace_cells(path, {"FEJL": ' t="e"><v>#N/A</v>'})
    [problem] = read_response(path, CATALOG, label="e.xlsx").problems
    assert str(problem) == ("e.xlsx [Frivillige!D5]: '#N/A' er ikke et gyldigt svar (gyldige svar: Ja, Delvist, "
                            "Nej, Ved ikke, Ikke relevant)")


def test_a_large_sheet_of_the_respondents_own_is_named_and_the_answers_still_count(tmp_path):
    path = write_filled(tmp_path / "big.xlsx", CATALOG, {IDS[0]: {"answer": "Nej"}})
    wb = load_workbook(path)
    own = wb.create_sheet("Mine data")
    for row in range(1, 25_001):
        own.cell(row, 1, row)
        own.cell(row, 10, "x")
    wb.save(path)
    response = read_response(path, CATALOG, label="big.xlsx")
    assert [str(p) for p in response.problems] == [
        "big.xlsx [Mine data]: arket er for stort (250.000 celler) og er ikke læst; svar skal stå i de ark, der "
        "blev sendt ud"]
    assert response.answers[IDS[0]].answer == "Nej"


def test_a_package_parsed_before_is_reused_only_for_the_same_bytes(tmp_path):
    """Files of one meeting share workbook.xml, parsed once; a renamed tab is never taken from that."""
    first = write_filled(tmp_path / "a.xlsx", CATALOG, {}, {"Respondent_navn": "Anne"})
    second = write_filled(tmp_path / "b.xlsx", CATALOG, {}, {"Respondent_navn": "Bo"})
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert read_package(a) is read_package(b)
        sheets = read_package(a).sheets
    wb = load_workbook(second)
    wb[sheets[1].name].title = "Omdøbt"
    wb.save(second)
    with zipfile.ZipFile(second) as b:
        renamed = read_package(b)
    assert renamed.sheets[1].name == "Omdøbt" and renamed.sheets[0] == sheets[0]
    assert read_response(second, CATALOG).respondent["Respondent_navn"] == "Bo"
    with pytest.raises(TypeError):
        renamed.defined["Respondent_navn"] = "Metadata!A1"  # shared between files: read only


def test_runs_in_a_sheet_are_counted_when_the_sheets_could_hold_too_many(tmp_path):
    """Runs are not counted in files too small to hold 50,000 (each run takes 7 bytes or more); a
    sheet that does hold them is refused like the shared strings above."""
    path = write_filled(tmp_path / "r.xlsx", CATALOG, {})
    with zipfile.ZipFile(path) as archive:
        sizes = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    assert sizes < MAX_RUNS * RUN_BYTES  # a normal file: nothing counted
    runs = "".join(f"<r><t>{k % 10}</t></r>" for k in range(60_000))
    cell = f'<c r="Z1" t="inlineStr"><is>{runs}</is></c>'
    rewritten = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", f'<row r="60">{cell}</row></sheetData>'.encode(), 1)
            new.writestr(info, data)
    with pytest.raises(WorkbookFileError) as info:
        read_response(rewritten, CATALOG, label="many.xlsx")
    assert str(info.value) == "many.xlsx: filen har for mange tekstafsnit med formatering (over 50.000) og læses ikke"
