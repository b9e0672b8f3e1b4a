"""Collect the values for a new meeting file, by asking questions or from command-line options."""

from __future__ import annotations

from collections.abc import Callable

from workbook.content.model import Catalog
from workbook.errors import MeetingError, raise_if_problems
from workbook.meeting.load import parse_date, parse_time

DEFAULTS = {
    "forum": "Kommunalbestyrelsen",
    "titel": "Drøftelse af velfærdsalliancer",
    "starttid": "16:00",
}
QUESTIONS = {
    "kommune": "Kommune",
    "forum": "Forum (kommunalbestyrelsen eller udvalgets navn)",
    "titel": "Mødets titel",
    "dato": "Mødedato (ÅÅÅÅ-MM-DD)",
    "starttid": "Starttidspunkt (TT:MM)",
    "sted": "Mødested",
    "kontakt": "Kontaktperson (navn, e-mail, telefon)",
}


def _theme_entries(ids: list[str], catalog: Catalog) -> list[dict[str, object]]:
    return [{"id": i, "minutter": catalog.theme(i).minutes} for i in ids]


def _resolve_themes(raw: list[str], catalog: Catalog) -> list[str]:
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
            raise MeetingError([f"ukendt tema '{token}'. Gyldige temaer: {', '.join(ids)}"])
    return list(dict.fromkeys(out))


def values_from_options(given: dict[str, object], catalog: Catalog) -> dict[str, object]:
    """Build meeting values from options only; report every missing or invalid option at once."""
    values = {key: given.get(key) or DEFAULTS.get(key) for key in QUESTIONS}
    problems = [f"--{key} mangler: {QUESTIONS[key].lower()}" for key, v in values.items() if not v]
    if values["dato"] and parse_date(values["dato"]) is None:
        problems.append(f"--dato: '{values['dato']}' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)")
    if values["starttid"] and parse_time(values["starttid"]) is None:
        problems.append(f"--starttid: '{values['starttid']}' er ikke et gyldigt klokkeslæt (TT:MM)")
    themes = list(given.get("temaer") or ())
    if not themes:
        problems.append("--tema mangler: mindst ét tema-id, et nummer eller 'alle' (se 'workbook content list')")
    raise_if_problems(problems, MeetingError, "Mødefilen kan ikke laves")
    values["temaer"] = _theme_entries(_resolve_themes(themes, catalog), catalog)
    return values


def ask_meeting_values(given: dict[str, object], catalog: Catalog,
                       prompt: Callable[..., str], echo: Callable[[str], None]) -> dict[str, object]:
    """Ask for every value not given as an option; re-ask until dates, times and themes are valid."""
    values: dict[str, object] = {}
    for key, question in QUESTIONS.items():
        value = given.get(key)
        while True:
            if not value:
                value = prompt(question, default=DEFAULTS.get(key))
            value = str(value).strip()
            if key == "dato" and parse_date(value) is None:
                echo(f"'{value}' er ikke en gyldig dato. Skriv fx 2027-03-04.")
            elif key == "starttid" and parse_time(value) is None:
                echo(f"'{value}' er ikke et gyldigt klokkeslæt. Skriv fx 16:00.")
            elif value:
                break
            value = None
        values[key] = value
    themes = list(given.get("temaer") or ())
    if not themes:
        echo("Temaer i kataloget:")
        for number, theme in enumerate(catalog.themes, start=1):
            echo(f"  {number:>2}. {theme.id} ({theme.minutes} min.): {theme.title}")
    while True:
        if not themes:
            answer = prompt("Vælg temaer (numre eller id'er adskilt af komma, eller 'alle')", default="alle")
            themes = answer.split(",")
        try:
            ids = _resolve_themes(themes, catalog)
        except MeetingError as exc:
            echo(str(exc))
            themes = []
            continue
        if ids:
            break
        themes = []
    values["temaer"] = _theme_entries(ids, catalog)
    return values
