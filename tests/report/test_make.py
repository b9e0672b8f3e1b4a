"""The status report: figures checked against an independent count, the PDF, samlet.xlsx, error reports, CLI."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from click.testing import CliRunner
from pdftext import pdf_text
from xlsx_fixtures import make_catalog, make_meeting, replace_cells, write_filled

from workbook.cli.commands import cli
from workbook.report.collect import drop_duplicates, find_inputs
from workbook.report.make import make_report
from workbook.xlsx.layout import PRIORITIES, SCALE

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xlsx"
CATALOG = make_catalog()
THEMES = {t.id: [i.id for i in t.checklist] for t in CATALOG.themes}
IDS = [i for ids in THEMES.values() for i in ids]
NAMES = ["Anne Jensen", "Bo Madsen", "Carla Holm", "Dennis Berg", "Eva Lund", "Frederik Kjær",
         "Gitte Ravn", "Hans Ø. Nielsen", "Ida Storm", "Jens Aagaard"]
TODAY = dt.date(2027, 2, 1)


def _filled_set(seed: int = 11) -> list[dict[str, dict[str, object]]]:
    rnd = random.Random(seed)
    sets = []
    for _ in NAMES:
        filled = {}
        for item_id in IDS:
            answer = rnd.choice([*SCALE, None])
            if answer is None:
                continue
            fields: dict[str, object] = {"answer": answer}
            if answer in ("Nej", "Delvist"):
                priority = rnd.choice([*PRIORITIES, None])
                if priority:
                    fields["priority"] = priority
                fields["owner"] = rnd.choice(["Leder, Ældreplejen", "Direktionen"])
                fields["deadline"] = dt.date(2027, rnd.randint(3, 12), 1)
                fields["comment"] = rnd.choice(["Afventer budget.", "=SUM(A1:A3)"])
            filled[item_id] = fields
        sets.append(filled)
    return sets


@pytest.fixture(scope="module")
def ten(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("svar")
    sets = _filled_set()
    for k, (name, filled) in enumerate(zip(NAMES, sets, strict=True), 1):
        write_filled(folder / f"svar-{k:02d}.xlsx", CATALOG, filled,
                     {"Respondent_navn": name, "Respondent_rolle": f"Afdeling {k}"})
    return folder, sets


@pytest.fixture(scope="module")
def report(ten, tmp_path_factory):
    out = tmp_path_factory.mktemp("rapport")
    result = make_report([ten[0]], out_dir=out, catalog=CATALOG, today=TODAY)
    return result, out


def _independent(sets: list[dict]) -> dict[str, dict]:
    """Count answers per theme the simple way, without the package."""
    weights = {"Ja": 1.0, "Delvist": 0.5, "Nej": 0.0}  # «Ved ikke» is not a Nej: left out
    figures = {}
    for theme, ids in THEMES.items():
        answers = [s[i]["answer"] for s in sets for i in ids if i in s]
        weighted = [weights[a] for a in answers if a in weights]
        figures[theme] = {
            "total": len(sets) * len(ids),
            "counts": {a: answers.count(a) for a in SCALE},
            "unanswered": len(sets) * len(ids) - len(answers),
            "readiness": sum(weighted) / len(weighted) if weighted else None,
        }
    return figures


def test_figures_equal_an_independent_count(report, ten):
    result, _ = report
    expected = _independent(ten[1])
    summary = result.summary
    assert [t.theme_id for t in summary.themes] == list(THEMES)
    for theme in summary.themes:
        want = expected[theme.theme_id]
        counts = theme.counts
        assert (counts.total, counts.by_answer, counts.unanswered) == (
            want["total"], want["counts"], want["unanswered"])
        assert counts.readiness == pytest.approx(want["readiness"], abs=0.005)  # rounded to whole percent
    disagree = [i for i in IDS if {"Ja", "Nej"} <= {s[i]["answer"] for s in ten[1] if i in s}]
    assert [i.item_id for _, i in summary.disagreements] == disagree
    assert result.messages == [] and result.rejected == []


def test_the_database_holds_exactly_the_typed_answers(report, ten):
    result, out = report
    assert result.database == out / "svar.sqlite" and result.round == "2027-02"
    with sqlite3.connect(result.database) as db:
        rows = db.execute("SELECT f.respondent, a.item_id, a.answer, a.priority, a.owner, a.deadline, a.comment "
                          "FROM answers a JOIN files f ON f.id = a.file_id").fetchall()
        [(files, names)] = db.execute("SELECT COUNT(*), COUNT(DISTINCT name) FROM files").fetchall()
    assert files == names == len(NAMES)
    got = {(name, item): rest for name, item, *rest in rows}
    assert len(got) == len(NAMES) * len(IDS)
    for name, filled in zip(NAMES, ten[1], strict=True):
        for item_id in IDS:
            fields = filled.get(item_id, {})
            deadline = fields.get("deadline")
            assert got[(name, item_id)] == [fields.get("answer"), fields.get("priority"), fields.get("owner"),
                                           deadline.isoformat() if deadline else None, fields.get("comment")]


def test_action_plan_has_one_row_per_statement_sorted_by_highest_priority(report, ten):
    summary = report[0].summary
    rank = {p: k for k, p in enumerate(PRIORITIES)}
    expected = []
    for position, item_id in enumerate(IDS):
        planned = [s[item_id] for s in ten[1] if s.get(item_id, {}).get("answer") in ("Nej", "Delvist")]
        if planned:
            best = min(rank.get(f.get("priority"), 3) for f in planned)
            owners = list(dict.fromkeys(f["owner"] for f in planned))
            comments = [s[item_id]["comment"] for s in ten[1] if s.get(item_id, {}).get("comment")]
            expected.append((best, position, item_id, owners, comments, len(planned)))
    expected.sort()
    got = [(a.item_id, list(a.owners), [c.text for c in summary.comments(a.item_id)],
            a.counts.by_answer["Nej"] + a.counts.by_answer["Delvist"]) for a in summary.actions]
    assert got == [(e[2], e[3], e[4], e[5]) for e in expected]
    assert summary.actions[0].priority == "Høj"


def test_summary_xlsx_has_one_row_per_respondent_and_item_and_text_stays_text(report, ten):
    _, out = report
    wb = openpyxl.load_workbook(out / "samlet.xlsx")
    assert wb.sheetnames == ["Svar", "Handleplan", "Temaer", "Udsagn", "Respondenter", "Om"]
    rows = list(wb["Svar"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(NAMES) * len(IDS)
    header = [c.value for c in wb["Svar"][1]]
    col = {h: k for k, h in enumerate(header)}
    for row in rows:
        filled = ten[1][row[col["Respondent nr."]] - 1].get(row[col["Id"]], {})
        assert row[col["Svar"]] == filled.get("answer")
        assert row[col["Respondent"]] == NAMES[row[col["Respondent nr."]] - 1]
    formula_like = [c for row in wb["Svar"].iter_rows(min_row=2) for c in row
                    if c.value == "=SUM(A1:A3)"]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    assert len(list(wb["Handleplan"].iter_rows(min_row=2))) == len(report[0].summary.actions)
    themes = list(wb["Temaer"].iter_rows(min_row=2, values_only=True))
    expected = _independent(ten[1])
    for row, theme in zip(themes, THEMES, strict=False):
        assert row[4:9] == tuple(expected[theme]["counts"][a] for a in SCALE)
    assert themes[-1][1] == "I alt"
    props = wb.properties
    assert props.creator == "Fjordby Kommune" and props.creator != "openpyxl"
    assert props.title == "Samlet opgørelse: Temamøde om velfærdsalliancer"
    assert props.subject.startswith("Svar, handleplan og tal fra selvevalueringerne")
    about = dict(wb["Om"].iter_rows(values_only=True))
    assert about["Mødedato"] == "4. februar 2027"
    assert about["Katalog"] == "Testkatalog, version 9999.1 af 15. januar 2026"


def test_action_plan_and_respondents_sheets_hold_what_the_summary_holds(report):
    """Handleplan and Respondenter are made as XML rows: same values and types as the summary's."""
    result, out = report
    summary = result.summary
    wb = openpyxl.load_workbook(out / "samlet.xlsx")
    plan = list(wb["Handleplan"].iter_rows(min_row=2))
    assert len(plan) == len(summary.actions)
    header = [c.value for c in wb["Handleplan"][1]]
    dated = commented = 0
    for row, action in zip(plan, summary.actions, strict=True):
        cells = dict(zip(header, row, strict=True))
        lines = [f"{c.respondent} ({c.answer}): {c.text}" if c.answer else f"{c.respondent}: {c.text}"
                 for c in summary.comments(action.item_id)]
        assert (cells["Bemærkning"].value or "") == "\n".join(lines)
        commented += bool(lines)
        assert cells["Nej"].value == action.counts.by_answer["Nej"] and cells["Nej"].data_type == "n"
        assert (cells["Prioritet"].value, cells["Udsagn"].value) == (action.priority, action.statement)
        if len(action.deadlines) == 1 and isinstance(action.deadlines[0], dt.date):
            assert cells["Frist"].value.date() == action.deadlines[0] and cells["Frist"].is_date
            dated += 1
    assert dated and commented
    people = list(wb["Respondenter"].iter_rows(min_row=2, values_only=True))
    assert [(p[0], p[1], p[5], p[6], p[7]) for p in people] == [
        (r.number, r.label, r.file, r.answered, r.total) for r in summary.respondents]
    assert [t.ref for t in (wb["Handleplan"].tables["Handleplan"], wb["Respondenter"].tables["Respondenter"])] == [
        f"A1:K{len(plan) + 1}", f"A1:H{len(people) + 1}"]


