"""The meeting pack's ``index.html``: a view model of the pack's files and next steps, rendered from a template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from workbook import __version__, danish
from workbook.content.model import Catalog
from workbook.files import write_text_atomic
from workbook.meeting.load import Meeting
from workbook.meeting.plan import build_agenda, select_themes
from workbook.pack.reading import PackFile, facts
from workbook.pack.steps import NextSteps, next_steps
from workbook.render.env import render_html
from workbook.render.html import data_uri

INDEX_NAME = "index.html"
TEMPLATE = "pack_index.html"

#: What each file of the pack is, for the reader of the index (keyed by file name).
FILE_LABELS: dict[str, tuple[str, str, str]] = {
    "droeftelsesguide.pdf": (
        "Drøftelsesguide", "PDF",
        "Den fulde guide til mødet: baggrund, spørgsmål til drøftelse, beslutningsforslag, "
        "korte juridiske svar, eksempler, ordliste og kilder."),
    "juridisk-bilag.pdf": (
        "Bilag A: Juridiske spørgsmål og svar", "PDF",
        "De juridiske svar i fuld længde med hjemmel, praksis, faldgruber og kilder. Guiden giver "
        "de korte svar og henviser hertil med nummer og side."),
    "droeftelsesguide.html": (
        "Drøftelsesguide som webside", "HTML",
        "Den fulde guide i én fil til skærmen: kan åbnes i enhver browser, læses med skærmlæser "
        "og lægges på intranettet eller sendes med e-mail."),
    "droeftelsesguide-kort.pdf": (
        "Kort mødeudgave", "PDF",
        "Mødeplanen og, for hvert tema, spørgsmålene og beslutningsforslagene – til bordet."),
    "selvevaluering.xlsx": (
        "Selvevaluering", "Excel",
        "Regneark, hvor ledere og udvalgsmedlemmer vurderer kommunen ud fra udsagnene i guiden. "
        "Numrene svarer til guidens."),
    "dagsordenspunkt.docx": (
        "Dagsordenspunkt", "Word",
        "Udkast til dagsordenspunktet med beslutningstema, indstilling, sagsfremstilling og "
        "retsgrundlag. Økonomi og inddragelse udfyldes af forvaltningen."),
    "dagsordenspunkt.txt": (
        "Dagsordenspunkt som tekst", "Tekst",
        "Samme tekst som Word-filen, til at sætte ind i dagsordenssystemet."),
}

MIME_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".html": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class IndexFile:
    """One file as listed in the index."""

    name: str
    href: str
    title: str
    kind: str
    mime: str
    description: str
    size: str
    facts: tuple[str, ...]
    """Pages, statements and reading time, each as a Danish phrase."""


@dataclass(frozen=True)
class IndexTheme:
    """A theme of the meeting, as listed in the index."""

    number: int
    title: str
    span: str


@dataclass(frozen=True)
class IndexView:
    """Everything ``pack_index.html`` prints; no logic left for the template."""

    title: str
    municipality: str
    logo_src: str
    """The meeting's logo as a data: URI (the index works when the folder is moved), or ""."""
    forum: str
    meeting_title: str
    date: str
    time: str
    place: str
    contact: str
    themes: tuple[IndexTheme, ...]
    files: tuple[IndexFile, ...]
    steps: NextSteps
    catalog_title: str
    catalog_version: str
    catalog_date: str
    tool_version: str
    built: str
    manifest_href: str


def index_file(file: PackFile) -> IndexFile:
    """Describe one written file of the pack for the index."""
    path = file.path
    title, kind, description = FILE_LABELS.get(path.name, (path.name, path.suffix[1:].upper(), ""))
    mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return IndexFile(path.name, quote(path.name), title, kind, mime, description,
                     danish.size(path.stat().st_size), facts(file))


def index_view(meeting: Meeting, catalog: Catalog, files: list[PackFile],
               built: dt.datetime) -> IndexView:
    """Prepare the index's view model from the meeting and the pack's written files."""
    selected = select_themes(meeting, catalog)
    agenda = build_agenda(meeting, selected)
    spans = {row.number: row.span for row in agenda if row.number is not None}
    checklist = next((f.path.name for f in files if f.statements is not None), "")
    end = agenda[-1].end if agenda else meeting.start
    return IndexView(
        title=f"Mødepakke: {meeting.title}",
        municipality=meeting.municipality,
        logo_src=data_uri(meeting.logo) if meeting.logo else "",
        forum=meeting.forum,
        meeting_title=meeting.title,
        date=danish.date(meeting.date, weekday=True),
        time=f"kl. {danish.time_span(meeting.start, end)}",
        place=meeting.place,
        contact=meeting.contact,
        themes=tuple(IndexTheme(s.number, s.theme.title, spans.get(s.number, ""))
                     for s in selected),
        files=tuple(index_file(f) for f in files),
        steps=next_steps(meeting, checklist),
        catalog_title=catalog.info.title,
        catalog_version=catalog.version,
        catalog_date=danish.date(catalog.info.date),
        tool_version=__version__,
        built=f"{danish.date(built.date())} kl. {danish.time(built)}",
        manifest_href="manifest.json",
    )


def write_index(folder: Path, meeting: Meeting, catalog: Catalog, files: list[PackFile], *,
                templates: Path | None, built: dt.datetime) -> Path:
    """Render ``index.html`` for the pack in ``folder`` and write it atomically; return its path."""
    html = render_html(TEMPLATE, index_view(meeting, catalog, files, built), templates)
    target = Path(folder) / INDEX_NAME
    write_text_atomic(target, html)
    return target
