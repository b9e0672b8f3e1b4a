"""What a file in an input folder is: a workbook to read, a spreadsheet we cannot read, or noise.

``classify_input`` looks at the name and the first bytes only (never parses), so a folder scan can
give every file a line: ``.ods``, ``.csv``, ``.xls`` and the like are named with what to do instead
of being skipped without a word; lock files of Excel and LibreOffice are recognised as such.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from workbook.xlsx.guard import CFB_MAGIC, ZIP_MAGIC, os_reason

WORKBOOK = "workbook"
"""An .xlsx file: read it (``read_response`` decides whether it is one of ours)."""
UNREADABLE = "unreadable"
"""A spreadsheet or data file in a format the tool does not read; ``message`` says what to do."""
LOCK = "lock"
"""A lock or temporary file of Excel or LibreOffice (``~$svar.xlsx``, ``.~lock.svar.xlsx#``)."""
OTHER = "other"
"""Anything else (a PDF, a note); ``message`` says it is not read."""

_SAVE_AS = "Åbn den, og gem den som Excel-projektmappe (.xlsx), så den kan læses"
_FORMATS = {
    ".ods": "filen er et OpenDocument-regneark (.ods) og læses ikke. " + _SAVE_AS,
    ".fods": "filen er et OpenDocument-regneark (.fods) og læses ikke. " + _SAVE_AS,
    ".csv": "filen er en CSV-fil og kan ikke rumme en udfyldt selvevaluering. Send Excel-filen (.xlsx)",
    ".tsv": "filen er en tekstfil med tabulatorer og kan ikke rumme en udfyldt selvevaluering. "
            "Send Excel-filen (.xlsx)",
    ".xls": "filen er i det gamle Excel-format (.xls) og læses ikke. " + _SAVE_AS,
    ".xlsb": "filen er en binær Excel-projektmappe (.xlsb) og læses ikke. " + _SAVE_AS,
    ".xlsm": "filen er en Excel-projektmappe med makroer (.xlsm) og læses ikke. " + _SAVE_AS,
    ".numbers": "filen er et Numbers-regneark og læses ikke. Eksportér det som Excel (.xlsx)",
}
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class InputKind:
    """What a file in an input folder is, and (unless it is a workbook) the Danish line about it."""

    kind: str
    message: str = ""


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8)


def classify_input(path: Path) -> InputKind:
    """Return what the file at ``path`` is (``WORKBOOK``, ``UNREADABLE``, ``LOCK`` or ``OTHER``)."""
    path = Path(path)
    name = path.name
    if name.startswith(("~$", ".~lock.")) or name.endswith("#"):
        return InputKind(LOCK, "filen er en midlertidig låsefil fra Excel eller LibreOffice og springes over")
    suffix = path.suffix.lower()
    try:
        head = _head(path)
    except OSError as exc:
        return InputKind(UNREADABLE, os_reason(exc))
    if suffix == ".xlsx":
        return InputKind(WORKBOOK)
    if suffix in _FORMATS:
        return InputKind(UNREADABLE, _FORMATS[suffix])
    if head == CFB_MAGIC:
        return InputKind(UNREADABLE, _FORMATS[".xls"])
    if head.startswith(ZIP_MAGIC) and _is_ods(path):
        return InputKind(UNREADABLE, _FORMATS[".ods"])
    return InputKind(OTHER, "filen er ikke en Excel-fil (.xlsx) og springes over")


def _is_ods(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype")[:100].startswith(_ODS_MIME)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