def test_pdf_is_tagged_and_shows_figures_version_and_definitions(report, ten):
    _, out = report
    pdf = out / "statusrapport.pdf"
    flat = pdf_text(pdf)
    assert "Statusrapport" in flat and "version 9999.1 af 15. januar 2026" in flat
    assert "mindst én har svaret Ja og mindst én har svaret Nej" in flat
    for name in NAMES:
        assert name in flat
    expected = _independent(ten[1])
    readiness = expected["frivillige"]["readiness"]
    assert f"1 Frivillige i kommunen {len(THEMES['frivillige'])} udsagn" in flat
    assert f"parathed {round(readiness * 100)} %" in flat
    with pikepdf.open(pdf) as doc:
        assert "/StructTreeRoot" in doc.Root
        assert str(doc.Root.Lang) == "da"


def test_charts_are_accessible_svg_with_text_alternatives(report):
    from workbook.report.view import Intake, build_view

    view = build_view(report[0].summary, intake=Intake(), today=TODAY)
    svg = str(view["overview_chart"])
    assert svg.startswith("<svg") and 'role="img"' in svg
    title = re.search(r"<title id=\"([^\"]+)\">([^<]+)</title>", svg)
    desc = re.search(r"<desc id=\"([^\"]+)\">([^<]+)</desc>", svg)
    assert title and desc and f'aria-labelledby="{title[1]} {desc[1]}"' in svg
    assert desc[2].startswith("1. Frivillige: Ja ")


