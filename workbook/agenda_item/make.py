"""Making the agenda item: dagsordenspunkt.docx and the same text as dagsordenspunkt.txt beside it."""

from __future__ import annotations

import logging
from pathlib import Path

from workbook.agenda_item.view import build_agenda_item
from workbook.agenda_item.write import write_docx, write_text
from workbook.content.model import Catalog
from workbook.errors import RenderError
from workbook.meeting.load import Meeting
from workbook.paths import DEFAULT_OUTPUT_DIR

log = logging.getLogger(__name__)

FILE_NAME = "dagsordenspunkt.docx"


def default_output(meeting: Meeting) -> Path:
    """``output/<meeting-id>/dagsordenspunkt.docx``."""
    return DEFAULT_OUTPUT_DIR / meeting.id / FILE_NAME


def render_agenda_item(meeting: Meeting, catalog: Catalog, target: Path) -> tuple[Path, Path]:
    """Write the agenda item to ``target`` (.docx) and the same text beside it (.txt); return both."""
    target = Path(target)
    if target.suffix.lower() != ".docx":
        raise RenderError(f"{target}: dagsordenspunktet skrives som Word-fil; giv filen endelsen .docx")
    item = build_agenda_item(meeting, catalog)
    docx_path = write_docx(item, target)
    text_path = write_text(item, target.with_suffix(".txt"))
    log.info("dagsordenspunktet er skrevet: %s og %s", docx_path, text_path)
    return docx_path, text_path
