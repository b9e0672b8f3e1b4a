"""The report's files as one set: a lock on the folder, a staging folder, and the move into place together.

A run takes the folder's lock first (a second run into the same folder is refused with a Danish
message), writes every file into a hidden staging folder beside the targets, and only when all are
written keeps the earlier report under a dated name, moves the new files into place and removes the
error reports of earlier runs that no longer apply. A failure while writing leaves the folder as it
was. Every OS error becomes one Danish message naming the path (``oserrors``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from workbook.errors import OutputError
from workbook.report.oserrors import os_message

log = logging.getLogger(__name__)

LOCK_NAME = ".workbook-rapport.lock"
STAGING_PREFIX = ".workbook-ny-"
#: Files of a report that are kept under a dated name before a new one takes their place.
KEPT = ("statusrapport.pdf", "samlet.xlsx")


def _check_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: kan ikke skrive rapporten (stien er en fil, ikke en mappe); "
                          "vælg en anden mappe med -o") from None
    except OSError as exc:
        raise OutputError(os_message(folder, exc)) from None


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the report folder's lock; raise ``OutputError`` at once when another run holds it."""
    _check_folder(folder)
    path = folder / LOCK_NAME
    try:
        handle = path.open("a")
    except OSError as exc:
        raise OutputError(os_message(folder, exc)) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(f"{folder}: en anden kørsel af workbook report skriver rapporten her lige "
                              "nu; vent til den er færdig, og prøv igen") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def dated_name(path: Path) -> Path:
    """Return the name an earlier file keeps: ``statusrapport-2027-03-01.pdf`` (its date; ``-2`` when taken)."""
    try:
        day = dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        day = dt.date.today()
    candidate = path.with_name(f"{path.stem}-{day.isoformat()}{path.suffix}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{day.isoformat()}-{counter}{path.suffix}")
        counter += 1
    return candidate


def is_own_output(path: Path) -> bool:
    """True for a file this tool writes into a report folder (samlet.xlsx, a dated copy, staging files)."""
    name = path.name
    stem = Path(KEPT[1]).stem
    return (name == KEPT[1] or (name.startswith(f"{stem}-") and name[len(stem) + 1:len(stem) + 5].isdigit())
            or name.startswith((STAGING_PREFIX, ".samlet.xlsx.")))


class OutputSet:
    """A report's files, staged in a hidden folder inside ``folder`` until ``commit`` moves them in."""

    def __init__(self, folder: Path, stale_prefix: str) -> None:
        self.folder = folder
        self.stale_prefix = stale_prefix
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        except OSError as exc:
            raise OutputError(os_message(folder, exc)) from None
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Return where to write ``name`` now (inside the staging folder)."""
        self.names.append(name)
        return self.staging / name

    def check(self) -> None:
        """Raise ``OutputError`` when a target cannot take its file (a folder has its name), before anything moves."""
        for name in self.names:
            if (self.folder / name).is_dir():
                raise OutputError(f"{self.folder / name}: kan ikke skrive filen (der står en mappe med samme "
                                  "navn); flyt eller omdøb mappen, og prøv igen")

    def commit(self) -> list[Path]:
        """Keep earlier reports under dated names, move the staged files into place; return the targets."""
        self.check()
        targets = []
        try:
            for name in self.names:
                target = self.folder / name
                if name in KEPT and target.is_file():
                    kept = dated_name(target)
                    os.replace(target, kept)
                    log.info("den tidligere rapport er gemt som %s", kept.name)
                os.replace(self.staging / name, target)
                targets.append(target)
            for old in self.folder.glob(f"{self.stale_prefix}*.txt"):
                if old.name not in self.names:
                    old.unlink()
                    log.info("gammel fejlrapport fjernet: %s", old.name)
        except OSError as exc:
            raise OutputError(os_message(Path(exc.filename or self.folder), exc)) from None
        return targets

    def discard(self) -> None:
        """Remove the staging folder and whatever is left in it."""
        shutil.rmtree(self.staging, ignore_errors=True)


@contextlib.contextmanager
def output_set(folder: Path, stale_prefix: str) -> Iterator[OutputSet]:
    """Yield an ``OutputSet`` for ``folder``; the staging folder is always removed afterwards."""
    files = OutputSet(folder, stale_prefix)
    try:
        yield files
    finally:
        files.discard()
