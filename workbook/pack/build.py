"""Meeting packs: guide (PDF, HTML), handout, workbook, agenda item, index, manifest; many in parallel.

A pack is the folder ``<out>/<meeting-id>/``. Each file is written atomically and ``manifest.json``
last (the old one is removed first), so a pack with a manifest is always complete. A pack whose
inputs (tool version, catalog incl. overlay, templates, meeting file and logo) are unchanged is
skipped unless ``force``. Meetings are built in worker processes; the library reports each finished
meeting through a callback (or ``iter_packs``) and never prints: progress is the CLI's job.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from workbook import danish
from workbook.content.load import check_catalog
from workbook.content.model import Catalog
from workbook.errors import MeetingError, WorkbookError
from workbook.meeting.load import Meeting, load_meeting
from workbook.meeting.plan import select_themes
from workbook.pack.index import write_index
from workbook.pack.manifest import (
    PackInputs,
    hash_template_dirs,
    is_up_to_date,
    pack_inputs,
    remove_manifest,
    write_manifest,
)
from workbook.pack.reading import PackFile, checklist_words, text_words
from workbook.paths import DEFAULT_OUTPUT_DIR

log = logging.getLogger(__name__)

GUIDE_NAME = "droeftelsesguide.pdf"
GUIDE_HTML_NAME = "droeftelsesguide.html"
HANDOUT_NAME = "droeftelsesguide-kort.pdf"
APPENDIX_NAME = "juridisk-bilag.pdf"
CHECKLIST_NAME = "selvevaluering.xlsx"
AGENDA_NAME = "dagsordenspunkt.docx"
#: A directory given as a meeting argument builds every file with one of these suffixes in it.
MEETING_SUFFIXES = (".yaml", ".yml")
#: Start method of the worker processes. ``fork`` starts a worker in milliseconds and hands it the
#: catalog the parent has already loaded (measured: see bench/bench_build.py); the parent has not
#: imported WeasyPrint or started threads when it forks.
MP_CONTEXT = "fork"


class Status(StrEnum):
    """What happened to one meeting."""

    BUILT = "bygget"
    SKIPPED = "uændret"
    FAILED = "fejl"


@dataclass(frozen=True)
class PackOutcome:
    """The result for one meeting file, with a Danish line for the user in ``message``."""

    source: Path
    """The meeting file as given."""
    status: Status
    message: str
    folder: Path | None = None
    seconds: float = 0.0
    files: tuple[Path, ...] = ()
    backup: Path | None = None
    """Backup of a filled workbook overwritten with ``force``."""

    @property
    def failed(self) -> bool:
        """True when the pack was not built because of an error."""
        return self.status is Status.FAILED


@dataclass
class BuildResult:
    """Every meeting's outcome, in the order the meetings were given."""

    out_dir: Path
    outcomes: list[PackOutcome] = field(default_factory=list)

    @property
    def built(self) -> list[PackOutcome]:
        return [o for o in self.outcomes if o.status is Status.BUILT]

    @property
    def skipped(self) -> list[PackOutcome]:
        return [o for o in self.outcomes if o.status is Status.SKIPPED]

    @property
    def failed(self) -> list[PackOutcome]:
        return [o for o in self.outcomes if o.status is Status.FAILED]

    def summary(self) -> str:
        """Return one Danish line: how many were built, skipped and failed, and where they are."""
        total = len(self.outcomes)
        noun = "mødepakke" if total == 1 else "mødepakker"
        line = (f"{total} {noun}: {len(self.built)} bygget, {len(self.skipped)} uændrede, "
                f"{len(self.failed)} med fejl.")
        done = [o for o in self.outcomes if o.folder is not None and not o.failed]
        if len(done) == 1:
            line += f" Åbn {done[0].folder / 'index.html'}"
        elif done:
            line += f" Pakkerne ligger i {self.out_dir}/ (åbn index.html i hver mappe)."
        return line


