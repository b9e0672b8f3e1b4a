"""Collect the filled workbooks: find the files, drop copies, read each one on its own, check them together.

Bad input never stops the others: each file is read on its own, a rejected file gets one Danish
line, and the good files still count.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.model import Catalog
from workbook.report.groups import group_of
from workbook.report.oserrors import os_message
from workbook.report.output import is_own_output
from workbook.report.readers import answer_rows, read_many
from workbook.report.store import FileRow, Stage, stage_meeting
from workbook.xlsx import layout as L
from workbook.xlsx.read import Problem, Response

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Spreadsheet-like files in an input folder that are named as not read (never skipped silently).
FOREIGN_SUFFIXES = (".ods", ".csv", ".numbers", ".xlsb", ".fods")


@dataclass
class FileOutcome:
    """What happened to one input file."""

    path: Path
    label: str
    digest: str = ""
    response: Response | None = None
    """The response as read, without its answers (they are in the stage)."""
    rejection: str | None = None
    problems: list[Problem] = field(default_factory=list)
    answered: bool = False
    """True when the file holds at least one answer."""
    staged: int | None = None
    """The file's id in the run's ``Stage``."""


def stage_response(stage: Stage, response: Response, digest: str, name: str, catalog: Catalog | None) -> int:
    """Write ``response`` (its respondent fields and one row per statement) into ``stage``; return its id."""
    return stage_read(stage, response, answer_rows(response, catalog), digest, name)


def stage_read(stage: Stage, response: Response, rows: Iterable[tuple], digest: str, name: str) -> int:
    """Write a read file (its respondent fields and its answer ``rows``) into ``stage``; return its id."""
    meta = response.meta
    stage_meeting(stage, response.meeting_id, meta.get(L.MetaKey.MEETING_TITLE, ""),
                  meta.get(L.MetaKey.MUNICIPALITY, ""), meta.get(L.MetaKey.MEETING_DATE, ""))
    row = FileRow(digest, name, response.meeting_id, response.catalog_version, response.name, response.role,
                  group_of(response.group, response.role), response.respondent.get(L.NAME_DATE, ""))
    return stage.put(row, rows)


def find_inputs(inputs: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders (their Excel files, not sub-folders); return files and Danish problems, one per input.

    In a folder, the tool's own outputs (samlet.xlsx) are skipped; files the tool cannot read (.ods,
    .csv, .numbers) get a line each. An input that cannot be looked at (no permission, a name too
    long) gets a line and the others are still read.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in inputs:
        path = Path(raw)
        try:
            if path.is_dir():
                found, other = _folder_inputs(path)
                problems.extend(other)
                if not found and not other:
                    problems.append(f"{path}: mappen indeholder ingen Excel-filer (.xlsx)")
                files.extend(found)
            elif path.exists():
                files.append(path)
            else:
                problems.append(f"{path}: filen findes ikke")
        except OSError as exc:
            problems.append(os_message(path, exc, reading=True))
    return files, problems


def _folder_inputs(folder: Path) -> tuple[list[Path], list[str]]:
    found, other = [], []
    with os.scandir(folder) as listing:  # the listing says what is a file (no look at each one)
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        p = folder / entry.name
        if entry.name.startswith(("~$", ".")) or is_own_output(p) or not entry.is_file():
            continue
        suffix = p.suffix.lower()
        if suffix in INPUT_SUFFIXES:
            found.append(p)
        elif suffix in FOREIGN_SUFFIXES:
            other.append(f"{p}: filen er en {suffix}-fil, ikke en Excel-projektmappe (.xlsx), og er ikke "
                         "læst. Åbn den, gem den som .xlsx, og kør igen")
    return found, other


def drop_duplicates(files: list[Path]) -> tuple[list[Path], list[tuple[int, Path, Path]]]:
    """Keep the first of inputs that are the same file (device and inode: also by another path, a
    link or a second name of it): a file given both alone and in its folder is read once. Return the
    files to read and (place in ``files``, duplicate, first).

    Copies with another name (the same content) are found while reading, by their digest
    (``read_all``), so no file is read twice to find them.
    """
    kept: list[Path] = []
    skipped: list[tuple[int, Path, Path]] = []
    by_path: dict[object, Path] = {}
    for place, path in enumerate(files):
        key = _identity(path)
        first = by_path.get(key)
        if first is not None:
            skipped.append((place, path, first))
            continue
        by_path[key] = path
        kept.append(path)
    return kept, skipped


def _identity(path: Path) -> object:
    """What makes ``path`` the file it is: its device and inode (one look), else its absolute path."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return path.absolute()
    return (status.st_dev, status.st_ino) if status.st_ino else path.absolute()


