"""Read many filled workbooks, in parallel on the machine's cores when there are enough of them.

Each file is read on its own (``read_one``): a file that cannot be used gives its Danish line, never
an exception; a file that can gives a ``Read``, its answers already as the rows the answer database
takes (plain tuples, which cross from a worker process at a fraction of the cost of objects).
``read_many`` yields the results in the order of the files, whichever process read
them, so the report (and the answer database the parent imports in one transaction) is the same
however many cores did the work.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from workbook.content.model import Catalog, ChecklistItem
from workbook.errors import WorkbookFileError
from workbook.report.oserrors import os_message
from workbook.xlsx import layout as L
from workbook.xlsx.guard import MAX_FILE_BYTES, read_bytes
from workbook.xlsx.read import Answer, Response, read_response

#: Fewer files than this are read in this process (starting workers costs more than it saves).
PARALLEL_FROM = 40
#: Files handed to a worker at a time (fewer round trips; small enough to keep every core busy).
CHUNK = 16

_catalog: Catalog | None = None
#: The structure checksums of the item tables this worker has sent (``Read.items_sent``).
_sent: set[str] = set()


@dataclass(frozen=True, slots=True)
class Read:
    """One file as read for the report: the response without its answers, and its answer rows."""

    response: Response
    """``answers`` and ``statements`` left empty: they are in ``rows``."""
    rows: tuple[tuple, ...]
    """One per statement of the workbook, in ``store.ANSWER_COLUMNS`` order."""
    answered: bool
    """True when the file holds at least one answer."""
    items_sent: bool = False
    """True when ``response.items`` were left out: this worker sent the same item table (same
    structure checksum) with an earlier file, which the parent has, as it takes the files in order."""


def answer_rows(response: Response, catalog: Catalog | None) -> Iterator[tuple]:
    """Yield the answer database's row (``store.ANSWER_COLUMNS``) of each statement of ``response``."""
    empty = Answer()
    for position, item in enumerate(response.items):
        answer = response.answers.get(item.item_id) or empty
        deadline = answer.deadline
        is_date = isinstance(deadline, dt.date)
        yield (position, item.theme_id, item.item_id, item.number,
               _statement(response, answer, item.item_id, catalog), answer.answer, answer.priority,
               answer.owner, deadline.isoformat() if is_date else None,
               None if is_date else deadline, answer.comment)


def _statement(response: Response, answer: Answer, item_id: str, catalog: Catalog | None) -> str:
    """The statement as the respondent saw it (the workbook's text), else the catalog's, else the id."""
    seen = answer.statement or response.statements.get(item_id)
    if seen:
        return seen
    item = catalog.get(item_id) if catalog is not None else None
    return item.statement if isinstance(item, ChecklistItem) else item_id


def read_one(path: Path, label: str, catalog: Catalog) -> tuple[str, Read | str]:
    """Return the digest of the file at ``path`` ('' when it cannot be read or is too large) and the
    file as read, or the Danish line saying why it cannot be used. The file is read from disk once."""
    try:
        data, size = read_bytes(path, label)
    except WorkbookFileError as exc:
        return "", str(exc)
    if size > MAX_FILE_BYTES:  # the reader refuses it, saying its size
        return "", _read(path, label, catalog, None)
    return hashlib.sha256(data).hexdigest(), _read(path, label, catalog, data)


def _read(path: Path, label: str, catalog: Catalog, data: bytes | None) -> Read | str:
    try:
        response = read_response(path, catalog, label=label, data=data)
        rows = tuple(answer_rows(response, catalog))
        answered = bool(response.answers)
        response.answers, response.statements = {}, {}
        return Read(response, rows, answered)
    except WorkbookFileError as exc:
        return str(exc)
    except RecursionError:
        return f"{label}: filen er for indviklet opbygget og læses ikke"
    except MemoryError:
        return f"{label}: filen kræver for meget hukommelse og læses ikke"
    except OSError as exc:
        return os_message(path, exc, reading=True)


def _init(catalog: Catalog) -> None:
    global _catalog
    _catalog = catalog
    _sent.clear()
    # What the fork brought (modules, the catalog) lives as long as the worker: the cyclic
    # collector need not walk it again on every collection (4 % of a file's reading).
    gc.freeze()


def _read_in_worker(job: tuple[Path, str]) -> tuple[str, Read | str]:
    assert _catalog is not None
    digest, read = read_one(job[0], job[1], _catalog)
    if isinstance(read, Read):
        checksum = read.response.meta.get(L.MetaKey.CHECKSUM, "")
        if checksum and checksum in _sent:  # files of one meeting share one item table
            read.response.items = ()
            return digest, Read(read.response, read.rows, read.answered, items_sent=True)
        _sent.add(checksum)
    return digest, read


def _workers(count: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, max(1, count // CHUNK))


def read_many(jobs: list[tuple[Path, str]], catalog: Catalog, *, workers: int | None = None
              ) -> Iterator[tuple[str, Read | str]]:
    """Yield ``read_one`` for each (path, label) of ``jobs``, in their order.

    ``workers``: how many processes read (None: one per core from ``PARALLEL_FROM`` files on).
    """
    if workers is None:
        workers = _workers(len(jobs)) if len(jobs) >= PARALLEL_FROM else 1
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for path, label in jobs:
            yield read_one(path, label, catalog)
        return
    # fork: the workers start at once with the catalog and the modules already loaded.
    context = multiprocessing.get_context("fork")
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(catalog,)) as pool:
            for result in pool.map(_read_in_worker, jobs, chunksize=min(CHUNK, max(1, len(jobs) // workers))):
                yield result
                done += 1
    except BrokenProcessPool:  # a worker died (killed, out of memory): read the rest here
        for path, label in jobs[done:]:
            yield read_one(path, label, catalog)