def test_anonym_keeps_names_out_of_every_output(ten, tmp_path):
    folder = tmp_path / "svar"
    shutil.copytree(ten[0], folder)
    shutil.copy(CORPUS / "off-scale.xlsx", folder / "svar-anne.xlsx")
    result = make_report([folder], out_dir=tmp_path / "ud", catalog=CATALOG, anonym=True, today=TODAY)
    names = [*NAMES, "Anne off-scale", "Afdeling 1"]
    text = pdf_text(tmp_path / "ud" / "statusrapport.pdf")
    wb = openpyxl.load_workbook(tmp_path / "ud" / "samlet.xlsx")
    cells = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    reports = " ".join(p.read_text() for p in (tmp_path / "ud").glob("fejlrapport-*.txt"))
    for name in names:
        assert name not in text and name not in cells and name not in reports
    assert "Respondent 11" in text and "Respondent 1" in cells
    assert [p.name for p in (tmp_path / "ud").glob("fejlrapport-*")] == ["fejlrapport-svar-anne.txt"]
    assert result.rejected == []


def test_corpus_run_reports_each_bad_file_once_and_counts_the_good(tmp_path):
    result = make_report([CORPUS], out_dir=tmp_path, catalog=CATALOG, pdf=False, today=TODAY)
    assert len(result.rejected) == 12
    assert len(result.summary.respondents) == 7  # 4 good, typos, off-scale, deleted row
    for path in result.rejected:
        lines = [m for m in result.messages if m.startswith(f"{path}:")]
        assert len(lines) == 1, lines
    assert not any("Traceback" in m for m in result.messages)
    report = (tmp_path / "fejlrapport-off-scale.txt").read_text()
    assert "1. Ugyldigt svar\n   Hvor:     arket 'Frivillige', celle D7, udsagn 1.3\n   Fundet:   'måske'\n" \
           "   Tilladt:  Ja, Delvist, Nej, Ved ikke, Ikke relevant\n" in report
    rejected = (tmp_path / "fejlrapport-encrypted.txt").read_text()
    assert "Filen kunne ikke læses" in rejected and "adgangskode" in rejected
    assert not (tmp_path / "fejlrapport-good-anne.txt").exists()


