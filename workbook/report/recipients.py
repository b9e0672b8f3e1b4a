"""The respondent list (``udsendelse.csv`` from ``checklist --respondenter``): who was asked, who has answered.

Read as CSV with ``;`` or ``,``; the header names the columns (navn/person, e-mail, fil, rolle,
gruppe; case and order free). A person has answered when a file read in this run has their file
name or their name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import WorkbookError

_COLUMNS = {"navn": "name", "person": "name", "respondent": "name", "e-mail": "email", "email": "email",
            "mail": "email", "fil": "file", "file": "file", "filnavn": "file", "rolle": "role",
            "gruppe": "group", "group": "group"}


@dataclass(frozen=True)
class Recipient:
    """One person the workbook was sent to."""

    name: str
    email: str = ""
    file: str = ""
    role: str = ""
    group: str = ""


def load_recipients(path: Path) -> list[Recipient]:
    """Read the respondent list at ``path``; raise ``WorkbookError`` (in Danish, with the line) when it is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError(f"{Path(path).name}: respondentlisten er ikke gemt som UTF-8; gem den som "
                            "»CSV UTF-8« og prøv igen") from None
    except OSError as exc:
        from workbook.report.oserrors import os_message

        raise WorkbookError(os_message(Path(path), exc, reading=True)) from None
    lines = text.splitlines()
    delimiter = ";" if lines and lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    if not rows:
        return []
    keys = [_COLUMNS.get(h.strip().casefold(), "") for h in rows[0]]
    if "name" not in keys:
        raise WorkbookError(f"{Path(path).name}:1: respondentlisten mangler kolonnen 'navn'")
    people = []
    for row in rows[1:]:
        values = {k: v.strip() for k, v in zip(keys, row, strict=False) if k}
        if values.get("name"):
            people.append(Recipient(values["name"], values.get("email", ""), Path(values.get("file", "")).name,
                                    values.get("role", ""), values.get("group", "")))
    return people


def match(recipients: list[Recipient], name: str, file: str) -> Recipient | None:
    """The recipient a read file belongs to: by file name first, then by name (case ignored)."""
    by_file = next((r for r in recipients if r.file and r.file == file), None)
    if by_file is not None:
        return by_file
    key = name.casefold()
    return next((r for r in recipients if key and r.name.casefold() == key), None)


def not_answered(recipients: list[Recipient], answered: list[tuple[str, str]]) -> list[Recipient]:
    """The recipients none of whose (name, file) pairs in ``answered`` match."""
    found = {id(r) for name, file in answered if (r := match(recipients, name, file)) is not None}
    return [r for r in recipients if id(r) not in found]
