"""One workbook per respondent, with name, role and group filled in, and ``udsendelse.csv`` for mail merge."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbook.content.model import Catalog
from workbook.files import safe_name, write_text_atomic
from workbook.meeting.load import Meeting
from workbook.xlsx import locate
from workbook.xlsx.layout import NAME_GROUP, NAME_RESPONDENT, NAME_ROLE
from workbook.xlsx.people import Person
from workbook.xlsx.write.book import ChecklistResult, build_workbook, save_workbook
from workbook.xlsx.write.style import put_text

MAILING_FILE = "udsendelse.csv"
MAILING_HEADER = ("person", "e-mail", "fil")
_FOLD = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"}


@dataclass(frozen=True)
class PersonalResult:
    """The workbooks written, one per person in list order, and the mail-merge list."""

    written: list[tuple[Person, ChecklistResult]]
    mailing: Path


def file_stem(name: str) -> str:
    """Return a person's name as a file name part fit for mail merge: ``Søren Ågård`` → ``soeren-aagaard``."""
    text = "".join(_FOLD.get(c, c) for c in name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return safe_name(text, max_bytes=60).strip("-_") or "respondent"


def _file_names(people: list[Person]) -> list[str]:
    names, used = [], set()
    for person in people:
        stem = f"selvevaluering-{file_stem(person.name)}"
        name, counter = f"{stem}.xlsx", 2
        while name in used:
            name, counter = f"{stem}-{counter}.xlsx", counter + 1
        used.add(name)
        names.append(name)
    return names


def write_personal_checklists(meeting: Meeting, catalog: Catalog, people: list[Person], folder: Path,
                              *, force: bool = False) -> PersonalResult:
    """Write one workbook per person into ``folder`` (name, role, group filled in) and the mailing list."""
    folder = Path(folder)
    written = []
    for person, name in zip(people, _file_names(people), strict=True):
        wb = build_workbook(meeting, catalog)
        for defined, value in ((NAME_RESPONDENT, person.name), (NAME_ROLE, person.role),
                               (NAME_GROUP, person.group)):
            target = locate.reference_cell(wb.defined_names[defined].attr_text)
            if value and target is not None:
                sheet, row, col = target
                put_text(wb[sheet].cell(row, col), value)
        written.append((person, save_workbook(wb, folder / name, force=force)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(MAILING_HEADER)
    for person, result in written:
        writer.writerow((person.name, person.email, str(result.path.resolve())))
    mailing = folder / MAILING_FILE
    write_text_atomic(mailing, "\ufeff" + buffer.getvalue())
    return PersonalResult(written, mailing)
