"""Making the discussion guide (drøftelsesguide): the view model rendered to PDF or one-file HTML."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbook.content.model import Catalog
from workbook.content.rules import overdue_changes
from workbook.errors import RenderError
from workbook.files import write_text_atomic
from workbook.guide.docx import write_guide_docx
from workbook.guide.status import StatusSource
from workbook.guide.view import APPENDIX_FILE, build_view
from workbook.meeting.load import Meeting
from workbook.paths import DEFAULT_OUTPUT_DIR
from workbook.render.env import render_html
from workbook.render.html import count_words, data_uri, inline_stylesheets
from workbook.render.pdf import layout_pdf, write_pdf

log = logging.getLogger(__name__)

VARIANTS = ("fuld", "kort", "jura")
FORMATS = ("pdf", "html", "docx")
TEMPLATE = {"fuld": "guide.html", "kort": "guide-kort.html", "jura": "guide-jura.html"}
STYLESHEETS = ("base.css", "guide.css")
FILE_STEM = {"fuld": "droeftelsesguide", "kort": "droeftelsesguide-kort",
             "jura": APPENDIX_FILE.removesuffix(".pdf")}


def default_output(meeting: Meeting, variant: str = "fuld", fmt: str = "pdf") -> Path:
    """Return ``output/<meeting-id>/droeftelsesguide[-kort].<pdf|html|docx>``."""
    return DEFAULT_OUTPUT_DIR / meeting.id / f"{FILE_STEM[variant]}.{fmt}"


@dataclass(frozen=True)
class GuideFile:
    """A written guide, with what the meeting pack's index says about it."""

    path: Path
    pages: int | None
    """Pages of a PDF; None for HTML and Word."""
    words: int | None
    """Words a reader reads (the rendered page's visible text); None for Word."""
    anchors: Mapping[str, int] = field(default_factory=dict)
    """Anchor → page of a PDF (the legal appendix's pages are cited by the guide)."""


def render_guide(meeting: Meeting, catalog: Catalog, target: Path, *, variant: str = "fuld",
                 fmt: str = "pdf", pdfa: bool = False, templates: Path | None = None,
                 status: StatusSource | None = None) -> Path:
    """Render the guide for ``meeting`` to ``target`` (PDF, self-contained HTML or Word); return it.

    ``variant`` is ``fuld``, ``kort`` (the handout) or ``jura`` (Bilag A, the legal appendix alone).
    ``status`` (the answer database's newest round) adds "Status fra selvevalueringen".
    """
    return write_guide(meeting, catalog, target, variant=variant, fmt=fmt, pdfa=pdfa,
                       templates=templates, status=status).path


def write_guide(meeting: Meeting, catalog: Catalog, target: Path, *, variant: str = "fuld",
                fmt: str = "pdf", pdfa: bool = False, templates: Path | None = None,
                status: StatusSource | None = None,
                appendix_pages: Mapping[str, int] | None = None) -> GuideFile:
    """Render the guide as ``render_guide`` does; return the file with its pages and words.

    The full PDF guide leaves Bilag A to the separate legal appendix and cites its pages:
    ``appendix_pages`` (from writing the appendix first), or laid out here when not given.
    """
    if variant not in VARIANTS:
        raise RenderError(f"ukendt variant '{variant}' (vælg {', '.join(VARIANTS[:-1])} eller {VARIANTS[-1]})")
    if fmt not in FORMATS:
        raise RenderError(f"ukendt format '{fmt}' (vælg {', '.join(FORMATS[:-1])} eller {FORMATS[-1]})")
    if fmt == "docx" and variant != "fuld":
        raise RenderError("Word-udgaven findes kun af den fulde guide (brug --variant fuld)")
    target = Path(target)
    separate = variant == "fuld" and fmt == "pdf"
    if separate and appendix_pages is None:
        appendix_pages = _appendix_pages(meeting, catalog, templates, target)
    view = build_view(meeting, catalog, variant=variant, status=status,
                      appendix_pages=appendix_pages if separate else None)
    if view.legal_annex:  # only Bilag A prints the dated changes
        for problem in overdue_changes(catalog, meeting.date, (t.theme_id for t in meeting.themes)):
            log.warning("%s", problem)
    if fmt == "docx":
        write_guide_docx(view, target, meeting.logo)
        log.info("guiden er skrevet: %s", target)
        return GuideFile(target, None, None)
    if fmt == "html":
        view = replace(view, html=True, inline_css=inline_stylesheets(STYLESHEETS, templates),
                       logo_src=data_uri(meeting.logo) if meeting.logo else "")
    text = render_html(TEMPLATE[variant], view, templates)
    if fmt == "html":
        write_text_atomic(target, text)
        log.info("guiden er skrevet: %s", target)
        return GuideFile(target, None, count_words(text))
    layout = write_pdf(text, target, templates=templates, title=view.doc_title, stylesheets=STYLESHEETS,
                       allowed_files=[meeting.logo] if meeting.logo else [], pdfa=pdfa)
    log.info("guiden er skrevet: %s", target)
    return GuideFile(target, layout.pages, count_words(text), layout.anchors)


def _appendix_pages(meeting: Meeting, catalog: Catalog, templates: Path | None,
                    target: Path) -> Mapping[str, int]:
    """Lay the legal appendix out (without writing it) for the pages the guide at ``target`` cites."""
    view = build_view(meeting, catalog, variant="jura")
    if not view.legal_annex:
        return {}
    text = render_html(TEMPLATE["jura"], view, templates)
    return layout_pdf(text, str(target), templates=templates, stylesheets=STYLESHEETS,
                      allowed_files=[meeting.logo] if meeting.logo else []).anchors


def make_guide(meeting_path: Path, *, output: Path | None = None, variant: str = "fuld",
               fmt: str = "pdf", pdfa: bool = False, content: Path | None = None,
               templates: Path | None = None) -> Path:
    """Load the catalog and meeting file, and write the guide; return the path written."""
    from workbook.content.load import load_catalog
    from workbook.meeting.load import load_meeting

    catalog = load_catalog(content)
    meeting = load_meeting(Path(meeting_path), catalog)
    target = Path(output) if output is not None else default_output(meeting, variant, fmt)
    return render_guide(meeting, catalog, target, variant=variant, fmt=fmt, pdfa=pdfa,
                        templates=templates)
