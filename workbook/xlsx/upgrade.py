"""The ``upgrade`` command: carry every answer of a workbook made for an older catalog into a new one.

Answers move by item id. Statements that no longer exist keep all their fields in an ``Arkiv``
sheet; new statements start empty; respondent fields are copied. Nothing is lost, and an existing
output file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Font

from workbook.content.model import Catalog
from workbook.errors import OutputError
from workbook.files import atomic_path
from workbook.meeting.load import Meeting, MeetingTheme
from workbook.xlsx import layout as L
from workbook.xlsx import locate
from workbook.xlsx import texts as txt
from workbook.xlsx.fields import iso_date
from workbook.xlsx.guard import refused
from workbook.xlsx.read import read_response
from workbook.xlsx.write import DATE_FORMAT, build_workbook, item_rows, put_text

log = logging.getLogger(__name__)

ARCHIVE_SHEET = "Arkiv"
ARCHIVE_HEADERS = ("Id", "Tema-id", "Gammelt nr.", "Udsagn (gammel tekst)", "Svar", "Prioritet",
                   "Ansvarlig", "Frist", "Bemærkning")
ARCHIVE_NOTE = ("Udsagn, der ikke længere findes i kataloget (version {version}). Svarene er bevaret "
                "her, men tælles ikke med i rapporten.")


@dataclass
class UpgradeResult:
    """What ``upgrade_workbook`` did: where answers went, what is new, what was archived."""

    source: Path
    target: Path
    old_version: str
    new_version: str
    carried: int = 0
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(item id, old place, new place) for statements whose number or sheet changed."""
    new: list[tuple[str, str]] = field(default_factory=list)
    """(number, item id) of statements that were not in the old workbook."""
    archived: list[tuple[str, str]] = field(default_factory=list)
    """(old number, item id) of answered statements moved to the Arkiv sheet."""
    dropped_empty: list[str] = field(default_factory=list)
    """Ids of unanswered statements that no longer exist (nothing to keep)."""
    respondent_fields: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """Return Danish lines for the terminal."""
        lines = [f"Opdateret: {self.source} (katalog {self.old_version}) → {self.target} "
                 f"(katalog {self.new_version})."]
        lines.append(f"Overført: {self.carried} udfyldte udsagn"
                     + (f" og respondentfelterne {', '.join(self.respondent_fields)}."
                        if self.respondent_fields else "."))
        for item_id, old, new in self.moved:
            lines.append(f"Flyttet: {item_id} fra {old} til {new}")
        for number, item_id in self.new:
            lines.append(f"Nyt udsagn (ubesvaret): {number} {item_id}")
        for number, item_id in self.archived:
            lines.append(f"Arkiveret (findes ikke længere): {number} {item_id}; svaret står i arket "
                         f"'{ARCHIVE_SHEET}'")
        if self.dropped_empty:
            lines.append(f"Udgået uden svar: {', '.join(self.dropped_empty)}")
        if not (self.moved or self.new or self.archived or self.dropped_empty):
            lines.append("Ingen udsagn er flyttet, nye eller udgået.")
        lines.extend(f"Advarsel: {w}" for w in self.warnings)
        return lines


def default_target(old: Path) -> Path:
    """Return ``<old>-opdateret.xlsx`` beside the old file."""
    return old.with_name(f"{old.stem}-opdateret.xlsx")