def test_the_same_file_twice_counts_once(tmp_path):
    folder = tmp_path / "ind"
    folder.mkdir()
    anne = write_filled(folder / "svar-anne.xlsx", CATALOG, {IDS[0]: {"answer": "Nej", "priority": "Høj"}},
                        {"Respondent_navn": "Anne"})
    write_filled(folder / "svar-bo.xlsx", CATALOG, {IDS[0]: {"answer": "Ja"}}, {"Respondent_navn": "Bo"})
    shutil.copy(anne, folder / "svar-anne (2).xlsx")  # sent twice under another name
    shutil.copy(anne, tmp_path / "svar-anne.xlsx")  # and saved beside the folder too
    result = make_report([folder, tmp_path / "svar-anne.xlsx", anne], out_dir=tmp_path / "ud",
                         catalog=CATALOG, today=TODAY)
    assert [r.label for r in result.summary.respondents] == ["Anne", "Bo"]
    assert [(a.item_id, a.counts.by_answer["Nej"]) for a in result.summary.actions] == [(IDS[0], 1)]
    assert result.messages == [
        f"{folder / 'svar-anne.xlsx'}: filen er den samme som {folder / 'svar-anne (2).xlsx'}; talt med én gang",
        f"{tmp_path / 'svar-anne.xlsx'}: filen er den samme som {folder / 'svar-anne (2).xlsx'}; "
        "talt med én gang",
        f"{anne}: filen er den samme som {folder / 'svar-anne (2).xlsx'}; talt med én gang",
    ]
    assert result.warnings == [] and result.rejected == []
    flat = pdf_text(tmp_path / "ud" / "statusrapport.pdf")
    assert "En fil tælles kun én gang" in flat and "3 filer var en kopi og er sprunget over" in flat
    assert "Har to forskellige filer samme respondentnavn, tælles begge med" in flat


def test_a_file_given_by_a_link_or_another_path_is_read_once(tmp_path):
    folder = tmp_path / "ind"
    folder.mkdir()
    anne = write_filled(folder / "anne.xlsx", CATALOG, {IDS[0]: {"answer": "Nej"}}, {"Respondent_navn": "Anne"})
    (tmp_path / "link.xlsx").symlink_to(anne)
    os.link(anne, tmp_path / "hard.xlsx")
    given = [folder, tmp_path / "ind" / ".." / "ind" / "anne.xlsx", tmp_path / "link.xlsx", tmp_path / "hard.xlsx"]
    files, problems = find_inputs(given)
    inputs, same = drop_duplicates(files)
    assert problems == [] and inputs == [anne] and [place for place, _, _ in same] == [1, 2, 3]
    result = make_report(given, out_dir=tmp_path / "ud", catalog=CATALOG, pdf=False, today=TODAY)
    assert [r.label for r in result.summary.respondents] == ["Anne"]
    assert result.duplicates == given[1:] and result.rejected == []


