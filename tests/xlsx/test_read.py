"""Reading filled workbooks back: the corpus of bad and odd files, round trips, and the safety checks."""

from __future__ import annotations

import datetime as dt
import errno
import random
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import convert, needs_soffice
from xlsx_fixtures import make_catalog, replace_cells, write_filled

from workbook.errors import WorkbookFileError
from workbook.xlsx.cells import CellSource
from workbook.xlsx.guard import _prolog_verdict, check_container, os_reason, reason
from workbook.xlsx.layout import PRIORITIES, SCALE, normalise_answer, normalise_priority
from workbook.xlsx.read import Answer, FormulaValue, read_response
from workbook.xlsx.write import item_rows

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xlsx"
CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]
SCALE_TEXT = "Ja, Delvist, Nej, Ved ikke, Ikke relevant"
GOOD_ANSWERS = {iid: Answer(SCALE[k % 5]) for k, iid in enumerate(IDS)}

#: One line per rejected corpus file (after the file label).
REJECTED = {
    "not-ours.xlsx": "filen er ikke en selvevaluering fra workbook (arket 'Metadata' mangler). "
                     "Brug det ark, der blev sendt ud",
    "no-metadata.xlsx": "filen er ikke en selvevaluering fra workbook (arket 'Metadata' mangler). "
                        "Brug det ark, der blev sendt ud",
    "not-xlsx.xlsx": "filen er ikke en Excel-fil (xlsx)",
    "empty.xlsx": "filen er tom",
    "encrypted.xlsx": "filen er beskyttet med adgangskode (krypteret) og kan ikke læses. Fjern "
                      "adgangskoden i Excel (Filer > Info > Beskyt projektmappe) og send den igen",
    "macro.xlsm": "filen indeholder makroer (VBA) og læses ikke. Gem den som almindelig "
                  "Excel-projektmappe (.xlsx) og send den igen",
    "truncated.xlsx": "filen er beskadiget eller ufuldstændig og kan ikke åbnes. Årsag: filen er ikke en "
                      "gyldig xlsx-fil (ikke et zip-arkiv)",
    "too-many-cells.xlsx": "filen har for mange celler (over 200.000) og læses ikke",
    "other-version.xlsx": "arket er lavet til katalogversion 2025.1, men det nuværende katalog er "
                          "version 9999.1. Kør: workbook upgrade {path}",
    "zip-bomb.xlsx": "filen fylder for meget udpakket (80 MB; højst 60 MB) og læses ikke",
    "billion-laughs.xlsx": "delen xl/sharedStrings.xml indeholder en DOCTYPE- eller ENTITY-erklæring "
                           "(mulig XML-angreb) og læses ikke",
    "bad-checksum.xlsx": "arket 'Metadata' er ændret eller beskadiget (kontrolsummen passer ikke med "
                         "udsagnene). Brug det ark, der blev sendt ud",
}
#: Files that are read, with the warnings they must give (location, message).
WARNED = {
    "off-scale.xlsx": [
        ("Frivillige!D7", f"'måske' er ikke et gyldigt svar (gyldige svar: {SCALE_TEXT})"),
        ("Partnerskaber!E6", "'akut' er ikke en gyldig prioritet (gyldige: Høj, Mellem, Lav)"),
    ],
    "deleted-row.xlsx": [
        ("Frivillige!D40", "der er skrevet i en række uden id (en række, der er sat ind); den er ikke "
                           "talt med"),
        ("Frivillige", "udsagn 1.2 (frivillige-t2) mangler i arket; det tælles som ubesvaret"),
    ],
}
#: Odd files that must read exactly like the good one.
SAME_AS_GOOD = ("good-anne.xlsx", "Kopi af svar (2).xlsx", "sorted-rows.xlsx", "extra-columns.xlsx")


def test_upgrade_hint_quotes_a_file_name_with_spaces(tmp_path):
    path = tmp_path / "svar fra Bo.xlsx"
    shutil.copy(CORPUS / "other-version.xlsx", path)
    with pytest.raises(WorkbookFileError) as info:
        read_response(path, CATALOG, label=path.name)
    assert str(info.value).endswith(f"Kør: workbook upgrade '{path}'")


