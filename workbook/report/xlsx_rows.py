"""XML rows for the long sheets of samlet.xlsx, put into the file openpyxl wrote (``splice_rows``).

Svar has a row per respondent and statement (48,000 rows for 1,000 files); openpyxl's write-only
mode spends about 0.3 ms a row on cell objects, more than reading the files. So the workbook is
written by openpyxl as always, each long sheet with its header and one probe row (a date cell, so
openpyxl registers the date style), and each probe row is then replaced, while the file is copied
into its place, by rows made as XML (``report/summary_rows.py``): numbers as numbers, dates as date
serials with that style, and every text as a string, never a formula. The texts that repeat on
every row of Svar (respondent, theme, statement, answer) go once into a shared-strings part added
to the copy (``SharedStrings``); free text is an inline string. That keeps Svar a third of the
size, and deflating it is what took the time. The tables' ranges are declared by openpyxl for the
final row counts.
"""

from __future__ import annotations

import datetime as dt
import io
import queue
import re
import string
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from workbook.xlsx.package import read_package

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = dt.date(1899, 12, 30)
PROBE_DATE = dt.date(2000, 1, 1)
#: Where the row number goes in a cell made once for many rows (``xml_text`` drops it from any text).
ROW = "\x00"
#: How hard samlet.xlsx is deflated: speed over size (level 6, zlib's default, takes four times as
#: long for a fifth less).
LEVEL = 1
EXCEL_TEXT_LIMIT = 32767
CUT_NOTE = " … [forkortet: Excel rummer højst 32.767 tegn i en celle; hele teksten står i svarbanken]"


def excel_text(text: str) -> str:
    """``text`` within Excel's cell limit, the cut said at its end."""
    if len(text) <= EXCEL_TEXT_LIMIT:
        return text
    return text[:EXCEL_TEXT_LIMIT - len(CUT_NOTE)] + CUT_NOTE


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


def values_row(number: int, values: Iterable[object], date_style: str) -> str:
    """The XML of row ``number`` holding ``values`` from column A: text as an inline string (never a
    formula; cut to a cell's limit), numbers as numbers, dates with ``date_style``; None and ''
    leave the cell empty."""
    cells = []
    for col, value in enumerate(values):
        if value is None or value == "":
            continue
        ref = f"{string.ascii_uppercase[col]}{number}"  # the long sheets have at most 14 columns
        if isinstance(value, dt.date):
            cells.append(date_cell(ref, value, date_style))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            cells.append(number_cell(ref, value))
        else:
            cells.append(text_cell(ref, xml_text(excel_text(str(value)))))
    return f'<row r="{number}">{"".join(cells)}</row>'


RowMaker = Callable[[str], Iterable[str]]
"""Given the date style id, yield the XML of the data rows (``<row r="2">…</row>`` onwards)."""


def splice_rows(data: bytes, target: Path, rows: dict[str, RowMaker], shared: SharedStrings) -> None:
    """Write the xlsx ``data`` to ``target`` with the probe row of each sheet named in ``rows``
    replaced by the rows its maker gives, the sheets taken in the order they are stored.

    The rows' shared strings (``shared``, filled while the rows are made) are added as their own part.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as out:
        assert SharedStrings.PART not in source.namelist(), "write-only openpyxl writes inline strings"
        makers = {sheet.part: rows[sheet.name] for sheet in read_package(source).sheets if sheet.name in rows}
        for info in source.infolist():
            if info.filename in makers:
                _splice_part(source.read(info).decode("utf-8"), out, info.filename, makers[info.filename])
            else:
                out.writestr(info, shared.declared(info.filename, source.read(info)), compresslevel=LEVEL)
        out.writestr(zipfile.ZipInfo(SharedStrings.PART, date_time=info.date_time), shared.xml(),
                     zipfile.ZIP_DEFLATED, compresslevel=LEVEL)


def _splice_part(xml: str, out: zipfile.ZipFile, part: str, rows: RowMaker) -> None:
    """Write sheet ``part`` (its XML ``xml``) to ``out`` with its probe row (row 2) replaced by ``rows``."""
    start = xml.index('<row r="2"')
    end = xml.index("</row>", start) + len("</row>")
    style = re.search(r' s="(\d+)"', xml[start:end])
    # Opened by name, the part gets the archive's compression level (a ZipInfo of its own would
    # get zlib's default).
    with out.open(part, "w", force_zip64=True) as handle:
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


def _batches(rows: Iterable[str], size: int = 1 << 18) -> Iterator[str]:
    """The rows joined into pieces of about ``size`` characters (a row of a 32,767-character cell
    makes a piece of its own, so memory stays flat whatever the rows hold)."""
    batch: list[str] = []
    length = 0
    for row in rows:
        batch.append(row)
        length += len(row)
        if length >= size:
            yield "".join(batch)
            batch.clear()
            length = 0
    if batch:
        yield "".join(batch)