def test_same_respondent_with_different_content_counts_both_with_a_warning(tmp_path):
    write_filled(tmp_path / "a.xlsx", CATALOG, {IDS[0]: {"answer": "Ja"}}, {"Respondent_navn": "Anne"})
    write_filled(tmp_path / "b.xlsx", CATALOG, {IDS[0]: {"answer": "Nej"}}, {"Respondent_navn": "anne"})
    result = make_report([tmp_path], out_dir=tmp_path / "ud", catalog=CATALOG, pdf=False, today=TODAY)
    assert len(result.summary.respondents) == 2
    assert result.messages == [f"{tmp_path / 'b.xlsx'}: samme respondent som i {tmp_path / 'a.xlsx'}; "
                               "begge filer er talt med"]


def test_bad_deadline_and_uncomputed_formula_are_reported_and_kept(tmp_path):
    path = write_filled(tmp_path / "svar.xlsx", CATALOG, {
        IDS[0]: {"answer": "Nej", "priority": "Høj", "owner": "FORMULA", "deadline": "i morgen"},
    }, {"Respondent_navn": "Anne"})
    replace_cells(path, {"FORMULA": '><f>UPPER("direktionen")</f>'})
    result = make_report([path], out_dir=tmp_path / "ud", catalog=CATALOG, pdf=False, today=TODAY)
    assert result.messages == [
        f"{path} [Frivillige!F5]: formlen '=UPPER(\"direktionen\")' har ingen beregnet værdi (filen er "
        "gemt af et andet program end Excel); formlen er bevaret som tekst",
        f"{path} [Frivillige!G5]: 'i morgen' er ikke en dato (skriv fx 15.03.2027)",
    ]
    report = (tmp_path / "ud" / "fejlrapport-svar.txt").read_text()
    assert ("2. Frist er ikke en dato\n   Hvor:     arket 'Frivillige', celle G5, udsagn 1.1\n"
            "   Fundet:   'i morgen'\n   Tilladt:  en dato, fx 15.03.2027\n") in report
    assert "1. Formel uden beregnet værdi\n" in report
    wb = openpyxl.load_workbook(tmp_path / "ud" / "samlet.xlsx")
    header = [c.value for c in wb["Handleplan"][1]]
    [row] = list(wb["Handleplan"].iter_rows(min_row=2))
    cells = dict(zip(header, row, strict=True))
    assert cells["Frist"].value == "i morgen" and cells["Frist"].data_type == "s"
    assert cells["Ansvarlig"].value == '=UPPER("direktionen")' and cells["Ansvarlig"].data_type == "s"
    svar = {c.value: k for k, c in enumerate(wb["Svar"][1])}
    first = [c for c in wb["Svar"][2]]
    assert first[svar["Ansvarlig"]].data_type == "s" and first[svar["Frist"]].value == "i morgen"