def duplicate_message(path: Path, first: Path) -> str:
    """Return the one-line Danish message for an input skipped as a copy of ``first``."""
    return f"{path}: filen er den samme som {first}; talt med én gang"


def read_all(files: list[Path], catalog: Catalog, stage: Stage) -> tuple[list[FileOutcome], list[tuple[Path, Path]]]:
    """Read every file into ``stage``; a problem in one never stops the others; then check them together.

    Return the outcomes and the (copy, first) pairs of files with the same content (sha256) as an
    earlier one: a respondent who sends the same file twice under another name counts once.
    """
    outcomes = []
    copies: list[tuple[Path, Path]] = []
    by_digest: dict[str, Path] = {}
    shared: dict[str, tuple] = {}
    metas: dict[tuple, dict[str, str]] = {}  # files of one meeting share one metadata table
    jobs = [(path, str(path)) for path in files]
    for path, (digest, read) in zip(files, read_many(jobs, catalog), strict=True):
        if not isinstance(read, str):
            # Workbooks with the same structure checksum have identical item tables: keep one copy
            # (a worker sends each table once).
            checksum = read.response.meta.get(L.MetaKey.CHECKSUM, "")
            if read.items_sent:
                read.response.items = shared[checksum]
            else:
                read.response.items = shared.setdefault(checksum, read.response.items)
        if digest and digest in by_digest:
            copies.append((path, by_digest[digest]))
            continue
        if digest:
            by_digest[digest] = path
        outcome = FileOutcome(path, str(path), digest)
        if isinstance(read, str):
            outcome.rejection = read
        else:
            response = read.response
            response.meta = metas.setdefault(tuple(response.meta.items()), response.meta)
            outcome.problems = list(response.problems)
            outcome.answered = read.answered
            outcome.staged = stage_read(stage, response, read.rows, digest or str(path), path.name)
            outcome.response = response
        outcomes.append(outcome)
    _check_same_meeting(outcomes)
    _check_respondents(outcomes)
    _check_local_content(outcomes, catalog.local_hash)
    return outcomes, copies


def _check_same_meeting(outcomes: list[FileOutcome]) -> None:
    """Reject files from another meeting than most files (ties: the first file's meeting)."""
    good = [o for o in outcomes if o.response is not None]
    if not good:
        return
    votes = Counter(o.response.meeting_id for o in good)
    top = max(votes.values())
    winner = next(o.response for o in good if votes[o.response.meeting_id] == top)
    for outcome in good:
        response = outcome.response
        if response.meeting_id != winner.meeting_id:
            outcome.rejection = (
                f"{outcome.label}: arket hører til et andet møde ('{_meeting(response)}') end de "
                f"øvrige ('{_meeting(winner)}') og er ikke talt med. Lav en rapport pr. møde")
            outcome.response = None


def _meeting(response: Response) -> str:
    title = response.meta.get(L.MetaKey.MEETING_TITLE, "")
    place = response.meta.get(L.MetaKey.MUNICIPALITY, "")
    return ", ".join(p for p in (title, place) if p) or response.meeting_id


def _check_respondents(outcomes: list[FileOutcome]) -> None:
    names: dict[str, str] = {}
    for outcome in outcomes:
        response = outcome.response
        if response is None:
            continue
        if not outcome.answered:
            outcome.problems.append(Problem(outcome.label, "arket er ikke udfyldt (ingen svar); "
                                                           "det er ikke talt med"))
            outcome.response = None
            continue
        if not response.name:
            outcome.problems.append(Problem(outcome.label, "respondentens navn er ikke udfyldt"))
            continue
        key = response.name.casefold()
        if key in names:
            outcome.problems.append(Problem(
                outcome.label, f"samme respondent som i {names[key]}; begge filer er talt med"))
        else:
            names[key] = outcome.label


def _check_local_content(outcomes: list[FileOutcome], in_use: str) -> None:
    """Warn, once per file, when a counted workbook was made with other local content than ``in_use``."""
    for outcome in outcomes:
        made_with = outcome.response.local_content_hash if outcome.response is not None else None
        if made_with is None or made_with == in_use:  # None: a workbook from before the digest was kept
            continue
        if not made_with:
            what = "uden lokalt indhold, men rapporten laves med lokalt indhold"
        elif not in_use:
            what = ("med kommunens eget indhold, men rapporten laves uden (giv mødefilen med --moede, "
                    "eller --content med samme indhold som da arket blev lavet)")
        else:
            what = "med et andet lokalt indhold end det, rapporten laves med"
        outcome.problems.append(Problem(outcome.label, f"arket er lavet {what}; tekster i rapporten "
                                                       "kan afvige fra dem i arket"))
