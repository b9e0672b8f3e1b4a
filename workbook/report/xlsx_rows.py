"""The one-row-per-answer sheet of samlet.xlsx written as XML straight from the database cursor.

The sheet has a row per respondent and statement (48,000 rows for 1,000 files); openpyxl's
write-only mode spends about 0.3 ms a row on cell objects, more than reading the files. So the
workbook is written by openpyxl as always, with the sheet's header and one probe row (a date cell,
so openpyxl registers the date style), and the probe row is then replaced, while the file is
copied into its place, by rows made here: numbers as numbers, dates as date serials with that
style, and every text as an inline string, never a formula. The table's range is declared by
openpyxl for the final row count.
"""

from __future__ import annotations

import datetime as dt
import io
import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = dt.date(1899, 12, 30)
PROBE_DATE = dt.date(2000, 1, 1)
#: Where the row number goes in a cell made once for many rows (``xml_text`` drops it from any text).
ROW = "\x00"


def xml_text(text: str) -> str:
    """``text`` escaped for an inline string (characters XML 1.0 forbids are dropped)."""
    if ILLEGAL_XML.search(text):
        text = ILLEGAL_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_cell(ref: str, escaped: str) -> str:
    """An inline-string cell of already escaped text."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def number_cell(ref: str, value: float | int) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def date_cell(ref: str, day: dt.date, style: str) -> str:
    return f'<c r="{ref}" s="{style}"><v>{(day - _EPOCH).days}</v></c>'


RowMaker = Callable[[str], Iterable[str]]
"""Given the date style id, yield the XML of the data rows (``<row r="2">…</row>`` onwards)."""


def splice_rows(data: bytes, target: Path, part: str, rows: RowMaker) -> None:
    """Write the xlsx ``data`` to ``target`` with the probe row of sheet ``part`` replaced by ``rows``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:  # speed over size
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info, source.read(info))
                continue
            xml = source.read(info).decode("utf-8")
            start = xml.index('<row r="2"')
            end = xml.index("</row>", start) + len("</row>")
            style = re.search(r' s="(\d+)"', xml[start:end])
            entry = zipfile.ZipInfo(part, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with out.open(entry, "w", force_zip64=True) as handle:
                handle.write(xml[:start].encode("utf-8"))
                _write_behind(handle, (chunk.encode("utf-8") for chunk in _batches(rows(style[1] if style else "0"))))
                handle.write(xml[end:].encode("utf-8"))


def _write_behind(handle: IO[bytes], chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``handle`` from a second thread, so making rows and deflating them overlap.

    zlib lets go of the interpreter while it compresses; a failure in the writer (a full disk) is
    raised here once the rows stop.
    """
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
    failure: list[BaseException] = []

    def drain() -> None:
        while (chunk := pending.get()) is not None:
            if not failure:
                try:
                    handle.write(chunk)
                except BaseException as exc:  # handed to the caller below
                    failure.append(exc)

    writer = threading.Thread(target=drain, name="samlet-writer", daemon=True)
    writer.start()
    try:
        for chunk in chunks:
            if failure:
                break
            pending.put(chunk)
    finally:
        pending.put(None)
        writer.join()
    if failure:
        raise failure[0]


def _batches(rows: Iterable[str], size: int = 500) -> Iterator[str]:
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)
