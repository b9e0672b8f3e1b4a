"""The workbook as a whole: assemble the sheets, and save it without ever losing answers in a file.

``build_workbook`` makes the workbook in memory (so ``upgrade`` can fill answers before saving),
``save_workbook`` writes it atomically and refuses to replace a file with answers (with ``force``
it keeps a timestamped backup), ``write_checklist`` / ``make_checklist`` are the entry points.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from workbook import __version__, danish
from workbook.content.model import Catalog
from workbook.errors import CatalogError, OutputError, WorkbookFileError
from workbook.files import atomic_path
from workbook.meeting.load import Meeting
from workbook.meeting.plan import select_themes
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.xlsx import locate
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import RESERVED_SHEETS
from workbook.xlsx.read import find_answer
from workbook.xlsx.write.guidance import guide_sheet
from workbook.xlsx.write.metadata import lists_sheet, meta_sheet
from workbook.xlsx.write.overview import overview_sheet
from workbook.xlsx.write.theme import theme_sheet

log = logging.getLogger(__name__)

DEFAULT_FILENAME = "selvevaluering.xlsx"


@dataclass(frozen=True)
class ChecklistResult:
    """A written workbook and, when an old file with answers was replaced, its backup."""

    path: Path
    backup: Path | None = None


def build_workbook(meeting: Meeting, catalog: Catalog) -> Workbook:
    """Build the self-assessment workbook for ``meeting`` in memory (not saved)."""
    selected = select_themes(meeting, catalog)
    reserved = {name.casefold() for name in RESERVED_SHEETS}
    problems = [
        txt.RESERVED_SHEET.format(theme=s.theme.id, name=s.theme.short_title)
        for s in selected
        if s.theme.short_title.casefold() in reserved
    ]
    if problems:
        raise CatalogError(problems)
    wb = Workbook()
    guide_sheet(wb, meeting, catalog, selected)
    spans = []
    for sel in selected:
        sheet, first, last = theme_sheet(wb, meeting, catalog, sel)
        spans.append((sel, sheet, first, last))
    overview_sheet(wb, meeting, catalog, spans)
    lists_sheet(wb)
    meta_sheet(wb, meeting, catalog, spans)
    wb.active = 0
    props = wb.properties
    props.title = f"{txt.TITLE} – {meeting.title}"
    props.subject = f"Selvevaluering til {meeting.forum}, {danish.date(meeting.date)}"
    props.creator = meeting.municipality
    props.lastModifiedBy = meeting.municipality
    props.keywords = f"velfærdsalliancer; selvevaluering; katalog {catalog.version}"
    props.description = f"Lavet med workbook {__version__} fra katalog {catalog.version}."
    props.language = "da-DK"
    return wb


def item_rows(wb: Workbook) -> dict[str, tuple[str, int]]:
    """Return where each statement is in ``wb``: item id → (sheet name, row), found by header and id."""
    found: dict[str, tuple[str, int]] = {}
    for ws in wb.worksheets:
        if ws.title in RESERVED_SHEETS:
            continue
        table = locate.find_table(enumerate(ws.iter_rows(values_only=True), 1))
        if table is None:
            continue
        for row, values in table.rows:
            item_id = locate.item_id(values, table.columns)
            if item_id:
                found[item_id] = (ws.title, row)
    return found


def _backup_path(target: Path, now: dt.datetime) -> Path:
    stem = f"{target.stem}.backup-{now:%Y%m%d-%H%M%S}"
    candidate = target.with_name(stem + target.suffix)
    counter = 2
    while candidate.exists():
        candidate = target.with_name(f"{stem}-{counter}{target.suffix}")
        counter += 1
    return candidate


def _refusal(target: Path) -> str | None:
    """Return why ``target`` must not simply be replaced (it has answers, or cannot be read)."""
    try:
        where = find_answer(target)
    except WorkbookFileError as exc:
        reason = str(exc).removeprefix(f"{target.name}: ")
        return txt.REFUSE_UNREADABLE.format(path=target, reason=reason)
    return txt.REFUSE_ANSWERS.format(path=target, where=where) if where else None


def save_workbook(wb: Workbook, target: Path, *, force: bool = False) -> ChecklistResult:
    """Save ``wb`` to ``target`` atomically; refuse to replace a file with answers unless ``force``.

    With ``force``, a file that has answers (or cannot be read) is first copied to a timestamped
    backup beside it. A file without answers is simply replaced.
    """
    target = Path(target)
    backup = None
    if target.exists():
        if target.is_dir():
            raise OutputError(f"{target}: er en mappe, ikke en fil")
        refusal = _refusal(target)
        if refusal and not force:
            raise OutputError(refusal)
        if refusal:
            backup = _backup_path(target, dt.datetime.now())
            with atomic_path(backup) as tmp:
                shutil.copy2(target, tmp)
            log.info("sikkerhedskopi af den gamle fil: %s", backup)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    log.info("selvevalueringen er skrevet: %s", target)
    return ChecklistResult(target, backup)


def write_checklist(
    meeting: Meeting, catalog: Catalog, target: Path, *, force: bool = False
) -> ChecklistResult:
    """Build the self-assessment workbook for ``meeting`` and save it to ``target`` safely."""
    return save_workbook(build_workbook(meeting, catalog), target, force=force)


def default_target(meeting: Meeting) -> Path:
    """Return the default output file: ``output/<meeting-id>/selvevaluering.xlsx``."""
    return DEFAULT_OUTPUT_DIR / meeting.id / DEFAULT_FILENAME


def make_checklist(
    meeting_path: Path,
    *,
    output: Path | None = None,
    content: Path | None = None,
    force: bool = False,
) -> ChecklistResult:
    """Load the catalog and the meeting file, and write the meeting's self-assessment workbook."""
    from workbook.content.load import load_catalog
    from workbook.meeting.load import load_meeting

    catalog = load_catalog(content)
    meeting = load_meeting(Path(meeting_path), catalog)
    return write_checklist(
        meeting, catalog, Path(output) if output else default_target(meeting), force=force
    )
