"""The content workbook read back: edited in Excel (here openpyxl), used through the meeting's indhold: key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook

from workbook import app
from workbook.cli.commands import cli
from workbook.errors import CatalogError
from workbook.xlsx import content_layout as C

ROOT = Path(__file__).resolve().parent.parent.parent
NEW_DECISION = "forvaltningen laver en frivilligstrategi sammen med Fjordbys foreninger"
NEW_STATEMENT = "Fjordby har en skriftlig aftale med hver frivillig."
NEW_TITLE = "Roller og grænser i Fjordby"


def _meeting(extra: str = "indhold: indhold.xlsx\n") -> Path:
    text = (ROOT / "examples" / "socialudvalg.yaml").read_text(encoding="utf-8")
    path = Path("moede.yaml")
    path.write_text(text + extra, encoding="utf-8")
    return path


def _set(path: Path, sheet: str, item_id: str, header: str, value: str) -> str:
    """Write ``value`` in the row of ``item_id`` under ``header``; return the catalog's text beside it."""
    wb = load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == item_id)
    row[headers.index(header)].value = value
    catalog_header = header.replace(C.LOCAL_SUFFIX, C.CATALOG_SUFFIX)
    old = row[headers.index(catalog_header)].value if catalog_header in headers else ""
    wb.save(path)
    return old


@pytest.fixture
def edited() -> dict[str, str]:
    """Export the content, change a decision, a statement and a theme title; return the old texts."""
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser", "frivillige-jura"])
    return {
        "decision": _set(Path("indhold.xlsx"), "Beslutninger", "roller-og-graenser-b1", "Beslutning (at …) (kommunens)",
                         NEW_DECISION),
        "statement": _set(Path("indhold.xlsx"), "Udsagn", "roller-og-graenser-t1", "Udsagn (kommunens)", NEW_STATEMENT),
        "title": _set(Path("indhold.xlsx"), "Temaer", "roller-og-graenser", "Titel (kommunens)", NEW_TITLE),
    }



def test_changed_texts_reach_the_guide_agenda_and_workbook_through_indhold(edited, catalog) -> None:
    meeting = _meeting("indhold: indhold.xlsx\nindstilling: [roller-og-graenser-b1]\n")
    html = app.make_guide(meeting, fmt="html", output=Path("guide.html")).read_text(encoding="utf-8")
    assert NEW_DECISION in html and NEW_STATEMENT in html and NEW_TITLE in html
    assert edited["decision"] not in html and edited["statement"] not in html
    # what was not changed stays: the theme's other statements and the other theme
    assert catalog.theme("roller-og-graenser").checklist[1].statement in html
    assert catalog.theme("frivillige-jura").title in html

    _docx, text = app.make_agenda_item(meeting, output=Path("dagsordenspunkt.docx"))
    agenda = " ".join(text.read_text(encoding="utf-8").split())
    assert NEW_DECISION in agenda and edited["decision"] not in agenda

    result = app.make_checklist(meeting, output=Path("selvevaluering.xlsx"))
    texts = {c.value for ws in load_workbook(result.path) for r in ws.iter_rows() for c in r if c.value}
    assert NEW_STATEMENT in texts and edited["statement"] not in texts


def test_the_content_option_overrides_indhold(edited) -> None:
    meeting = _meeting()
    html = app.make_guide(meeting, fmt="html", output=Path("a.html"),
                          content=ROOT / "examples" / "lokalt-indhold").read_text(encoding="utf-8")
    assert NEW_STATEMENT not in html and edited["statement"] in html


def test_cli_uses_indhold_without_the_option(edited) -> None:
    meeting = _meeting()
    result = CliRunner().invoke(cli, ["guide", str(meeting), "--format", "html", "-o", "g.html"])
    assert result.exit_code == 0, result.output
    assert NEW_DECISION in Path("g.html").read_text(encoding="utf-8")



def test_remove_and_add_rows(catalog) -> None:
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser"])
    _set(Path("indhold.xlsx"), "Spørgsmål", "roller-og-graenser-q2", "Handling", "fjern")
    wb = load_workbook("indhold.xlsx")
    ws = wb["Beslutninger"]
    ws.append(["roller-og-graenser-b9", "roller-og-graenser", "", "forvaltningen følger op om et år", "", "", "Ny"])
    wb.save("indhold.xlsx")
    cat = app.load_catalog(Path("indhold.xlsx"))
    theme = cat.theme("roller-og-graenser")
    assert "roller-og-graenser-q2" not in [q.id for q in theme.questions]
    assert len(theme.questions) == len(catalog.theme("roller-og-graenser").questions) - 1
    assert theme.decisions[-1].id == "roller-og-graenser-b9"
    assert theme.decisions[-1].text == "forvaltningen følger op om et år"