def collect_meeting_files(args: Iterable[Path]) -> list[Path]:
    """Expand the meeting arguments: a directory gives its ``*.yaml``/``*.yml`` files (not subdirs).

    A missing file is kept, so it is reported as that meeting's failure; the same file given twice
    is built once. Raises ``MeetingError`` for a directory without meeting files.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for arg in args:
        arg = Path(arg)
        if arg.is_dir():
            found = sorted(p for p in arg.iterdir()
                           if p.is_file() and p.suffix.lower() in MEETING_SUFFIXES)
            if not found:
                raise MeetingError([f"{arg}: mappen indeholder ingen mødefiler (*.yaml)"])
        else:
            found = [arg]
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _write_files(meeting: Meeting, catalog: Catalog, folder: Path, templates: Path | None,
                 force: bool) -> tuple[list[PackFile], Path | None]:
    """Write the pack's documents into ``folder``; return them and the backup of old answers."""
    from workbook.agenda_item.make import render_agenda_item
    from workbook.guide.make import write_guide
    from workbook.report.status import load_status
    from workbook.xlsx.write import write_checklist

    # The workbook first: it is fast, and it refuses to overwrite answers before any PDF is made.
    checklist = write_checklist(meeting, catalog, folder / CHECKLIST_NAME, force=force)
    statements, statement_words = checklist_words(select_themes(meeting, catalog))
    status = load_status(meeting.status_path, catalog) if meeting.status_path else None
    # The legal appendix first: the guide cites its pages.
    appendix = write_guide(meeting, catalog, folder / APPENDIX_NAME, variant="jura", templates=templates)
    guides = [write_guide(meeting, catalog, folder / name, variant=variant, fmt=fmt,
                          templates=templates, status=status, appendix_pages=appendix.anchors)
              for name, variant, fmt in ((GUIDE_NAME, "fuld", "pdf"), (GUIDE_HTML_NAME, "fuld", "html"),
                                         (HANDOUT_NAME, "kort", "pdf"))]
    guides.insert(1, appendix)
    agenda_docx, agenda_text = render_agenda_item(meeting, catalog, folder / AGENDA_NAME)
    agenda_words = text_words(agenda_text)  # the .txt holds the same text as the .docx
    files = [PackFile(g.path, g.pages, g.words) for g in guides]
    files += [PackFile(Path(checklist.path), words=statement_words, statements=statements),
              PackFile(agenda_docx, words=agenda_words), PackFile(agenda_text, words=agenda_words)]
    return files, Path(checklist.backup) if checklist.backup else None


def build_pack(meeting: Meeting, catalog: Catalog, folder: Path, *, inputs: PackInputs,
               templates: Path | None = None, force: bool = False,
               source: Path | None = None) -> PackOutcome:
    """Build one meeting's pack in ``folder`` in this process; raise ``WorkbookError``."""
    started = time.perf_counter()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_manifest(folder)
    written, backup = _write_files(meeting, catalog, folder, templates, force)
    built = dt.datetime.now().astimezone()
    index = write_index(folder, meeting, catalog, written, templates=templates, built=built)
    files = [f.path for f in written] + [index]
    write_manifest(folder, meeting, catalog, inputs, files, built=built)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in files)
    message = f"Bygget: {folder}/ ({len(files)} filer, {danish.size(size)}, {danish.seconds(seconds)})"
    if backup is not None:
        message += f"; de gamle svar er gemt i {backup}"
    return PackOutcome(source or meeting.path, Status.BUILT, message, folder, seconds, tuple(files),
                       backup)


def _failure(source: Path, reason: str, folder: Path | None = None,
             seconds: float = 0.0) -> PackOutcome:
    label = str(source)
    text = f"Fejl i {reason}" if reason.startswith(f"{label}:") else f"Fejl i {label}: {reason}"
    return PackOutcome(source, Status.FAILED, text, folder, seconds)


@dataclass(frozen=True)
class _Task:
    """One pack to build in a worker: everything it needs, picklable."""

    source: Path
    meeting: Meeting
    folder: Path
    inputs: PackInputs
    templates: Path | None
    force: bool


#: The catalog of a worker process, handed over once when the worker starts (see ``_init_worker``).
_WORKER_CATALOG: list[Catalog] = []


