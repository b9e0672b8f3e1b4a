"""«Status fra selvevalueringen»: a real report's answer database carried into the next meeting's guide."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pdftext import norm, page_texts
from xlsx_fixtures import MEETING_YAML, write_filled

from workbook import app
from workbook.cli.commands import cli

#: The first meeting: the fixtures' meeting file with a second theme.
FIRST = MEETING_YAML + "  - roller-og-graenser\n"
#: The next meeting: one theme from the first meeting, one new; the database is named in the file.
NEXT = FIRST.replace("Temamøde om velfærdsalliancer", "Opfølgning på velfærdsalliancer").replace(
    "2027-02-04", "2027-05-06").replace("  - roller-og-graenser\n", "").replace(
    "  - velfaerdsalliancer\n", "  - opfoelgning-laering\n  - velfaerdsalliancer\n")


@pytest.fixture(scope="module")
def bank(tmp_path_factory) -> tuple[Path, Path]:
    """A first meeting's answer database made by the real ``report``; and the next meeting's file."""
    tmp = tmp_path_factory.mktemp("loop")
    (tmp / "moede-1.yaml").write_text(FIRST, encoding="utf-8")
    (tmp / "moede-2.yaml").write_text(NEXT + "status: svar.sqlite\n", encoding="utf-8")
    meeting, catalog = app.load_meeting(tmp / "moede-1.yaml")
    first = [i.id for i in catalog.theme("velfaerdsalliancer").checklist]
    roles = [i.id for i in catalog.theme("roller-og-graenser").checklist]
    answers = {
        "anne": {first[0]: "Ja", first[1]: {"answer": "Nej", "priority": "Høj", "owner": "Direktionen",
                                             "deadline": "01.09.2027"},
                 first[2]: "Ved ikke", roles[0]: "Ja"},
        "bo": {first[0]: "Nej", first[1]: "Delvist", first[2]: "Ja", roles[0]: "Nej"},
    }
    (tmp / "svar").mkdir()
    for name, fields in answers.items():
        write_filled(tmp / "svar" / f"{name}.xlsx", catalog,
                     {k: v if isinstance(v, dict) else {"answer": v} for k, v in fields.items()},
                     {"Respondent_navn": name.title()}, meeting)
    app.make_report([tmp / "svar"], out_dir=tmp / "rapport", database=tmp / "svar.sqlite", round="forår 2027")
    return tmp / "svar.sqlite", tmp / "moede-2.yaml"


@pytest.fixture(scope="module")
def pdf_text(bank) -> str:
    _, meeting = bank
    path = app.make_guide(meeting, output=meeting.with_name("guide.pdf"))  # the database from status:
    pages = page_texts(path)
    return next(p for p in pages if "Status fra selvevalueringen" in p and "Parathed" in p)


def test_the_section_says_where_the_meetings_themes_stand(pdf_text):
    assert re.search(r"»forår 2027« af \d+\. \w+ 20\d\d, med to besvarelser", pdf_text)
    # velfaerdsalliancer: Ja 2, Nej 2, Delvist 1, Ved ikke 1: readiness 2.5 of 5, «Ved ikke» 1 of 6
    assert re.search(r"2 Velfærdsalliancer[^%]* 50 % 17 %", pdf_text), pdf_text
    assert "1 Opfølgning: mål, viden og læring ikke besvaret –" in pdf_text  # new on this agenda
    assert "Roller og grænser" not in pdf_text  # the first meeting's other theme is not on this agenda


def test_disagreements_become_questions_and_open_actions_keep_owner_and_deadline(pdf_text):
    assert "Uenighed at drøfte" in pdf_text and "Hvorfor svarer nogle Ja og andre Nej til »" in pdf_text
    assert "2.1 Hvorfor svarer nogle Ja og andre Nej til »Kommunalbestyrelsen har vedtaget" in pdf_text
    assert "1 Ja og 1 Nej" in pdf_text
    assert "Åbne handlinger" in pdf_text
    assert "Ansvarlig: Direktionen; frist: 01.09.2027; prioritet: høj." in pdf_text


def test_a_database_from_another_meeting_says_so(pdf_text):
    assert "Svarene er givet til selvevalueringen før mødet »Temamøde om velfærdsalliancer« 4. februar 2027" \
        in pdf_text


def test_the_word_guide_and_the_cli_option(bank, tmp_path):
    db, _ = bank
    plain = tmp_path / "plain.yaml"
    plain.write_text(NEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["guide", str(plain), "--status", str(db), "--format", "docx",
                                      "-o", str(tmp_path / "guide.docx")])
    assert result.exit_code == 0, result.output
    text = norm(" ".join(p.text for p in Document(tmp_path / "guide.docx").paragraphs))
    assert "Status fra selvevalueringen" in text and "Ansvarlig: Direktionen" in text


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "svarbanken findes ikke"),
    (lambda p: p.write_bytes(b"not a database at all, just some bytes" * 100),
     "svarbanken kan ikke læses (filen er ikke en SQLite-database, eller den er beskadiget)"),
    (lambda p: p.write_bytes(b""), "filen er ikke en svarbank"),
])
def test_a_missing_or_unreadable_database_is_a_danish_error(bank, tmp_path, make, message):
    plain = tmp_path / "plain.yaml"
    plain.write_text(NEXT, encoding="utf-8")
    db = tmp_path / "svar.sqlite"
    make(db)
    result = CliRunner().invoke(cli, ["guide", str(plain), "--status", str(db), "-o", str(tmp_path / "g.pdf")])
    assert result.exit_code == 1
    assert str(db) in result.output and message in result.output
    assert "Traceback" not in result.output and not (tmp_path / "g.pdf").exists()


def test_a_database_without_this_meetings_themes_is_an_error(bank, tmp_path):
    db, _ = bank
    other = tmp_path / "other.yaml"
    other.write_text(FIRST.replace("  - velfaerdsalliancer\n  - roller-og-graenser\n", "  - frivillige-jura\n"),
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["guide", str(other), "--status", str(db), "-o", str(tmp_path / "g.pdf")])
    assert result.exit_code == 1
    assert "ingen svar om dette mødes temaer" in result.output and "»Temamøde om velfærdsalliancer«" in result.output


def test_a_pack_carries_the_status_and_rebuilds_for_a_new_round(bank, tmp_path):
    db, meeting = bank
    first = app.build_packs([meeting], out_dir=tmp_path)
    [outcome] = first.outcomes
    assert not outcome.failed, outcome
    folder = tmp_path / "moede-2"
    for name in ("droeftelsesguide.html", "droeftelsesguide-kort.pdf"):
        path = folder / name
        text = norm(path.read_text(encoding="utf-8") if name.endswith(".html")
                    else " ".join(page_texts(path)))
        assert "Status fra selvevalueringen" in text and "»forår 2027«" in text, name
    assert app.build_packs([meeting], out_dir=tmp_path).skipped
    with sqlite3.connect(db) as con:  # the database changes (as with a new round)
        [created] = con.execute("SELECT created FROM rounds").fetchone()
        con.execute("UPDATE rounds SET created = '2027-10-01T10:00:00'")
    try:
        assert app.build_packs([meeting], out_dir=tmp_path).built
        assert "»forår 2027« af 1. oktober 2027" in norm((folder / "droeftelsesguide.html").read_text("utf-8"))
    finally:
        with sqlite3.connect(db) as con:
            con.execute("UPDATE rounds SET created = ?", (created,))
