"""Tests of the catalog rules that are checked when a guide is made (the meeting date matters)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from workbook.content.load import check_catalog
from workbook.content.rules import overdue_changes
from workbook.guide.make import render_guide
from workbook.meeting.load import load_meeting

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
TODAY = dt.date(2026, 11, 23)


def _catalog():
    return check_catalog(overlay=DATA / "overlay-expected-change", data_dir=DATA / "good", today=TODAY).catalog


def test_an_expected_change_dated_before_the_meeting_is_named_with_its_answer() -> None:
    catalog = _catalog()
    assert overdue_changes(catalog, dt.date(2026, 12, 31), ["frivillige"]) == []
    assert overdue_changes(catalog, dt.date(2027, 1, 1), ["frivillige"]) == []  # the day itself is not late
    [problem] = overdue_changes(catalog, dt.date(2027, 2, 4), ["frivillige", "partnerskaber"])
    assert (problem.kind, problem.item, problem.field) == ("juridisk svar", "tavshed-01", "changes")
    assert problem.message == ("ændringen »En ny regel om tavshedserklæringer« var forventet 1. januar 2027, "
                               "før mødet 4. februar 2027: ret indholdet, så det siger, hvad der er sket")
    assert overdue_changes(catalog, dt.date(2027, 2, 4), ["partnerskaber"]) == []  # no legal topic


def test_making_the_full_guide_warns_about_it(tmp_path: Path, caplog) -> None:
    catalog = _catalog()
    meeting_file = tmp_path / "moede.yaml"
    meeting_file.write_text("kommune: Testby Kommune\nforum: Kommunalbestyrelsen\ntitel: Frivillige\n"
                            "dato: 2027-02-04\nstarttid: '15:00'\nsted: Rådhuset\nkontakt: Mette Holm\n"
                            "temaer:\n  - frivillige\n", encoding="utf-8")
    meeting = load_meeting(meeting_file, catalog)
    with caplog.at_level(logging.WARNING):
        render_guide(meeting, catalog, tmp_path / "kort.html", variant="kort", fmt="html")
        assert not caplog.records
        render_guide(meeting, catalog, tmp_path / "fuld.html", variant="fuld", fmt="html")
    assert [r.getMessage() for r in caplog.records] == [
        "juridisk svar 'tavshed-01': feltet 'changes': ændringen »En ny regel om tavshedserklæringer« var "
        "forventet 1. januar 2027, før mødet 4. februar 2027: ret indholdet, så det siger, hvad der er sket"]
