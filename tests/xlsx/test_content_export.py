"""The content workbook written by 'workbook content eksport': sheets, columns, the catalog's texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from workbook import app
from workbook.cli.commands import cli
from workbook.errors import OutputError
from workbook.xlsx import content_layout as C


def test_export_lists_the_chosen_themes_with_catalog_text(catalog) -> None:
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser"])
    wb = load_workbook("indhold.xlsx")
    assert wb.sheetnames == [C.GUIDE_SHEET, *(s.name for s in C.SHEETS), C.META_SHEET]
    assert wb[C.META_SHEET].sheet_state == "hidden"
    ws = wb["Udsagn"]
    assert tuple(c.value for c in ws[1]) == C.SHEETS[2].headers
    theme = catalog.theme("roller-og-graenser")
    rows = [tuple(c.value for c in r[:3]) for r in ws.iter_rows(min_row=2)]
    assert rows == [(i.id, theme.id, i.statement) for i in theme.checklist]
    with pytest.raises(OutputError, match="findes allerede og overskrives ikke"):
        app.export_content(Path("indhold.xlsx"))


def test_texts_are_written_as_text_never_as_a_formula() -> None:
    Path("lokalt").mkdir()
    Path("lokalt/a.yaml").write_text("themes:\n  - id: roller-og-graenser\n    title: =SUM(1;2)\n",
                                     encoding="utf-8")
    app.export_content(Path("indhold.xlsx"), ["roller-og-graenser"], content=Path("lokalt"))
    cell = load_workbook("indhold.xlsx")["Temaer"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(1;2)", "s")

def test_cli_exports(catalog) -> None:
    result = CliRunner().invoke(cli, ["content", "eksport", "ind.xlsx", "--tema", "frivillige-jura"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Indholdet er skrevet: ind.xlsx\nRet teksterne i kolonnerne »(kommunens)«, og "
                             "skriv 'indhold: ind.xlsx' i mødefilen.\n")
    result = CliRunner().invoke(cli, ["content", "eksport", "x.xlsx", "--tema", "jura"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Fejl: --tema: ukendt tema 'jura'. Gyldige temaer: velfaerdsalliancer")