def test_gathered_comments_stay_within_an_excel_cell_and_say_they_were_cut(tmp_path):
    long = "lang bemærkning " * 800  # 12,800 characters, three of them pass Excel's 32,767
    for name in ("Anne", "Bo", "Carl"):
        write_filled(tmp_path / f"{name}.xlsx", CATALOG, {IDS[0]: {"answer": "Nej", "comment": f"{name}: {long}"}},
                     {"Respondent_navn": name})
    make_report([tmp_path], out_dir=tmp_path / "ud", catalog=CATALOG, pdf=False, today=TODAY)
    wb = openpyxl.load_workbook(tmp_path / "ud" / "samlet.xlsx")
    header = [c.value for c in wb["Handleplan"][1]]
    [row] = list(wb["Handleplan"].iter_rows(min_row=2, values_only=True))
    gathered = dict(zip(header, row, strict=True))["Bemærkning"]
    assert len(gathered) == 32767 and gathered.endswith("hele teksten står i svarbanken]")
    assert gathered.startswith("Anne (Nej): Anne: lang") and "\nBo (Nej): Bo: lang" in gathered
    svar = {c.value: k for k, c in enumerate(wb["Svar"][1])}
    assert [r[svar["Bemærkning"]] for r in wb["Svar"].iter_rows(min_row=2, values_only=True)
            if r[svar["Bemærkning"]]] == [f"{n}: {long}".strip() for n in ("Anne", "Bo", "Carl")]


# --- CLI (with the shipped catalog) -------------------------------------------------------------


@pytest.fixture
def shipped_workbooks(catalog, tmp_path) -> Path:
    folder = tmp_path / "svar"
    folder.mkdir()
    meeting = make_meeting(catalog)
    first = catalog.themes[0].checklist
    write_filled(folder / "a.xlsx", catalog, {first[0].id: {"answer": "Ja"}},
                 {"Respondent_navn": "Anne"}, meeting=meeting)
    write_filled(folder / "b.xlsx", catalog, {first[0].id: {"answer": "Nej", "priority": "Høj"}},
                 {"Respondent_navn": "Bo"}, meeting=meeting)
    return folder


def test_cli_report_exit_codes(shipped_workbooks, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["report", str(shipped_workbooks), "-o", str(tmp_path / "ud")])
    assert ok.exit_code == 0, ok.output
    month = dt.date.today().strftime("%Y-%m")
    assert ok.stdout.splitlines() == [f"Skrevet: {tmp_path / 'ud' / 'samlet.xlsx'}",
                                      f"Skrevet: {tmp_path / 'ud' / 'statusrapport.pdf'}",
                                      f"Svarbank: {tmp_path / 'ud' / 'svar.sqlite'} (runde {month})"]
    (shipped_workbooks / "x.xlsx").write_text("ikke excel")
    bad = runner.invoke(cli, ["report", str(shipped_workbooks), "-o", str(tmp_path / "ud")])
    assert bad.exit_code == 1
    assert bad.stderr == f"{shipped_workbooks / 'x.xlsx'}: filen er ikke en Excel-fil (xlsx)\n"
    (shipped_workbooks / "x.xlsx").unlink()
    strict = runner.invoke(cli, ["report", str(shipped_workbooks), str(tmp_path / "mangler.xlsx"),
                                 "--strict", "-o", str(tmp_path / "ud")])
    assert strict.exit_code == 1
    assert strict.stderr == f"{tmp_path / 'mangler.xlsx'}: filen findes ikke\n"


def test_cli_report_with_nothing_to_read(tmp_path):
    (tmp_path / "tom").mkdir()
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "tom")])
    assert result.exit_code == 1
    assert result.stderr == f"Fejl: {tmp_path / 'tom'}: mappen indeholder ingen Excel-filer (.xlsx)\n"


def test_error_report_template_override_is_sandboxed(tmp_path: Path) -> None:
    """A --templates override of fejlrapport.txt cannot reach Python or read files."""
    from click.testing import CliRunner

    from workbook.cli.commands import cli

    bad = tmp_path / "svar.xlsx"
    bad.write_text("ikke et regneark", encoding="utf-8")
    templates = tmp_path / "skabeloner"
    templates.mkdir()
    (templates / "fejlrapport.txt").write_text(
        "{{ file.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    out = tmp_path / "rapport"
    result = CliRunner().invoke(cli, ["report", str(bad), "-o", str(out), "--templates", str(templates)])
    assert result.exit_code == 1
    assert "skabelonen 'fejlrapport.txt' må ikke bruge Python-attributten '__class__'" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not list(out.glob("fejlrapport-*.txt"))
