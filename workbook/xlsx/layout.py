"""The self-assessment workbook's layout: the one contract shared by the writer and the reader.

Sheet names, column headers, the answer scale, defined names and the hidden metadata sheet are
declared here and nowhere else. The reader finds sheets and rows by the item ids the metadata
lists and columns by header text (or, for an edited header, by this layout), never by sheet name or
fixed position, so renamed, copied or sorted sheets and extra columns still read correctly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Identifies a workbook made by this tool (stored in the metadata sheet).
FORMAT_NAME = "workbook-selvevaluering"
#: Bump when the layout changes in a way the reader must know about.
FORMAT_VERSION = 1

#: The answer scale, in display order. Answers are compared case- and space-insensitively.
SCALE: tuple[str, ...] = ("Ja", "Delvist", "Nej", "Ved ikke", "Ikke relevant")
#: Readiness weight of each answer (None: not counted in the readiness score). «Ved ikke» is kept
#: apart from «Nej» and out of readiness, as in the report (``report.aggregate.READINESS_WEIGHTS``).
SCALE_WEIGHTS: dict[str, float | None] = {
    "Ja": 1.0, "Delvist": 0.5, "Nej": 0.0, "Ved ikke": None, "Ikke relevant": None,
}
PRIORITIES: tuple[str, ...] = ("Høj", "Mellem", "Lav")

SHEET_GUIDE = "Vejledning"
SHEET_OVERVIEW = "Overblik"
SHEET_LISTS = "Lister"
"""Hidden sheet holding the dropdown lists."""
SHEET_META = "Metadata"
"""Hidden, protected sheet identifying the workbook (see ``MetaKey``)."""
RESERVED_SHEETS = (SHEET_GUIDE, SHEET_OVERVIEW, SHEET_LISTS, SHEET_META)

#: Defined names (workbook scope).
NAME_SCALE = "Svarskala"
NAME_PRIORITIES = "Prioriteter"
NAME_RESPONDENT = "Respondent_navn"
NAME_ROLE = "Respondent_rolle"
NAME_DATE = "Respondent_dato"
NAME_GROUP = "Respondent_gruppe"


@dataclass(frozen=True)
class Column:
    """A column of a theme sheet: key used in code, header shown, width, and whether it is input."""

    key: str
    header: str
    width: float
    input: bool


#: Columns of every theme sheet, in the order written. Headers are what the reader matches on.
THEME_COLUMNS: tuple[Column, ...] = (
    Column("number", "Nr.", 6, False),
    Column("statement", "Udsagn", 52, False),
    Column("help", "Hjælp", 36, False),
    Column("answer", "Svar", 14, True),
    Column("priority", "Prioritet", 11, True),
    Column("owner", "Ansvarlig", 18, True),
    Column("deadline", "Frist", 12, True),
    Column("comment", "Bemærkning", 36, True),
    Column("id", "Id", 24, False),
)
COLUMN_BY_KEY = {c.key: c for c in THEME_COLUMNS}
#: The column that shows a statement's rubric (what Ja and Delvist mean for it), below the help
#: text and beside the answer. The rubric is the catalog's, like the help text, and is not read
#: back, so workbooks written before rubrics existed read exactly as before.
RUBRIC_COLUMN = "help"
#: The rubric's parts ("Ja: …; Delvist: …") each start a line of their own in that cell.
RUBRIC_PARTS: tuple[str, ...] = ("Ja:", "Delvist:")
INPUT_KEYS = tuple(c.key for c in THEME_COLUMNS if c.input)
#: The header row of theme sheets (1-based); rows below it hold one statement each.
HEADER_ROW = 4
#: How far down the reader looks for the header row when rows were inserted above it.
HEADER_SEARCH_ROWS = 30

#: Respondent fields on the Vejledning sheet: defined name -> label in the cell to its left.
RESPONDENT_FIELDS: dict[str, str] = {
    NAME_RESPONDENT: "Navn",
    NAME_ROLE: "Rolle / afdeling",
    NAME_GROUP: "Gruppe",
    NAME_DATE: "Dato",
}
#: The fields every workbook has had since format version 1 (the group came later: optional).
REQUIRED_RESPONDENT_FIELDS = (NAME_RESPONDENT, NAME_ROLE, NAME_DATE)
#: Groups a respondent may belong to (the report compares groups); free text is allowed too.
GROUPS: tuple[str, ...] = ("politiker", "leder", "medarbejder", "partner", "frivillig")


class MetaKey:
    """Keys of the key/value block at the top of the metadata sheet (column A key, column B value)."""

    FORMAT = "format"
    FORMAT_VERSION = "format_version"
    TOOL_VERSION = "tool_version"
    CATALOG_VERSION = "catalog_version"
    CATALOG_HASH = "catalog_hash"
    LOCAL_CONTENT_HASH = "local_content_hash"
    """The digest of the local content (``Catalog.local_hash``), "" for none; absent in older files."""
    MEETING_ID = "meeting_id"
    MUNICIPALITY = "municipality"
    MEETING_TITLE = "meeting_title"
    MEETING_DATE = "meeting_date"
    CREATED = "created"
    CHECKSUM = "structure_checksum"


#: Below the key/value block, a header row with these cells starts the item table:
#: one row per statement: sheet name, theme id, item id, printed number.
META_ITEMS_HEADER = ("sheet", "theme_id", "item_id", "number")


def match_option(value: object, options: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Return (option, other): the option ``value`` means (``' ja '`` → ``'Ja'``), or the typed text.

    Both are None for an empty cell; ``other`` is the space-collapsed text of a value that is none
    of ``options``.
    """
    if value is None:
        return None, None
    if value in options:  # as the list in the cell wrote it: the common case
        return value, None  # type: ignore[return-value]
    text = " ".join(str(value).split())
    if not text:
        return None, None
    folded = _FOLDED.get(options)
    if folded is None:
        folded = _FOLDED[options] = {option.casefold(): option for option in options}
    option = folded.get(text.casefold())
    return (option, None) if option is not None else (None, text)


#: options → {casefolded option: option}, made once per tuple of options.
_FOLDED: dict[tuple[str, ...], dict[str, str]] = {}


def normalise_answer(value: object) -> str | None:
    """Return the scale value ``value`` means; None for empty or a value off the scale."""
    return match_option(value, SCALE)[0]


def normalise_priority(value: object) -> str | None:
    """Return the priority ``value`` means; None for empty or a value that is not a priority."""
    return match_option(value, PRIORITIES)[0]


def structure_checksum(items: list[tuple[str, str, str, str]]) -> str:
    """Return the sha256 of the workbook's structure: (sheet, theme id, item id, number) rows."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT_NAME}/{FORMAT_VERSION}\n".encode())
    for row in items:
        digest.update(("\t".join(row) + "\n").encode())
    return digest.hexdigest()
