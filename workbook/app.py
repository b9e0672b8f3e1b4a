"""The use cases of the tool, paths in and results out: what the CLI and the benches call.

One function per command. Each loads what it needs (catalog, meeting), calls one engine and
returns its result; none prints. Engines are imported inside the functions, so importing this
module (``workbook --help``) stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbook import __version__
from workbook.errors import WorkbookError
from workbook.paths import shell_word

if TYPE_CHECKING:
    from workbook.content.load import CatalogResult
    from workbook.content.model import Catalog
    from workbook.meeting.load import Meeting
    from workbook.pack.build import BuildResult, PackOutcome
    from workbook.report.make import ReportResult
    from workbook.report.status import StatusView
    from workbook.xlsx.upgrade import UpgradeResult
    from workbook.xlsx.write import ChecklistResult
    from workbook.xlsx.write.personal import PersonalResult

VERSION = __version__

__all__ = [
    "VERSION", "InitResult", "build_packs", "check_content", "collect_meeting_files", "content_for",
    "export_content", "format_readability", "init_meeting",
    "init_options",
    "list_content", "load_catalog", "load_meeting", "load_status", "make_checklist", "make_guide",
    "make_personal_checklists", "make_report", "shell_word", "upgrade_workbook",
]


# --- loading ---------------------------------------------------------------------------------


def content_for(content: Path | None, meeting_path: Path | None = None) -> Path | None:
    """Return the local content to use: ``content`` (``--content``) if given, else the meeting file's
    ``indhold:``; make a content workbook (.xlsx) readable by the loader."""
    if content is None and meeting_path is not None:
        from workbook.meeting.load import read_content_path

        content = read_content_path(Path(meeting_path))
    if content is not None and Path(content).suffix.lower() == ".xlsx":
        import workbook.xlsx.content_import  # noqa: F401 - registers the reader of content workbooks
    return content


def load_catalog(content: Path | None = None) -> Catalog:
    """Return the validated catalog with the local content ``content`` laid over it."""
    from workbook.content.load import load_catalog as load

    return load(content_for(content))


def load_meeting(meeting_path: Path, content: Path | None = None) -> tuple[Meeting, Catalog]:
    """Return the validated meeting at ``meeting_path`` and the catalog it is checked against.

    The catalog has the meeting's own content (``indhold:``) laid over it, or ``content`` if given.
    """
    from workbook.meeting.load import load_meeting as load

    catalog = load_catalog(content_for(content, meeting_path))
    return load(Path(meeting_path), catalog), catalog


# --- content ---------------------------------------------------------------------------------


def check_content(content: Path | None = None) -> CatalogResult:
    """Validate the catalog (and ``content``); return it with its warnings and LIX figures."""
    from workbook.content.load import check_catalog

    return check_catalog(content_for(content), readability=True)


def export_content(target: Path, theme_ids: Sequence[str] = (), *, content: Path | None = None,
                   force: bool = False) -> Path:
    """Write the content workbook (the texts a municipality may change) to ``target``."""
    from workbook.xlsx.content_export import export_content as export

    return export(load_catalog(content), Path(target), theme_ids, force=force)


def list_content(content: Path | None = None) -> str:
    """Return the listing of the catalog's themes and legal topics, as printed by ``content list``."""
    from workbook.content.listing import format_catalog_listing

    return format_catalog_listing(load_catalog(content))


def format_readability(figures: tuple) -> str:
    """Return the LIX figures of ``check_content`` as the table ``content check --lix`` prints."""
    from workbook.content.listing import format_readability as _format

    return _format(figures)


# --- init ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitResult:
    """A meeting file written by ``init``."""

    path: Path
    meeting: Meeting
    next_command: str
    """The command to run next, ready to paste into a shell."""


def init_meeting(file: Path, given: dict[str, object], *, no_input: bool = False, force: bool = False,
                 content: Path | None = None, prompt: Callable[..., str] | None = None,
                 echo: Callable[[str], None] | None = None) -> InitResult:
    """Write a new meeting file ``file`` from ``given`` options, asking for the rest unless ``no_input``."""
    from workbook.meeting.ask import ask_meeting_values, values_from_options
    from workbook.meeting.write import write_meeting_file

    file = Path(file)
    if file.exists() and not force:
        raise WorkbookError(f"{file} findes allerede. Brug --force for at overskrive den.")
    catalog = load_catalog(content)
    if no_input or prompt is None or echo is None:
        values = values_from_options(given, catalog)
    else:
        values = ask_meeting_values(given, catalog, prompt=prompt, echo=echo)
    if content is not None:  # the meeting carries its content, so no later command can forget it
        values["indhold"] = os.path.relpath(Path(content).resolve(), file.resolve().parent)
    meeting = write_meeting_file(file, values, catalog)
    return InitResult(file, meeting, f"workbook build {shell_word(file)}")


def init_options() -> list[tuple[str, str, str]]:
    """Return (key, metavar, help) of each meeting-file key ``init`` takes as an option, in order."""
    from workbook.meeting.model import ASKED

    return [(key.name, key.metavar, key.option_help) for key in ASKED]


# --- documents -------------------------------------------------------------------------------


