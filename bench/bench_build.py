"""Bench: ``workbook build`` of one meeting pack per municipality (98) with --jobs 1 and --jobs 2.

Each configuration runs the real CLI in a fresh output folder (no skipping), alternating the two
configurations so both see the same machine state; figures are medians. The 98-meeting build is
heavy (two PDFs and a workbook per meeting), so a full run does each configuration ``RUNS`` times;
``--quick`` (or ``WORKBOOK_BENCH_QUICK=1``) builds fewer meetings once. A second, smaller
measurement compares the worker start methods (fork, forkserver, spawn) in the library.
Goal: 2 jobs ≤ 0.6 × the 1-job time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.make_meetings import make_meetings

FULL_COUNT = 98
QUICK_COUNT = 12
RUNS = 1
CONTEXT_COUNT = 8
GOAL_RATIO = 0.6

_CONTEXT_SCRIPT = """
import sys, time
from pathlib import Path
import workbook.pack.build as pack
pack.MP_CONTEXT = sys.argv[1]
started = time.perf_counter()
result = pack.build_packs([Path(sys.argv[2])], out_dir=Path(sys.argv[3]), jobs=2)
assert not result.failed, [o.message for o in result.failed]
print(time.perf_counter() - started)
"""


def _quick() -> bool:
    return os.environ.get("WORKBOOK_BENCH_QUICK", "") not in ("", "0")


def _busy_seconds() -> float | None:
    """Return the CPU seconds the whole machine has been busy (from /proc/stat), or None."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_build(meetings: Path, out: Path, jobs: int) -> tuple[float, float, float | None]:
    """Run ``workbook build`` on the folder ``meetings`` into ``out``.

    Return the wall seconds, the CPU seconds the build used, and the CPU seconds other processes
    on the machine used meanwhile (None where /proc/stat is missing): on a shared machine that
    last figure says how far the wall time can be trusted.
    """
    cmd = [sys.executable, "-m", "workbook", "build", str(meetings), "-o", str(out),
           "--jobs", str(jobs)]
    busy, cpu = _busy_seconds(), _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    used = _children_cpu() - cpu
    after = _busy_seconds()
    others = None if busy is None or after is None else max(0.0, after - busy - used)
    if proc.returncode != 0:
        raise RuntimeError(f"workbook build --jobs {jobs} fejlede:\n{proc.stderr[-2000:]}")
    return seconds, used, others


def time_context(context: str, meetings: Path, out: Path) -> float:
    """Build ``meetings`` with two workers started by ``context``; return the library's seconds."""
    proc = subprocess.run([sys.executable, "-c", _CONTEXT_SCRIPT, context, str(meetings), str(out)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"build med {context} fejlede:\n{proc.stderr[-2000:]}")
    return float(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Time the batch build with 1 and 2 jobs (and the start methods); print and return figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_build")
    parser.add_argument("--quick", action="store_true", help=f"kun {QUICK_COUNT} møder, én kørsel")
    parser.add_argument("--count", type=int, default=None, help="antal møder (standard 98)")
    parser.add_argument("--runs", type=int, default=None,
                        help=f"kørsler pr. konfiguration (standard {RUNS})")
    args = parser.parse_args(argv if argv is not None else [])
    quick = args.quick or _quick()
    count = args.count or (QUICK_COUNT if quick else FULL_COUNT)
    runs = args.runs or RUNS
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp_path = Path(tmp)
        meetings = tmp_path / "moeder"
        make_meetings(meetings, count=count)
        print(f"build: {count} mødefiler (én pr. kommune), {runs} kørsel(er) pr. konfiguration, "
              f"{os.cpu_count()} kerner")
        times: dict[int, list[float]] = {1: [], 2: []}
        for run in range(runs):
            for jobs in (1, 2) if run % 2 == 0 else (2, 1):
                seconds, used, others = time_build(meetings, tmp_path / f"out-{jobs}-{run}", jobs)
                times[jobs].append(seconds)
                figures[f"build_jobs{jobs}_others_cpu_s"] = max(
                    others or 0.0, figures.get(f"build_jobs{jobs}_others_cpu_s", 0.0))
                noise = "" if others is None else f", andre processer brugte {others:.0f} s CPU imens"
                print(f"  --jobs {jobs}: {seconds:.1f} s ({seconds / count:.2f} s pr. møde; "
                      f"CPU {used:.0f} s{noise})", flush=True)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        figures.update(build_meetings=count, build_runs=runs, build_jobs1_s=one, build_jobs2_s=two,
                       build_ratio=two / one)
        print(f"build {count} møder: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, "
              f"forhold {two / one:.2f} (mål ≤ {GOAL_RATIO})")
        if not quick:
            small = tmp_path / "kontekst"
            make_meetings(small, count=CONTEXT_COUNT)
            for context in ("fork", "forkserver", "spawn"):
                busy = _busy_seconds()
                seconds = time_context(context, small, tmp_path / f"ctx-{context}")
                after = _busy_seconds()
                figures[f"build_ctx_{context}_s"] = seconds
                load = "" if busy is None or after is None else (
                    f" (maskinen var optaget {(after - busy) / seconds:.1f} kerner i snit)")
                print(f"  start-metode {context}: {CONTEXT_COUNT} møder med 2 processer "
                      f"{seconds:.1f} s{load}")
    return figures


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), indent=2))
