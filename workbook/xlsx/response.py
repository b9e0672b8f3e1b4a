"""What reading one filled workbook gives: the ``Response`` and its located problems (``CellProblem``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbook.errors import Problem as LocatedProblem
from workbook.xlsx import layout as L
from workbook.xlsx.fields import Answer
from workbook.xlsx.locate import MetaItem


@dataclass(frozen=True)
class CellProblem(LocatedProblem):
    """A located problem in a returned workbook: ``errors.Problem`` with what error reports show.

    ``where`` is ``file [Ark!C7]`` (or ``file [Ark]``, or the file alone); ``str()`` gives
    ``file [Ark!C7]: message``.
    """

    sheet: str = ""
    cell: str = ""
    found: str = ""
    """The value found, shortened for messages (at most 80 characters, cut with "…")."""
    allowed: str = ""
    heading: str = ""
    """A short title for error reports (``Ugyldigt svar``); the message when empty."""
    number: str = ""
    """The statement's printed number (``2.3``), when the problem is in a statement's row."""

    @property
    def place(self) -> str:
        """``Forsikring!D7`` (or the sheet alone, or empty): ``where`` without the file."""
        return f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet


def cell_problem(label: str, message: str, sheet: str = "", cell: str = "", **details: str) -> CellProblem:
    """Return the problem located at ``sheet!cell`` of the file ``label``."""
    place = f"{sheet}!{cell}" if sheet and cell else sheet
    where = f"{label} [{place}]" if place else label
    details = {key: value or "" for key, value in details.items()}
    return CellProblem(where, message, sheet=sheet or "", cell=cell or "", **details)


#: The name report/ imports; every problem of a read workbook is a ``CellProblem``.
Problem = CellProblem


@dataclass
class Response:
    """One filled workbook as read: its metadata, respondent, answers by item id and warnings."""

    path: Path
    label: str
    meta: dict[str, str]
    items: tuple[MetaItem, ...]
    respondent: dict[str, str] = field(default_factory=dict)
    """Respondent fields by defined name (``Respondent_navn`` ...), as text; missing ones absent."""
    answers: dict[str, Answer] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    """Statement text per item id as found in the workbook the respondent filled."""
    raw: dict[str, dict[str, object]] = field(default_factory=dict)
    """The input cells exactly as found, item id → column key → value (only with ``keep_text=True``),
    so ``upgrade`` carries even values that are not on the scale."""
    guide: dict[str, str] = field(default_factory=dict)
    """Label → value pairs of the guide sheet's first two columns (only with ``keep_text=True``)."""
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The respondent's name ('' when not filled in)."""
        return self.respondent.get(L.NAME_RESPONDENT, "")

    @property
    def role(self) -> str:
        """The respondent's role or department ('' when not filled in)."""
        return self.respondent.get(L.NAME_ROLE, "")

    @property
    def group(self) -> str:
        """The respondent's group (politiker, leder, ...; '' when not filled in)."""
        return self.respondent.get(L.NAME_GROUP, "")

    @property
    def catalog_version(self) -> str:
        return self.meta.get(L.MetaKey.CATALOG_VERSION, "")

    @property
    def meeting_id(self) -> str:
        return self.meta.get(L.MetaKey.MEETING_ID, "")

    @property
    def local_content_hash(self) -> str | None:
        """The digest of the local content the workbook was made with ("" for none; None: not recorded)."""
        return self.meta.get(L.MetaKey.LOCAL_CONTENT_HASH)
