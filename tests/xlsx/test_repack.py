"""The copy calamine reads: parts already inflated stored as they are, the others copied untouched."""

from __future__ import annotations

import io
import zipfile

import python_calamine
from xlsx_fixtures import make_catalog, write_filled

from workbook.xlsx.guard import open_checked
from workbook.xlsx.repack import repack

CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]


def _rows(book: python_calamine.CalamineWorkbook) -> dict[str, list[list[object]]]:
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_copy_holds_every_part_and_every_value_and_stores_the_inflated_ones(tmp_path):
    path = write_filled(tmp_path / "a.xlsx", CATALOG, {IDS[0]: {"answer": "Nej", "comment": "Æbler & <pærer>"}},
                        {"Respondent_navn": "Åse"})
    parts: dict[str, bytes] = {}
    archive, data = open_checked(path, "a.xlsx", parts)
    copy = repack(data, archive.infolist(), parts)
    with zipfile.ZipFile(io.BytesIO(copy)) as repacked:
        assert repacked.testzip() is None  # every CRC matches its bytes
        assert repacked.namelist() == archive.namelist()
        assert all(repacked.read(name) == archive.read(name) for name in archive.namelist())
        methods = {i.filename: i.compress_type for i in repacked.infolist()}
    assert parts and all(methods[name] == zipfile.ZIP_STORED for name in parts)
    assert {m for name, m in methods.items() if name not in parts} == {zipfile.ZIP_DEFLATED}
    original = _rows(python_calamine.CalamineWorkbook.from_path(str(path)))
    assert _rows(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(copy))) == original


def test_a_changed_part_gets_its_own_crc(tmp_path):
    path = write_filled(tmp_path / "a.xlsx", CATALOG, {})
    parts: dict[str, bytes] = {}
    archive, data = open_checked(path, "a.xlsx", parts)
    name = next(n for n in parts if n.startswith("xl/worksheets/"))
    edited = {**parts, name: parts[name] + "<!-- ændret -->".encode()}
    copy = repack(data, archive.infolist(), edited, frozenset({name}))
    with zipfile.ZipFile(io.BytesIO(copy)) as repacked:
        assert repacked.testzip() is None and repacked.read(name) == edited[name]
