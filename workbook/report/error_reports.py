"""Error reports (``fejlrapport-<fil>.txt``): one Danish text per file with problems, to send back."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from workbook import danish
from workbook.content.model import Catalog
from workbook.files import write_text_atomic
from workbook.report.collect import FileOutcome
from workbook.xlsx import layout as L
from workbook.xlsx.read import Problem

log = logging.getLogger(__name__)

ERROR_PREFIX = "fejlrapport-"


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
    from workbook.render.env import render_text

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
    if problem.number:
        where.append(f"udsagn {problem.number}")
    message = problem.heading or problem.message
    return {"where": ", ".join(where), "message": message[:1].upper() + message[1:],
            "found": problem.found or "", "allowed": problem.allowed or ""}
