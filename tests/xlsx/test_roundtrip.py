"""A workbook filled in LibreOffice through UNO, as a person would, read back with 0 lost answers.

LibreOffice runs headless with a throw-away profile and listens on a named pipe; ``uno_fill.py``
(run by the system Python, which has python3-uno) types the answers, renames one theme tab, moves
another and saves as xlsx. Then the reader, the report's figures and the answer database must hold
exactly what was typed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from libreoffice import SOFFICE, needs_soffice
from openpyxl import load_workbook

from workbook import app
from workbook.meeting.load import load_meeting
from workbook.xlsx.fields import Answer
from workbook.xlsx.layout import (
    INPUT_KEYS,
    NAME_DATE,
    NAME_RESPONDENT,
    NAME_ROLE,
    PRIORITIES,
    SCALE,
    SHEET_GUIDE,
    THEME_COLUMNS,
)
from workbook.xlsx.read import read_response
from workbook.xlsx.write import item_rows, write_checklist

SYSTEM_PYTHON = "/usr/bin/python3"
FILL_SCRIPT = Path(__file__).with_name("uno_fill.py")
COL = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}


def _has_uno() -> bool:
    try:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


needs_uno = pytest.mark.skipif(not _has_uno(), reason="python3-uno er ikke installeret")


@contextlib.contextmanager
def _soffice_listening(profile: Path) -> Iterator[str]:
    """Run a headless soffice with its own profile, accepting UNO on a pipe; yield the pipe's name."""
    pipe = f"workbook-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    proc = subprocess.Popen(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--norestore", "--nolockcheck", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        yield pipe
    finally:
        # soffice runs soffice.bin as a child: end the whole session this test started, by its id.
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 15)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue


def _plan(rows: dict[str, tuple[str, int]]) -> list[dict]:
    """Return the cells a respondent types: most statements answered, some fields left empty."""
    cells = []
    for i, (sheet, row) in enumerate(rows.values()):
        if i % 7 == 6:
            continue  # left unanswered: nothing may be invented for it
        at = {"sheet": sheet, "row": row}
        cells.append({**at, "column": COL["answer"], "kind": "pick", "value": i % 5})
        if i % 3 == 0:
            cells.append({**at, "column": COL["priority"], "kind": "pick", "value": i // 3 % 3})
        if i % 4 == 0:
            cells.append({**at, "column": COL["owner"], "kind": "string", "value": f"Åse Ørnbøl, team {i}"})
        if i % 5 == 0:
            cells.append({**at, "column": COL["deadline"], "kind": "formula",
                          "value": f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        if i % 3 == 1:
            cells.append({**at, "column": COL["comment"], "kind": "string",
                          "value": f"=Bemærkning {i}: «vi mangler en aftale»; æøå"})
    return cells


def _respondent_cells(path: Path) -> list[dict]:
    wb = load_workbook(path)
    cells = []
    for name, value in ((NAME_RESPONDENT, "Karen Ærø"), (NAME_ROLE, "Leder, ældreområdet"),
                        (NAME_DATE, "2027-02-01")):
        [(sheet, ref)] = list(wb.defined_names[name].destinations)
        cell = wb[sheet][ref.replace("$", "")]
        kind = "formula" if name == NAME_DATE else "string"
        cells.append({"sheet": sheet, "row": cell.row, "column": cell.column, "kind": kind, "value": value})
    return cells


def _fill_in_libreoffice(blank: Path, filled: Path, cells: list[dict], rename: list[str],
                         move: list, profile: Path) -> dict:
    with _soffice_listening(profile) as pipe:
        plan = {"pipe": pipe, "source": str(blank), "target": str(filled), "cells": cells,
                "id_column": COL["id"], "rename": rename, "move": move, "connect_seconds": 90}
        plan_file = profile.parent / "plan.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        done = subprocess.run([SYSTEM_PYTHON, str(FILL_SCRIPT), str(plan_file)], capture_output=True,
                              text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    assert filled.is_file()
    return json.loads(done.stdout)


def _expected(typed: list[dict]) -> dict[str, Answer]:
    """Return the answers typed, by item id, as the reader should give them back."""
    fields: dict[str, dict[str, object]] = {}
    key_of = {COL[k]: k for k in INPUT_KEYS}
    for cell in typed:
        if cell["sheet"] == SHEET_GUIDE:
            continue
        key = key_of[cell["column"]]
        value = cell["text"]
        if key == "deadline":
            value = dt.date.fromisoformat(cell["value"])
            assert cell["number"] == (value - dt.date(1899, 12, 30)).days  # typed as a date, not text
        fields.setdefault(cell["item_id"], {})[key] = value
    return {item_id: Answer(**values) for item_id, values in fields.items()}


@needs_soffice
@needs_uno
@pytest.mark.libreoffice
@pytest.mark.slow
def test_answers_typed_in_libreoffice_with_a_renamed_and_a_moved_tab_are_all_read(
    tmp_path, catalog, examples
):
    meeting = load_meeting(examples / "kommunalbestyrelse-temamoede.yaml", catalog)
    blank = write_checklist(meeting, catalog, tmp_path / "blank" / "selvevaluering.xlsx").path
    rows = item_rows(load_workbook(blank))
    themes = list(dict.fromkeys(sheet for sheet, _ in rows.values()))
    rename = [themes[0], "Vores første tema"]
    move = [themes[2], 0]  # to the front, before Vejledning
    filled = tmp_path / "svar" / "karen.xlsx"
    filled.parent.mkdir()
    result = _fill_in_libreoffice(blank, filled, _respondent_cells(blank) + _plan(rows), rename, move,
                                  tmp_path / "lo-profile")
    assert result["sheets"][0] == themes[2] and "Vores første tema" in result["sheets"]
    assert themes[0] not in result["sheets"]
    expected = _expected(result["typed"])
    assert len(expected) == len(rows) - len(rows) // 7 and all(a.answer for a in expected.values())
    # Every value of both dropdowns was picked from the cells' own validation lists.
    assert {a.answer for a in expected.values()} == set(SCALE)
    assert {a.priority for a in expected.values()} - {None} == set(PRIORITIES)
    assert load_workbook(filled).sheetnames[0] == themes[2]

    response = read_response(filled, catalog)
    assert response.answers == expected  # 0 lost, 0 wrong
    assert response.problems == []
    assert (response.name, response.role) == ("Karen Ærø", "Leder, ældreområdet")
    assert response.respondent[NAME_DATE] == "2027-02-01"

    report = app.make_report([filled], out_dir=tmp_path / "rapport", database=tmp_path / "svar.sqlite")
    assert report.rejected == []
    figures = {i.item_id: i for t in report.summary.themes for i in t.items}
    assert set(figures) == set(rows)
    for item_id, item in figures.items():
        answer = expected.get(item_id, Answer()).answer
        assert {a: n for a, n in item.counts.by_answer.items() if n} == ({answer: 1} if answer else {})
        comment = expected.get(item_id, Answer()).comment
        assert [c.text for c in report.summary.comments(item_id)] == ([comment] if comment else [])
    with sqlite3.connect(tmp_path / "svar.sqlite") as db:
        stored = db.execute("SELECT item_id, answer, priority, owner, deadline, comment FROM answers").fetchall()
    stored_answers = {r[0]: r[1:] for r in stored if any(r[1:])}
    assert stored_answers == {
        item_id: (a.answer, a.priority, a.owner, a.deadline.isoformat() if a.deadline else None, a.comment)
        for item_id, a in expected.items()
    }
