"""Tests of collecting filled workbooks: the local content a workbook was made with, against the one in use."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from xlsx_fixtures import MEETING_YAML

from workbook.cli.commands import cli
from workbook.content.load import load_catalog
from workbook.xlsx.layout import COLUMN_BY_KEY, NAME_RESPONDENT
from workbook.xlsx.read import read_response
from workbook.xlsx.write import item_rows

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
ANSWER_COLUMN = list(COLUMN_BY_KEY).index("answer") + 1
WARNING = "arket er lavet med kommunens eget indhold, men rapporten laves uden"


def _checklist(target: str, *options: str) -> Path:
    """Write the meeting's workbook with ``workbook checklist`` and fill in a name and one answer."""
    result = CliRunner().invoke(cli, ["checklist", "møde.yaml", "-o", target, *options])
    assert result.exit_code == 0, result.output
    wb = load_workbook(target)
    sheet, row = next(iter(item_rows(wb).values()))
    wb[sheet].cell(row, ANSWER_COLUMN).value = "Ja"
    [(name_sheet, ref)] = list(wb.defined_names[NAME_RESPONDENT].destinations)
    wb[name_sheet][ref.replace("$", "")].value = f"Respondent {target}"
    wb.save(target)
    return Path(target)


def test_the_workbook_records_the_digest_of_its_local_content():
    Path("møde.yaml").write_text(MEETING_YAML, encoding="utf-8")
    shutil.copytree(EXAMPLES / "lokalt-indhold", "lokalt")
    local = load_catalog(Path("lokalt"))
    assert len(local.local_hash) == 64 and local.local_hash != local.content_hash
    assert load_catalog().local_hash == ""

    with_local = read_response(_checklist("med.xlsx", "--content", "lokalt"), local)
    without = read_response(_checklist("uden.xlsx"), load_catalog())

    assert with_local.local_content_hash == local.local_hash
    assert without.local_content_hash == ""


def test_report_warns_once_per_workbook_made_with_other_local_content():
    Path("møde.yaml").write_text(MEETING_YAML, encoding="utf-8")
    shutil.copytree(EXAMPLES / "lokalt-indhold", "lokalt")
    Path("svar").mkdir()
    _checklist("svar/a.xlsx", "--content", "lokalt")
    _checklist("svar/b.xlsx", "--content", "lokalt")
    _checklist("svar/c.xlsx")
    runner = CliRunner()

    plain = runner.invoke(cli, ["report", "svar", "-o", "rapport"])

    assert plain.exit_code == 0, plain.output
    warned = [line for line in plain.stderr.splitlines() if "lokalt indhold" in line or WARNING in line]
    advice = ("(giv mødefilen med --moede, eller --content med samme indhold som da arket blev lavet); "
              "tekster i rapporten kan afvige fra dem i arket")
    assert warned == [f"svar/a.xlsx: {WARNING} {advice}", f"svar/b.xlsx: {WARNING} {advice}"]

    local = runner.invoke(cli, ["report", "svar", "-o", "rapport2", "--content", "lokalt"])

    assert local.exit_code == 0, local.output
    assert [line for line in local.stderr.splitlines() if "lokalt indhold" in line] == [
        "svar/c.xlsx: arket er lavet uden lokalt indhold, men rapporten laves med lokalt indhold; "
        "tekster i rapporten kan afvige fra dem i arket"]
