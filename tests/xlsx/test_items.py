"""What the respondent saw decides: sorted rows, copied sheets, renamed and reordered tabs, edited headers.

Each case makes its input here from a real filled workbook; the LibreOffice test saves all of them
through the real spreadsheet client in one batch and reads them again.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook
from xlsx_fixtures import make_catalog, write_filled

from workbook.xlsx.fields import Answer
from workbook.xlsx.layout import HEADER_ROW, PRIORITIES, SCALE, THEME_COLUMNS
from workbook.xlsx.read import read_response

CATALOG = make_catalog()
IDS = [i.id for t in CATALOG.themes for i in t.checklist]
COL = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}
SHEETS = {t.id: t.short_title for t in CATALOG.themes}


def _filled(seed: int = 3, share: float = 1.0) -> dict[str, dict[str, object]]:
    rnd = random.Random(seed)
    return {iid: {"answer": rnd.choice(SCALE), "priority": rnd.choice(PRIORITIES), "owner": f"Ejer {k}",
                  "comment": f"Bemærkning til {iid}"} for k, iid in enumerate(IDS) if rnd.random() < share}


def _answers(filled: dict[str, dict[str, object]]) -> dict[str, Answer]:
    return {iid: Answer(f["answer"], f["priority"], f["owner"], None, f["comment"]) for iid, f in filled.items()}


def _edit(path: Path, change) -> Path:
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def sort_without_id(wb, sheet: str = "Fællesskaber", first: int = 1) -> None:
    """Reverse the statement rows of columns A–H (Nr. to Bemærkning), leaving the hidden Id column."""
    ws = wb[sheet]
    rows = [r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, COL["id"]).value]
    values = [[ws.cell(r, c).value for c in range(first, COL["id"])] for r in rows]
    for r, row in zip(rows, reversed(values), strict=True):
        for c, value in enumerate(row, first):
            ws.cell(r, c).value = value


def sort_text_only(wb) -> None:
    """Reverse columns B–H (Udsagn to Bemærkning) of a sheet: the numbers and ids stay put."""
    sort_without_id(wb, "Frivillige", first=2)


def rename_and_reorder(wb) -> None:
    wb["Frivillige"].title = "Frivillige 2027"
    wb.move_sheet("Fællesskaber", offset=-2)


def copy_with_answers(wb, original: str = "Partnerskaber", clear_original: bool = True) -> None:
    """Copy a theme sheet as Excel names copies, and (as a respondent might) answer only in the copy."""
    copy = wb.copy_worksheet(wb[original])
    copy.title = f"{original} (2)"
    if clear_original:
        ws = wb[original]
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            for key in ("answer", "priority", "owner", "comment"):
                ws.cell(r, COL[key]).value = None


def edit_header(wb) -> None:
    wb["Frivillige"].cell(HEADER_ROW, COL["answer"]).value = "Mit svar"


def stray_cells(wb) -> None:
    for row in range(5, 18):
        wb["Frivillige"][f"XFD{row}"] = "x"


VARIANTS = {"sorted": sort_without_id, "text-sorted": sort_text_only, "renamed": rename_and_reorder,
            "copied": copy_with_answers, "header": edit_header, "stray": stray_cells}
#: (place, heading) of the problems each variant must give; the answers are always all there.
PROBLEMS = {
    "sorted": [("Fællesskaber", "Rækker sorteret uden Id")],
    "text-sorted": [("Frivillige", "Rækker sorteret uden Id")],
    "renamed": [],
    "copied": [],
    "header": [("Frivillige!D4", "Ændret overskrift")],
    "stray": [("Frivillige!XFD5", "Celler uden for arket")],
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_answer_is_kept_as_the_respondent_saw_it(tmp_path, variant):
    filled = _filled()
    path = _edit(write_filled(tmp_path / f"{variant}.xlsx", CATALOG, filled), VARIANTS[variant])
    response = read_response(path, CATALOG)
    assert [(p.place, p.heading) for p in response.problems] == PROBLEMS[variant]
    assert response.answers == _answers(filled)


def test_a_sorted_sheet_reads_the_statement_text_the_respondent_answered(tmp_path):
    filled = _filled()
    path = _edit(write_filled(tmp_path / "s.xlsx", CATALOG, filled), sort_without_id)
    response = read_response(path, CATALOG)
    for iid in IDS:
        assert response.answers[iid].statement == CATALOG.get(iid).statement
    [problem] = response.problems
    assert problem.message == ("4 rækker står ikke ud for deres id (sorteret uden kolonnen Id?); de er læst "
                               "efter det viste nummer og udsagn")


def test_a_copy_answered_differently_is_named_and_not_counted(tmp_path):
    filled = _filled()
    path = write_filled(tmp_path / "c.xlsx", CATALOG, filled)

    def conflict(wb):
        copy_with_answers(wb, clear_original=False)
        wb["Partnerskaber (2)"].cell(HEADER_ROW + 2, COL["answer"]).value = "Nej" if \
            filled["partnerskaber-t2"]["answer"] != "Nej" else "Ja"

    response = read_response(_edit(path, conflict), CATALOG, label="c.xlsx")
    [problem] = response.problems
    assert str(problem) == (
        "c.xlsx [Partnerskaber (2)]: udsagn 2.2 er besvaret forskelligt i 'Partnerskaber' række 6 og "
        "'Partnerskaber (2)' række 6 (et kopieret ark?); det er ikke talt med. Slet kopien, eller ret "
        "svarene, så de er ens")
    expected = _answers(filled)
    del expected["partnerskaber-t2"]
    assert response.answers == expected


def test_a_long_value_is_echoed_shortened(tmp_path):
    path = write_filled(tmp_path / "l.xlsx", CATALOG, {IDS[0]: {"answer": "x" * 50_000}})
    [problem] = read_response(path, CATALOG, label="l.xlsx").problems
    assert problem.message.startswith("'" + "x" * 79 + "…' er ikke et gyldigt svar")
    assert len(problem.found) == 80 and len(str(problem)) < 200


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.sets(st.sampled_from(sorted(VARIANTS))), seed=st.integers(0, 1000),
       share=st.sampled_from([0.3, 0.8, 1.0]))
def test_any_mix_of_changes_gives_no_wrong_and_no_lost_answer(tmp_path, steps, seed, share):
    filled = _filled(seed, share)
    path = write_filled(tmp_path / f"mix{seed}.xlsx", CATALOG, filled)

    def change(wb):
        for step in sorted(steps, key=lambda s: s == "renamed"):  # rename last: the others name sheets
            VARIANTS[step](wb)

    response = read_response(_edit(path, change), CATALOG)
    assert response.answers == _answers(filled)


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_saved_variants_keep_every_answer(tmp_path):
    filled = _filled(11)
    src = tmp_path / "src"
    src.mkdir()
    files = [_edit(write_filled(src / f"{name}.xlsx", CATALOG, filled), change)
             for name, change in sorted(VARIANTS.items())]
    for path in convert(files, "xlsx", tmp_path / "lo"):
        response = read_response(path, CATALOG)
        assert [(p.place, p.heading) for p in response.problems] == PROBLEMS[path.stem], path.stem
        assert response.answers == _answers(filled), path.stem
