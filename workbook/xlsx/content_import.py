"""Read a content workbook (``workbook content eksport``) back as overlay documents for the loader.

The municipality's texts become the same partial overlay items a YAML overlay gives (id and the
changed fields only), one document per changed cell, labelled ``fil.xlsx [Ark!E7]``; the loader
then checks them like YAML, so every problem names its sheet and cell. Importing this module
registers the reader for ``.xlsx`` overlays (``content.overlay.register_reader``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from workbook.content import overlay as overlays
from workbook.content.yamlio import LineDict
from workbook.errors import CatalogError, Problem
from workbook.xlsx import content_layout as C
from workbook.xlsx.guard import check_container

HEADING = "Lokalt indhold"


def _doc(values: dict) -> LineDict:
    doc = LineDict(values)
    doc.line, doc.key_lines = 0, {}
    return doc


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _local_value(field: C.TextField, text: str) -> object:
    return [line.strip() for line in text.splitlines() if line.strip()] if field.lines else text


class _SheetReader:
    """Reads one sheet's rows into documents, collecting located problems."""

    def __init__(self, ws, sheet: C.ContentSheet, label: str, problems: list[Problem]) -> None:
        self.sheet, self.label, self.problems = sheet, label, problems
        self.rows = list(ws.iter_rows(values_only=True))
        header = self.rows[C.HEADER_ROW - 1] if self.rows else ()
        self.columns = {_text(h): i for i, h in enumerate(header) if _text(h)}
        missing = [h for h in sheet.headers if h not in self.columns]
        self.usable = not missing
        if missing:
            self.problems.append(Problem(f"{label} [{sheet.name}]", "kolonnen »" + "«, »".join(missing)
                                         + "« mangler; omdøb eller slet ikke kolonnerne"))

    def where(self, row: int, header: str) -> str:
        return f"{self.label} [{self.sheet.name}!{get_column_letter(self.columns[header] + 1)}{row}]"

    def cell(self, values: tuple, header: str) -> str:
        index = self.columns[header]
        return _text(values[index]) if index < len(values) else ""

    def wrap(self, item_id: str, theme_id: str, entry: dict) -> LineDict:
        """The overlay document holding ``entry`` (the item's id and changes) where it belongs."""
        if not self.sheet.nested:
            return _doc({self.sheet.section: [_doc({"id": item_id, **entry})]})
        return _doc({"themes": [_doc({"id": theme_id, self.sheet.nested: [_doc({"id": item_id, **entry})]})]})

    def documents(self) -> list[overlays.Document]:
        if not self.usable:
            return []
        out: list[overlays.Document] = []
        for row, values in enumerate(self.rows[C.HEADER_ROW:], start=C.HEADER_ROW + 1):
            out.extend(self.row_documents(row, values))
        return out

    def row_documents(self, row: int, values: tuple) -> list[overlays.Document]:
        item_id = self.cell(values, C.ID_HEADER)
        theme_id = self.cell(values, C.THEME_HEADER) if self.sheet.nested else ""
        action = self.cell(values, C.ACTION_HEADER).casefold()
        changes = {f.key: (f, self.cell(values, f.local_header)) for f in self.sheet.fields}
        changes = {key: (f, text) for key, (f, text) in changes.items()
                   if text and text != self.cell(values, f.catalog_header)}
        if not item_id:
            if changes or action:
                self.problems.append(Problem(self.where(row, C.ID_HEADER), "rækken mangler et id"))
            return []
        if action not in C.ACTIONS:
            self.problems.append(Problem(self.where(row, C.ACTION_HEADER), f"'{action}' er ikke en handling: "
                                         f"skriv »{C.REMOVE}«, »{C.ADD}« eller lad feltet stå tomt", item_id))
            return []
        if action and not self.sheet.nested:
            self.problems.append(Problem(self.where(row, C.ACTION_HEADER), f"»{action}« virker kun for spørgsmål, "
                                         "udsagn og beslutninger; nye temaer og eksempler lægges i en YAML-fil",
                                         item_id))
            return []
        if self.sheet.nested and not theme_id:
            self.problems.append(Problem(self.where(row, C.THEME_HEADER), "temaets id mangler", item_id))
            return []
        if action == C.REMOVE:
            return [(self.where(row, C.ACTION_HEADER), self.wrap(item_id, theme_id, {overlays.REMOVE: True}))]
        if action == C.ADD:
            entry = {key: _local_value(f, text) for key, (f, text) in changes.items()}
            return [(self.where(row, C.ID_HEADER), self.wrap(item_id, theme_id, entry))]
        return [(self.where(row, f.local_header),
                 self.wrap(item_id, theme_id, {key: _local_value(f, text), overlays.CHANGE_ONLY: True}))
                for key, (f, text) in changes.items()]


def read_content_workbook(path: Path, label: str) -> list[overlays.Document]:
    """Return the overlay documents of the content workbook at ``path``; raise ``CatalogError``."""
    check_container(Path(path), label)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CatalogError([Problem(label, f"filen kan ikke læses som Excel-fil ({exc})")], HEADING) from None
    try:
        if C.META_SHEET not in wb.sheetnames:
            raise CatalogError([Problem(label, "filen er ikke lavet med 'workbook content eksport' (arket "
                                               f"»{C.META_SHEET}« mangler)")], HEADING)
        problems: list[Problem] = []
        documents: list[overlays.Document] = []
        for sheet in C.SHEETS:
            if sheet.name in wb.sheetnames:
                documents.extend(_SheetReader(wb[sheet.name], sheet, label, problems).documents())
    finally:
        wb.close()
    if problems:
        raise CatalogError(problems, HEADING)
    return documents


overlays.register_reader(".xlsx", read_content_workbook)
