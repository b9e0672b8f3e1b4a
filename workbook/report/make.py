"""The ``report`` command: read many filled workbooks, then write the status report, summary and error reports.

Bad input never stops the others: each file is read on its own, a rejected file gives one Danish
line (and a ``fejlrapport`` to send back), and the good files still count.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbook import danish
from workbook.content.model import Catalog
from workbook.errors import WorkbookError, WorkbookFileError
from workbook.files import file_digest, write_text_atomic
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.report.aggregate import Summary, aggregate
from workbook.xlsx import layout as L
from workbook.xlsx.guard import MAX_FILE_BYTES
from workbook.xlsx.read import Problem, Response, read_response

log = logging.getLogger(__name__)

DEFAULT_REPORT_DIR = DEFAULT_OUTPUT_DIR / "rapport"
REPORT_PDF = "statusrapport.pdf"
SUMMARY_XLSX = "samlet.xlsx"
ERROR_PREFIX = "fejlrapport-"
INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls")
REPORT_STYLESHEETS = ("base.css", "report.css")


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
    """The read responses of ``outcomes`` in order, each with its answers only while it is in use."""
    for outcome in outcomes:
        response = outcome.response
        if response is None:
            continue
        if spool is None or outcome.spooled is None:
            yield response
            continue
        response.answers = spool.get(outcome.spooled)
        try:
            yield response
        finally:
            response.answers = {}


@dataclass
class ReportResult:
    """The outcome of ``make_report``: messages for stderr, written files, rejected files, warnings."""

    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    rejected: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: Summary | None = None
    outcomes: list[FileOutcome] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)
    """Inputs skipped because they are the same file as (or a byte-identical copy of) an earlier one."""


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
            if spool is not None:
                outcome.spooled = spool.put(response.answers)
                response.answers = {}
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


def make_report(inputs: list[Path], *, out_dir: Path | None = None, content: Path | None = None,
                templates: Path | None = None, anonym: bool = False, pdf: bool = True,
                catalog: Catalog | None = None, today: dt.date | None = None) -> ReportResult:
    """Read the filled workbooks ``inputs`` (files or folders) and write the report files to ``out_dir``."""
    if catalog is None:
        from workbook.content.load import load_catalog

        catalog = load_catalog(content)
    out_dir = Path(out_dir) if out_dir else DEFAULT_REPORT_DIR
    today = today or dt.date.today()
    files, input_problems = find_inputs(inputs)
    if not files:
        raise WorkbookError("\n".join(input_problems) or "ingen filer at læse")
    result = ReportResult()
    result.messages.extend(input_problems)
    result.warnings.extend(input_problems)
    files, duplicates = drop_duplicates(files)
    for path, first in duplicates:
        result.duplicates.append(path)
        result.messages.append(duplicate_message(path, first))
    with AnswerSpool() as spool:  # the answers of the files read wait here until samlet.xlsx is written
        outcomes = read_all(files, catalog, spool)
        result.outcomes = outcomes
        for outcome in outcomes:
            if outcome.rejection:
                result.rejected.append(outcome.path)
                result.messages.append(outcome.rejection)
            for problem in outcome.problems:
                result.warnings.append(str(problem))
                result.messages.append(str(problem))
        result.written.extend(write_error_reports(outcomes, out_dir, catalog, templates, today))
        if not any(o.response is not None for o in outcomes):
            result.messages.append("Ingen af filerne kunne bruges; der er ikke lavet nogen rapport.")
            return result
        summary = aggregate(iter_responses(outcomes, spool), catalog, anonym=anonym)
        result.summary = summary
        from workbook.report.summary_xlsx import write_summary_xlsx

        result.written.append(write_summary_xlsx(summary, iter_responses(outcomes, spool), out_dir / SUMMARY_XLSX))
    if pdf:
        rejected = [] if anonym else [o.label for o in outcomes if o.rejection]
        result.written.append(write_report_pdf(summary, out_dir / REPORT_PDF, templates=templates,
                                               rejected=rejected, rejected_count=len(result.rejected),
                                               warnings=len(result.warnings), today=today,
                                               duplicates=len(result.duplicates)))
    return result


def write_report_pdf(summary: Summary, target: Path, *, templates: Path | None, rejected: list[str],
                     rejected_count: int, warnings: int, today: dt.date, duplicates: int = 0) -> Path:
    """Render the status report to a tagged PDF at ``target``."""
    from workbook.render.engine import render_html, write_pdf
    from workbook.report.view import build_view

    view = build_view(summary, rejected=rejected, warnings=warnings, today=today)
    view["rejected_count"] = rejected_count
    view["duplicates"] = duplicates
    html = render_html("report.html", view, templates)
    write_pdf(html, target, templates=templates, title=view["doc_title"],
              stylesheets=REPORT_STYLESHEETS)
    return target


# --- error reports ----------------------------------------------------------------------------


def error_report_name(path: Path, taken: set[str]) -> str:
    """Return ``fejlrapport-<stem>.txt``, numbered when two inputs share a name."""
    name = f"{ERROR_PREFIX}{path.stem}.txt"
    counter = 2
    while name in taken:
        name = f"{ERROR_PREFIX}{path.stem}-{counter}.txt"
        counter += 1
    taken.add(name)
    return name


def write_error_reports(outcomes: list[FileOutcome], out_dir: Path, catalog: Catalog,
                        templates: Path | None, today: dt.date) -> list[Path]:
    """Write a Danish error report for every file with problems; remove stale ones from earlier runs."""
    from workbook.render.engine import render_text

    written: list[Path] = []
    taken: set[str] = set()
    for outcome in outcomes:
        if not outcome.rejection and not outcome.problems:
            continue
        rejection = outcome.rejection
        if rejection and rejection.startswith(f"{outcome.label}: "):
            rejection = rejection[len(outcome.label) + 2:]
        response = outcome.response
        meta = response.meta if response else {}
        text = render_text(
            "fejlrapport.txt", templates, file=outcome.path.name, rejection=rejection,
            problems=[_problem_view(p) for p in outcome.problems],
            meeting_title=meta.get(L.MetaKey.MEETING_TITLE, ""),
            municipality=meta.get(L.MetaKey.MUNICIPALITY, ""),
            made=danish.date(today), catalog_version=catalog.version)
        target = out_dir / error_report_name(outcome.path, taken)
        write_text_atomic(target, text)
        written.append(target)
    if out_dir.is_dir():
        for old in out_dir.glob(f"{ERROR_PREFIX}*.txt"):
            if old.name not in taken:
                old.unlink()
                log.info("gammel fejlrapport fjernet: %s", old)
    return written


def _problem_view(problem: Problem) -> dict[str, str]:
    where = []
    if problem.sheet:
        where.append(f"arket '{problem.sheet}'")
    if problem.cell:
        where.append(f"celle {problem.cell}")
    if problem.item:
        where.append(f"udsagn {problem.item}")
    message = problem.heading or problem.message
    return {"where": ", ".join(where), "message": message[:1].upper() + message[1:],
            "found": problem.found or "", "allowed": problem.allowed or ""}
