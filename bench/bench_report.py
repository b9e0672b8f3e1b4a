"""Benchmark: ``report`` over 1,000 filled workbooks against bare calamine iteration over the same files.

What is measured (each in a fresh subprocess, so peak memory is per run), printed side by side:

- ``calamine``: open every file with python-calamine and iterate every row of every sheet (values
  only). The floor any reader pays.
- ``reader``: ``read_response`` for every file (helper xlsx's reader), to show what the report adds.
- ``report``: ``make_report(..., pdf=False)``: safety checks, reading by id, validation, the import
  into a new answer database (svar.sqlite), the figures computed from it, error reports and
  ``samlet.xlsx`` (one row per respondent × statement).
- ``pdf``: the status report PDF, timed apart (for the smaller set: every comment is printed, so a
  1,000-respondent PDF measures WeasyPrint on a book, not the report).

The files are made once into a cache folder: 20 workbooks for the shipped catalog's largest example
with varied answers, copied to 1,000 files; every comment in every copy is different (the shared
strings are rewritten per copy), so nothing is shared between files. Goals (issue 13): report
≤ 3 s and ≤ 2 × calamine at 1,000 files; peak memory from 100 to 1,000 files ≤ 1,2 ×.
``WORKBOOK_BENCH_QUICK=1`` uses 50/200 files and one run.
"""

from __future__ import annotations

import json
import os
import random
import re
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
CACHE_ROOT = Path(tempfile.gettempdir()) / "workbook-bench-report-v2"


def _cache() -> Path:
    """The cache folder for the catalog in use: a new catalog (version, texts) gets new workbooks."""
    from workbook.content.load import load_catalog

    return CACHE_ROOT / load_catalog().content_hash[:12]
VARIANTS = 20
MARK = "KOMMENTAR-"
NAME_MARK = "NAVN-"


