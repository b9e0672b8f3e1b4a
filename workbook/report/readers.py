"""Read many filled workbooks, in parallel on the machine's cores when there are enough of them.

Each file is read on its own (``read_one``): a file that cannot be used gives its Danish line, never
an exception. ``read_many`` yields the results in the order of the files, whichever process read
them, so the report (and the answer database the parent imports in one transaction) is the same
however many cores did the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from workbook.content.model import Catalog
from workbook.errors import WorkbookFileError
from workbook.report.oserrors import os_message
from workbook.xlsx.read import Response, read_response

#: Fewer files than this are read in this process (starting workers costs more than it saves).
PARALLEL_FROM = 40
#: Files handed to a worker at a time (fewer round trips; small enough to keep every core busy).
CHUNK = 16

_catalog: Catalog | None = None


def read_one(path: Path, label: str, catalog: Catalog) -> Response | str:
    """Return the response read from ``path``, or the Danish line saying why it cannot be used."""
    try:
        return read_response(path, catalog, label=label)
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


def _read_in_worker(job: tuple[Path, str]) -> Response | str:
    assert _catalog is not None
    return read_one(job[0], job[1], _catalog)


def _workers(count: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, max(1, count // CHUNK))


def read_many(jobs: list[tuple[Path, str]], catalog: Catalog, *, workers: int | None = None
              ) -> Iterator[Response | str]:
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