def test_corpus_has_every_case():
    files = {p.name for p in CORPUS.iterdir() if p.suffix != ".py"}
    assert len(files) >= 15
    assert set(REJECTED) | set(WARNED) | set(SAME_AS_GOOD) | {"typos-other-case.xlsx",
                                                              "not-filled.xlsx"} == files


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_rejected_file_gives_one_line(name):
    path = CORPUS / name
    with pytest.raises(WorkbookFileError) as info:
        read_response(path, CATALOG, label=name)
    assert str(info.value) == f"{name}: " + REJECTED[name].format(path=path)
    assert "\n" not in str(info.value)


def test_too_large_file_is_refused_before_opening(tmp_path):
    from data.xlsx.make_corpus import make_too_large

    path = make_too_large(tmp_path / "stor.xlsx")
    with pytest.raises(WorkbookFileError) as info:
        read_response(path, CATALOG, label="stor.xlsx")
    assert str(info.value) == ("stor.xlsx: filen er for stor (21 MB; højst 20 MB). Et udfyldt ark "
                               "fylder normalt under 1 MB")


@pytest.mark.parametrize("name", sorted(WARNED))
def test_cell_problems_are_located_and_the_rest_counts(name):
    response = read_response(CORPUS / name, CATALOG, label=name)
    assert [(p.place, p.message) for p in response.problems] == WARNED[name]
    assert str(response.problems[0]).startswith(f"{name} [{WARNED[name][0][0]}]: ")
    if name == "off-scale.xlsx":
        expected = dict(GOOD_ANSWERS)
        expected[IDS[2]] = None  # 'måske' is reported, not guessed
        expected[IDS[5]] = Answer("Ja")  # the invalid priority is dropped, the answer kept
        assert {k: response.answers.get(k) for k in IDS} == expected
    else:
        assert IDS[1] not in response.answers
        assert {k: v for k, v in response.answers.items()} == {k: v for k, v in GOOD_ANSWERS.items()
                                                                if k != IDS[1]}


def test_off_scale_message_matches_the_issue_format():
    [problem, _] = read_response(CORPUS / "off-scale.xlsx", CATALOG, label="svar-anne.xlsx").problems
    assert str(problem) == ("svar-anne.xlsx [Frivillige!D7]: 'måske' er ikke et gyldigt svar "
                            "(gyldige svar: Ja, Delvist, Nej, Ved ikke, Ikke relevant)")
    assert (problem.found, problem.allowed, problem.number) == ("måske", SCALE_TEXT, "1.3")


@pytest.mark.parametrize("name", SAME_AS_GOOD)
def test_sorted_rows_extra_columns_and_renamed_files_read_by_id(name):
    response = read_response(CORPUS / name, CATALOG)
    assert response.problems == []
    assert response.answers == GOOD_ANSWERS


def test_other_case_and_spaces_are_normalised():
    response = read_response(CORPUS / "typos-other-case.xlsx", CATALOG)
    assert response.problems == []
    assert [response.answers[i].answer for i in IDS[:5]] == ["Ja", "Nej", "Delvist", "Ved ikke", "Ikke relevant"]
    assert [response.answers[i].priority for i in IDS[:3]] == list(PRIORITIES)


def test_respondent_fields_are_read_by_defined_name():
    response = read_response(CORPUS / "good-anne.xlsx", CATALOG)
    assert response.respondent == {"Respondent_navn": "Anne good-anne", "Respondent_rolle": "Leder, Ældreplejen",
                                   "Respondent_dato": "2027-01-15"}
    assert response.meta["catalog_version"] == "9999.1"


def test_openpyxl_uses_defusedxml_and_it_refuses_entities_too(tmp_path):
    """Even without our prolog check, openpyxl (with defusedxml) refuses the billion laughs."""
    from defusedxml import EntitiesForbidden

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(ValueError) as info:
        openpyxl.load_workbook(CORPUS / "billion-laughs.xlsx")
    assert isinstance(info.value.__cause__, EntitiesForbidden)


@pytest.mark.parametrize("prolog, verdict", [
    (b'<?xml version="1.0"?><sst>', True),
    (b'<?xml version="1.0"?>\n<!-- note --><!DOCTYPE x [<!ENTITY a "b">]><sst>', False),
    (b"\xef\xbb\xbf<!doctype x><a/>", False),
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a><a/>'.encode("utf-16"), False),
    (b'<?xml version="1.0"?>   ', None),
])
def test_prolog_check(prolog, verdict):
    assert _prolog_verdict(prolog) is verdict


