"""The ``report`` use case: collect the filled workbooks, import them into the answer database, write the report.

Output goes per meeting: ``output/<møde>/rapport/`` (``-o`` for another folder) and the answer
database ``output/<møde>/svar.sqlite`` (with ``-o``: in that folder; ``--svarbank`` for any place).
The round a run's new files are labelled with defaults to the month of the run (``store.default_round``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import OutputError, WorkbookError
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.report.aggregate import Summary, comments_in_file, summarize
from workbook.report.collect import FileOutcome, drop_duplicates, duplicate_message, find_inputs, read_all
from workbook.report.compare import Comparison, compare
from workbook.report.error_reports import ERROR_PREFIX, shorten, write_error_reports
from workbook.report.groups import GroupFigures, group_figures
from workbook.report.oserrors import os_message
from workbook.report.output import STAGING_PREFIX, folder_lock, output_set
from workbook.report.recipients import Recipient, load_recipients, match, not_answered
from workbook.report.store import Stage, attach_bank, commit_run, default_round, import_run, select_files
from workbook.xlsx.write.personal import MAILING_FILE as RECIPIENTS_FILE

log = logging.getLogger(__name__)

REPORT_FOLDER = "rapport"
#: Where ``checklist --respondenter`` puts the personal workbooks and udsendelse.csv by default.
PERSONAL_FOLDER = "respondenter"
BANK_FILE = "svar.sqlite"
REPORT_PDF = "statusrapport.pdf"
SUMMARY_XLSX = "samlet.xlsx"
REPORT_STYLESHEETS = ("base.css", "report.css")
#: The longest message line about one problem, in characters (the value in it is cut, the cut said).
MESSAGE_LIMIT = 600


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
    database: Path | None = None
    round: str = ""
    comparison: Comparison | None = None
    groups: list[GroupFigures] = field(default_factory=list)
    missing: list[Recipient] | None = None
    """The people on the respondent list who have not answered (None without a list)."""


@dataclass(frozen=True)
class ReportOptions:
    """How a report is made, besides its inputs (see ``make_report``)."""

    out_dir: Path | None = None
    templates: Path | None = None
    anonym: bool = False
    pdf: bool = True
    today: dt.date | None = None
    database: Path | None = None
    round: str | None = None
    compare_with: str | None = None
    recipients: Path | None = None


def make_report(inputs: list[Path], *, content: Path | None = None, catalog: Catalog | None = None,
                **options: object) -> ReportResult:
    """Read the filled workbooks ``inputs`` (files or folders) and write the report (``ReportOptions``)."""
    if catalog is None:
        from workbook.content.load import load_catalog

        catalog = load_catalog(content)
    opts = ReportOptions(**options)  # type: ignore[arg-type]
    today = opts.today or dt.date.today()
    files, input_problems = find_inputs(inputs)
    if not files:
        raise WorkbookError("\n".join(input_problems) or "ingen filer at læse")
    result = ReportResult(messages=list(input_problems), warnings=list(input_problems))
    inputs_read, same_file = drop_duplicates(files)
    with Stage() as stage:
        outcomes, copies = read_all(inputs_read, catalog, stage)
        result.outcomes = outcomes
        for path, first in _in_order(files, same_file, copies):
            result.duplicates.append(path)
            result.messages.append(duplicate_message(path, first))
        for outcome in outcomes:
            if outcome.rejection:
                result.rejected.append(outcome.path)
                result.messages.append(outcome.rejection)
            for problem in outcome.problems:  # a 50 MB value is never echoed whole
                result.warnings.append(shorten(str(problem), MESSAGE_LIMIT))
                result.messages.append(shorten(str(problem), MESSAGE_LIMIT))
        good = [o for o in outcomes if o.response is not None]
        folder = _report_folder(opts.out_dir, good)
        try:
            with folder_lock(folder), output_set(folder, ERROR_PREFIX) as out:
                write_error_reports(outcomes, out.path, catalog, opts.templates, today)
                if good:
                    _report(stage, good, folder, out, catalog, opts, today, result)
                else:
                    result.messages.append("Ingen af filerne kunne bruges; der er ikke lavet nogen rapport.")
                result.written = out.commit()
        except OSError as exc:  # disk full, no permission ... while writing: a Danish line, never a traceback
            raise OutputError(os_message(_shown_path(exc.filename, folder), exc)) from None
    return result


def _in_order(files: list[Path], same_file: list[tuple[int, Path, Path]],
              copies: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Every skipped input in the order given, each with the file that counts (a second name of a
    copy names the copy's first)."""
    first_place: dict[Path, int] = {}
    for place, path in enumerate(files):
        first_place.setdefault(path, place)
    counted = dict(copies)
    pairs = [(place, path, counted.get(first, first)) for place, path, first in same_file]
    pairs += [(first_place[path], path, first) for path, first in copies]
    return [(path, first) for _, path, first in sorted(pairs, key=lambda pair: pair[0])]


