"""Regenerate the corpus of bad and odd returned workbooks in this folder (deliberate, reviewed as a diff).

Run from the repository root::

    .venv/bin/python tests/data/xlsx/make_corpus.py

Every file is made from the real writer with the test catalog (``make_catalog()`` of
``tests/xlsx_fixtures.py``, that is ``tests/data/catalog/good``), then damaged on purpose.
``REJECTED`` and ``WARNED`` (in ``tests/xlsx/test_read.py``) hold what each file must give.
``too-large.xlsx`` (over 20 MB on disk) is not committed: ``make_too_large`` makes it in the test's
temporary folder. Regenerate the corpus when the test catalog changes.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # tests/, for xlsx_fixtures

from openpyxl import Workbook, load_workbook  # noqa: E402
from xlsx_fixtures import make_catalog, make_meeting, write_filled  # noqa: E402

from workbook.xlsx.layout import SHEET_META  # noqa: E402
from workbook.xlsx.write import build_workbook, item_rows  # noqa: E402

CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]
RESPONDENT = {"Respondent_navn": "Anne Andersen", "Respondent_rolle": "Leder, Ældreplejen",
              "Respondent_dato": dt.date(2027, 1, 15)}
#: The answers of the good file, cycling through the scale; the odd files vary them.
ANSWERS = {iid: {"answer": ("Ja", "Delvist", "Nej", "Ved ikke", "Ikke relevant")[k % 5]}
           for k, iid in enumerate(IDS)}


def rezip(source: Path, target: Path, *, replace: dict[str, bytes] | None = None,
          drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None) -> None:
    """Copy the zip ``source`` to ``target`` with parts replaced, dropped or added."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
        for name, data in (add or {}).items():
            new.writestr(name, data)


def good(target: Path, answers: dict | None = None, respondent: dict | None = None) -> Path:
    """A filled workbook; the respondent is named after the file, so no two files share a name."""
    if respondent is None:
        respondent = dict(RESPONDENT, Respondent_navn=f"Anne {target.name.split('.')[0]}")
    return write_filled(target, CATALOG, answers or ANSWERS, respondent)


def sorted_rows(target: Path) -> None:
    """Answers filled, then the item rows of each theme sheet reversed (as 'Sortér Z-A' would)."""
    good(target)
    wb = load_workbook(target)
    rows = item_rows(wb)
    for sheet in {s for s, _ in rows.values()}:
        ws = wb[sheet]
        numbers = sorted(r for s, r in rows.values() if s == sheet)
        values = [[ws.cell(r, c).value for c in range(1, 10)] for r in numbers]
        for r, row in zip(numbers, reversed(values), strict=True):
            for c, value in enumerate(row, 1):
                ws.cell(r, c).value = value
    wb.save(target)


def extra_columns(target: Path) -> None:
    """A column inserted before 'Svar', one appended at the end, and a row inserted above the header."""
    good(target)
    wb = load_workbook(target)
    for ws in wb.worksheets:
        if ws.title in {t.short_title for t in CATALOG.themes}:
            ws.insert_cols(4)
            ws.cell(4, 4).value = "Egne noter"
            ws.cell(4, 11).value = "Ekstra"
            ws.insert_rows(1)
    wb.save(target)


def typos(target: Path) -> None:
    answers = {iid: {"answer": ("ja ", "NEJ", " delvist", "VED  IKKE", "ikke relevant")[k % 5],
                     "priority": ("HØJ", " mellem", "lav")[k % 3]} for k, iid in enumerate(IDS)}
    good(target, answers)


def off_scale(target: Path) -> None:
    answers = dict(ANSWERS)
    answers[IDS[2]] = {"answer": "måske"}
    answers[IDS[5]] = {"answer": "Ja", "priority": "akut"}
    good(target, answers)