def test_dimension_lies_do_not_hide_rows(tmp_path):
    """A file whose <dimension> claims fewer rows than it has (other programs) still reads fully."""
    path = write_filled(tmp_path / "a.xlsx", CATALOG, {i: {"answer": "Nej"} for i in IDS})
    lied = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(lied, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<dimension ref="A1:I8"/>', b'<dimension ref="A1:I5"/>')
            new.writestr(info, data)
    assert read_response(lied, CATALOG).answers == read_response(path, CATALOG).answers
    check_container(lied, "b.xlsx")


# --- reasons in Danish ------------------------------------------------------------------------


@pytest.mark.parametrize("exc, text", [
    (zipfile.BadZipFile("File is not a zip file"), "filen er ikke en gyldig xlsx-fil (ikke et zip-arkiv)"),
    (zipfile.BadZipFile("Bad CRC-32 for file 'xl/workbook.xml'"),
     "en del af filen er beskadiget (kontrolsummen passer ikke)"),
    (EOFError(), "filen slutter for tidligt (afkortet)"),
    (KeyError("There is no item named 'xl/styles.xml' in the archive"), "en nødvendig del af filen mangler"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "filen findes ikke"),
    (PermissionError(errno.EACCES, "Permission denied"), "ingen adgang til filen (tjek rettighederne)"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "er en mappe, ikke en fil"),
    (FileExistsError(errno.EEXIST, "File exists"),
     "filen kan ikke læses (fejl fra styresystemet, kode EEXIST)"),
    (ValueError("Max. value is 3"), "indholdet kan ikke tolkes"),
])
def test_reasons_are_danish_sentences(exc, text):
    said = os_reason(exc) if isinstance(exc, OSError) else reason(exc)
    assert said == text


def test_missing_file_and_folder_give_danish_reasons(tmp_path):
    with pytest.raises(WorkbookFileError) as info:
        check_container(tmp_path, "svar")
    assert str(info.value) == "svar: er en mappe, ikke en fil"
    with pytest.raises(WorkbookFileError) as info:
        read_response(tmp_path / "mangler.xlsx", CATALOG, label="mangler.xlsx")
    assert str(info.value) == "mangler.xlsx: filen findes ikke"


# --- formulas and deadlines in input cells -----------------------------------------------------


def _coordinate(catalog, item_id: str, column: str, path: Path) -> tuple[str, str]:
    wb = openpyxl.load_workbook(path)
    sheet, row = item_rows(wb)[item_id]
    return sheet, f"{column}{row}"


def test_formulas_without_a_value_are_kept_as_text_and_reported(tmp_path):
    """Nothing is lost: an uncomputed formula and text Excel took for a formula stay as text."""
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, {
        IDS[0]: {"answer": "Nej", "owner": "UNCACHED", "comment": "TYPED"},
        IDS[1]: {"answer": "ANSWERFORMULA", "comment": "REFERROR"},
        IDS[2]: {"answer": "Ja", "owner": "CACHED"},
    })
    replace_cells(path, {
        "UNCACHED": '><f>UPPER("direktionen")</f><v></v>',
        "TYPED": ' t="e"><f>-ikke afklaret</f><v>#NAME?</v>',
        "ANSWERFORMULA": ' t="str"><f>IF(1,"Ja")</f>',
        "REFERROR": ' t="e"><f>#REF!+1</f><v>#REF!</v>',
        "CACHED": ' t="str"><f>"Leder"</f><v>Leder</v>',
    })
    response = read_response(path, CATALOG, label="svar.xlsx", keep_text=True)
    assert response.answers[IDS[0]] == Answer("Nej", owner='=UPPER("direktionen")', comment="-ikke afklaret")
    assert response.answers[IDS[1]] == Answer(None, comment="=#REF!+1")
    assert response.answers[IDS[2]] == Answer("Ja", owner="Leder")  # a computed value is used as is
    assert response.raw[IDS[0]]["owner"] == '=UPPER("direktionen")'
    assert response.raw[IDS[0]]["comment"] == "-ikke afklaret"
    assert [(p.place, p.message) for p in response.problems] == [
        ("Frivillige!F5", "formlen '=UPPER(\"direktionen\")' har ingen beregnet værdi (filen er gemt af et "
                          "andet program end Excel); formlen er bevaret som tekst"),
        ("Frivillige!H5", "'-ikke afklaret' er læst som en formel og giver fejlen #NAME?; teksten er "
                          "bevaret. Skriv en apostrof (') foran tekst, der begynder med - eller +"),
        ("Frivillige!D6", "formlen '=IF(1,\"Ja\")' har ingen beregnet værdi (filen er gemt af et andet "
                          "program end Excel); svaret er ikke talt med"),
        ("Frivillige!H6", "formlen '=#REF!+1' giver fejlen #REF!; formlen er bevaret som tekst"),
    ]
    assert [p.heading for p in response.problems] == ["Formel uden beregnet værdi", "Formel med fejl",
                                                      "Formel uden beregnet værdi", "Formel med fejl"]
    assert response.problems[0].number == "1.1"


