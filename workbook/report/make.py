"""The ``report`` use case: collect the filled workbooks, then write the status report, summary and error reports."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import WorkbookError
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.report.aggregate import Summary, aggregate
from workbook.report.collect import (
    AnswerSpool,
    FileOutcome,
    drop_duplicates,
    duplicate_message,
    find_inputs,
    iter_responses,
    read_all,
)
from workbook.report.error_reports import write_error_reports

log = logging.getLogger(__name__)

DEFAULT_REPORT_DIR = DEFAULT_OUTPUT_DIR / "rapport"
REPORT_PDF = "statusrapport.pdf"
SUMMARY_XLSX = "samlet.xlsx"
REPORT_STYLESHEETS = ("base.css", "report.css")


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
    from workbook.render.env import render_html
    from workbook.render.pdf import write_pdf
    from workbook.report.view import build_view

    view = build_view(summary, rejected=rejected, warnings=warnings, today=today,
                      rejected_count=rejected_count, duplicates=duplicates)
    html = render_html("report.html", view, templates)
    write_pdf(html, target, templates=templates, title=view["doc_title"],
              stylesheets=REPORT_STYLESHEETS)
    return target


