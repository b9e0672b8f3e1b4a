"""The one-row-per-answer sheet of samlet.xlsx written as XML straight from the database cursor.

The sheet has a row per respondent and statement (48,000 rows for 1,000 files); openpyxl's
write-only mode spends about 0.3 ms a row on cell objects, more than reading the files. So the
workbook is written by openpyxl as always, with the sheet's header and one probe row (a date cell,
so openpyxl registers the date style), and the probe row is then replaced, while the file is
copied into its place, by rows made here: numbers as numbers, dates as date serials with that
style, and every text as a string, never a formula. The texts that repeat on every row (respondent,
theme, statement, answer) go once into a shared-strings part added to the copy (``SharedStrings``);
free text typed by a respondent is an inline string. That keeps the sheet a third of the size, and
deflating it is what took the time. The table's range is declared by openpyxl for the final row count.
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

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = dt.date(1899, 12, 30)
PROBE_DATE = dt.date(2000, 1, 1)
#: Where the row number goes in a cell made once for many rows (``xml_text`` drops it from any text).
ROW = "\x00"


def xml_text(text: str) -> str:
    """``text`` escaped for an inline string (characters XML 1.0 forbids are dropped)."""
    if _TO_ESCAPE.search(text) is None:  # most texts: one pass, nothing to do
        return text
    if ILLEGAL_XML.search(text):
        text = ILLEGAL_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TO_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_cell(ref: str, escaped: str) -> str:
    """An inline-string cell of already escaped text."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def shared_cell(ref: str, index: int) -> str:
    """A cell holding shared string number ``index``."""
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


class SharedStrings:
    """The shared-strings part of the copy: each text once, numbered in the order added."""

    PART = "xl/sharedStrings.xml"
    CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"

    def __init__(self) -> None:
        self._index: dict[str, int] = {}

    def cell(self, ref: str, text: str) -> str:
        """A cell at ``ref`` holding ``text`` (escaped here) as a shared string."""
        index = self._index.setdefault(xml_text(text), len(self._index))
        return shared_cell(ref, index)

    def xml(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in self._index)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
                f'uniqueCount="{len(self._index)}">{items}</sst>').encode()

    def declared(self, name: str, data: bytes) -> bytes:
        """The part ``name`` of the copy with the shared strings declared (content type, relation)."""
        if name == "[Content_Types].xml":
            entry = f'<Override PartName="/{self.PART}" ContentType="{self.CONTENT_TYPE}"/>'
            return data.replace(b"</Types>", entry.encode() + b"</Types>", 1)
        if name == "xl/_rels/workbook.xml.rels":
            entry = f'<Relationship Id="rIdSharedStrings" Type="{self.RELATION}" Target="sharedStrings.xml"/>'
            return data.replace(b"</Relationships>", entry.encode() + b"</Relationships>", 1)
        return data


def number_cell(ref: str, value: float | int) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def date_cell(ref: str, day: dt.date, style: str) -> str:
    return f'<c r="{ref}" s="{style}"><v>{(day - _EPOCH).days}</v></c>'


RowMaker = Callable[[str], Iterable[str]]
"""Given the date style id, yield the XML of the data rows (``<row r="2">…</row>`` onwards)."""


def splice_rows(data: bytes, target: Path, part: str, rows: RowMaker, shared: SharedStrings) -> None:
    """Write the xlsx ``data`` to ``target`` with the probe row of sheet ``part`` replaced by ``rows``.

    The rows' shared strings (``shared``, filled while the rows are made) are added as their own part.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:  # speed over size
        assert SharedStrings.PART not in source.namelist(), "write-only openpyxl writes inline strings"
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info, shared.declared(info.filename, source.read(info)))
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
        out.writestr(zipfile.ZipInfo(SharedStrings.PART, date_time=info.date_time), shared.xml(),
                     zipfile.ZIP_DEFLATED)


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