def make_guide(meeting_path: Path, *, output: Path | None = None, variant: str = "fuld",
               fmt: str = "pdf", pdfa: bool = False, content: Path | None = None,
               templates: Path | None = None, status: Path | None = None) -> Path:
    """Write the discussion guide of the meeting at ``meeting_path``; return the path written.

    ``status`` (or the meeting file's ``status:``) is an answer database: its newest round is
    printed as "Status fra selvevalueringen".
    """
    from workbook.guide.make import default_output, render_guide

    meeting, catalog = load_meeting(meeting_path, content)
    if status is not None:
        meeting = replace(meeting, status_path=Path(status).resolve())
    target = Path(output) if output is not None else default_output(meeting, variant, fmt)
    return render_guide(meeting, catalog, target, variant=variant, fmt=fmt, pdfa=pdfa,
                        templates=templates, status=load_status(meeting, catalog))


def load_status(meeting: Meeting, catalog: Catalog) -> StatusView | None:
    """Return the newest round of the meeting's answer database (``status:``), or None without one."""
    if meeting.status_path is None:
        return None
    from workbook.report.status import load_status as load

    return load(meeting.status_path, catalog)


def make_agenda_item(meeting_path: Path, *, output: Path | None = None,
                     content: Path | None = None) -> tuple[Path, Path]:
    """Write the meeting's agenda item (dagsordenspunkt.docx and .txt); return both paths."""
    from workbook.agenda_item.make import default_output, render_agenda_item

    meeting, catalog = load_meeting(meeting_path, content)
    return render_agenda_item(meeting, catalog, Path(output) if output else default_output(meeting))


def make_checklist(meeting_path: Path, *, output: Path | None = None, content: Path | None = None,
                   force: bool = False) -> ChecklistResult:
    """Write the self-assessment workbook of the meeting at ``meeting_path``."""
    from workbook.xlsx.write import default_target, write_checklist

    meeting, catalog = load_meeting(meeting_path, content)
    return write_checklist(meeting, catalog, Path(output) if output else default_target(meeting),
                           force=force)


def make_personal_checklists(meeting_path: Path, respondents: Path, *, output: Path | None = None,
                              content: Path | None = None, force: bool = False) -> PersonalResult:
    """Write one workbook per person on the list ``respondents`` (name and role filled in) and
    ``udsendelse.csv`` for mail merge, into ``output`` (default ``output/<møde>/respondenter``)."""
    from workbook.xlsx.people import read_people
    from workbook.xlsx.write import default_target
    from workbook.xlsx.write.personal import write_personal_checklists

    people = read_people(Path(respondents))
    meeting, catalog = load_meeting(meeting_path, content)
    folder = Path(output) if output else default_target(meeting).parent / "respondenter"
    return write_personal_checklists(meeting, catalog, people, folder, force=force)


def make_report(inputs: Sequence[Path], *, out_dir: Path | None = None, content: Path | None = None,
                templates: Path | None = None, anonym: bool = False, database: Path | None = None,
                round: str | None = None, compare_with: str | None = None,
                recipients: Path | None = None, meeting: Path | None = None) -> ReportResult:
    """Read filled workbooks (files or folders), import them into the answer database, write the report.

    ``meeting`` (the meeting file) brings its ``indhold:``, so the report uses the same local content
    as the guide and the workbooks; ``content`` goes before it."""
    from workbook.report.make import make_report as make

    catalog = load_catalog(content_for(content, meeting))
    return make(list(inputs), out_dir=out_dir, templates=templates, anonym=anonym, database=database,
                round=round, compare_with=compare_with, recipients=recipients, catalog=catalog)


def upgrade_workbook(old: Path, *, output: Path | None = None, content: Path | None = None) -> UpgradeResult:
    """Move every answer of the workbook ``old`` into a workbook for the current catalog."""
    from workbook.xlsx.upgrade import upgrade_workbook as upgrade

    return upgrade(old, output=output, content=content_for(content))


# --- packs -----------------------------------------------------------------------------------


def collect_meeting_files(meetings: Sequence[Path]) -> list[Path]:
    """Return the meeting files named by ``meetings`` (files, or folders of *.yaml files)."""
    from workbook.pack.build import collect_meeting_files as collect

    return collect(meetings)


def build_packs(meetings: Sequence[Path], *, out_dir: Path | None = None, jobs: int = 1,
                content: Path | None = None, templates: Path | None = None, force: bool = False,
                on_result: Callable[[PackOutcome], None] | None = None) -> BuildResult:
    """Build the meeting pack of every meeting in ``meetings``; call ``on_result`` per meeting."""
    from workbook.pack.build import BuildResult
    from workbook.pack.build import build_packs as build

    sources = collect_meeting_files(meetings)
    groups: dict[Path | None, list[Path]] = {}  # meetings that share their local content build together
    for source in sources:
        try:
            own = content_for(content, source)
        except WorkbookError:  # the build reports the meeting's problem as its outcome
            own = content_for(content)
        groups.setdefault(own, []).append(source)
    if len(groups) <= 1:
        return build(sources, out_dir=out_dir, jobs=jobs, content=next(iter(groups), content),
                     templates=templates, force=force, on_result=on_result)
    parts = [build(group, out_dir=out_dir, jobs=jobs, content=own, templates=templates, force=force,
                   on_result=on_result) for own, group in groups.items()]
    order = {path: index for index, path in enumerate(sources)}
    outcomes = sorted((o for part in parts for o in part.outcomes), key=lambda o: order.get(o.source, len(order)))
    return BuildResult(parts[0].out_dir, outcomes)
