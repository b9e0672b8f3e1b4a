"""Tests of the workbook writer: structure, protection, metadata, keeping answers, LibreOffice."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from pdftext import layout_page_texts
from xlsx_fixtures import MEETING_YAML

from workbook import __version__
from workbook.cli.commands import cli
from workbook.content.model import Catalog
from workbook.errors import CatalogError, OutputError
from workbook.meeting.load import load_meeting
from workbook.meeting.plan import select_themes
from workbook.report.aggregate import READINESS_WEIGHTS, aggregate
from workbook.xlsx import texts as xlsx_texts
from workbook.xlsx.layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    INPUT_KEYS,
    META_ITEMS_HEADER,
    NAME_PRIORITIES,
    NAME_SCALE,
    PRIORITIES,
    RESPONDENT_FIELDS,
    SCALE,
    SCALE_WEIGHTS,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_META,
    SHEET_OVERVIEW,
    THEME_COLUMNS,
    MetaKey,
    normalise_answer,
    structure_checksum,
)
from workbook.xlsx.read import find_answer, read_response
from workbook.xlsx.write import (
    build_workbook,
    item_rows,
    save_workbook,
    write_checklist,
)
from workbook.xlsx.write.overview import COL_FIRST_ANSWER
from workbook.xlsx.write.theme import with_rubric

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 11, 23)
COL = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}


@pytest.fixture
def written(tmp_path, meeting, test_catalog) -> Path:
    return write_checklist(meeting, test_catalog, tmp_path / "selvevaluering.xlsx").path


def _theme_sheets(wb):
    return [
        ws
        for ws in wb.worksheets
        if ws.title not in (SHEET_GUIDE, SHEET_OVERVIEW, SHEET_LISTS, SHEET_META)
    ]


def _cells(ranges) -> set[str]:
    out = set()
    for rng in ranges:
        for row in CellRange(str(rng)).cells:
            out.add(f"{row[1]}:{row[0]}")  # (row, col) as "col:row" strings for stable comparison
    return out


def _input_cells(ws) -> set[str]:
    last = HEADER_ROW + sum(
        1 for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, COL["id"]).value
    )
    return {f"{COL[k]}:{r}" for k in INPUT_KEYS for r in range(HEADER_ROW + 1, last + 1)}


# --- structure -------------------------------------------------------------------------------


def test_every_selected_statement_is_present_once_with_its_id_and_printed_number(
    written, meeting, test_catalog
):
    wb = load_workbook(written)
    selected = select_themes(meeting, test_catalog)
    assert wb.sheetnames == [
        SHEET_GUIDE,
        *[s.theme.short_title for s in selected],
        SHEET_OVERVIEW,
        SHEET_LISTS,
        SHEET_META,
    ]
    for sel, ws in zip(selected, _theme_sheets(wb), strict=True):
        assert [ws.cell(HEADER_ROW, c).value for c in COL.values()] == [
            c.header for c in THEME_COLUMNS
        ]
        rows = [
            (
                ws.cell(r, COL["number"]).value,
                ws.cell(r, COL["id"]).value,
                ws.cell(r, COL["statement"]).value,
                ws.cell(r, COL["help"]).value,
            )
            for r in range(HEADER_ROW + 1, ws.max_row + 1)
        ]
        assert rows == [
            (n.number, n.item.id, n.item.statement, with_rubric(n.item.help, n.item.rubric) or None)
            for n in sel.checklist
        ]
        assert ws.cell(1, 1).value == f"{sel.number}. {sel.theme.title}"
    ids = list(item_rows(wb))
    expected = [n.item.id for s in selected for n in s.checklist]
    assert ids == expected and len(set(ids)) == len(ids)
    # Numbers are the guide's: the first selected theme (beta) is chapter 1.
    assert wb["Frivillige & jura"]["A5"].value == "1.1"
    assert wb["Fællesskaber"]["A8"].value == "2.4"


def test_validations_cover_exactly_the_input_cells(written):
    wb = load_workbook(written)
    for ws in _theme_sheets(wb):
        validations = ws.data_validations.dataValidation
        covered = [c for dv in validations for c in _cells(dv.sqref.ranges)]
        assert len(covered) == len(set(covered)), "a cell has two validations"
        assert set(covered) == _input_cells(ws)
        by_col = {next(iter(_cells(dv.sqref.ranges))).split(":")[0]: dv for dv in validations}
        answer, priority = by_col[str(COL["answer"])], by_col[str(COL["priority"])]
        assert (answer.type, answer.formula1) == ("list", NAME_SCALE)
        assert (priority.type, priority.formula1) == ("list", NAME_PRIORITIES)
        assert by_col[str(COL["deadline"])].type == "date"
        assert by_col[str(COL["owner"])].type == by_col[str(COL["comment"])].type == "textLength"
        for dv in validations:
            assert dv.showInputMessage and dv.showErrorMessage and dv.prompt and dv.error
            assert not dv.showDropDown  # True would hide the arrow
            assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255 and len(dv.error) <= 255
        assert (
            answer.error == "Vælg et svar i listen: Ja, Delvist, Nej, Ved ikke eller Ikke relevant."
        )
    lists = {name: wb.defined_names[name].destinations for name in (NAME_SCALE, NAME_PRIORITIES)}
    for name, values in ((NAME_SCALE, SCALE), (NAME_PRIORITIES, PRIORITIES)):
        [(sheet, ref)] = list(lists[name])
        assert sheet == SHEET_LISTS
        assert tuple(c.value for row in wb[sheet][ref.replace("$", "")] for c in row) == values
    guide = wb[SHEET_GUIDE]
    respondent = {}
    for name in RESPONDENT_FIELDS:
        [(sheet, ref)] = list(wb.defined_names[name].destinations)
        assert sheet == SHEET_GUIDE
        respondent[name] = ref.replace("$", "")
        cell = guide[respondent[name]]
        assert guide.cell(cell.row, cell.column - 1).value == RESPONDENT_FIELDS[name]
    kinds = {str(dv.sqref): dv.type for dv in guide.data_validations.dataValidation}
    assert kinds == {
        respondent["Respondent_navn"]: "textLength",
        respondent["Respondent_rolle"]: "textLength",
        respondent["Respondent_gruppe"]: "textLength",
        respondent["Respondent_dato"]: "date",
    }


def test_only_input_cells_are_unlocked_and_every_sheet_is_protected_without_password(written):
    wb = load_workbook(written)
    for ws in wb.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
        unlocked = {
            f"{c.column}:{c.row}"
            for row in ws.iter_rows()
            for c in row
            if c.protection.locked is False
        }
        if ws.title == SHEET_GUIDE:
            expected = {
                f"{guide_cell.column}:{guide_cell.row}"
                for guide_cell in (
                    ws[next(iter(wb.defined_names[n].destinations))[1].replace("$", "")]
                    for n in RESPONDENT_FIELDS
                )
            }
        elif ws.title in (SHEET_OVERVIEW, SHEET_LISTS, SHEET_META):
            expected = set()
        else:
            expected = _input_cells(ws)
            assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
            assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert unlocked == expected, ws.title
    assert wb[SHEET_META].sheet_state == "hidden" and wb[SHEET_LISTS].sheet_state == "hidden"
    assert wb.active.title == SHEET_GUIDE


def test_metadata_sheet_identifies_catalog_meeting_and_every_item(written, meeting, test_catalog):
    ws = load_workbook(written)[SHEET_META]
    values = {}
    row = 1
    while ws.cell(row, 1).value:
        values[ws.cell(row, 1).value] = ws.cell(row, 2).value
        row += 1
    assert values[MetaKey.FORMAT] == FORMAT_NAME
    assert values[MetaKey.FORMAT_VERSION] == FORMAT_VERSION
    assert values[MetaKey.TOOL_VERSION] == __version__
    assert values[MetaKey.CATALOG_VERSION] == test_catalog.version == "9999.1"
    assert (
        values[MetaKey.CATALOG_HASH] == test_catalog.content_hash
        and len(test_catalog.content_hash) == 64
    )
    assert values[MetaKey.MEETING_ID] == meeting.id
    assert values[MetaKey.MUNICIPALITY] == meeting.municipality
    assert values[MetaKey.MEETING_DATE] == "2027-02-04"
    dt.datetime.fromisoformat(values[MetaKey.CREATED])
    assert tuple(ws.cell(row + 1, c).value for c in range(1, 5)) == META_ITEMS_HEADER
    items = [
        tuple(ws.cell(r, c).value for c in range(1, 5)) for r in range(row + 2, ws.max_row + 1)
    ]
    expected = [
        (s.theme.short_title, s.theme.id, n.item.id, n.number)
        for s in select_themes(meeting, test_catalog)
        for n in s.checklist
    ]
    assert items == expected
    assert values[MetaKey.CHECKSUM] == structure_checksum(expected)


def test_catalog_and_meeting_text_that_looks_like_a_formula_stays_text(written):
    wb = load_workbook(written)
    alfa = wb["Fællesskaber"]
    cells = {
        alfa.cell(HEADER_ROW + 1, COL["statement"]): "=SUM(1,2) står som tekst, ikke som formel.",
        alfa.cell(HEADER_ROW + 1, COL["help"]): "+45 12 34 56 78",
        alfa.cell(HEADER_ROW + 2, COL["statement"]): "-Kommunen har en strategi.",
        alfa.cell(HEADER_ROW + 2, COL["help"]): '@kl.dk og =HYPERLINK("http://x")',
    }
    guide_values = [c for row in wb[SHEET_GUIDE].iter_rows() for c in row if c.value is not None]
    cells.update({c: c.value for c in guide_values if str(c.value).startswith(("=", "+"))})
    assert {c.value for c in cells} >= {
        "=Fjordby & Omegn Kommune",
        "+Temamøde om velfærdsalliancer",
    }
    for cell, text in cells.items():
        assert (cell.value, cell.data_type) == (text, "s")
    # Only the Overblik holds formulas.
    for ws in wb.worksheets:
        formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert bool(formulas) == (ws.title == SHEET_OVERVIEW), ws.title


def test_workbook_properties_and_print_setup(written, meeting):
    wb = load_workbook(written)
    assert wb.properties.creator == meeting.municipality
    assert meeting.title in wb.properties.title and meeting.forum in wb.properties.subject
    for ws in wb.worksheets[:-2]:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddHeader.left.text == "=Fjordby && Omegn Kommune"  # & escaped for Excel
        assert ws.oddFooter.center.text == "Side &P af &N"
    assert wb["Fællesskaber"].page_setup.orientation == "landscape"
    assert wb[SHEET_OVERVIEW].page_setup.fitToHeight == 1


def test_overview_formulas_use_english_names_and_comma_separators(written):
    ws = load_workbook(written)[SHEET_OVERVIEW]
    formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
    # Counted like the reader: TRIM after tabs, line breaks and no-break spaces become spaces.
    assert any(
        f.startswith("=SUMPRODUCT(--(TRIM(SUBSTITUTE(")
        and "'Frivillige & jura'!$D$5:$D$10" in f
        and f.endswith('="Ja"))')
        for f in formulas
    )
    assert not any("COUNTIF" in f or "COUNTBLANK" in f for f in formulas)
    assert all(";" not in f for f in formulas)
    assert not any("TÆL" in f or "HVIS" in f for f in formulas)


def test_overview_readiness_leaves_out_ved_ikke_as_the_report_does(written):
    ws = load_workbook(written)[SHEET_OVERVIEW]
    ready = [c.value for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=IF((") and "*" in c.value]
    ved_ikke = get_column_letter(COL_FIRST_ANSWER + SCALE.index("Ved ikke"))
    assert ready and not any(f"{ved_ikke}{n}" in f for f in ready for n in range(1, 40))
    assert {a: w for a, w in SCALE_WEIGHTS.items() if w is not None} == READINESS_WEIGHTS


def test_answer_colours_follow_the_reader_and_values_off_the_scale_get_a_red_border(written):
    wb = load_workbook(written)
    ws = wb["Fællesskaber"]
    answer = get_column_letter(COL["answer"])
    rules = [
        (str(cf.sqref), rule)
        for cf in ws.conditional_formatting
        for rule in cf.rules
    ]
    assert {sqref for sqref, _ in rules} == {f"{answer}5:{answer}{ws.max_row}"}
    formulas = [rule.formula[0] for _, rule in rules]
    assert all(rule.type == "expression" for _, rule in rules)
    assert all(f"TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({answer}5," in f for f in formulas)
    assert sorted(f.rsplit("=", 1)[1] for f in formulas[1:]) == sorted(f'"{a}"' for a in SCALE)
    off_scale = rules[0][1]
    assert f"SUMPRODUCT(--({NAME_SCALE}=" in off_scale.formula[0] and off_scale.stopIfTrue
    assert off_scale.dxf.border.left.color.rgb.endswith("C00000") and off_scale.dxf.fill is None


def test_short_title_that_names_a_fixed_sheet_is_refused(meeting, test_catalog):
    import dataclasses

    alfa = test_catalog.theme("alfa")
    themes = tuple(
        dataclasses.replace(t, short_title="overblik") if t is alfa else t
        for t in test_catalog.themes
    )
    broken = dataclasses.replace(test_catalog, themes=themes)
    with pytest.raises(CatalogError) as info:
        build_workbook(meeting, broken)
    assert (
        "temaet 'alfa': den korte titel 'overblik' er navnet på et af selvevalueringens faste ark"
        in str(info.value)
    )


# --- never lose answers ----------------------------------------------------------------------


def _fill(path: Path, answers: dict[str, dict[str, object]], out: Path | None = None) -> Path:
    """Fill ``answers`` (item id → {column key: value}) into ``path`` with openpyxl, as a user."""
    wb = load_workbook(path)
    where = item_rows(wb)
    for item_id, values in answers.items():
        sheet, row = where[item_id]
        for key, value in values.items():
            wb[sheet].cell(row, COL[key]).value = value
    wb.save(out or path)
    return out or path


def test_an_empty_workbook_is_replaced_without_backup(written, meeting, test_catalog):
    result = write_checklist(meeting, test_catalog, written)
    assert result.backup is None
    assert list(written.parent.iterdir()) == [written]


@pytest.mark.parametrize("key", INPUT_KEYS)
def test_any_input_cell_counts_as_an_answer(written, meeting, test_catalog, key):
    value = {
        "answer": "Nej",
        "priority": "Lav",
        "owner": "Ida",
        "deadline": dt.date(2027, 5, 1),
        "comment": "=ikke en formel",
    }[key]
    _fill(written, {"gamma-t2": {key: value}})
    with pytest.raises(OutputError) as info:
        write_checklist(meeting, test_catalog, written)
    cell = f"{chr(64 + COL[key])}{HEADER_ROW + 2}"
    assert str(info.value) == xlsx_texts.REFUSE_ANSWERS.format(
        path=written, where=f"Øko-opfølgning!{cell}"
    )


def test_a_respondent_name_counts_as_an_answer(written, meeting, test_catalog):
    wb = load_workbook(written)
    [(sheet, ref)] = list(wb.defined_names["Respondent_navn"].destinations)
    wb[sheet][ref.replace("$", "")] = "Ida Jensen"
    wb.save(written)
    assert find_answer(written) == f"{SHEET_GUIDE}!{ref.replace('$', '')}"


def test_answers_are_found_by_header_and_id_in_a_rearranged_file(written):
    wb = load_workbook(written)
    ws = wb["Frivillige & jura"]
    ws.insert_rows(2, amount=3)  # rows inserted above the header
    ws.insert_cols(1)  # a column of the user's own
    ws.cell(HEADER_ROW + 3 + 4, COL["comment"] + 1).value = "Vi mangler en aftale."
    wb.save(written)
    assert find_answer(written) == "Frivillige & jura!I11"


def test_a_foreign_or_broken_file_is_refused_and_backed_up_with_force(
    tmp_path, meeting, test_catalog
):
    target = tmp_path / "selvevaluering.xlsx"
    target.write_bytes(b"not a zip file")
    with pytest.raises(OutputError) as info:
        write_checklist(meeting, test_catalog, target)
    prefix, suffix = xlsx_texts.REFUSE_UNREADABLE.split("{reason}")
    message = str(info.value)
    assert message.startswith(prefix.format(path=target)) and message.endswith(suffix)
    assert "Excel" in message
    assert target.read_bytes() == b"not a zip file"
    result = write_checklist(meeting, test_catalog, target, force=True)
    assert result.backup.read_bytes() == b"not a zip file"
    assert find_answer(target) is None


def test_a_workbook_without_our_columns_is_refused(tmp_path, meeting, test_catalog):
    from openpyxl import Workbook

    target = tmp_path / "andet.xlsx"
    other = Workbook()
    other.active["A1"] = "Budget 2027"
    other.save(target)
    with pytest.raises(OutputError, match="kan ikke læses som en selvevaluering"):
        write_checklist(meeting, test_catalog, target)


def test_save_is_atomic_when_writing_fails(written, meeting, test_catalog, monkeypatch):
    before = written.read_bytes()
    wb = build_workbook(meeting, test_catalog)

    def boom(path):
        Path(path).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(wb, "save", boom)
    with pytest.raises(OSError):
        save_workbook(wb, written)
    assert written.read_bytes() == before
    assert [p.name for p in written.parent.iterdir()] == [written.name]




def test_cli_never_overwrites_answers_without_force_and_keeps_a_backup_with_it(tmp_path):
    meeting_file = tmp_path / "moede.yaml"
    meeting_file.write_text(MEETING_YAML, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["checklist", str(meeting_file)])
    target = Path("output/moede/selvevaluering.xlsx")
    assert first.exit_code == 0, first.output
    assert first.stdout == f"Selvevalueringen er skrevet: {target}\n"
    _fill(target, {"velfaerdsalliancer-t1": {"answer": "Delvist", "comment": "Strategi på vej"}})
    filled = target.read_bytes()

    refused = runner.invoke(cli, ["checklist", str(meeting_file)])
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Fejl: {target}: filen indeholder allerede svar (fx Velfærdsalliancer!D5) "
        "og overskrives ikke. "
        "Brug --force for at skrive et nyt ark; de gamle svar gemmes da i en sikkerhedskopi.\n"
    )
    assert target.read_bytes() == filled

    forced = runner.invoke(cli, ["checklist", str(meeting_file), "--force"])
    assert forced.exit_code == 0, forced.output
    [backup] = target.parent.glob("selvevaluering.backup-*.xlsx")
    assert forced.stdout == (
        f"Sikkerhedskopi af de gamle svar: {backup}\nSelvevalueringen er skrevet: {target}\n"
    )
    assert backup.read_bytes() == filled
    old = load_workbook(backup)
    sheet, row = item_rows(old)["velfaerdsalliancer-t1"]
    assert (
        old[sheet].cell(row, COL["answer"]).value,
        old[sheet].cell(row, COL["comment"]).value,
    ) == ("Delvist", "Strategi på vej")
    assert find_answer(target) is None


def test_largest_example_has_every_theme_and_statement(examples, tmp_path, catalog):
    meeting = load_meeting(examples / "kommunalbestyrelse-temamoede.yaml", catalog)
    path = write_checklist(meeting, catalog, tmp_path / "s.xlsx").path
    wb = load_workbook(path)
    selected = select_themes(meeting, catalog)
    assert len(selected) == 8
    assert list(item_rows(wb)) == [n.item.id for s in selected for n in s.checklist]


# --- LibreOffice as the real client ----------------------------------------------------------


def _random_answers(test_catalog: Catalog, meeting, seed: int) -> dict[str, dict[str, object]]:
    rng = random.Random(seed)
    selected = select_themes(meeting, test_catalog)
    answers: dict[str, dict[str, object]] = {}
    for index, sel in enumerate(selected):
        for numbered in sel.checklist:
            # Seed 0: one theme only "Ikke relevant", one theme empty (empty denominators).
            if seed == 0 and index == 1:
                answer = None
            elif seed == 0 and index == 2:
                answer = "Ikke relevant"
            else:
                answer = rng.choice([*SCALE, None])
            values: dict[str, object] = {"answer": answer}
            if rng.random() < 0.5:
                values["priority"] = rng.choice(PRIORITIES)
            if rng.random() < 0.3:
                values["comment"] = rng.choice(["=1/0", "Ok", "-mangler"])
            answers[numbered.item.id] = values
    return answers


def _expected(test_catalog, meeting, answers):
    rows = {}
    for sel in select_themes(meeting, test_catalog):
        given = [answers[n.item.id]["answer"] for n in sel.checklist]
        rows[f"{sel.number}. {sel.theme.short_title}"] = given
    rows[xlsx_texts.OVERVIEW_TOTAL] = [a for given in list(rows.values()) for a in given]
    out = {}
    for label, given in rows.items():
        counts = {a: given.count(a) for a in SCALE}
        answered = sum(counts.values())
        # The report's rule: Ja 1, Delvist ½, Nej 0; «Ved ikke» and «Ikke relevant» left out.
        counted = sum(c for a, c in counts.items() if a in READINESS_WEIGHTS)
        points = sum(c * READINESS_WEIGHTS.get(a, 0) for a, c in counts.items())
        out[label] = {
            "Udsagn": len(given),
            **counts,
            "Ubesvaret": given.count(None),
            "Andel ja": counts["Ja"] / answered if answered else None,
            "Parathed": points / counted if counted else None,
        }
    return out


def _overview_values(path: Path) -> dict[str, dict[str, object]]:
    ws = load_workbook(path, data_only=True)[SHEET_OVERVIEW]
    header_row = next(
        r for r in range(1, 20) if ws.cell(r, 1).value == xlsx_texts.OVERVIEW_HEADERS[0]
    )
    headers = [ws.cell(header_row, c).value for c in range(1, len(xlsx_texts.OVERVIEW_HEADERS) + 1)]
    assert tuple(headers) == xlsx_texts.OVERVIEW_HEADERS
    out = {}
    for r in range(header_row + 1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if not label:
            break
        values = {h: ws.cell(r, c).value for c, h in enumerate(headers[1:], 2)}
        out[label] = {h: (None if v == "" else v) for h, v in values.items()}
        if label == xlsx_texts.OVERVIEW_TOTAL:
            break
    return out


@needs_soffice
@pytest.mark.libreoffice
def _messy_answers(test_catalog: Catalog, meeting) -> dict[str, dict[str, object]]:
    """Answers as pasted past the dropdown: other case, stray spaces, tabs, off-scale values."""
    messy = ["Ja ", " NEJ", "delvist", "  ", "Ved  ikke", "ja\xa0", "Måske", " ikke relevant\t", 7]
    items = [n.item.id for sel in select_themes(meeting, test_catalog) for n in sel.checklist]
    return {item: {"answer": messy[i % len(messy)]} for i, item in enumerate(items)}


def _report_counts(path: Path, test_catalog: Catalog) -> dict[str, object]:
    summary = aggregate([read_response(path, test_catalog)], test_catalog)
    rows = {f"{t.number}. {t.short_title}": t.counts for t in summary.themes}
    rows[xlsx_texts.OVERVIEW_TOTAL] = summary.counts
    return rows


def _reader_figures(path: Path, test_catalog: Catalog) -> dict[str, dict[str, object]]:
    """The Overblik's count columns as the reader and the report compute them."""
    return {
        label: {"Udsagn": c.total, **c.by_answer, "Ubesvaret": c.unanswered}
        for label, c in _report_counts(path, test_catalog).items()
    }


