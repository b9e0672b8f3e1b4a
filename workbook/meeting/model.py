"""The meeting: its typed object and the ONE declaration of the meeting file's keys.

``KEYS`` is used by the loader (known keys, required keys, messages), by ``init`` (what to ask,
defaults), by the writer (order and comments of a written file) and by the CLI (the options of
``workbook init``). Add a key here and everything else follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INTRO_MINUTES = 5
DEFAULT_CLOSING_MINUTES = 10
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")

#: Values of ``forumtype``.
FORUM_KINDS = ("kommunalbestyrelse", "udvalg")
#: Words in a forum's name that make it the council (byråd, Københavns Borgerrepræsentation).
COUNCIL_NAMES = ("kommunalbestyrelse", "byråd", "borgerrepræsentation")


@dataclass(frozen=True)
class MeetingKey:
    """One key of the meeting file (Danish), as the loader, ``init``, the writer and the CLI see it."""

    name: str
    description: str
    """What the key holds, lower case; the comment in a written file and the text of messages."""
    required: bool = False
    question: str = ""
    """What ``init`` asks; empty when ``init`` does not ask for it."""
    default: str | None = None
    """The answer ``init`` suggests (and uses with ``--no-input``)."""
    metavar: str = "TEKST"
    """The placeholder in ``workbook init --help``."""

    @property
    def option_help(self) -> str:
        """The help of the ``--<name>`` option of ``workbook init``."""
        text = self.description.removeprefix("valgfrit: ")
        return text[0].upper() + text[1:] + "."


#: Every key of the meeting file, in the order a written file has them.
KEYS: tuple[MeetingKey, ...] = (
    MeetingKey("kommune", "kommunens navn", True, "Kommune", metavar="NAVN"),
    MeetingKey("forum", "kommunalbestyrelsens eller udvalgets navn", True,
               "Forum (kommunalbestyrelsens eller udvalgets navn)", "Kommunalbestyrelsen", "NAVN"),
    MeetingKey("forumtype", "valgfrit: kommunalbestyrelse eller udvalg (standard: ud fra forummets navn)"),
    MeetingKey("fagomraade", "valgfrit: udvalgets fagområde (fx ældre eller børn og unge)"),
    MeetingKey("titel", "mødets titel", True, "Mødets titel", "Drøftelse af velfærdsalliancer"),
    MeetingKey("dato", "mødedato (fx 2027-05-12 eller 12.05.2027)", True, "Mødedato (fx 12.05.2027 eller 2027-05-12)",
               metavar="DATO"),
    MeetingKey("starttid", "starttidspunkt (TT:MM)", True, "Starttidspunkt (TT:MM)", "16:00", "TT:MM"),
    MeetingKey("sted", "mødested", True, "Mødested"),
    MeetingKey("kontakt", "kontaktperson (navn, e-mail, telefon)", True,
               "Kontaktperson (navn, e-mail, telefon)"),
    MeetingKey("logo", "valgfrit: sti til kommunens logo (png, jpg eller svg), i forhold til mødefilen"),
    MeetingKey("id", "valgfrit: mødets id (bruges som mappenavn); ellers filnavnet"),
    MeetingKey("indledning", f"valgfrit: minutter til indledning (standard {DEFAULT_INTRO_MINUTES})"),
    MeetingKey("afrunding",
               f"valgfrit: minutter til opsamling og beslutninger (standard {DEFAULT_CLOSING_MINUTES})"),
    MeetingKey("indstilling", "valgfrit: id'er på de beslutninger, dagsordenspunktet indstiller"),
    MeetingKey("indhold", "valgfrit: kommunens eget indhold (en mappe eller en eksporteret Excel-fil), "
                          "i forhold til mødefilen"),
    MeetingKey("status", "valgfrit: sti til svardatabasen, i forhold til mødefilen"),
    MeetingKey("temaer", "de valgte temaer: liste af tema-id'er eller 'id' og 'minutter'", True),
)

KEY: dict[str, MeetingKey] = {key.name: key for key in KEYS}
REQUIRED: tuple[str, ...] = tuple(key.name for key in KEYS if key.required)
#: The keys ``init`` asks for, in the order it asks.
ASKED: tuple[MeetingKey, ...] = tuple(key for key in KEYS if key.question)


def forum_kind_of(forum: str) -> str:
    """Return ``kommunalbestyrelse`` for a council's name (byråd too), else ``udvalg``."""
    name = forum.casefold()
    return "kommunalbestyrelse" if any(council in name for council in COUNCIL_NAMES) else "udvalg"


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
    forum_kind: str = ""
    """``kommunalbestyrelse`` or ``udvalg`` (from ``forumtype``); left empty, it follows the forum's name."""
    area: str = ""
    """The committee's area, an id of ``content.model.AREAS``; "" for none (the council)."""
    proposals: tuple[str, ...] = ()
    """Ids of the decisions the agenda item proposes (``indstilling``)."""
    content_path: Path | None = None
    """The municipality's own content (``indhold``): a folder or an exported workbook, absolute."""
    status_path: Path | None = None
    """The answer database (``status``), absolute."""

    def __post_init__(self) -> None:
        if not self.forum_kind:  # a Meeting made in code without forumtype: decide from the name
            object.__setattr__(self, "forum_kind", forum_kind_of(self.forum))