def upgrade_workbook(old: Path, *, output: Path | None = None, content: Path | None = None,
                     catalog: Catalog | None = None) -> UpgradeResult:
    """Write a workbook for the current catalog holding every answer of ``old``; refuse to overwrite."""
    old = Path(old)
    target = Path(output) if output else default_target(old)
    if target.exists():
        raise OutputError(f"{target} findes allerede og overskrives ikke. Vælg et andet navn med -o, "
                          "eller flyt den eksisterende fil")
    if catalog is None:
        from workbook.content.load import load_catalog

        catalog = load_catalog(content)
    response = read_response(old, catalog, check_version=False, keep_text=True)
    meeting = _meeting(response, catalog, old)
    wb = build_workbook(meeting, catalog)
    rows = item_rows(wb)
    column = {c.key: i for i, c in enumerate(L.THEME_COLUMNS, start=1)}
    new_numbers = _numbers(wb)
    result = UpgradeResult(old, target, response.catalog_version or "?", catalog.version,
                           warnings=[str(p) for p in response.problems])
    old_items = {i.item_id: i for i in response.items}
    archive = []
    for item in response.items:
        raw = response.raw.get(item.item_id, {})
        place = rows.get(item.item_id)
        if place is None:
            if raw:
                archive.append((item, raw))
                result.archived.append((item.number, item.item_id))
            else:
                result.dropped_empty.append(item.item_id)
            continue
        sheet, row = place
        for key, value in raw.items():
            _put(wb[sheet].cell(row, column[key]), value)
        if raw:
            result.carried += 1
        new_number = new_numbers.get(item.item_id, "")
        if new_number != item.number or sheet != item.sheet:
            result.moved.append((item.item_id, f"{item.number} ({item.sheet})",
                                 f"{new_number} ({sheet})"))
    for item_id, number in new_numbers.items():
        if item_id not in old_items:
            result.new.append((number, item_id))
    result.respondent_fields = _copy_respondent(wb, response.respondent)
    if archive:
        _archive_sheet(wb, archive, response.statements, result.old_version)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    log.info("opdateret ark skrevet: %s", target)
    return result


def _meeting(response, catalog: Catalog, old: Path) -> Meeting:
    """Rebuild the meeting from the metadata sheet (and the guide sheet's forum and contact)."""
    meta = response.meta
    theme_ids: list[str] = []
    for item in response.items:
        if item.theme_id not in theme_ids and item.theme_id in catalog.theme_ids:
            theme_ids.append(item.theme_id)
    if not theme_ids:
        raise refused(str(old), "ingen af arkets temaer findes i det nuværende katalog "
                                f"(version {catalog.version}); der er intet at opdatere til")
    date = iso_date(meta.get(L.MetaKey.MEETING_DATE, "")) or dt.date.today()
    return Meeting(
        id=meta.get(L.MetaKey.MEETING_ID, "") or old.stem, path=old.resolve(),
        municipality=meta.get(L.MetaKey.MUNICIPALITY, ""), forum=response.guide.get(txt.LABEL_FORUM, ""),
        title=meta.get(L.MetaKey.MEETING_TITLE, ""), date=date, start=dt.time(0, 0), place="",
        contact=response.guide.get(txt.LABEL_CONTACT, ""), logo=None,
        themes=tuple(MeetingTheme(t, catalog.theme(t).minutes) for t in theme_ids))


def _numbers(wb) -> dict[str, str]:
    """Return item id → printed number from the new workbook's metadata item table."""
    _, items = locate.read_meta(wb[L.SHEET_META].iter_rows(values_only=True))
    return {item.item_id: item.number for item in items}


def _put(cell, value: object) -> None:
    if isinstance(value, dt.datetime | dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    else:
        put_text(cell, value)


def _copy_respondent(wb, respondent: dict[str, str]) -> list[str]:
    copied = []
    for name, value in respondent.items():
        defined = wb.defined_names.get(name)
        target = None if defined is None else locate.reference_cell(defined.attr_text)
        if target is None:
            continue
        sheet, row, col = target
        cell = wb[sheet].cell(row, col)
        date = iso_date(value) if name == L.NAME_DATE else None
        if isinstance(date, dt.date):
            _put(cell, date)
        else:
            put_text(cell, value)
        copied.append(L.RESPONDENT_FIELDS[name].lower())
    return copied


def _archive_sheet(wb, archive, statements: dict[str, str], old_version: str) -> None:
    ws = wb.create_sheet(ARCHIVE_SHEET)
    put_text(ws.cell(1, 1), ARCHIVE_NOTE.format(version=old_version)).font = Font(italic=True)
    for col, header in enumerate(ARCHIVE_HEADERS, 1):
        put_text(ws.cell(3, col), header).font = Font(bold=True)
    for row, (item, raw) in enumerate(archive, 4):
        values = [item.item_id, item.theme_id, item.number, statements.get(item.item_id, "")]
        for col, value in enumerate(values, 1):
            put_text(ws.cell(row, col), value)
        for col, key in enumerate(L.INPUT_KEYS, len(values) + 1):
            if key in raw:
                _put(ws.cell(row, col), raw[key])
        for col in range(1, len(ARCHIVE_HEADERS) + 1):
            ws.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (24, 18, 10, 50, 12, 11, 18, 12, 36), strict=True):
        ws.column_dimensions[letter].width = width
