"""The hidden sheets: Metadata (what the workbook is, where each statement is) and Lister (dropdowns)."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from workbook import __version__
from workbook.content.model import Catalog
from workbook.meeting.load import Meeting
from workbook.xlsx import texts as txt
from workbook.xlsx.layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    META_ITEMS_HEADER,
    NAME_PRIORITIES,
    NAME_SCALE,
    PRIORITIES,
    SCALE,
    SHEET_LISTS,
    SHEET_META,
    MetaKey,
    structure_checksum,
)
from workbook.xlsx.write.overview import Span
from workbook.xlsx.write.style import BOLD, protect, put_text, quote


def lists_sheet(wb: Workbook) -> None:
    """Write the hidden Lister sheet and the defined names the dropdowns use."""
    ws = wb.create_sheet(SHEET_LISTS)
    for col, (header, values) in enumerate(
        zip(txt.LISTS_HEADERS, (SCALE, PRIORITIES), strict=True), 1
    ):
        put_text(ws.cell(1, col), header).font = BOLD
        for row, value in enumerate(values, 2):
            put_text(ws.cell(row, col), value)
        letter = get_column_letter(col)
        name = (NAME_SCALE, NAME_PRIORITIES)[col - 1]
        wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote(SHEET_LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.sheet_state = "hidden"
    protect(ws)


def meta_sheet(wb: Workbook, meeting: Meeting, catalog: Catalog, spans: list[Span]) -> None:
    """Write the hidden Metadata sheet: the key/value block, then the item table (see ``layout``)."""
    ws = wb.create_sheet(SHEET_META)
    items = [
        (sheet, sel.theme.id, n.item.id, n.number)
        for sel, sheet, _, _ in spans
        for n in sel.checklist
    ]
    pairs: list[tuple[str, object]] = [
        (MetaKey.FORMAT, FORMAT_NAME),
        (MetaKey.FORMAT_VERSION, FORMAT_VERSION),
        (MetaKey.TOOL_VERSION, __version__),
        (MetaKey.CATALOG_VERSION, catalog.version),
        (MetaKey.CATALOG_HASH, catalog.content_hash),
        (MetaKey.LOCAL_CONTENT_HASH, catalog.local_hash),
        (MetaKey.MEETING_ID, meeting.id),
        (MetaKey.MUNICIPALITY, meeting.municipality),
        (MetaKey.MEETING_TITLE, meeting.title),
        (MetaKey.MEETING_DATE, meeting.date.isoformat()),
        (MetaKey.CREATED, dt.datetime.now().replace(microsecond=0).isoformat()),
        (MetaKey.CHECKSUM, structure_checksum(items)),
    ]
    row = 1
    for key, value in pairs:
        put_text(ws.cell(row, 1), key)
        if isinstance(value, int):
            ws.cell(row, 2).value = value
        else:
            put_text(ws.cell(row, 2), value)
        row += 1
    row += 1
    for col, header in enumerate(META_ITEMS_HEADER, 1):
        put_text(ws.cell(row, col), header).font = BOLD
    for item in items:
        row += 1
        for col, value in enumerate(item, 1):
            put_text(ws.cell(row, col), value)
    for letter, width in zip("ABCD", (22, 70, 30, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_state = "hidden"
    protect(ws)
