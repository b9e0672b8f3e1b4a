"""Bounded work for any input under the read-back limits (issue 15): generated worst cases.

Each worst case is one workbook of the same meeting as a normal one; ``report`` (with the PDF) runs in
a child process, so its time and its peak memory are its own. Goal: no worst case takes more than
10 × the normal file's time, or more than 500 MB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_CELL = 32767  # Excel's limit for the text of one cell

CHILD = """
import sys
from pathlib import Path
from xlsx_fixtures import make_catalog
from workbook.report.make import make_report
make_report([Path(sys.argv[1])], out_dir=Path(sys.argv[2]), catalog=make_catalog(), pdf=True)
"""


def _worst_cases(fill) -> dict[str, dict[int, dict[str, object]]]:
    unbroken = "x" * MAX_CELL
    lines = ("linje\n" * (MAX_CELL // 6))[:MAX_CELL]
    words = ("ord " * (MAX_CELL // 4))[:MAX_CELL]
    every = range(len(fill.ids))
    return {
        "ubrudte ord i alle felter": {i: {"answer": "Nej", "comment": unbroken, "owner": unbroken,
                                          "deadline": unbroken} for i in every},
        "tusinder af linjer": {i: {"answer": "Delvist", "comment": lines, "owner": lines} for i in every},
        "lange tekster med ord": {i: {"answer": "Ja", "comment": words, "owner": words} for i in every},
    }


def _run(folder: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return time.perf_counter() - start


@pytest.mark.slow
def test_no_worst_case_takes_ten_times_a_normal_file_or_500_mb(tmp_path, fill):
    fill(tmp_path / "normal" / "a.xlsx", {0: {"answer": "Nej", "comment": "Kort.", "owner": "Bo"}}, "Anne")
    normal = _run(tmp_path / "normal", tmp_path / "ud-normal")
    figures = {}
    for n, (name, answers) in enumerate(_worst_cases(fill).items()):
        fill(tmp_path / f"v{n}" / "a.xlsx", answers, "x" * MAX_CELL)
        figures[name] = _run(tmp_path / f"v{n}", tmp_path / f"ud-{n}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"normal {normal:.1f} s; " + "; ".join(f"{k} {v:.1f} s" for k, v in figures.items())
          + f"; højeste hukommelse {peak_mb:.0f} MB")
    assert all(seconds <= 10 * normal for seconds in figures.values()), (normal, figures)
    assert peak_mb <= 500, peak_mb
