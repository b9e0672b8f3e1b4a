"""Load the meeting file (the user's own input, Danish keys) and validate it with located errors.

The keys are declared once, in ``meeting.model.KEYS``. Every problem is collected with its file
and line, then raised once as a ``MeetingError``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from workbook import danish
from workbook.content.model import AREAS, Catalog
from workbook.content.yamlio import LineDict, load_yaml
from workbook.errors import MeetingError, Problem, YamlError, raise_if_problems
from workbook.meeting.model import (
    DEFAULT_CLOSING_MINUTES,
    DEFAULT_INTRO_MINUTES,
    FORUM_KINDS,
    KEY,
    LOGO_SUFFIXES,
    REQUIRED,
    Meeting,
    MeetingTheme,
    forum_kind_of,
)

__all__ = ["Meeting", "MeetingTheme", "load_meeting", "meeting_from_data", "parse_date", "parse_time",
           "read_content_path", "slugify"]

#: Where a local content path may point: a folder of YAML or an exported content workbook.
CONTENT_SUFFIXES = (".xlsx",)


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
    """Parse ``2027-05-12``, ``12.05.2027``, ``12-05-2027`` or ``12. maj 2027`` (or a YAML date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return danish.parse_date(value)
    return None


def _read(path: Path) -> LineDict:
    try:
        data = load_yaml(path, str(path))
    except YamlError as exc:
        raise MeetingError([exc.problem]) from None
    if not isinstance(data, LineDict):
        raise MeetingError([Problem(str(path), "mødefilen skal bestå af felter som 'kommune:', 'dato:' og "
                                               "'temaer:'")])
    return data


def load_meeting(path: Path, catalog: Catalog) -> Meeting:
    """Load and validate the meeting file at ``path`` against ``catalog``; raise ``MeetingError``."""
    path = Path(path)
    return meeting_from_data(_read(path), path, catalog)


def read_content_path(path: Path) -> Path | None:
    """Return the meeting file's local content (``indhold:``), absolute, or None; checked, located.

    Read before the catalog, since the catalog to check the meeting against depends on it.
    """
    path = Path(path)
    reader = _Reader(_read(path), path)
    content = reader.local_path("indhold", must_exist=True)
    raise_if_problems(reader.problems, MeetingError)
    return content


class _Reader:
    """Reads the values of one meeting file, collecting a located ``Problem`` for each bad one."""

    def __init__(self, data: LineDict, path: Path) -> None:
        self.data, self.path, self.label = data, path, str(path)
        self.problems: list[Problem] = []

    def add(self, key: str | None, message: str, line: int | None = None) -> None:
        line = line or (self.data.line_of(key) if key else self.data.line)
        self.problems.append(Problem(f"{self.label}:{line}", message))

    def given(self, key: str) -> bool:
        return self.data.get(key) not in (None, "", [])

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, dict | list | bool):
            self.add(key, f"feltet '{key}' skal være tekst")
            return ""
        return str(value).strip()

    def date(self) -> dt.date | None:
        if not self.given("dato"):
            return None
        date = parse_date(self.data["dato"])
        if date is None:
            self.add("dato", f"feltet 'dato': '{self.data['dato']}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD "
                             f"eller DD.MM.ÅÅÅÅ, fx 2027-03-04 eller 04.03.2027)")
        return date

    def start(self) -> dt.time | None:
        if not self.given("starttid"):
            return None
        start = parse_time(self.data["starttid"])
        if start is None:
            self.add("starttid", f"feltet 'starttid': '{self.data['starttid']}' er ikke et gyldigt klokkeslæt "
                                 "(skriv TT:MM, fx \"16:00\")")
        return start

    def minutes(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240:
            self.add(key, f"feltet '{key}': skal være et antal minutter mellem 0 og 240, ikke '{value}'")
            return default
        return value

    def local_path(self, key: str, *, must_exist: bool = False) -> Path | None:
        """Return the path under ``key`` resolved against the meeting file's folder, or None."""
        if not self.given(key):
            return None
        raw = self.text(key)
        if not raw:
            return None
        resolved = (self.path.parent / raw).resolve()
        where = f"(stien læses i forhold til mødefilens mappe {self.path.parent.resolve()})"
        if key == "logo":
            if resolved.suffix.lower() not in LOGO_SUFFIXES:
                self.add(key, f"feltet 'logo': '{raw}' skal være en png-, jpg- eller svg-fil")
            elif not resolved.is_file():
                self.add(key, f"feltet 'logo': filen '{raw}' findes ikke {where}")
        elif must_exist and not resolved.exists():
            self.add(key, f"feltet '{key}': '{raw}' findes ikke {where}")
        elif key == "indhold" and resolved.is_file() and resolved.suffix.lower() not in CONTENT_SUFFIXES:
            self.add(key, f"feltet 'indhold': '{raw}' skal være en mappe med YAML-filer eller en Excel-fil "
                          "lavet med 'workbook content eksport'")
        elif key == "status" and resolved.is_dir():
            self.add(key, f"feltet 'status': '{raw}' er en mappe; angiv svardatabasens fil")
        return resolved

    def forum_kind(self, forum: str) -> str:
        if not self.given("forumtype"):
            return forum_kind_of(forum)
        kind = self.text("forumtype").casefold()
        if kind not in FORUM_KINDS:
            self.add("forumtype", f"feltet 'forumtype': '{self.data['forumtype']}' skal være "
                                  f"{' eller '.join(FORUM_KINDS)}")
            return forum_kind_of(forum)
        return kind

    def area(self, areas: dict[str, str]) -> str:
        if not self.given("fagomraade"):
            return ""
        wanted = self.text("fagomraade").casefold()
        for area_id, label in areas.items():
            if wanted in (area_id, label.casefold()):
                return area_id
        valid = ", ".join(f"{area_id} ({label})" for area_id, label in areas.items())
        self.add("fagomraade", f"feltet 'fagomraade': ukendt fagområde '{self.data['fagomraade']}'. "
                               f"Gyldige fagområder: {valid}")
        return ""

    def unknown_keys(self) -> None:
        for key in self.data:
            if key not in KEY:
                self.add(key, f"ukendt felt '{key}' (kendte felter: {', '.join(KEY)})")
        for key in REQUIRED:
            if not self.given(key):
                self.problems.append(Problem(self.label, f"feltet '{key}' mangler – {KEY[key].description}"))


def meeting_from_data(data: LineDict, path: Path, catalog: Catalog) -> Meeting:
    """Validate the parsed meeting file ``data`` (read from ``path``); raise ``MeetingError``."""
    reader = _Reader(data, path)
    reader.unknown_keys()
    municipality, forum = reader.text("kommune"), reader.text("forum")
    values = dict(
        municipality=municipality, forum=forum, title=reader.text("titel"),
        place=reader.text("sted"), contact=reader.text("kontakt"), date=reader.date(), start=reader.start(),
        intro_minutes=reader.minutes("indledning", DEFAULT_INTRO_MINUTES),
        closing_minutes=reader.minutes("afrunding", DEFAULT_CLOSING_MINUTES),
        logo=reader.local_path("logo"), forum_kind=reader.forum_kind(forum), area=reader.area(AREAS),
        content_path=reader.local_path("indhold", must_exist=True), status_path=reader.local_path("status"),
    )
    themes = _themes(data, catalog, reader.add)
    proposals = _proposals(data, catalog, themes, reader.add)
    meeting_id = slugify(str(data.get("id") or path.stem))
    raise_if_problems(reader.problems, MeetingError)
    return Meeting(id=meeting_id, path=path.resolve(), themes=themes, proposals=proposals, **values)


def _theme_entry(entry: object, index: int, add, line: int) -> tuple[str, object] | None:
    """Return (theme id, minutes or None) of one entry under ``temaer``, or None when unusable."""
    if isinstance(entry, str):
        theme_id, mins = entry.strip(), None
    elif isinstance(entry, LineDict):
        theme_id, mins = str(entry.get("id") or "").strip(), entry.get("minutter")
        extra = set(entry) - {"id", "minutter"}
        if extra:
            add(None, f"tema nr. {index}: ukendt felt '{sorted(extra)[0]}' (brug 'id' og 'minutter')", line)
    else:
        add(None, f"tema nr. {index} skal være et tema-id eller 'id' og 'minutter'", line)
        return None
    if not theme_id:
        add(None, f"tema nr. {index} mangler 'id'", line)
        return None
    return theme_id, mins


def _themes(data: LineDict, catalog: Catalog, add) -> tuple[MeetingTheme, ...]:
    raw = data.get("temaer")
    if raw in (None, "", []):
        return ()
    if not isinstance(raw, list):
        add("temaer", "feltet 'temaer' skal være en liste af tema-id'er")
        return ()
    out: list[MeetingTheme] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw, start=1):
        line = getattr(entry, "line", None) or getattr(raw, "line", None) or data.line_of("temaer")
        parsed = _theme_entry(entry, index, add, line)
        if parsed is None:
            continue
        theme_id, mins = parsed
        try:
            theme = catalog.theme(theme_id)
        except KeyError:
            add(None, f"ukendt tema '{theme_id}'. Gyldige temaer: {', '.join(catalog.theme_ids)}", line)
            continue
        if theme_id in seen:
            add(None, f"temaet '{theme_id}' er valgt to gange", line)
            continue
        seen.add(theme_id)
        mins = theme.minutes if mins is None else mins
        if isinstance(mins, bool) or not isinstance(mins, int) or not 1 <= mins <= 240:
            add(None, f"tema '{theme_id}': 'minutter' skal være et helt tal mellem 1 og 240, ikke '{mins}'", line)
            continue
        out.append(MeetingTheme(theme_id, mins))
    return tuple(out)