def _init_worker(catalog: Catalog) -> None:
    """Keep the parent's catalog in this worker process.

    Every pack is then built from the catalog its inputs were hashed from, even if a data file
    changes during the build, and no worker parses the YAML again.
    """
    _WORKER_CATALOG[:] = [catalog]


def _run(task: _Task, catalog: Catalog | None = None) -> PackOutcome:
    """Build one pack; turn any error into a failed outcome, so one meeting never stops the rest."""
    started = time.perf_counter()
    try:
        catalog = catalog or _WORKER_CATALOG[0]
        return build_pack(task.meeting, catalog, task.folder, inputs=task.inputs,
                          templates=task.templates, force=task.force, source=task.source)
    except WorkbookError as exc:
        return _failure(task.source, str(exc), task.folder, time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop the other meetings; say what it was
        log.debug("uventet fejl for %s", task.source, exc_info=True)
        return _failure(task.source, f"uventet fejl ({type(exc).__name__}: {exc})", task.folder,
                        time.perf_counter() - started)


def iter_packs(meetings: Sequence[Path], *, out_dir: Path | None = None, jobs: int = 1,
               content: Path | None = None, templates: Path | None = None,
               force: bool = False) -> Iterator[PackOutcome]:
    """Build the packs of ``meetings`` (files or folders) and yield each outcome as it finishes.

    Invalid meetings and unchanged packs are yielded first; the rest are built with ``jobs``
    worker processes (in this process when ``jobs`` is 1 or only one pack needs building).
    Raises ``WorkbookError`` only for what stops every meeting (a broken catalog or templates dir).
    """
    from workbook.render.env import template_dirs

    out_dir = Path(out_dir) if out_dir is not None else DEFAULT_OUTPUT_DIR
    catalog = check_catalog(content).catalog
    templates_hash = hash_template_dirs(template_dirs(templates))
    tasks: list[_Task] = []
    owners: dict[str, Path] = {}
    for source in collect_meeting_files(meetings):
        try:
            meeting = load_meeting(source, catalog)
        except WorkbookError as exc:
            yield _failure(source, str(exc))
            continue
        if meeting.id in owners:
            yield _failure(source, f"mødet får samme mappe '{meeting.id}' som "
                                   f"{owners[meeting.id]}; giv det et andet filnavn eller et "
                                   "andet 'id:' i mødefilen")
            continue
        owners[meeting.id] = source
        folder = out_dir / meeting.id
        inputs = pack_inputs(meeting, catalog, templates_hash)
        if not force and is_up_to_date(folder, inputs):
            yield PackOutcome(source, Status.SKIPPED, f"Uændret, springes over: {folder}/ "
                              "(brug --force for at bygge igen)", folder)
            continue
        tasks.append(_Task(source, meeting, folder, inputs, templates, force))

    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _run(task, catalog)
        return
    # The longest meetings first, so no worker is left with a big guide at the end.
    tasks.sort(key=lambda t: len(t.meeting.themes), reverse=True)
    context = multiprocessing.get_context(MP_CONTEXT)
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context,
                             initializer=_init_worker, initargs=(catalog,)) as pool:
        futures: dict[Future, _Task] = {pool.submit(_run, task): task for task in tasks}
        try:
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # the worker died (killed, out of memory)
                    reason = f"byggeprocessen stoppede uventet ({type(exc).__name__}: {exc})"
                    yield _failure(task.source, reason, task.folder)
        finally:
            for future in futures:
                future.cancel()


def build_packs(meetings: Sequence[Path], *, out_dir: Path | None = None, jobs: int = 1,
                content: Path | None = None, templates: Path | None = None, force: bool = False,
                on_result: Callable[[PackOutcome], None] | None = None) -> BuildResult:
    """Build the packs of ``meetings``; call ``on_result`` per finished meeting; return all."""
    sources = collect_meeting_files(meetings)
    order = {path: index for index, path in enumerate(sources)}
    result = BuildResult(Path(out_dir) if out_dir is not None else DEFAULT_OUTPUT_DIR)
    for outcome in iter_packs(sources, out_dir=out_dir, jobs=jobs, content=content,
                              templates=templates, force=force):
        result.outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)
    result.outcomes.sort(key=lambda o: order.get(o.source, len(order)))
    return result