def _make_variants(folder: Path) -> list[Path]:
    from workbook.content.load import load_catalog
    from workbook.meeting.load import load_meeting
    from workbook.xlsx.layout import PRIORITIES, SCALE, THEME_COLUMNS
    from workbook.xlsx.write import build_workbook
    from workbook.xlsx.write import item_rows as rows_of

    catalog = load_catalog()
    meeting = load_meeting(EXAMPLE, catalog)
    column = {c.key: i for i, c in enumerate(THEME_COLUMNS, 1)}
    rnd = random.Random(5)
    paths = []
    for k in range(VARIANTS):
        wb = build_workbook(meeting, catalog)
        for n, (sheet, row) in enumerate(rows_of(wb).values()):
            answer = rnd.choice([*SCALE, None])
            ws = wb[sheet]
            ws.cell(row, column["answer"]).value = answer
            if answer in ("Nej", "Delvist"):
                ws.cell(row, column["priority"]).value = rnd.choice(PRIORITIES)
                ws.cell(row, column["owner"]).value = "Leder, Ældreplejen"
            if answer:
                ws.cell(row, column["comment"]).value = f"{MARK}{n:03d} skal drøftes i ledergruppen."
        [(sheet, ref)] = list(wb.defined_names["Respondent_navn"].destinations)
        wb[sheet][ref.replace("$", "")].value = f"{NAME_MARK}{k:02d}"
        path = folder / f"variant-{k:02d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def _copy_with_own_comments(source: Path, target: Path, number: int) -> None:
    """Copy ``source`` with every comment made unique to this copy (its strings rewritten)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/sharedStrings.xml" or info.filename.startswith("xl/worksheets/"):
                data = data.replace(MARK.encode(), f"Bemærkning fra fil {number:04d}, udsagn ".encode())
                data = re.sub(rb"NAVN-\d\d", f"Leder {number:04d}".encode(), data)  # one respondent per file
            new.writestr(info, data)


def prepare(count: int) -> Path:
    """Return a folder with ``count`` filled workbooks (made once, then cached)."""
    cache = _cache()
    folder = cache / f"u{count}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == count:
        return folder
    variants_dir = cache / "variants"
    if not variants_dir.is_dir() or len(list(variants_dir.glob("*.xlsx"))) != VARIANTS:
        shutil.rmtree(variants_dir, ignore_errors=True)
        variants_dir.mkdir(parents=True)
        _make_variants(variants_dir)
    variants = sorted(variants_dir.glob("*.xlsx"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(count):
        _copy_with_own_comments(variants[i % len(variants)], folder / f"svar-{i:04d}.xlsx", i)
    return folder


def _child(mode: str, folder: str, out: str) -> None:
    """Run one measurement in this (fresh) process and print JSON: seconds and peak RSS in MB."""
    import resource

    import python_calamine

    from workbook.content.load import load_catalog
    from workbook.report.make import make_report

    files = sorted(Path(folder).glob("*.xlsx"))
    catalog = load_catalog()
    start = time.perf_counter()
    if mode == "calamine":
        for path in files:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                for _ in book.get_sheet_by_name(name).to_python():
                    pass
            book.close()
    elif mode == "reader":
        from workbook.xlsx.read import read_response

        for path in files:
            read_response(path, catalog)
    elif mode == "report":
        import workbook.report.make as make

        read_all, read = make.read_all, {}

        def timed_read_all(*args, **kwargs):  # the reading's share: the rest is the database and files
            begun = time.perf_counter()
            try:
                return read_all(*args, **kwargs)
            finally:
                read["read_s"] = time.perf_counter() - begun

        make.read_all = timed_read_all
        result = make_report([Path(folder)], out_dir=Path(out), catalog=catalog, pdf=False)
        assert not result.rejected and len(result.summary.respondents) == len(files)
    elif mode == "pdf":
        make_report([Path(folder)], out_dir=Path(out), catalog=catalog, pdf=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, **(read if mode == "report" else {})}))


def _measure(mode: str, folder: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-m", "bench.bench_report", "--child", mode, str(folder), out],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _median(mode: str, folder: Path, runs: int) -> tuple[float, float, float | None]:
    """The median seconds, the highest peak memory and (``report`` only) the median reading time."""
    results = [_measure(mode, folder) for _ in range(runs)]
    reading = statistics.median(r["read_s"] for r in results) if mode == "report" else None
    return statistics.median(r["seconds"] for r in results), max(r["peak_mb"] for r in results), reading


def main() -> dict[str, float]:
    """Print report against calamine for few and many files, side by side with the ratios; return the figures."""
    quick = os.environ.get("WORKBOOK_BENCH_QUICK") == "1"
    few, many = (50, 200) if quick else (100, 1000)
    runs = 1 if quick else 3
    seconds: dict[tuple[str, int], float] = {}
    peaks: dict[tuple[str, int], float] = {}
    readings: dict[int, float] = {}
    for count in (few, many):
        folder = prepare(count)
        for mode in ("calamine", "reader", "report"):
            seconds[(mode, count)], peaks[(mode, count)], read = _median(mode, folder, runs)
            if read is not None:
                readings[count] = read
    pdf_s, _, _ = _median("pdf", prepare(few), 1)
    print(f"{'':10s} {'calamine':>18s} {'læser alene':>18s} {'report':>18s} {'forhold':>8s} {'læser':>7s}"
          f"   (median af {runs}; højeste RSS; forhold = report / calamine, læser = læser / calamine)")
    for count in (few, many):
        c, d, r = (seconds[(m, count)] for m in ("calamine", "reader", "report"))
        print(f"{count:5d} filer {c:7.2f} s {peaks[('calamine', count)]:5.0f} MB {d:7.2f} s "
              f"{peaks[('reader', count)]:5.0f} MB {r:7.2f} s {peaks[('report', count)]:5.0f} MB "
              f"{r / c:7.2f} × {d / c:5.2f} ×")
    ratio = seconds[("report", many)] / seconds[("calamine", many)]
    growth = peaks[("report", many)] / peaks[("report", few)]
    print(f"report ved {many} filer: {seconds[('report', many)]:.2f} s (mål ≤ 3 s), {ratio:.2f} × calamine "
          f"(mål ≤ 2); hukommelse {few} → {many} filer: {growth:.2f} × (mål ≤ 1,2)")
    print(f"statusrapport.pdf for {few} filer (læsning, svarbank og PDF): {pdf_s:.2f} s")
    reading = readings[many]
    rest = seconds[("report", many)] - reading
    print(f"report ved {many} filer: læsning på alle kerner {reading:.2f} s, derefter svarbank, tal og "
          f"samlet.xlsx i én proces {rest:.2f} s (læser alene i én proces: {seconds[('reader', many)]:.2f} s)")
    figures = {"report_s": seconds[("report", many)], "calamine_s": seconds[("calamine", many)],
               "reader_s": seconds[("reader", many)], "report_read_s": reading, "report_after_read_s": rest,
               "report_ratio": ratio, "report_peak_mb": peaks[("report", many)], "report_mem_growth": growth}
    if quick:  # the time goals are for 1,000 files: the quick run's times go by other names
        timed = ("report_s", "calamine_s", "reader_s", "report_read_s", "report_after_read_s", "report_ratio")
        figures = {(f"quick{many}_{key}" if key in timed else key): value for key, value in figures.items()}
    figures[f"report_pdf{few}_s"] = pdf_s
    return figures


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
