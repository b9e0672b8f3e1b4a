"""Tests of ``workbook init``: the questions, the options, and a meeting file that loads."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook.cli.commands import cli
from workbook.content.model import Catalog
from workbook.errors import MeetingError
from workbook.meeting.ask import values_from_options
from workbook.meeting.load import Meeting, MeetingTheme, load_meeting

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"


#: The CLI reads the test catalog (conftest's ``test_catalog_dir``); the tests load meetings with ``test_catalog``.
pytestmark = pytest.mark.usefixtures("test_catalog_dir")


def _invoke(args: list[str], text: str | None = None):
    return CliRunner().invoke(cli, ["init", *args], input=text, prog_name="workbook")


def test_interactive_init_asks_reasks_and_writes_a_loadable_file(test_catalog: Catalog) -> None:
    answers = [
        "Testby Kommune",  # Kommune
        "",  # Forum: the default Kommunalbestyrelsen
        "Temamøde: frivillige",
        "4. marts",  # not a date (no year): asked again
        "04.03.2027",  # a Danish date form
        "25:00",  # not a time: asked again
        "15.30",
        "Byrådssalen",
        "Mette Holm, meho@testby.dk",
        "frivilige",  # unknown theme: asked again
        "2, frivillige",  # a number as listed, and an id
    ]
    result = _invoke(["møde.yaml"], "\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Du bliver spurgt om kommune, forum, titel, dato, starttid, sted, kontakt og temaer til "
        "mødefilen. Tryk Enter for at tage forslaget i [ ].\n")
    assert ("'4. marts' er ikke en gyldig dato. Skriv fx 12.05.2027, 12. maj 2027 eller 2027-05-12."
            in result.stdout)
    assert "'25:00' er ikke et gyldigt klokkeslæt. Skriv fx 16:00." in result.stdout
    assert (
        "Temaer i kataloget:\n   1. frivillige (20 min.): Frivillige i kommunen\n"
        "   2. partnerskaber (15 min.): Partnerskaber med virksomheder\n"
        "   3. alfa (25 min.): Fællesskaber og frivillige i velfærden\n"
        "   4. beta (20 min.): Jura for frivillige og partnerskaber\n"
        "   5. gamma (15 min.): Økonomi, opfølgning og læring\n" in result.stdout
    )
    assert ("ukendt tema 'frivilige'. Skriv et af numrene 1–5 fra listen, et tema-id eller 'alle'. "
            "Gyldige temaer: frivillige, partnerskaber, alfa, beta, gamma") in result.stdout
    assert result.stdout.endswith(
        "Mødefilen er skrevet: møde.yaml (2 temaer).\n"
        "Lav mødepakken (guide, selvevaluering og oversigt) med: workbook build møde.yaml\n"
    )
    meeting = load_meeting(Path("møde.yaml"), test_catalog)
    assert meeting == Meeting(
        id="moede",
        path=Path("møde.yaml").resolve(),
        municipality="Testby Kommune",
        forum="Kommunalbestyrelsen",
        title="Temamøde: frivillige",
        date=dt.date(2027, 3, 4),
        start=dt.time(15, 30),
        place="Byrådssalen",
        contact="Mette Holm, meho@testby.dk",
        logo=None,
        themes=(MeetingTheme("partnerskaber", 15), MeetingTheme("frivillige", 20)),
    )


def test_interactive_init_has_no_default_theme_and_asks_only_what_is_missing(
    test_catalog: Catalog,
) -> None:
    answers = ["2027-03-04", "Byrådssalen", "Mette Holm", "", "alle"]  # an empty theme answer: asked again
    result = _invoke(
        [
            "--kommune",
            "Testby Kommune",
            "--forum",
            "Socialudvalget",
            "--titel",
            "Møde",
            "--starttid",
            "9:00",
        ],
        "\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Kommune:" not in result.stdout
    assert "Du bliver spurgt om dato, sted, kontakt og temaer til mødefilen." in result.stdout
    assert result.stdout.count("Vælg temaer (numre eller id'er adskilt af komma, eller 'alle'): ") == 2
    meeting = load_meeting(Path("moede.yaml"), test_catalog)  # the default file name
    assert [t.theme_id for t in meeting.themes] == ["frivillige", "partnerskaber", "alfa", "beta", "gamma"]
    assert (meeting.forum, meeting.start) == ("Socialudvalget", dt.time(9, 0))


def test_no_input_init_from_options(test_catalog: Catalog) -> None:
    result = _invoke(
        [
            "--no-input",
            "socialudvalg.yaml",
            "--kommune",
            "Testby Kommune",
            "--forum",
            "Social- og Sundhedsudvalget",
            "--dato",
            "2027-03-10",
            "--sted",
            "Mødelokale 2",
            "--kontakt",
            "Jonas Brandt",
            "--tema",
            "partnerskaber",
            "--tema",
            "frivillige",
        ]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    meeting = load_meeting(Path("socialudvalg.yaml"), test_catalog)
    # the title and start time fall back to the defaults; minutes are the catalog's suggestions
    assert (meeting.title, meeting.start) == ("Drøftelse af velfærdsalliancer", dt.time(16, 0))
    assert meeting.themes == (MeetingTheme("partnerskaber", 15), MeetingTheme("frivillige", 20))
    text = Path("socialudvalg.yaml").read_text(encoding="utf-8")
    assert 'starttid: "16:00"  # starttidspunkt (TT:MM)\n' in text
    assert "  - id: partnerskaber\n    minutter: 15\n" in text


def test_hint_quotes_a_file_name_only_when_the_shell_needs_it(test_catalog: Catalog) -> None:
    args = ["--no-input", "--kommune", "Testby Kommune", "--forum", "Socialudvalget",
            "--dato", "2027-03-10", "--sted", "Rådhuset", "--kontakt", "Jonas Brandt", "--tema", "frivillige"]
    result = _invoke(["mødet i maj.yaml", *args])
    assert result.exit_code == 0, result.output
    assert "med: workbook build 'mødet i maj.yaml'\n" in result.stdout
    assert "(1 tema)" in result.stdout


def test_no_input_reports_every_missing_option_at_once(test_catalog: Catalog) -> None:
    result = _invoke(
        ["--no-input", "--kommune", "Testby", "--dato", "30-02-2027", "--starttid", "kl. 16"]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Fejl: Mødefilen kan ikke laves (5):\n"
        "  --sted mangler: mødested\n"
        "  --kontakt mangler: kontaktperson (navn, e-mail, telefon)\n"
        "  --dato: '30-02-2027' er ikke en gyldig dato (fx 12.05.2027, 12. maj 2027 eller 2027-05-12)\n"
        "  --starttid: 'kl. 16' er ikke et gyldigt klokkeslæt (TT:MM)\n"
        "  --tema mangler: mindst ét tema-id, et nummer eller 'alle' (se 'workbook content list')\n"
    )
    assert not Path("moede.yaml").exists()


def test_no_input_unknown_theme(test_catalog: Catalog) -> None:
    result = _invoke(
        [
            "--no-input",
            "--kommune",
            "K",
            "--dato",
            "2027-03-10",
            "--sted",
            "S",
            "--kontakt",
            "C",
            "--tema",
            "jura",
        ]
    )
    assert result.exit_code == 1
    assert result.stderr == ("Fejl: ukendt tema 'jura'. Skriv et af numrene 1–5 fra listen, et tema-id eller "
                             "'alle'. Gyldige temaer: frivillige, partnerskaber, alfa, beta, gamma\n")
    assert not Path("moede.yaml").exists()


def test_refuses_to_overwrite_without_force(test_catalog: Catalog) -> None:
    Path("moede.yaml").write_text("# mit eget møde\n", encoding="utf-8")
    options = [
        "--no-input",
        "--kommune",
        "K",
        "--dato",
        "2027-03-10",
        "--sted",
        "S",
        "--kontakt",
        "C",
        "--tema",
        "alle",
    ]
    result = _invoke(options)
    assert result.exit_code == 1
    assert (
        result.stderr == "Fejl: moede.yaml findes allerede. Brug --force for at overskrive den.\n"
    )
    assert "Traceback" not in result.output
    assert Path("moede.yaml").read_text(encoding="utf-8") == "# mit eget møde\n"

    forced = _invoke([*options, "--force"])
    assert forced.exit_code == 0, forced.output
    assert [t.theme_id for t in load_meeting(Path("moede.yaml"), test_catalog).themes] == [
        "frivillige",
        "partnerskaber",
        "alfa",
        "beta",
        "gamma",
    ]


def test_values_from_options_resolves_numbers_all_and_duplicates(test_catalog: Catalog) -> None:
    given = {
        "kommune": "K",
        "dato": "2027-03-10",
        "sted": "S",
        "kontakt": "C",
        "temaer": ("2", "alle", "partnerskaber"),
    }
    values = values_from_options(given, test_catalog)
    assert values["temaer"] == [
        {"id": "partnerskaber", "minutter": 15},
        {"id": "frivillige", "minutter": 20},
        {"id": "alfa", "minutter": 25},
        {"id": "beta", "minutter": 20},
        {"id": "gamma", "minutter": 15},
    ]
    with pytest.raises(MeetingError) as info:
        values_from_options({**given, "temaer": ("6",)}, test_catalog)
    assert str(info.value) == ("ukendt tema '6'. Skriv et af numrene 1–5 fra listen, et tema-id eller 'alle'. "
                               "Gyldige temaer: frivillige, partnerskaber, alfa, beta, gamma")


@pytest.mark.parametrize("text", ["12.05.2027", "12-05-2027", "12. maj 2027", "2027-05-12"])
def test_init_accepts_danish_date_forms(text: str, test_catalog: Catalog) -> None:
    result = _invoke(["--no-input", "--kommune", "K", "--dato", text, "--sted", "S", "--kontakt", "C",
                      "--tema", "1"])
    assert result.exit_code == 0, result.output
    assert load_meeting(Path("moede.yaml"), test_catalog).date == dt.date(2027, 5, 12)
    assert "dato: '2027-05-12'" in Path("moede.yaml").read_text(encoding="utf-8")  # written as ISO


def test_init_writes_the_content_it_was_given_into_the_meeting_file(test_catalog: Catalog) -> None:
    Path("lokalt").mkdir()
    shutil.copy(DATA / "overlay-old-review" / "tavshed.yaml", "lokalt/tavshed.yaml")
    Path("moeder").mkdir()
    result = _invoke(["--no-input", "moeder/m.yaml", "--kommune", "K", "--dato", "2027-05-12", "--sted", "S",
                      "--kontakt", "C", "--tema", "alle", "--content", "lokalt"])
    assert result.exit_code == 0, result.output
    assert "indhold: ../lokalt  # valgfrit: kommunens eget indhold" in Path("moeder/m.yaml").read_text(
        encoding="utf-8")
    assert load_meeting(Path("moeder/m.yaml"), test_catalog).content_path == Path("lokalt").resolve()
