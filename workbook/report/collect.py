"""Collect the filled workbooks: find the files, drop copies, read each one on its own, check them together.

Bad input never stops the others: each file is read on its own, a rejected file gets one Danish
line, and the good files still count.
"""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import WorkbookFileError
from workbook.files import file_digest
from workbook.xlsx import layout as L
from workbook.xlsx.guard import MAX_FILE_BYTES
from workbook.xlsx.read import Problem, Response, read_response

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class FileOutcome:
    """What happened to one input file."""

    path: Path
    label: str
    response: Response | None = None
    rejection: str | None = None
    problems: list[Problem] = field(default_factory=list)
    answered: bool = False
    """True when the file holds at least one answer (its answers themselves are in the spool)."""
    spooled: tuple[int, int] | None = None
    """Where the file's answers are in the ``AnswerSpool``."""


class AnswerSpool:
    """The answers of the files read, kept in a temporary file instead of in memory.

    Each file is read once; its answers are needed twice more, for the figures and for the
    one-row-per-answer sheet of ``samlet.xlsx``. Keeping them on disk between those passes keeps the
    report's memory flat in the number of files: only what the report itself lists (respondents and
    the action plan) grows with them. The file is private to this process and gone when closed.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="workbook-svar-")  # noqa: SIM115 - closed by close()

    def put(self, answers: dict) -> tuple[int, int]:
        data = pickle.dumps(answers, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, 2)
        self._file.write(data)
        return offset, len(data)

    def get(self, ref: tuple[int, int]) -> dict:
        self._file.seek(ref[0])
        return pickle.loads(self._file.read(ref[1]))  # our own data, written above in this process

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> AnswerSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_responses(outcomes: list[FileOutcome], spool: AnswerSpool | None) -> Iterator[Response]:
    """The read responses of ``outcomes`` in order, each a fresh copy holding its answers from the spool.

    The outcome's own response stays without answers: the copy lives only while it is in use.
    """
    for outcome in outcomes:
        response = outcome.response
        if response is None:
            continue
        if spool is None or outcome.spooled is None:
            yield response
        else:
            yield dataclasses.replace(response, answers=spool.get(outcome.spooled))


def find_inputs(inputs: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders (their Excel files, not sub-folders); return files and Danish problems."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                           and not p.name.startswith(("~$", ".")))
            if not found:
                problems.append(f"{path}: mappen indeholder ingen Excel-filer (.xlsx)")
            candidates = found
        elif path.exists():
            candidates = [path]
        else:
            problems.append(f"{path}: filen findes ikke")
            continue
        files.extend(candidates)
    return files, problems


def drop_duplicates(files: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """Keep the first of inputs that are the same file (resolved path) or have the same content (sha256).

    Return the files to read and (duplicate, first) pairs. A respondent who sends the same file twice
    under another name, or a file given both alone and in its folder, then counts once.
    """
    kept: list[Path] = []
    skipped: list[tuple[Path, Path]] = []
    by_path: dict[Path, Path] = {}
    by_digest: dict[str, Path] = {}
    for path in files:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path.absolute()
        first = by_path.get(key)
        digest = None
        if first is None:
            digest = _digest(path)
            first = by_digest.get(digest) if digest else None
        if first is not None:
            skipped.append((path, first))
            continue
        by_path[key] = path
        if digest:
            by_digest[digest] = path
        kept.append(path)
    return kept, skipped


def _digest(path: Path) -> str | None:
    """Return the file's sha256, or None when it cannot be read or is too large (the reader says why)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return file_digest(path)
    except OSError:
        return None


def duplicate_message(path: Path, first: Path) -> str:
    """Return the one-line Danish message for an input skipped as a copy of ``first``."""
    return f"{path}: filen er den samme som {first}; talt med én gang"


def read_all(files: list[Path], catalog: Catalog, spool: AnswerSpool | None = None) -> list[FileOutcome]:
    """Read every file; a problem in one never stops the others. With ``spool``, answers go there."""
    outcomes = []
    shared: dict[str, tuple] = {}
    metas: dict[tuple, dict[str, str]] = {}  # files of one meeting share one metadata table
    for path in files:
        outcome = FileOutcome(path, str(path))
        try:
            response = outcome.response = read_response(path, catalog, label=outcome.label)
            # Workbooks with the same structure checksum have identical item tables: keep one copy,
            # so memory per respondent is only the answers.
            response.items = shared.setdefault(response.meta.get(L.MetaKey.CHECKSUM, ""), response.items)
            response.meta = metas.setdefault(tuple(response.meta.items()), response.meta)
            outcome.problems = list(response.problems)
            outcome.answered = bool(response.answers)
            if spool is not None:  # the answers wait in the spool; the outcome keeps the rest
                outcome.spooled = spool.put(response.answers)
                outcome.response = dataclasses.replace(response, answers={})
        except WorkbookFileError as exc:
            outcome.rejection = str(exc)
        except RecursionError:
            outcome.rejection = f"{outcome.label}: filen er for indviklet opbygget og læses ikke"
        except MemoryError:
            outcome.rejection = f"{outcome.label}: filen kræver for meget hukommelse og læses ikke"
        outcomes.append(outcome)
    _check_same_meeting(outcomes)
    _check_respondents(outcomes)
    return outcomes


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


