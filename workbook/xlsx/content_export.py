"""Write the content workbook: the catalog's texts a municipality may change, one row per item."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbook import __version__
from workbook.content.model import Catalog, Theme
from workbook.errors import MeetingError, OutputError, Problem
from workbook.files import atomic_path
from workbook.xlsx import content_layout as C

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
CATALOG_FILL = PatternFill("solid", fgColor="E7E6E6")
LOCAL_FILL = PatternFill("solid", fgColor="FFF4CC")
WRAP = Alignment(wrap_text=True, vertical="top")


def _text(cell, value: object):
    # Always text, never a formula, whatever the catalog's text starts with.
    cell.value = "" if value is None else str(value)
    cell.data_type = "s"
    return cell


def _value(item: object, field: C.TextField) -> str:
    value = getattr(item, field.key, "")
    return "\n".join(value) if field.lines else str(value or "")


def _rows(sheet: C.ContentSheet, themes: Sequence[Theme], catalog: Catalog,
          every_case: bool) -> list[tuple[str, str, object]]:
    """Return (id, theme id, item) for every item the sheet lists."""
    if sheet.section == "cases":
        wanted = {case_id for theme in themes for case_id in theme.cases}
        return [(case.id, "", case) for case in catalog.cases if every_case or case.id in wanted]
    if not sheet.nested:
        return [(theme.id, "", theme) for theme in themes]
    return [(item.id, theme.id, item) for theme in themes for item in getattr(theme, sheet.nested)]


def _write_sheet(wb: Workbook, sheet: C.ContentSheet, rows: list[tuple[str, str, object]]) -> None:
    ws = wb.create_sheet(sheet.name)
    for col, header in enumerate(sheet.headers, start=1):
        cell = _text(ws.cell(C.HEADER_ROW, col), header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        wide = header.endswith((C.CATALOG_SUFFIX, C.LOCAL_SUFFIX))
        ws.column_dimensions[get_column_letter(col)].width = 45 if wide else 22
    for row, (item_id, theme_id, item) in enumerate(rows, start=C.HEADER_ROW + 1):
        values = [item_id, *((theme_id,) if sheet.nested else ())]
        for field in sheet.fields:
            values += [_value(item, field), ""]
        values.append("")
        for col, value in enumerate(values, start=1):
            cell = _text(ws.cell(row, col), value)
            cell.alignment = WRAP
            header = sheet.headers[col - 1]
            if header.endswith(C.CATALOG_SUFFIX):
                cell.fill = CATALOG_FILL
            elif header.endswith(C.LOCAL_SUFFIX):
                cell.fill = LOCAL_FILL
    action = get_column_letter(len(sheet.headers))
    validation = DataValidation(type="list", formula1=f'"{C.REMOVE},{C.ADD}"', allow_blank=True)
    validation.add(f"{action}{C.HEADER_ROW + 1}:{action}1000")
    ws.add_data_validation(validation)
    ws.freeze_panes = f"B{C.HEADER_ROW + 1}"


def _guide_and_meta(wb: Workbook, catalog: Catalog) -> None:
    guide = wb.active
    guide.title = C.GUIDE_SHEET
    guide.column_dimensions["A"].width = 100
    for row, line in enumerate(C.GUIDE_TEXT, start=1):
        cell = _text(guide.cell(row, 1), line)
        cell.alignment = WRAP
        cell.font = Font(bold=row == 1, size=14 if row == 1 else 11)
    meta = wb.create_sheet(C.META_SHEET)
    for row, pair in enumerate((("format", C.FORMAT_NAME), ("version", str(C.FORMAT_VERSION)),
                                ("katalog", catalog.version), ("workbook", __version__)), start=1):
        _text(meta.cell(row, 1), pair[0])
        _text(meta.cell(row, 2), pair[1])
    meta.sheet_state = "hidden"


def export_content(catalog: Catalog, target: Path, theme_ids: Sequence[str] = (), *,
                   force: bool = False) -> Path:
    """Write the content workbook of ``catalog`` (only ``theme_ids`` when given) to ``target``."""
    target = Path(target)
    if target.exists() and not force:
        raise OutputError(f"{target} findes allerede og overskrives ikke (den kan indeholde kommunens "
                          "rettelser). Vælg et andet navn, eller brug --force")
    unknown = [t for t in theme_ids if t not in catalog.theme_ids]
    if unknown:
        raise MeetingError([Problem("--tema", f"ukendt tema '{t}'. Gyldige temaer: {', '.join(catalog.theme_ids)}")
                            for t in unknown], "Indholdet kan ikke eksporteres")
    themes = [catalog.theme(t) for t in dict.fromkeys(theme_ids)] if theme_ids else list(catalog.themes)
    wb = Workbook()
    _guide_and_meta(wb, catalog)
    for sheet in C.SHEETS:
        _write_sheet(wb, sheet, _rows(sheet, themes, catalog, every_case=not theme_ids))
    wb.move_sheet(C.META_SHEET, offset=len(wb.sheetnames))
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