def _proposals(data: LineDict, catalog: Catalog, themes: tuple[MeetingTheme, ...], add) -> tuple[str, ...]:
    """Return the decision ids under ``indstilling``; each must belong to one of the chosen themes."""
    raw = data.get("indstilling")
    if raw in (None, "", []):
        return ()
    entries = [raw] if isinstance(raw, str) else raw
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        add("indstilling", "feltet 'indstilling' skal være en liste af beslutnings-id'er")
        return ()
    chosen = {t.theme_id for t in themes}
    owner = {d.id: theme.id for theme in catalog.themes for d in theme.decisions}
    valid = [d.id for theme in catalog.themes if theme.id in chosen for d in theme.decisions]
    out: list[str] = []
    line = getattr(raw, "line", 0) or data.line_of("indstilling")
    for decision_id in (e.strip() for e in entries):
        if decision_id in out:
            add(None, f"feltet 'indstilling': beslutningen '{decision_id}' står to gange", line)
        elif decision_id not in owner:
            add(None, f"feltet 'indstilling': ukendt beslutning '{decision_id}'. Gyldige beslutninger i "
                      f"mødets temaer: {', '.join(valid) or 'ingen'}", line)
        elif owner[decision_id] not in chosen:
            add(None, f"feltet 'indstilling': beslutningen '{decision_id}' hører til temaet "
                      f"'{owner[decision_id]}', som ikke er valgt til mødet", line)
        else:
            out.append(decision_id)
    return tuple(out)