def test_a_malformed_content_workbook_gives_located_danish_errors(catalog) -> None:
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser"])
    path = Path("indhold.xlsx")
    _set(path, "Udsagn", "roller-og-graenser-t2", "Handling", "slet")
    _set(path, "Beslutninger", "roller-og-graenser-b1", "Tema", "")
    _set(path, "Beslutninger", "roller-og-graenser-b1", "Beslutning (at …) (kommunens)", "noget nyt")
    _set(path, "Spørgsmål", "roller-og-graenser-q1", "Id", "roller-og-graenser-q99")
    _set(path, "Spørgsmål", "roller-og-graenser-q99", "Spørgsmål (kommunens)", "Et nyt spørgsmål?")
    with pytest.raises(CatalogError) as info:
        app.load_catalog(path)
    assert [str(p) for p in info.value.problems] == [
        "indhold.xlsx [Udsagn!I3]: punkt 'roller-og-graenser-t2': 'slet' er ikke en handling: skriv »fjern«, "
        "»ny« eller lad feltet stå tomt",
        "indhold.xlsx [Beslutninger!B2]: punkt 'roller-og-graenser-b1': temaets id mangler",
    ]
    # once the structure is right, the loader checks the content itself, still by sheet and cell
    _set(path, "Udsagn", "roller-og-graenser-t2", "Handling", "")
    _set(path, "Beslutninger", "roller-og-graenser-b1", "Tema", "roller-og-graenser")
    result = CliRunner().invoke(cli, ["content", "check", "--content", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert ("indhold.xlsx [Spørgsmål!D2]: spørgsmål 'roller-og-graenser-q99': findes ikke i kataloget; et nyt punkt "
            "lægges til med »ny« i kolonnen Handling") in result.stderr


def test_a_workbook_that_is_not_a_content_workbook(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "data" / "temamoede.yaml", "m.yaml")
    from openpyxl import Workbook

    Workbook().save("andet.xlsx")
    with pytest.raises(CatalogError) as info:
        app.load_catalog(Path("andet.xlsx"))
    assert str(info.value) == ("Lokalt indhold (1):\n  andet.xlsx: filen er ikke lavet med 'workbook content "
                               "eksport' (arket »Om indholdet« mangler)")


def test_a_renamed_column_and_a_guide_from_a_broken_workbook(catalog) -> None:
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser"])
    wb = load_workbook("indhold.xlsx")
    wb["Udsagn"]["D1"].value = "Udsagn (vores)"
    wb.save("indhold.xlsx")
    result = CliRunner().invoke(cli, ["guide", str(_meeting()), "--format", "html", "-o", "g.html"])
    assert result.exit_code == 1
    assert result.stderr == ("Fejl: Lokalt indhold (1):\n  indhold.xlsx [Udsagn]: kolonnen »Udsagn (kommunens)« "
                             "mangler; omdøb eller slet ikke kolonnerne\n")
    assert not Path("g.html").exists()


@needs_soffice
@pytest.mark.libreoffice
def test_a_content_workbook_saved_by_libreoffice_reads_the_same(edited, tmp_path: Path) -> None:
    [saved] = convert([Path("indhold.xlsx")], "xlsx", tmp_path / "lo")
    ours = app.load_catalog(Path("indhold.xlsx"))
    theirs = app.load_catalog(saved)
    assert theirs.theme("roller-og-graenser") == ours.theme("roller-og-graenser")
    assert theirs.theme("roller-og-graenser").checklist[0].statement == NEW_STATEMENT


def _fill(path: Path, answers: dict[str, str]) -> None:
    """Answer ``answers`` (item id → Svar) in the written workbook, with a respondent, as Excel would."""
    from workbook.xlsx.layout import COLUMN_BY_KEY, NAME_DATE, NAME_RESPONDENT, NAME_ROLE
    from workbook.xlsx.write import item_rows

    wb = load_workbook(path)
    column = list(COLUMN_BY_KEY).index("answer") + 1
    for item_id, (sheet, row) in item_rows(wb).items():
        if item_id in answers:
            wb[sheet].cell(row, column).value = answers[item_id]
    for name, value in ((NAME_RESPONDENT, "Anne Holm"), (NAME_ROLE, "leder"), (NAME_DATE, "2027-03-01")):
        [(sheet, ref)] = list(wb.defined_names[name].destinations)
        wb[sheet][ref.replace("$", "")].value = value
    wb.save(path)


def test_the_report_shows_the_changed_texts_through_the_meeting_file(edited) -> None:
    """The report, given the meeting file and no --content, uses indhold: like the guide does."""
    meeting = _meeting()
    result = app.make_checklist(meeting, output=Path("svar") / "anne.xlsx")
    _fill(result.path, {"roller-og-graenser-t1": "Nej", "roller-og-graenser-t2": "Ja"})
    outcome = CliRunner().invoke(cli, ["report", "svar", "--moede", str(meeting), "-o", "rapport"])
    assert outcome.exit_code == 0, outcome.output
    assert "indhold" not in outcome.output  # no warning: the same local content as the workbook's
    texts = {str(c.value) for ws in load_workbook(Path("rapport") / "samlet.xlsx")
             for r in ws.iter_rows() for c in r if c.value}
    joined = "\n".join(texts)
    assert NEW_STATEMENT in joined and edited["statement"] not in joined
    assert NEW_DECISION in joined

    without = CliRunner().invoke(cli, ["report", "svar", "-o", "rapport-uden"])
    assert "men rapporten laves uden (giv mødefilen med --moede" in " ".join(without.output.split())