def _reader_readiness(path: Path, test_catalog: Catalog) -> dict[str, float | None]:
    """The readiness per Overblik row as the report computes it."""
    return {label: c.readiness for label, c in _report_counts(path, test_catalog).items()}


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_computes_the_overview_as_python_does(written, meeting, test_catalog, tmp_path):
    fills = {}
    for seed in (0, 1, 2, 3):
        answers = _random_answers(test_catalog, meeting, seed)
        path = _fill(written, answers, tmp_path / f"fill-{seed}.xlsx")
        fills[path] = _expected(test_catalog, meeting, answers)
    messy = _messy_answers(test_catalog, meeting)
    messy_path = _fill(written, messy, tmp_path / "fill-messy.xlsx")
    normalised = {}
    for item, values in messy.items():  # off the scale: None, unanswered as in the report
        normalised[item] = {"answer": normalise_answer(values["answer"])}
    fills[messy_path] = _expected(test_catalog, meeting, normalised)
    outputs = convert(list(fills), "xlsx", tmp_path / "lo")
    # The pasted values: the Overblik counts exactly what the reader (and so the report) counts.
    by_reader = _reader_figures(messy_path, test_catalog)
    in_overview = _overview_values(outputs[-1])
    assert list(in_overview) == list(by_reader)
    for label, figures in by_reader.items():
        got = {h: in_overview[label][h] for h in figures}
        assert got == figures, label
    # ... and the readiness the report computes (Ved ikke apart from Nej, out of readiness).
    for label, readiness in _reader_readiness(messy_path, test_catalog).items():
        assert in_overview[label]["Parathed"] == pytest.approx(readiness), label
    total = by_reader[xlsx_texts.OVERVIEW_TOTAL]
    assert total["Ja"] >= 2 and total["Nej"] >= 1 and total["Delvist"] >= 1
    assert total["Ved ikke"] >= 1 and total["Ikke relevant"] >= 1
    assert total["Ubesvaret"] >= 3  # "  ", "Måske" and 7
    for (path, expected), output in zip(fills.items(), outputs, strict=True):
        got = _overview_values(output)
        assert list(got) == list(expected), path.name
        for label, figures in expected.items():
            for header, value in figures.items():
                if value is None:
                    assert got[label][header] is None, (path.name, label, header)
                else:
                    assert got[label][header] == pytest.approx(value), (path.name, label, header)
    # Seed 0 has an unanswered theme and an all-"Ikke relevant" theme: blank, never #DIV/0!.
    seed0 = _overview_values(outputs[0])
    assert (
        seed0["2. Fællesskaber"]["Andel ja"] is None
        and seed0["3. Øko-opfølgning"]["Parathed"] is None
    )
    assert seed0["3. Øko-opfølgning"]["Andel ja"] == 0


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_prints_overview_on_one_page_and_the_municipality_on_every_page(
    written, tmp_path, meeting, test_catalog
):
    [pdf] = convert([written], "pdf", tmp_path / "pdf")
    pages = layout_page_texts(pdf)
    n_theme_sheets = len(meeting.themes)
    assert len(pages) >= 2 + n_theme_sheets
    for number, page in enumerate(pages, 1):
        assert "=Fjordby & Omegn Kommune" in page.splitlines()[0], number
        assert f"Side {number} af {len(pages)}" in page
    overview = [i for i, page in enumerate(pages) if f"{xlsx_texts.OVERVIEW_TITLE}: " in page]
    assert overview == [len(pages) - 1], "the Overblik is the last printed sheet and fits one page"
    last = pages[-1]
    assert xlsx_texts.OVERVIEW_TOTAL in last and "3. Øko-opfølgning" in last
    assert xlsx_texts.CHART_TITLE in last
    assert "#DIV/0!" not in "".join(pages) and "#NAME?" not in "".join(pages)


def test_written_file_survives_a_copy_and_is_recognised(written, tmp_path):
    copy = tmp_path / "kopi.xlsx"
    shutil.copy(written, copy)
    assert find_answer(copy) is None