def test_formula_written_by_openpyxl_is_read_as_its_text(tmp_path):
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, {IDS[0]: {"answer": "Delvist"}})
    wb = openpyxl.load_workbook(path)
    sheet, row = item_rows(wb)[IDS[0]]
    wb[sheet][f"F{row}"] = "=CONCAT(\"Leder\",\" A\")"  # a formula, no cached value
    wb.save(path)
    response = read_response(path, CATALOG)
    assert response.answers[IDS[0]].owner == '=CONCAT("Leder"," A")'
    assert [p.place for p in response.problems] == [f"{sheet}!F{row}"]


def test_a_deadline_that_is_not_a_date_is_kept_and_reported(tmp_path):
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, {
        IDS[0]: {"answer": "Nej", "deadline": "i morgen"},
        IDS[1]: {"answer": "Nej", "deadline": "15.03.2027"},
        IDS[2]: {"answer": "Nej", "deadline": "2027-03-15"},
    })
    response = read_response(path, CATALOG, label="svar.xlsx")
    assert [response.answers[i].deadline for i in IDS[:3]] == ["i morgen", dt.date(2027, 3, 15),
                                                              dt.date(2027, 3, 15)]
    [problem] = response.problems
    assert str(problem) == "svar.xlsx [Frivillige!G5]: 'i morgen' er ikke en dato (skriv fx 15.03.2027)"
    assert (problem.heading, problem.found, problem.allowed, problem.number) == (
        "Frist er ikke en dato", "i morgen", "en dato, fx 15.03.2027", "1.1")


@pytest.mark.parametrize("name", [*SAME_AS_GOOD, "off-scale.xlsx", "deleted-row.xlsx", "typos-other-case.xlsx"])
def test_calamine_rows_give_what_openpyxl_gives(name):
    """The reader's rows (calamine plus the formula scan) equal openpyxl's values, sheet by sheet."""

    def plain(value):
        if isinstance(value, FormulaValue):
            return None  # openpyxl with data_only: None
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()
        return value

    def trimmed(rows):
        out = {}
        for n, row in rows:
            row = [plain(v) for v in row]
            while row and row[-1] is None:
                row.pop()
            if row:
                out[n] = tuple(row)
        return out

    wb = openpyxl.load_workbook(CORPUS / name, read_only=True, data_only=True)
    try:
        with CellSource(CORPUS / name, name) as source:
            source.prepare(source.sheet_names)
            assert source.sheet_names == wb.sheetnames
            for ws in wb.worksheets:
                ws.reset_dimensions()
                theirs = trimmed(enumerate(ws.iter_rows(values_only=True), 1))
                assert trimmed(source.rows(ws.title)) == theirs, ws.title
    finally:
        wb.close()


# --- round trips ------------------------------------------------------------------------------

SPELLINGS = {a: st.sampled_from([a, a.upper(), a.lower(), f" {a} ", a.replace(" ", "  ")]) for a in SCALE}
FREE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(
    ["=SUM(A1:A3)", "+45 12 34 56 78", "-", "@navn", "Æble, øl & å"])
