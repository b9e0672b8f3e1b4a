"""The list of respondents a workbook goes out to: read from CSV (``;`` or ``,``) or an xlsx sheet.

Columns are found by their header (``navn``, ``rolle``, ``e-mail``, optional ``gruppe``; case and
spaces do not matter, ``email`` and ``mail`` work too). Every problem is collected with its line and
raised once, so the whole list can be fixed in one round.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import Problem, WorkbookFileError, raise_if_problems
from workbook.xlsx.locate import cell_text
from workbook.xlsx.texts import shorten

#: Header (folded) → field; the first three are required.
HEADERS = {"navn": "name", "rolle": "role", "e-mail": "email", "email": "email", "mail": "email",
           "gruppe": "group"}
REQUIRED = ("name", "role", "email")
LABELS = {"name": "navn", "role": "rolle", "email": "e-mail", "group": "gruppe"}
MAX_PEOPLE = 5000


@dataclass(frozen=True)
class Person:
    """One respondent on the list: name and role go into the workbook, e-mail into udsendelse.csv."""

    name: str
    role: str
    email: str
    group: str = ""
    line: int = 0
    """The line (or row) of the list the person is on."""


def _rows_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV (semikolonsepareret)" on Danish Windows
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _rows_xlsx(path: Path) -> list[list[str]]:
    from workbook.xlsx.cells import CellSource
    from workbook.xlsx.guard import check_container

    check_container(path, path.name)
    with CellSource(path, path.name) as source:
        first = next((s.name for s in source.package.sheets if s.state == "visible"), None)
        if first is None:
            return []
        source.prepare([first])
        rows: list[list[str]] = []
        for number, values in source.rows(first):
            while len(rows) < number - 1:
                rows.append([])
            rows.append([cell_text(v) or "" for v in values])
        return rows


def read_people(path: Path) -> list[Person]:
    """Return the people listed in ``path``; raise ``WorkbookFileError`` listing every problem."""
    path = Path(path)
    label = path.name
    try:
        rows = _rows_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _rows_csv(path)
    except OSError as exc:
        from workbook.xlsx.guard import os_reason

        raise WorkbookFileError([Problem(label, os_reason(exc))]) from None
    header_at = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if header_at is None:
        raise WorkbookFileError([Problem(label, "listen over respondenter er tom")])
    columns: dict[str, int] = {}
    for col, text in enumerate(rows[header_at]):
        key = HEADERS.get(" ".join(text.split()).casefold())
        if key and key not in columns:
            columns[key] = col
    missing = [LABELS[k] for k in REQUIRED if k not in columns]
    if missing:
        raise WorkbookFileError([Problem(f"{label}:{header_at + 1}", f"kolonnen '{m}' mangler i overskriften "
                                         "(brug navn, rolle, e-mail og evt. gruppe)") for m in missing])
    return _people(rows, header_at, columns, label)


def _people(rows: list[list[str]], header_at: int, columns: dict[str, int], label: str) -> list[Person]:
    people: list[Person] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index in range(header_at + 1, len(rows)):
        row, line = rows[index], index + 1

        def value(key: str, row: list[str] = row) -> str:
            col = columns.get(key)
            return " ".join(row[col].split()) if col is not None and col < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        person = Person(value("name"), value("role"), value("email"), value("group"), line)
        where = f"{label}:{line}"
        for key in REQUIRED:
            if not getattr(person, key):
                problems.append(Problem(where, f"feltet '{LABELS[key]}' er tomt"))
        if person.email and ("@" not in person.email or " " in person.email):
            problems.append(Problem(where, f"'{shorten(person.email)}' er ikke en e-mailadresse"))
        key = person.name.casefold()
        if key in seen:
            problems.append(Problem(where, f"'{shorten(person.name)}' står også i linje {seen[key]}"))
        seen.setdefault(key, line)
        people.append(person)
    if not people and not problems:
        problems.append(Problem(label, "listen har ingen respondenter under overskriften"))
    if len(people) > MAX_PEOPLE:
        problems.append(Problem(label, f"listen har {len(people)} respondenter; højst {MAX_PEOPLE}"))
    raise_if_problems(problems, WorkbookFileError, "Listen over respondenter har fejl")
    return people
