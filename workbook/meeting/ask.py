"""Collect the values for a new meeting file, by asking questions or from command-line options.

What is asked, in which order and with which suggestion comes from ``meeting.model.KEYS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbook.content.model import Catalog
from workbook.errors import MeetingError, raise_if_problems
from workbook.meeting.load import parse_date, parse_time
from workbook.meeting.model import ASKED, MeetingKey

DATE_HINT = "fx 12.05.2027, 12. maj 2027 eller 2027-05-12"
THEME_QUESTION = "Vælg temaer (numre eller id'er adskilt af komma, eller 'alle')"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"


def intro_line(given: dict[str, object]) -> str:
    """Return the one line ``init`` starts with: what it will ask, and how to take a suggestion."""
    asked = [key.name for key in ASKED if not given.get(key.name)]
    if not given.get("temaer"):
        asked.append("temaer")
    if not asked:
        return ""
    return f"Du bliver spurgt om {_and(asked)} til mødefilen. Tryk Enter for at tage forslaget i [ ]."


def _theme_entries(ids: list[str], catalog: Catalog) -> list[dict[str, object]]:
    return [{"id": i, "minutter": catalog.theme(i).minutes} for i in ids]


def theme_choice_error(token: str, catalog: Catalog) -> str:
    """Return the message for a theme choice that is no number shown, no id and not 'alle'."""
    ids = catalog.theme_ids
    numbers = "1" if len(ids) == 1 else f"1–{len(ids)}"
    return (f"ukendt tema '{token}'. Skriv et af numrene {numbers} fra listen, et tema-id eller 'alle'. "
            f"Gyldige temaer: {', '.join(ids)}")


def _resolve_themes(raw: Sequence[str], catalog: Catalog) -> list[str]:
    """Turn ids, numbers (1-based, as listed) or 'alle' into theme ids; raise on unknown ones."""
    ids = list(catalog.theme_ids)
    out: list[str] = []
    for token in raw:
        token = token.strip()
        if not token:
            continue
        if token.lower() == "alle":
            out.extend(ids)
        elif token.isdigit() and 1 <= int(token) <= len(ids):
            out.append(ids[int(token) - 1])
        elif token in ids:
            out.append(token)
        else:
            raise MeetingError([theme_choice_error(token, catalog)])
    return list(dict.fromkeys(out))


def values_from_options(given: dict[str, object], catalog: Catalog) -> dict[str, object]:
    """Build meeting values from options only; report every missing or invalid option at once."""
    values = {key.name: given.get(key.name) or key.default for key in ASKED}
    problems = [f"--{key.name} mangler: {key.description}" for key in ASKED if not values[key.name]]
    if values["dato"]:
        date = parse_date(values["dato"])
        if date is None:
            problems.append(f"--dato: '{values['dato']}' er ikke en gyldig dato ({DATE_HINT})")
        values["dato"] = date
    if values["starttid"] and parse_time(values["starttid"]) is None:
        problems.append(f"--starttid: '{values['starttid']}' er ikke et gyldigt klokkeslæt (TT:MM)")
    themes = list(given.get("temaer") or ())
    if not themes:
        problems.append("--tema mangler: mindst ét tema-id, et nummer eller 'alle' (se 'workbook content list')")
    raise_if_problems(problems, MeetingError, "Mødefilen kan ikke laves")
    values["temaer"] = _theme_entries(_resolve_themes(themes, catalog), catalog)
    return values


def _ask_value(key: MeetingKey, given: object, prompt: Callable[..., str], echo: Callable[[str], None]) -> object:
    value = given
    while True:
        if not value:
            value = prompt(key.question, default=key.default)
        value = str(value).strip()
        if key.name == "dato":
            if (date := parse_date(value)) is not None:
                return date
            echo(f"'{value}' er ikke en gyldig dato. Skriv {DATE_HINT}.")
        elif key.name == "starttid" and parse_time(value) is None:
            echo(f"'{value}' er ikke et gyldigt klokkeslæt. Skriv fx 16:00.")
        elif value:
            return value
        value = None


def _ask_themes(given: Sequence[str], catalog: Catalog, prompt: Callable[..., str],
                echo: Callable[[str], None]) -> list[str]:
    themes = list(given)
    if not themes:
        echo("Temaer i kataloget:")
        for number, theme in enumerate(catalog.themes, start=1):
            echo(f"  {number:>2}. {theme.id} ({theme.minutes} min.): {theme.title}")
    while True:
        if not themes:
            themes = prompt(THEME_QUESTION).split(",")
        try:
            ids = _resolve_themes(themes, catalog)
        except MeetingError as exc:
            echo(str(exc))
            ids = []
        if ids:
            return ids
        themes = []


def ask_meeting_values(given: dict[str, object], catalog: Catalog,
                       prompt: Callable[..., str], echo: Callable[[str], None]) -> dict[str, object]:
    """Ask for every value not given as an option; re-ask until dates, times and themes are valid."""
    intro = intro_line(given)
    if intro:
        echo(intro)
    values: dict[str, object] = {key.name: _ask_value(key, given.get(key.name), prompt, echo) for key in ASKED}
    values["temaer"] = _theme_entries(_ask_themes(given.get("temaer") or (), catalog, prompt, echo), catalog)
    return values
