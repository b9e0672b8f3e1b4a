"""The layout of the content workbook (``workbook content eksport``): the one contract its writer and reader share.

One sheet per kind of text a municipality may change. Every sheet has the item's ``Id`` (and, for
items inside a theme, the theme's id in ``Tema``), for each text field the catalog's text and a
column for the municipality's own, and ``Handling`` (empty, ``fjern`` or ``ny``). Columns are found
by their header, never by position. The sheet ``Om indholdet`` marks the file as ours.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_NAME = "workbook-indhold"
FORMAT_VERSION = 1
META_SHEET = "Om indholdet"
GUIDE_SHEET = "Vejledning"

ID_HEADER = "Id"
THEME_HEADER = "Tema"
ACTION_HEADER = "Handling"
CATALOG_SUFFIX = " (katalog)"
LOCAL_SUFFIX = " (kommunens)"
HEADER_ROW = 1

REMOVE = "fjern"
ADD = "ny"
ACTIONS = ("", REMOVE, ADD)


@dataclass(frozen=True)
class TextField:
    """A text field of an item as the workbook shows it."""

    key: str
    """The field of the content model (``statement``)."""
    label: str
    """Its Danish column name (``Udsagn``)."""
    lines: bool = False
    """A list of texts, one per line in the cell (key points, lessons)."""

    @property
    def catalog_header(self) -> str:
        return self.label + CATALOG_SUFFIX

    @property
    def local_header(self) -> str:
        return self.label + LOCAL_SUFFIX


@dataclass(frozen=True)
class ContentSheet:
    """One sheet: which items it lists and which of their text fields."""

    name: str
    section: str
    """The catalog section of the item, or of the theme it is in (``themes``, ``cases``)."""
    nested: str
    """The theme's field holding the items (``checklist``), or "" for top-level items."""
    fields: tuple[TextField, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        """The sheet's column headers, in order."""
        pairs = [h for f in self.fields for h in (f.catalog_header, f.local_header)]
        return (ID_HEADER, *((THEME_HEADER,) if self.nested else ()), *pairs, ACTION_HEADER)


SHEETS: tuple[ContentSheet, ...] = (
    ContentSheet("Temaer", "themes", "", (
        TextField("title", "Titel"), TextField("summary", "Resumé"), TextField("background", "Baggrund"),
        TextField("key_points", "Hovedpunkter", lines=True))),
    ContentSheet("Spørgsmål", "themes", "questions", (
        TextField("text", "Spørgsmål"), TextField("hint", "Note til mødelederen"))),
    ContentSheet("Udsagn", "themes", "checklist", (
        TextField("statement", "Udsagn"), TextField("help", "Hjælp"),
        TextField("rubric", "Hvad Ja og Delvist betyder"))),
    ContentSheet("Beslutninger", "themes", "decisions", (
        TextField("text", "Beslutning (at …)"), TextField("note", "Note"))),
    ContentSheet("Eksempler", "cases", "", (
        TextField("title", "Titel"), TextField("summary", "Resumé"), TextField("lessons", "Erfaringer", lines=True))),
)

GUIDE_TEXT = (
    "Kommunens eget indhold",
    "Her står de tekster fra kataloget, kommunen selv kan rette: temaernes titler og tekster, "
    "spørgsmål, udsagn, beslutningsforslag og eksempler.",
    "Ret en tekst: skriv kommunens tekst i kolonnen »(kommunens)« ud for katalogets. Tomme felter "
    "ændrer ikke noget, og resten af punktet bliver, som det er.",
    "Fjern et spørgsmål, udsagn eller beslutningsforslag: skriv »fjern« i kolonnen »Handling«.",
    "Læg et nyt til: skriv et nyt id (små bogstaver, tal og bindestreger), temaets id i »Tema«, "
    "teksterne i kolonnerne »(kommunens)« og »ny« i »Handling«.",
    "Brug filen: skriv »indhold: <filnavn>.xlsx« i mødefilen (eller brug --content). Ret ikke i "
    "kolonnerne Id og »(katalog)«, og omdøb ikke arkene.",
)