def not_ours(target: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "Budget 2027"
    wb.save(target)


def encrypted(target: Path) -> None:
    """An OLE2/CFB container like Excel's password-protected files (magic + EncryptionInfo stream)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le") + bytes(50) + "EncryptedPackage".encode("utf-16-le")
    target.write_bytes(header + directory + bytes(4096))


def macro(target: Path) -> None:
    source = target.with_suffix(".tmp.xlsx")
    good(source)
    rezip(source, target, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake vba"})
    source.unlink()


def truncated(target: Path) -> None:
    source = target.with_suffix(".tmp.xlsx")
    good(source)
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    source.unlink()


def too_many_cells(target: Path) -> None:
    """A theme sheet with 30,000 extra rows below the statements (small on disk)."""
    source = target.with_suffix(".tmp.xlsx")
    good(source)
    with zipfile.ZipFile(source) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="n"><v>1</v></c></row>' for r in range(100, 30100))
    sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
    rezip(source, target, replace={"xl/worksheets/sheet2.xml": sheet.encode()})
    source.unlink()


def other_version(target: Path) -> None:
    old = make_catalog("2025.1")
    write_filled(target, old, {IDS[0]: {"answer": "Ja"}}, RESPONDENT)


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(target: Path, payload: bytes) -> None:
    """A good file plus a shared-strings part ``payload``, declared so openpyxl reads it."""
    source = target.with_suffix(".tmp.xlsx")
    good(source)
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace("</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>')
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>')
    rezip(source, target, replace={"[Content_Types].xml": types.encode(),
                                   "xl/_rels/workbook.xml.rels": rels.encode()},
          add={"xl/sharedStrings.xml": payload})
    source.unlink()


SST_OPEN = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            'uniqueCount="1">')


def zip_bomb(target: Path) -> None:
    """A shared-strings part of 80 MB (blanks in one string; about 80 KB compressed)."""
    payload = ('<?xml version="1.0" encoding="UTF-8"?>\n' + SST_OPEN + "<si><t>"
               + " " * (80 * 1024 * 1024) + "x</t></si></sst>")
    with_shared_strings(target, payload.encode())


def billion_laughs(target: Path) -> None:
    """The classic entity-expansion payload in sharedStrings.xml."""
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    payload = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [' + "".join(lol) + "]>\n"
               + SST_OPEN + "<si><t>&lol9;</t></si></sst>")
    with_shared_strings(target, payload.encode())


def no_metadata(target: Path) -> None:
    good(target)
    wb = load_workbook(target)
    del wb[SHEET_META]
    wb.save(target)


def bad_checksum(target: Path) -> None:
    """The metadata item table edited: two statements' numbers swapped."""
    good(target)
    wb = load_workbook(target)
    ws = wb[SHEET_META]
    numbers = [row for row in ws.iter_rows() if row[3].value in ("1.1", "1.2")]
    numbers[0][3].value, numbers[1][3].value = numbers[1][3].value, numbers[0][3].value
    wb.save(target)


def deleted_row(target: Path) -> None:
    """A statement's row deleted and an answer typed in a new row without id."""
    good(target)
    wb = load_workbook(target)
    sheet, row = item_rows(wb)[IDS[1]]
    wb[sheet].delete_rows(row)
    wb[sheet].cell(40, 4).value = "Ja"
    wb.save(target)


def not_filled(target: Path) -> None:
    wb = build_workbook(make_meeting(CATALOG), CATALOG)
    wb.save(target)


def empty(target: Path) -> None:
    target.write_bytes(b"")


def text_renamed(target: Path) -> None:
    target.write_text("Navn;Svar\nAnne;Ja\n", encoding="utf-8")


def make_too_large(target: Path) -> Path:
    """Write a valid zip over 20 MB on disk (a stored, incompressible part)."""
    import os

    good(target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_STORED) as z:
        z.writestr("xl/media/image1.png", os.urandom(21 * 1024 * 1024))
    return target


CASES = {
    "good-anne.xlsx": good,
    "Kopi af svar (2).xlsx": lambda t: good(t, respondent={"Respondent_navn": "Bo Berg"}),
    "typos-other-case.xlsx": typos,
    "sorted-rows.xlsx": sorted_rows,
    "extra-columns.xlsx": extra_columns,
    "off-scale.xlsx": off_scale,
    "deleted-row.xlsx": deleted_row,
    "not-filled.xlsx": not_filled,
    "not-ours.xlsx": not_ours,
    "not-xlsx.xlsx": text_renamed,
    "empty.xlsx": empty,
    "encrypted.xlsx": encrypted,
    "macro.xlsm": macro,
    "truncated.xlsx": truncated,
    "too-many-cells.xlsx": too_many_cells,
    "other-version.xlsx": other_version,
    "zip-bomb.xlsx": zip_bomb,
    "billion-laughs.xlsx": billion_laughs,
    "no-metadata.xlsx": no_metadata,
    "bad-checksum.xlsx": bad_checksum,
}


def main() -> None:
    """Write every case into this folder."""
    for name, make in CASES.items():
        make(HERE / name)
    print(f"{len(CASES)} filer skrevet i {HERE}")


if __name__ == "__main__":
    main()