def _shown_path(filename: object, folder: Path) -> Path:
    """The path to name in a message: a file in the staging folder is named by its place in ``folder``."""
    if not filename:
        return folder
    path = Path(str(filename))
    return folder / path.name if path.parent.name.startswith(STAGING_PREFIX) else path


def _report_folder(out_dir: Path | None, good: list[FileOutcome]) -> Path:
    if out_dir is not None:
        return Path(out_dir)
    meeting = good[0].response.meeting_id if good else ""
    return DEFAULT_OUTPUT_DIR / meeting / REPORT_FOLDER if meeting else DEFAULT_OUTPUT_DIR / REPORT_FOLDER


def _database(opts: ReportOptions, folder: Path) -> Path:
    if opts.database is not None:
        return Path(opts.database)
    return folder / BANK_FILE if opts.out_dir is not None else folder.parent / BANK_FILE


def _recipients(opts: ReportOptions, folder: Path) -> list[Recipient] | None:
    """The respondent list: ``--respondenter``, else the meeting's ``udsendelse.csv`` (default output only)."""
    if opts.recipients is not None:
        return load_recipients(opts.recipients)
    if opts.out_dir is not None:
        return None
    found = next((p for p in (folder.parent / PERSONAL_FOLDER / RECIPIENTS_FILE, folder.parent / RECIPIENTS_FILE)
                  if p.is_file()), None)
    return load_recipients(found) if found else None


def _report(stage: Stage, good: list[FileOutcome], folder: Path, out, catalog: Catalog, opts: ReportOptions,
            today: dt.date, result: ReportResult) -> None:
    """Import the good files, compute the figures from the database and stage samlet.xlsx and the PDF."""
    recipients = _recipients(opts, folder)
    if recipients is not None:
        for outcome in good:
            person = match(recipients, outcome.response.name, outcome.path.name)
            if person is not None and person.group:
                stage.db.execute("UPDATE main.files SET grp = ? WHERE id = ?", (person.group.lower(), outcome.staged))
        result.missing = not_answered(recipients, [(o.response.name, o.path.name) for o in good])
    result.database = _database(opts, folder)
    result.round = opts.round or default_round(today)
    attach_bank(stage, result.database)
    ids = import_run(stage, result.database, [o.staged for o in good], result.round,
                     dt.datetime.now().astimezone())
    select_files(stage.db, "run", ids, [o.path.name for o in good])
    summary = result.summary = summarize(stage.db, "bank", "run", catalog, anonym=opts.anonym)
    result.groups = group_figures(stage.db, "bank", "run")
    if opts.compare_with:
        result.comparison = compare(stage.db, opts.compare_with, summary, catalog)
    from workbook.report.summary_xlsx import write_summary_xlsx

    write_summary_xlsx(summary, stage.db, out.path(SUMMARY_XLSX), comparison=result.comparison,
                       groups=result.groups)
    if opts.pdf:
        from workbook.report.view import Intake

        intake = Intake(rejected=() if opts.anonym else tuple(p.name for p in result.rejected),
                        rejected_count=len(result.rejected), warnings=len(result.warnings),
                        duplicates=len(result.duplicates), round=result.round,
                        missing=None if result.missing is None else tuple(r.name for r in result.missing))
        write_report_pdf(summary, out.path(REPORT_PDF), templates=opts.templates, intake=intake, today=today,
                         comparison=result.comparison, groups=result.groups)
    out.check()
    commit_run(stage, result.database)
    summary.comment_source = comments_in_file(result.database, ids, [r.label for r in summary.respondents])


def write_report_pdf(summary: Summary, target: Path, *, templates: Path | None, intake, today: dt.date,
                     comparison: Comparison | None = None, groups: list[GroupFigures] | None = None) -> Path:
    """Render the status report to a tagged PDF at ``target``."""
    from workbook.render.env import render_html
    from workbook.render.pdf import write_pdf
    from workbook.report.view import build_view

    view = build_view(summary, intake=intake, today=today, comparison=comparison, groups=groups or [])
    html = render_html("report.html", view, templates)
    write_pdf(html, target, templates=templates, title=view["doc_title"], stylesheets=REPORT_STYLESHEETS)
    return target
