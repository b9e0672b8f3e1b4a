"""Benchmark: the report over 1,000 filled workbooks against merely opening them with openpyxl.

What is measured (each in a fresh subprocess, so peak memory is per run):

- ``openpyxl``: open every file with ``load_workbook(read_only=True)``, iterate every row of every
  sheet (values only), close. The floor any reader pays.
- ``report``: ``make_report(..., pdf=False)``: safety checks, reading by id, validation,
  aggregation, error reports and ``samlet.xlsx`` (one row per respondent × statement). The PDF is
  left out: with 1,000 respondents it would be a long document whose render time says nothing about
  reading; it is measured once for 10 files instead.

The files are made once into a cache folder: 20 workbooks for the shipped catalog's largest example
with varied answers, copied round-robin to 1,000 files; each copy gets its own zip comment, so no two
files are byte-identical (the report counts identical files once). Peak memory is the subprocess's maximum RSS.
``WORKBOOK_BENCH_QUICK=1`` uses 50/200 files and one run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kommunalbestyrelse-temamoede.yaml"
CACHE = Path(tempfile.gettempdir()) / "workbook-bench-report"
VARIANTS = 20


def _make_variants(folder: Path) -> list[Path]:
    from openpyxl.utils import get_column_letter  # noqa: F401  (warm import, same for both modes)

    from workbook.content.load import load_catalog
    from workbook.meeting.load import load_meeting
    from workbook.xlsx.layout import PRIORITIES, SCALE, THEME_COLUMNS
    from workbook.xlsx.write import build_workbook, item_rows

    catalog = load_catalog()
    meeting = load_meeting(EXAMPLE, catalog)
    column = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}
    rnd = random.Random(5)
    paths = []
    for k in range(VARIANTS):
        wb = build_workbook(meeting, catalog)
        for sheet, row in item_rows(wb).values():
            answer = rnd.choice([*SCALE, None])
            ws = wb[sheet]
            ws.cell(row, column["answer"]).value = answer
            if answer in ("Nej", "Delvist"):
                ws.cell(row, column["priority"]).value = rnd.choice(PRIORITIES)
                ws.cell(row, column["owner"]).value = "Leder, Ældreplejen"
                ws.cell(row, column["comment"]).value = "Skal drøftes i ledergruppen."
        [(sheet, ref)] = list(wb.defined_names["Respondent_navn"].destinations)
        wb[sheet][ref.replace("$", "")].value = f"Leder {k}"
        path = folder / f"variant-{k:02d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def prepare(count: int) -> Path:
    """Return a folder with ``count`` filled workbooks (made once, then cached)."""
    folder = CACHE / f"u{count}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == count:
        return folder
    variants_dir = CACHE / "variants"
    if not variants_dir.is_dir() or len(list(variants_dir.glob("*.xlsx"))) != VARIANTS:
        shutil.rmtree(variants_dir, ignore_errors=True)
        variants_dir.mkdir(parents=True)
        _make_variants(variants_dir)
    variants = sorted(variants_dir.glob("*.xlsx"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(count):
        target = folder / f"svar-{i:04d}.xlsx"
        shutil.copyfile(variants[i % len(variants)], target)
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = f"kopi {i}".encode()
    return folder


def _child(mode: str, folder: str, out: str) -> None:
    """Run one measurement in this (fresh) process and print JSON: seconds and peak RSS in MB."""
    import resource

    from openpyxl import load_workbook

    from workbook.content.load import load_catalog
    from workbook.report.make import make_report

    files = sorted(Path(folder).glob("*.xlsx"))
    catalog = load_catalog()
    start = time.perf_counter()
    if mode == "openpyxl":
        for path in files:
            wb = load_workbook(path, read_only=True, data_only=True)
            for ws in wb.worksheets:
                for _ in ws.iter_rows(values_only=True):
                    pass
            wb.close()
    elif mode == "report":
        result = make_report([Path(folder)], out_dir=Path(out), catalog=catalog, pdf=False)
        assert not result.rejected and len(result.summary.respondents) == len(files)
    elif mode == "pdf":
        make_report(files[:10], out_dir=Path(out), catalog=catalog, pdf=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def _measure(mode: str, folder: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-m", "bench.bench_report", "--child", mode, str(folder), out],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> dict[str, float]:
    """Print time and peak memory of report vs openpyxl for few and many files; return the figures."""
    quick = os.environ.get("WORKBOOK_BENCH_QUICK") == "1"
    few, many = (50, 200) if quick else (100, 1000)
    runs = 1 if quick else 3
    figures: dict[str, float] = {}
    peaks: dict[tuple[str, int], float] = {}
    for count in (few, many):
        folder = prepare(count)
        for mode in ("openpyxl", "report"):
            results = [_measure(mode, folder) for _ in range(runs)]
            seconds = statistics.median(r["seconds"] for r in results)
            peaks[(mode, count)] = max(r["peak_mb"] for r in results)
            print(f"{mode:9s} {count:5d} filer: {seconds:6.2f} s (median af {runs}), "
                  f"{seconds / count * 1000:5.1f} ms/fil, højeste RSS {peaks[(mode, count)]:.0f} MB")
            figures[f"{mode}_{count}_s"] = seconds
    ratio = figures[f"report_{many}_s"] / figures[f"openpyxl_{many}_s"]
    growth = peaks[("report", many)] / peaks[("report", few)]
    print(f"forhold report / openpyxl ved {many} filer: {ratio:.2f} (mål ≤ 1,5)")
    print(f"hukommelse report: {peaks[('report', few)]:.0f} MB ved {few} filer, "
          f"{peaks[('report', many)]:.0f} MB ved {many} filer (vækst {growth:.2f})")
    pdf = _measure("pdf", prepare(few))
    print(f"statusrapport.pdf for 10 filer (læsning + PDF): {pdf['seconds']:.2f} s")
    figures.update(report_s=figures[f"report_{many}_s"], openpyxl_s=figures[f"openpyxl_{many}_s"],
                   report_ratio=ratio, report_peak_mb=peaks[("report", many)],
                   report_mem_growth=growth, report_pdf10_s=pdf["seconds"])
    return figures


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
