"""Test helpers for filled workbooks: a small stable catalog, a meeting, and filling answers in.

The catalog is built in Python (not loaded from the shipped YAML), so reader, report and upgrade
tests do not move when the content changes. It exists to vary checklist item ids per catalog
version (``make_catalog(version, rename=..., remove=..., add=...)``), which the upgrade and report
tests need; a catalog that only has to be loaded is the shared one in ``tests/data/catalog/good``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path

from workbook.content.model import Catalog, CatalogInfo, ChecklistItem, Decision, Question, Theme
from workbook.meeting.load import Meeting, MeetingTheme
from workbook.xlsx.layout import COLUMN_BY_KEY, INPUT_KEYS, RESPONDENT_FIELDS
from workbook.xlsx.write import build_workbook, item_rows

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


THEMES = (
    ("forsikring", "Forsikring", "Forsikring og ansvar", 4),
    ("roller", "Roller og grænser", "Roller og grænser for frivillige", 3),
    ("partnerskaber", "Partnerskaber", "Partnerskaber med socialøkonomiske virksomheder", 5),
)


def make_catalog(version: str = "2026.11", *, rename: dict[str, str] | None = None,
                 remove: tuple[str, ...] = (), add: dict[str, tuple[str, ...]] | None = None) -> Catalog:
    """Return a small catalog; ``rename``/``remove``/``add`` change checklist item ids per version."""
    rename = rename or {}
    add = add or {}
    themes = []
    for theme_id, short, title, count in THEMES:
        items = [ChecklistItem(f"{theme_id}-t{i}", f"{title}: udsagn {i} er på plads.",
                               help=f"Hjælp til udsagn {i}.") for i in range(1, count + 1)]
        items = [dataclasses.replace(it, id=rename.get(it.id, it.id)) for it in items
                 if it.id not in remove]
        items += [ChecklistItem(new, f"{title}: nyt udsagn {new}.") for new in add.get(theme_id, ())]
        themes.append(Theme(
            id=theme_id, title=title, short_title=short, summary=f"Om {title.lower()}.",
            background="Baggrund.", key_points=("Et punkt.",),
            questions=(Question(f"{theme_id}-q1", "Hvad vil vi?"),), checklist=tuple(items),
            decisions=(Decision(f"{theme_id}-b1", "Vi beslutter."),), minutes=20))
    info = CatalogInfo(version=version, date=dt.date(2026, 11, 23), title="Testkatalog")
    return Catalog(info=info, themes=tuple(themes), legal_topics=(), cases=(), sources=(),
                   glossary=(), content_hash=f"hash-{version}")


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
