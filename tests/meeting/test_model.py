"""The meeting file's optional keys (forumtype, fagomraade, indstilling, indhold, status), declared once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.content.model import Catalog
from workbook.errors import MeetingError
from workbook.meeting.load import load_meeting, read_content_path
from workbook.meeting.model import KEY, KEYS, REQUIRED, forum_kind_of

BASE = """kommune: Testby Kommune
forum: {forum}
titel: Møde
dato: {date}
starttid: "16:30"
sted: Rådhuset
kontakt: Jonas Brandt
temaer:
  - frivillige
"""


def _write(extra: str = "", forum: str = "Socialudvalget", date: str = "2027-03-10") -> Path:
    path = Path("m.yaml")
    path.write_text(BASE.format(forum=forum, date=date) + extra, encoding="utf-8")
    return path


def _problems(path: Path, catalog: Catalog) -> list[str]:
    with pytest.raises(MeetingError) as info:
        load_meeting(path, catalog)
    return [str(p) for p in info.value.problems]


def test_the_keys_are_declared_once_in_file_order() -> None:
    assert [k.name for k in KEYS][:3] == ["kommune", "forum", "forumtype"]
    assert REQUIRED == ("kommune", "forum", "titel", "dato", "starttid", "sted", "kontakt", "temaer")
    assert KEY["forum"].description == "kommunalbestyrelsens eller udvalgets navn"
    assert KEY["forum"].option_help == "Kommunalbestyrelsens eller udvalgets navn."


@pytest.mark.parametrize(("forum", "kind"), [
    ("Kommunalbestyrelsen", "kommunalbestyrelse"), ("Byrådet", "kommunalbestyrelse"),
    ("Borgerrepræsentationen", "kommunalbestyrelse"), ("Socialudvalget", "udvalg"),
])
def test_forum_kind_defaults_from_the_forum_name(forum: str, kind: str, test_catalog: Catalog) -> None:
    assert forum_kind_of(forum) == kind
    assert load_meeting(_write(forum=forum), test_catalog).forum_kind == kind


def test_forumtype_overrides_and_is_checked(test_catalog: Catalog) -> None:
    assert load_meeting(_write("forumtype: kommunalbestyrelse\n"), test_catalog).forum_kind == "kommunalbestyrelse"
    assert _problems(_write("forumtype: råd\n"), test_catalog) == [
        "m.yaml:10: feltet 'forumtype': 'råd' skal være kommunalbestyrelse eller udvalg"]


@pytest.mark.parametrize("text", ["12.05.2027", "12-05-2027", "12. maj 2027", "2027-05-12"])
def test_danish_date_forms_are_accepted_in_the_file(text: str, test_catalog: Catalog) -> None:
    assert load_meeting(_write(date=text), test_catalog).date == dt.date(2027, 5, 12)


def test_indstilling_takes_decisions_of_the_chosen_themes(test_catalog: Catalog) -> None:
    meeting = load_meeting(_write("indstilling:\n  - frivillige-b1\n"), test_catalog)
    assert meeting.proposals == ("frivillige-b1",)
    assert _problems(_write("indstilling: [frivillige-b9, partnerskaber-b1, frivillige-b1, frivillige-b1]\n"),
                     test_catalog) == [
        "m.yaml:10: feltet 'indstilling': ukendt beslutning 'frivillige-b9'. Gyldige beslutninger i "
        "mødets temaer: frivillige-b1",
        "m.yaml:10: feltet 'indstilling': beslutningen 'partnerskaber-b1' hører til temaet 'partnerskaber', "
        "som ikke er valgt til mødet",
        "m.yaml:10: feltet 'indstilling': beslutningen 'frivillige-b1' står to gange",
    ]


def test_indhold_and_status_are_paths_beside_the_meeting_file(test_catalog: Catalog) -> None:
    Path("lokalt").mkdir()
    meeting = load_meeting(_write("indhold: lokalt\nstatus: svar.sqlite\n"), test_catalog)
    assert meeting.content_path == Path("lokalt").resolve()
    assert meeting.status_path == Path("svar.sqlite").resolve()
    assert read_content_path(Path("m.yaml")) == Path("lokalt").resolve()
    assert read_content_path(_write()) is None


def test_indhold_must_exist_and_be_a_folder_or_a_workbook(test_catalog: Catalog) -> None:
    cwd = Path.cwd().resolve()
    assert _problems(_write("indhold: mangler\n"), test_catalog) == [
        f"m.yaml:10: feltet 'indhold': 'mangler' findes ikke (stien læses i forhold til mødefilens mappe {cwd})"]
    Path("noter.txt").write_text("x", encoding="utf-8")
    Path("svar").mkdir()
    assert _problems(_write("indhold: noter.txt\nstatus: svar\n"), test_catalog) == [
        "m.yaml:10: feltet 'indhold': 'noter.txt' skal være en mappe med YAML-filer eller en Excel-fil "
        "lavet med 'workbook content eksport'",
        "m.yaml:11: feltet 'status': 'svar' er en mappe; angiv svardatabasens fil",
    ]
    with pytest.raises(MeetingError) as info:
        read_content_path(_write("indhold: mangler\n"))
    assert str(info.value).startswith("m.yaml:10: feltet 'indhold': 'mangler' findes ikke")


def test_fagomraade_is_an_area_id_or_label(test_catalog: Catalog) -> None:
    assert load_meeting(_write("fagomraade: børn og unge\n"), test_catalog).area == "boern-unge"
    assert load_meeting(_write("fagomraade: aeldre\n"), test_catalog).area == "aeldre"
    [problem] = _problems(_write("fagomraade: skole\n"), test_catalog)
    assert problem.startswith("m.yaml:10: feltet 'fagomraade': ukendt fagområde 'skole'. Gyldige fagområder: "
                              "aeldre (ældre), boern-unge (børn og unge),")
