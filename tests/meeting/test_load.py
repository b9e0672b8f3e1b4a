"""Tests of the meeting file: loading, every located Danish error, and writing one back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from workbook.content.model import Catalog
from workbook.content.yamlio import LineDict, parse_yaml
from workbook.errors import MeetingError, Problem
from workbook.meeting.load import Meeting, MeetingTheme, load_meeting, parse_time, slugify
from workbook.meeting.write import render_meeting_yaml, write_meeting_file

DATA = Path(__file__).resolve().parent.parent / "data"
MEETINGS = DATA / "meetings"

KNOWN_KEYS = (
    "kommune, forum, forumtype, fagomraade, titel, dato, starttid, sted, kontakt, logo, id, indledning, "
    "afrunding, indstilling, indhold, status, temaer"
)

#: Each malformed meeting fixture under tests/data/meetings/ and its exact problems. ``{cwd}`` is
#: the folder the file was copied to (absolute).
BAD_MEETINGS: dict[str, list[str]] = {
    "unknown-theme": [
        "unknown-theme.yaml:9: ukendt tema 'frivilige'. Gyldige temaer: frivillige, partnerskaber, alfa, beta, gamma",
    ],
    "bad-date": [
        "bad-date.yaml:4: feltet 'dato': '2027-02-30' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD eller "
        "DD.MM.ÅÅÅÅ, fx 2027-03-04 eller 04.03.2027)",
    ],
    "bad-start": [
        "bad-start.yaml:5: feltet 'starttid': '25:00' er ikke et gyldigt klokkeslæt (skriv TT:MM, "
        'fx "16:00")',
    ],
    "missing-logo": [
        "missing-logo.yaml:8: feltet 'logo': filen 'billeder/logo.png' findes ikke (stien læses i "
        "forhold til mødefilens mappe {cwd})",
    ],
    "logo-not-image": [
        "logo-not-image.yaml:8: feltet 'logo': 'logo.pdf' skal være en png-, jpg- eller svg-fil",
    ],
    "missing-fields": [
        "missing-fields.yaml: feltet 'sted' mangler – mødested",
        "missing-fields.yaml: feltet 'kontakt' mangler – kontaktperson (navn, e-mail, telefon)",
        "missing-fields.yaml: feltet 'temaer' mangler – de valgte temaer: liste af tema-id'er "
        "eller 'id' og 'minutter'",
    ],
    "duplicate-theme": [
        "duplicate-theme.yaml:10: temaet 'frivillige' er valgt to gange",
    ],
    "bad-minutes": [
        "bad-minutes.yaml:8: feltet 'indledning': skal være et antal minutter mellem 0 og 240, "
        "ikke '-5'",
        "bad-minutes.yaml:9: feltet 'afrunding': skal være et antal minutter mellem 0 og 240, "
        "ikke 'en halv time'",
        "bad-minutes.yaml:11: tema 'frivillige': 'minutter' skal være et helt tal mellem 1 og 240, "
        "ikke '0'",
        "bad-minutes.yaml:13: tema nr. 2: ukendt felt 'minuter' (brug 'id' og 'minutter')",
    ],
    "unknown-key": [
        f"unknown-key.yaml:4: ukendt felt 'date' (kendte felter: {KNOWN_KEYS})",
    ],
    "bad-yaml": [
        "bad-yaml.yaml:3: ugyldig YAML: et kolon står et sted, hvor det ikke må (sæt teksten i "
        "anførselstegn)",
    ],
    "not-a-mapping": [
        "not-a-mapping.yaml: mødefilen skal bestå af felter som 'kommune:', 'dato:' og 'temaer:'",
    ],
    "themes-not-list": [
        "themes-not-list.yaml:8: feltet 'temaer' skal være en liste af tema-id'er",
    ],
}


def _copy(name: str) -> Path:
    """Copy a meeting fixture (and the logo) into the working directory; return its name."""
    shutil.copy(MEETINGS / f"{name}.yaml", Path.cwd())
    shutil.copy(MEETINGS / "logo.svg", Path.cwd())
    return Path(f"{name}.yaml")


def test_every_bad_meeting_fixture_is_covered() -> None:
    names = {p.stem for p in MEETINGS.glob("*.yaml")} - {"good"}
    assert sorted(names) == sorted(BAD_MEETINGS)


@pytest.mark.parametrize("name", sorted(BAD_MEETINGS))
def test_bad_meeting_gives_exact_located_problems(name: str, test_catalog: Catalog) -> None:
    path = _copy(name)
    with pytest.raises(MeetingError) as info:
        load_meeting(path, test_catalog)
    expected = [p.format(cwd=Path.cwd().resolve()) for p in BAD_MEETINGS[name]]
    assert [str(p) for p in info.value.problems] == expected
    assert all(isinstance(p, Problem) for p in info.value.problems)
    if len(expected) == 1:
        assert str(info.value) == expected[0]
    else:
        assert str(info.value) == "\n".join(
            [f"Mødefilen har fejl ({len(expected)}):"] + [f"  {p}" for p in expected]
        )


def test_missing_meeting_file(test_catalog: Catalog) -> None:
    with pytest.raises(MeetingError) as info:
        load_meeting(Path("findes-ikke.yaml"), test_catalog)
    assert str(info.value) == "findes-ikke.yaml: filen findes ikke"


def test_good_meeting_loads(test_catalog: Catalog) -> None:
    path = _copy("good")
    meeting = load_meeting(path, test_catalog)
    assert meeting == Meeting(
        id="good",
        path=Path.cwd().resolve() / "good.yaml",
        municipality="Testby Kommune",
        forum="Social- og Sundhedsudvalget",
        title="Frivillige og partnerskaber",
        date=dt.date(2027, 3, 10),
        start=dt.time(16, 30),
        place="Mødelokale 2, Testby Rådhus",
        contact="Jonas Brandt, jobr@testby.dk",
        logo=Path.cwd().resolve() / "logo.svg",
        # a theme given as a bare id gets the catalog's suggested minutes
        themes=(MeetingTheme("partnerskaber", 30), MeetingTheme("frivillige", 20)),
        intro_minutes=10,
        closing_minutes=5,
        forum_kind="udvalg",  # from the forum's name
    )


def test_meeting_id_from_key_or_file_name(test_catalog: Catalog) -> None:
    text = (MEETINGS / "good.yaml").read_text(encoding="utf-8").replace("logo: logo.svg\n", "")
    Path("Møde i Ærø.yaml").write_text(text, encoding="utf-8")
    assert load_meeting(Path("Møde i Ærø.yaml"), test_catalog).id == "moede-i-aeroe"
    Path("med-id.yaml").write_text(text + "id: Socialudvalget marts\n", encoding="utf-8")
    meeting = load_meeting(Path("med-id.yaml"), test_catalog)
    assert meeting.id == "socialudvalget-marts"
    assert meeting.logo is None
    assert (meeting.intro_minutes, meeting.closing_minutes) == (10, 5)


def test_unquoted_start_time_is_read_as_a_time(test_catalog: Catalog) -> None:
    # YAML 1.1 reads an unquoted 16:30 as the number 990 (sexagesimal)
    text = (MEETINGS / "good.yaml").read_text(encoding="utf-8").replace('"16:30"', "16:30")
    Path("m.yaml").write_text(text.replace("logo: logo.svg\n", ""), encoding="utf-8")
    assert load_meeting(Path("m.yaml"), test_catalog).start == dt.time(16, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16:00", dt.time(16)),
        ("8.30", dt.time(8, 30)),
        (" 09:05 ", dt.time(9, 5)),
        (990, dt.time(16, 30)),
        ("24:00", None),
        ("16:60", None),
        ("seksten", None),
        (True, None),
        (1440, None),
        (None, None),
    ],
)
def test_parse_time(value: object, expected: dt.time | None) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Møde i Ærø", "moede-i-aeroe"), ("Åbent hus!", "aabent-hus"), ("§§§", "moede")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_written_meeting_file_round_trips(test_catalog: Catalog) -> None:
    values = {
        "kommune": "Testby Kommune",
        "forum": "Kommunalbestyrelsen",
        "titel": "Temamøde: frivillige # og partnerskaber",  # a colon and a hash need quoting
        "dato": "2027-05-06",
        "starttid": "9.15",
        "sted": "yes",  # would be a boolean unquoted
        "kontakt": "'Anne' \"Ø\" Hansen",
        "temaer": [{"id": "frivillige", "minutter": 20}, {"id": "partnerskaber", "minutter": 15}],
    }
    meeting = write_meeting_file(Path("ny.yaml"), values, test_catalog)
    assert load_meeting(Path("ny.yaml"), test_catalog) == meeting
    assert meeting.title == "Temamøde: frivillige # og partnerskaber"
    assert meeting.place == "yes"
    assert meeting.contact == "'Anne' \"Ø\" Hansen"
    assert meeting.start == dt.time(9, 15)
    assert meeting.themes == (MeetingTheme("frivillige", 20), MeetingTheme("partnerskaber", 15))
    text = Path("ny.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Mødefil til workbook.")
    assert "kommune: Testby Kommune  # kommunens navn\n" in text


def test_writing_an_invalid_meeting_writes_nothing(test_catalog: Catalog) -> None:
    values = {
        "kommune": "Testby",
        "forum": "KB",
        "titel": "T",
        "dato": "2027-05-06",
        "starttid": "10:00",
        "sted": "Her",
        "kontakt": "Mig",
        "temaer": [{"id": "frivillige", "minutter": 500}],
    }
    with pytest.raises(MeetingError) as info:
        write_meeting_file(Path("ny.yaml"), values, test_catalog)
    assert str(info.value) == (
        "ny.yaml:11: tema 'frivillige': 'minutter' skal være et helt tal mellem 1 og 240, "
        "ikke '500'"
    )
    assert not Path("ny.yaml").exists()
    assert list(Path.cwd().iterdir()) == []


def test_rendered_yaml_is_valid_for_every_key() -> None:
    text = render_meeting_yaml(
        {
            "kommune": "A",
            "dato": dt.date(2027, 1, 2),
            "logo": "l.png",
            "indledning": 0,
            "afrunding": 7,
            "temaer": [],
        }
    )
    data = parse_yaml(text, "x.yaml")
    assert isinstance(data, LineDict)
    # the date is written quoted (read back as text, which the meeting loader accepts); 0 minutes
    # of introduction is a valid choice and kept
    assert dict(data) == {
        "kommune": "A",
        "dato": "2027-01-02",
        "logo": "l.png",
        "indledning": 0,
        "afrunding": 7,
        "temaer": None,
    }
