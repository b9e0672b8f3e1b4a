"""Tests of reading many workbooks: on a process pool, the same results in the same order as one by one."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import zipfile
from pathlib import Path

from workbook.report import readers
from workbook.report.readers import Read, read_many


def _jobs(fill, tmp_path: Path) -> list[tuple[Path, str]]:
    files = [fill(tmp_path / f"svar-{k}.xlsx", {0: "Ja", 1: "Nej", 2: {"answer": "Delvist", "comment": f"k {k}"}},
                  f"Person {k}") for k in range(3)]
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    order = [files[0], broken, files[1], files[2], files[1], broken, files[0], files[2]] * 2
    return [(path, f"fil-{n}") for n, path in enumerate(order)]


def _seen(found: tuple[str, Read | str]) -> tuple[str, object]:
    digest, result = found
    if isinstance(result, str):
        return digest, result
    response = result.response
    return digest, (response.label, response.name, result.rows, [str(p) for p in response.problems])


def test_a_pool_reads_the_same_results_in_the_same_order(fill, tmp_path):
    jobs = _jobs(fill, tmp_path)
    alone = [_seen(r) for r in read_many(jobs, fill.catalog, workers=1)]
    pooled = [_seen(r) for r in read_many(jobs, fill.catalog, workers=2)]

    assert pooled == alone
    digests = [digest for digest, _ in alone]
    assert digests[0] == digests[6] != digests[2] and digests[1] == digests[5] and all(digests)
    alone = [seen for _, seen in alone]
    assert [label for label, *_ in (r for r in alone if isinstance(r, tuple))][:3] == ["fil-0", "fil-2", "fil-3"]
    assert alone[1].startswith("fil-1: ") and alone[5].startswith("fil-5: ")
    assert alone[0][1] == "Person 0" and alone[2][1] == "Person 1"
    assert alone[0][2] != alone[2][2]  # each file's own comment


def _bank(path: Path) -> tuple[list[tuple], list[tuple]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        files = db.execute("SELECT id, digest, name, meeting_id, catalog_version, respondent, role, grp, filled "
                           "FROM files ORDER BY id").fetchall()
        answers = db.execute("SELECT * FROM answers ORDER BY file_id, position").fetchall()
    return files, answers


def test_a_report_read_on_the_pool_fills_the_bank_as_one_read_alone(fill, tmp_path, monkeypatch):
    folder = tmp_path / "svar"
    folder.mkdir()
    count = readers.PARALLEL_FROM
    originals = [fill(tmp_path / f"o{k}.xlsx", {0: "Ja", k + 1: {"answer": "Nej", "comment": f"k {k}"}},
                      f"Person {k}") for k in range(4)]
    for n in range(count):  # as many files as make the pool start; each with its own digest
        target = shutil.copy(originals[n % 4], folder / f"svar-{n:02d}.xlsx")
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = f"kopi {n}".encode()
    shutil.copy(folder / "svar-00.xlsx", folder / "svar-00 (2).xlsx")  # a copy under another name
    pooled = fill.report([folder], tmp_path / "ud-pool")
    monkeypatch.setattr(readers, "PARALLEL_FROM", 10_000)
    alone = fill.report([folder], tmp_path / "ud-alene")
    assert pooled.messages == alone.messages and len(pooled.duplicates) == 1
    files, answers = _bank(tmp_path / "ud-pool" / "svar.sqlite")
    assert (files, answers) == _bank(tmp_path / "ud-alene" / "svar.sqlite")
    assert len(files) == count and len(answers) == count * len(fill.ids)
