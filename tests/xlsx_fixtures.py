"""Test helpers: the test catalog as any version, a meeting, and filling answers into workbooks.

The catalog is the one test catalog, ``tests/data/catalog/good`` (loaded once, checked on
``TEST_TODAY``), so reader, report and upgrade tests do not move when the shipped content changes.
``make_catalog(version, rename=..., remove=..., add=...)`` makes it another catalog version whose
checklist item ids differ, which the upgrade and report tests need; ``make_catalog()`` is the test
catalog itself (what conftest's ``test_catalog`` fixture gives).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

from workbook.content.model import Catalog, ChecklistItem
from workbook.meeting.load import Meeting, MeetingTheme
from workbook.xlsx.layout import COLUMN_BY_KEY, INPUT_KEYS, RESPONDENT_FIELDS
from workbook.xlsx.write import build_workbook, item_rows

#: The one test catalog, and the day its tests are checked on (its review dates are recent then).
TEST_CATALOG = Path(__file__).resolve().parent / "data" / "catalog" / "good"
TEST_TODAY = dt.date(2026, 11, 23)

#: A meeting file on the shipped catalog (one theme), for CLI tests.
MEETING_YAML = """\
kommune: Fjordby Kommune
forum: Kommunalbestyrelsen
titel: Temamøde om velfærdsalliancer
dato: 2027-02-04
starttid: "15:00"
sted: Byrådssalen
kontakt: Mette Holm
temaer:
  - velfaerdsalliancer
"""


def load_test_catalog() -> Catalog:
    """The test catalog, checked on ``TEST_TODAY`` (``check_catalog`` reuses the result while no file changes)."""
    from workbook.content.load import check_catalog

    return check_catalog(data_dir=TEST_CATALOG, today=TEST_TODAY).catalog


def make_catalog(version: str | None = None, *, rename: dict[str, str] | None = None,
                 remove: tuple[str, ...] = (), add: dict[str, tuple[str, ...]] | None = None) -> Catalog:
    """The test catalog as ``version``; ``rename``/``remove``/``add`` change its checklist item ids.

    ``add`` maps a theme id to new item ids, appended to that theme. Without arguments this is the
    test catalog itself; otherwise it has its own content hash, as another version would.
    """
    base = load_test_catalog()
    if version is None and not (rename or remove or add):
        return base
    rename = rename or {}
    add = add or {}
    themes = []
    for theme in base.themes:
        items = [dataclasses.replace(it, id=rename.get(it.id, it.id)) for it in theme.checklist
                 if it.id not in remove]
        items += [ChecklistItem(new, f"{theme.title}: nyt udsagn {new}.") for new in add.get(theme.id, ())]
        themes.append(dataclasses.replace(theme, checklist=tuple(items)))
    version = version or base.version
    changes = f"{base.content_hash} {version} {sorted(rename.items())} {sorted(remove)} {sorted(add.items())}"
    return dataclasses.replace(base, info=dataclasses.replace(base.info, version=version), themes=tuple(themes),
                               content_hash=hashlib.sha256(changes.encode()).hexdigest())


def make_meeting(catalog: Catalog, theme_ids: tuple[str, ...] | None = None) -> Meeting:
    """Return a meeting selecting ``theme_ids`` (default: every theme of ``catalog``)."""
    theme_ids = theme_ids or catalog.theme_ids
    return Meeting(
        id="temamoede", path=Path("/nonexistent/temamoede.yaml"), municipality="Fjordby Kommune",
        forum="Kommunalbestyrelsen", title="Temamøde om velfærdsalliancer", date=dt.date(2027, 2, 4),
        start=dt.time(15, 0), place="Byrådssalen", contact="Mette Holm, meho@fjordby.dk",
        logo=None, themes=tuple(MeetingTheme(t, 20) for t in theme_ids))


def write_filled(target: Path, catalog: Catalog, answers: dict[str, dict[str, object]],
                 respondent: dict[str, object] | None = None, meeting: Meeting | None = None) -> Path:
    """Write a workbook with the real writer, then fill ``answers`` (item id → column key → value)."""
    wb = build_workbook(meeting or make_meeting(catalog), catalog)
    rows = item_rows(wb)
    columns = {c.key: i for i, c in enumerate(COLUMN_BY_KEY.values(), start=1)}
    for item_id, fields in answers.items():
        sheet, row = rows[item_id]
        for key, value in fields.items():
            assert key in INPUT_KEYS, key
            cell = wb[sheet].cell(row, columns[key])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    for name, value in (respondent or {}).items():
        assert name in RESPONDENT_FIELDS, name
        [(sheet, ref)] = list(wb.defined_names[name].destinations)
        wb[sheet][ref.replace("$", "")].value = value
    wb.save(target)
    return target


def replace_cells(path: Path, cells: dict[str, str]) -> Path:
    """Rewrite text cells whose text is a key of ``cells`` into the raw cell XML given as its value.

    The value is what follows the cell's style attribute, e.g. ``' t="e"><f>-ikke</f><v>#NAME?</v>'``:
    how Excel stores a formula with a cached error, which openpyxl itself cannot write.
    """
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                for marker, inner in cells.items():
                    text = re.sub(rf'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t>{re.escape(marker)}'
                                  r"</t></is></c>", lambda m, inner=inner: f'<c r="{m[1]}"{m[2]}{inner}</c>',
                                  text)
                data = text.encode()
            new.writestr(info, data)
    tmp.replace(path)
    return path
