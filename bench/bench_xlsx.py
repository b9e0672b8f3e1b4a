"""Benchmark: time to write the self-assessment workbook for the largest example (8 themes)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from workbook.content.load import load_catalog
from workbook.meeting.load import load_meeting
from workbook.xlsx.write import build_workbook, save_workbook, write_checklist

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kommunalbestyrelse-temamoede.yaml"
RUNS = 9


def _median(func, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict[str, float]:
    """Print the median time to build, save and write the largest example's workbook."""
    catalog = load_catalog()
    meeting = load_meeting(EXAMPLE, catalog)
    items = sum(len(catalog.theme(t.theme_id).checklist) for t in meeting.themes)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "selvevaluering.xlsx"
        write = _median(lambda: write_checklist(meeting, catalog, target))
        build = _median(lambda: build_workbook(meeting, catalog))
        wb = build_workbook(meeting, catalog)
        save = _median(lambda: save_workbook(wb, Path(tmp) / "other.xlsx"))
        size = target.stat().st_size
    print(f"{EXAMPLE.name}: {len(meeting.themes)} temaer, {items} udsagn, {size / 1024:.0f} KiB")
    print(f"write_checklist (build + check + save), median of {RUNS}: {write * 1000:.1f} ms")
    print(f"  build_workbook: {build * 1000:.1f} ms ({build / write:.0%})")
    print(f"  save_workbook over an empty workbook: {save * 1000:.1f} ms ({save / write:.0%})")
    print(f"  per statement: {write / max(items, 1) * 1000:.2f} ms")
    return {"xlsx_s": write, "xlsx_build_s": build, "xlsx_save_s": save, "xlsx_items": items}


if __name__ == "__main__":
    main()
