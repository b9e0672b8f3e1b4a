"""The meeting file: the user's own input (Danish keys), loaded and validated with located errors."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from workbook.content.model import Catalog
from workbook.content.yamlio import LineDict, load_yaml, parse_yaml
from workbook.errors import MeetingError, Problem, YamlError, raise_if_problems
from workbook.files import write_text_atomic

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
DEFAULT_INTRO_MINUTES = 5
DEFAULT_CLOSING_MINUTES = 10

#: Keys of the meeting file, with a Danish description (used in messages and by ``init``).
KEYS: dict[str, str] = {
    "kommune": "kommunens navn",
    "forum": "kommunalbestyrelsen eller udvalgets navn",
    "titel": "mødets titel",
    "dato": "mødedato (ÅÅÅÅ-MM-DD)",
    "starttid": "starttidspunkt (TT:MM)",
    "sted": "mødested",
    "kontakt": "kontaktperson (navn, e-mail, telefon)",
    "logo": "valgfrit: sti til kommunens logo (png, jpg eller svg), i forhold til mødefilen",
    "id": "valgfrit: mødets id (bruges som mappenavn); ellers filnavnet",
    "indledning": "valgfrit: minutter til indledning (standard 5)",
    "afrunding": "valgfrit: minutter til opsamling og beslutninger (standard 10)",
    "temaer": "de valgte temaer: liste af tema-id'er eller 'id' og 'minutter'",
}
REQUIRED = ("kommune", "forum", "titel", "dato", "starttid", "sted", "kontakt", "temaer")


@dataclass(frozen=True)
class MeetingTheme:
    """A theme selected for the meeting, with the minutes it gets."""

    theme_id: str
    minutes: int


@dataclass(frozen=True)
class Meeting:
    """A validated meeting: who meets, when and where, and which themes they discuss."""

    id: str
    """Slug used as the output folder name."""
    path: Path
    """The meeting file (absolute)."""
    municipality: str
    forum: str
    title: str
    date: dt.date
    start: dt.time
    place: str
    contact: str
    logo: Path | None
    """Absolute path of the logo, or None."""
    themes: tuple[MeetingTheme, ...]
    intro_minutes: int = DEFAULT_INTRO_MINUTES
    closing_minutes: int = DEFAULT_CLOSING_MINUTES


def slugify(text: str) -> str:
    """Return a file-name-safe slug: ``Møde i Ærø`` → ``moede-i-aeroe``."""
    text = text.lower()
    for src, dst in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "moede"


def parse_time(value: object) -> dt.time | None:
    """Parse ``16:00``/``16.00`` (or YAML 1.1's sexagesimal integer for an unquoted 16:00)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 16:00 as 960
        if 0 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        return None
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return dt.time(int(match[1]), int(match[2]))
    return None


def parse_date(value: object) -> dt.date | None:
    """Parse an ISO date (or accept a YAML date); None if invalid."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def load_meeting(path: Path, catalog: Catalog) -> Meeting:
    """Load and validate the meeting file at ``path`` against ``catalog``; raise ``MeetingError``."""
    path = Path(path)
    try:
        data = load_yaml(path, str(path))
    except YamlError as exc:
        raise MeetingError([exc.problem]) from None
    return _meeting_from_data(data, path, catalog)


def _meeting_from_data(data: object, path: Path, catalog: Catalog) -> Meeting:
    label = str(path)
    if not isinstance(data, LineDict):
        raise MeetingError([Problem(label, "mødefilen skal bestå af felter som 'kommune:', 'dato:' og 'temaer:'")])
    problems: list[Problem] = []

    def add(key: str | None, message: str, line: int | None = None) -> None:
        line = line or (data.line_of(key) if key else data.line)
        problems.append(Problem(f"{label}:{line}", message))

    for key in data:
        if key not in KEYS:
            add(key, f"ukendt felt '{key}' (kendte felter: {', '.join(KEYS)})")
    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            problems.append(Problem(label, f"feltet '{key}' mangler – {KEYS[key]}"))

    def text(key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, dict | list | bool):
            add(key, f"feltet '{key}' skal være tekst")
            return ""
        return str(value).strip()

    municipality, forum, title = text("kommune"), text("forum"), text("titel")
    place, contact = text("sted"), text("kontakt")

    date = None
    if data.get("dato") not in (None, ""):
        date = parse_date(data["dato"])
        if date is None:
            add("dato", f"feltet 'dato': '{data['dato']}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2027-03-04)")
    start = None
    if data.get("starttid") not in (None, ""):
        start = parse_time(data["starttid"])
        if start is None:
            add("starttid", f"feltet 'starttid': '{data['starttid']}' er ikke et gyldigt klokkeslæt "
                            "(skriv TT:MM, fx \"16:00\")")

    def minutes(key: str, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240:
            add(key, f"feltet '{key}': skal være et antal minutter mellem 0 og 240, ikke '{value}'")
            return default
        return value

    intro, closing = minutes("indledning", DEFAULT_INTRO_MINUTES), minutes("afrunding", DEFAULT_CLOSING_MINUTES)

    logo = None
    if data.get("logo") not in (None, ""):
        raw_logo = str(data["logo"]).strip()
        logo = (path.parent / raw_logo).resolve()
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            add("logo", f"feltet 'logo': '{raw_logo}' skal være en png-, jpg- eller svg-fil")
        elif not logo.is_file():
            add("logo", f"feltet 'logo': filen '{raw_logo}' findes ikke "
                        f"(stien læses i forhold til mødefilens mappe {path.parent.resolve()})")

    themes = _themes(data, catalog, add, problems, label)

    meeting_id = slugify(str(data.get("id") or path.stem))
    raise_if_problems(problems, MeetingError)
    return Meeting(
        id=meeting_id, path=path.resolve(), municipality=municipality, forum=forum, title=title,
        date=date, start=start, place=place, contact=contact, logo=logo, themes=themes,
        intro_minutes=intro, closing_minutes=closing,
    )


def _themes(data: LineDict, catalog: Catalog, add, problems: list[Problem], label: str) -> tuple[MeetingTheme, ...]:
    raw = data.get("temaer")
    if raw in (None, "", []):
        return ()
    if not isinstance(raw, list):
        add("temaer", "feltet 'temaer' skal være en liste af tema-id'er")
        return ()
    valid = ", ".join(catalog.theme_ids)
    out: list[MeetingTheme] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw, start=1):
        line = getattr(entry, "line", None) or getattr(raw, "line", None) or data.line_of("temaer")
        if isinstance(entry, str):
            theme_id, mins = entry.strip(), None
        elif isinstance(entry, LineDict):
            theme_id, mins = str(entry.get("id") or "").strip(), entry.get("minutter")
            extra = set(entry) - {"id", "minutter"}
            if extra:
                problems.append(Problem(f"{label}:{line}", f"tema nr. {index}: ukendt felt '{sorted(extra)[0]}' "
                                "(brug 'id' og 'minutter')"))
        else:
            problems.append(Problem(f"{label}:{line}", f"tema nr. {index} skal være et tema-id eller 'id' og 'minutter'"))
            continue
        if not theme_id:
            problems.append(Problem(f"{label}:{line}", f"tema nr. {index} mangler 'id'"))
            continue
        try:
            theme = catalog.theme(theme_id)
        except KeyError:
            problems.append(Problem(f"{label}:{line}", f"ukendt tema '{theme_id}'. Gyldige temaer: {valid}"))
            continue
        if theme_id in seen:
            problems.append(Problem(f"{label}:{line}", f"temaet '{theme_id}' er valgt to gange"))
            continue
        seen.add(theme_id)
        if mins is None:
            mins = theme.minutes
        if isinstance(mins, bool) or not isinstance(mins, int) or not 1 <= mins <= 240:
            problems.append(Problem(f"{label}:{line}", f"tema '{theme_id}': 'minutter' skal være et helt tal "
                            f"mellem 1 og 240, ikke '{mins}'"))
            continue
        out.append(MeetingTheme(theme_id, mins))
    return tuple(out)


def render_meeting_yaml(values: dict[str, object]) -> str:
    """Return the text of a meeting file for ``values`` (Danish keys), with a short header."""
    lines = ["# Mødefil til workbook. Ret felterne, og kør fx: workbook guide <denne fil>", ""]
    for key in ("kommune", "forum", "titel", "dato", "starttid", "sted", "kontakt", "logo",
                "indledning", "afrunding"):
        if values.get(key) in (None, ""):
            continue
        value = values[key]
        if isinstance(value, dt.date):
            value = value.isoformat()
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False,
                                width=1000, default_style=None).strip()
        if key == "starttid":
            dumped = f'{key}: "{value}"'
        lines.append(f"{dumped}  # {KEYS[key]}")
    lines.append("temaer:  # " + KEYS["temaer"])
    for theme in values.get("temaer", []):
        lines.append(f"  - id: {theme['id']}")
        lines.append(f"    minutter: {theme['minutter']}")
    return "\n".join(lines) + "\n"


def write_meeting_file(path: Path, values: dict[str, object], catalog: Catalog) -> Meeting:
    """Write a meeting file atomically after checking that it loads; return the loaded meeting."""
    path = Path(path)
    text = render_meeting_yaml(values)
    try:
        data = parse_yaml(text, str(path))
    except YamlError as exc:  # pragma: no cover - we wrote it with safe_dump
        raise MeetingError([exc.problem]) from None
    meeting = _meeting_from_data(data, path, catalog)
    write_text_atomic(path, text)
    return meeting