FIELDS = st.fixed_dictionaries({}, optional={
    "answer": st.sampled_from(SCALE).flatmap(lambda a: SPELLINGS[a]),
    "priority": st.sampled_from(PRIORITIES).flatmap(lambda p: st.sampled_from([p, p.lower(), f"{p} "])),
    "owner": FREE_TEXT,
    "deadline": st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)),
    "comment": FREE_TEXT,
})
ANSWER_SETS = st.dictionaries(st.sampled_from(IDS), FIELDS)


def _expected(filled: dict[str, dict[str, object]]) -> dict[str, Answer]:
    out = {}
    for item_id, fields in filled.items():
        text = {k: (" ".join(str(v).split()) and str(v).strip()) or None
                for k, v in fields.items() if k in ("owner", "comment")}
        answer = Answer(normalise_answer(fields.get("answer")), normalise_priority(fields.get("priority")),
                        text.get("owner"), fields.get("deadline"), text.get("comment"))
        if not answer.empty:
            out[item_id] = answer
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filled=ANSWER_SETS)
def test_random_answers_read_back_exactly(tmp_path, filled):
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, filled, {"Respondent_navn": "Test"})
    response = read_response(path, CATALOG)
    assert response.problems == []
    assert response.answers == _expected(filled)


@needs_soffice
@pytest.mark.libreoffice
def test_answers_survive_a_libreoffice_round_trip(tmp_path):
    rnd = random.Random(7)
    strategy_free = ["Skal drøftes", "=1+1", "Æ Ø Å", " spaces  inside ", "Linje 1\nLinje 2"]
    sets = []
    for _ in range(5):
        filled = {}
        for item_id in IDS:
            if rnd.random() < 0.8:
                filled[item_id] = {
                    "answer": rnd.choice([*SCALE, "ja ", "NEJ"]),
                    "priority": rnd.choice(PRIORITIES), "owner": rnd.choice(strategy_free),
                    "deadline": dt.date(2027, rnd.randint(1, 12), rnd.randint(1, 28)),
                    "comment": rnd.choice(strategy_free)}
        sets.append(filled)
    src = tmp_path / "src"
    src.mkdir()
    files = [write_filled(src / f"svar{k}.xlsx", CATALOG, s, {"Respondent_navn": f"R{k}"})
             for k, s in enumerate(sets)]
    saved = convert(files, "xlsx", tmp_path / "lo")
    for filled, path in zip(sets, saved, strict=True):
        response = read_response(path, CATALOG)
        assert response.problems == []
        assert response.answers == _expected(filled)
        assert response.name == path.stem.replace("svar", "R")


def test_unreadable_copy_never_raises_anything_but_our_error(tmp_path):
    """Random byte damage anywhere in a good file gives a WorkbookFileError or a clean read."""
    data = (CORPUS / "good-anne.xlsx").read_bytes()
    rnd = random.Random(1)
    for k in range(60):
        damaged = bytearray(data)
        for _ in range(5):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        path = tmp_path / f"d{k}.xlsx"
        path.write_bytes(bytes(damaged))
        try:
            read_response(path, CATALOG)
        except WorkbookFileError as exc:
            assert str(exc).startswith(str(path))
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_the_overview_and_lists_sheets_are_not_searched_for_answers(tmp_path):
    """A copy of statement rows typed into Overblik does not count (nor clash with the theme sheet's
    answers), and a far cell there is never scanned; a respondent field moved there is still read."""
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, {IDS[0]: {"answer": "Ja"}}, {"Respondent_navn": "Anne"})
    wb = openpyxl.load_workbook(path)
    sheet, row = item_rows(wb)[IDS[0]]
    overview = wb["Overblik"]
    for col, cell in enumerate(wb[sheet][row], start=1):  # the statement's row, with another answer
        overview.cell(40, col).value = "Nej" if cell.value == "Ja" else cell.value
    overview["XFD1048576"] = "langt ude"
    wb.save(path)
    response = read_response(path, CATALOG, label="svar.xlsx")
    assert response.answers[IDS[0]].answer == "Ja" and response.problems == []
    assert response.name == "Anne"
    wb = openpyxl.load_workbook(path)
    wb["Overblik"]["B2"] = "Bo"
    wb.defined_names["Respondent_navn"].attr_text = "'Overblik'!$B$2"
    del wb["Overblik"]["XFD1048576"]
    wb.save(path)
    assert read_response(path, CATALOG, label="svar.xlsx").name == "Bo"
