"""Run every benchmark (``make bench``, ``python -m bench [--quick]``); compare figures with goals.

Each ``bench/bench_<area>.py`` that exists is run in its own Python process (so one bench's imports
and peak memory do not colour the next), its ``main()`` prints its own lines and returns a dict of
figures; a missing module gets one clear line. The summary table compares the figures with the
project's goals. ``--quick`` (passed on as ``WORKBOOK_BENCH_QUICK=1``) asks each bench for a
smaller run where it supports one.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The bench modules, in the order they run, with what each measures.
BENCHES: tuple[tuple[str, str], ...] = (
    ("bench_startup", "opstart af workbook --help mod bare import af click"),
    ("bench_guide", "fuld drøftelsesguide mod WeasyPrint alene på samme HTML"),
    ("bench_xlsx", "selvevalueringsark for det største eksempel"),
    ("bench_report", "report over 1.000 udfyldte ark mod calamine alene, med hukommelse"),
    ("bench_build", "build af 98 møder med --jobs 1 og --jobs 2"),
)


@dataclass(frozen=True)
class Goal:
    """A figure with a goal: the first of ``keys`` found in the bench's figures is compared."""

    bench: str
    label: str
    keys: tuple[str, ...]
    goal: str
    ok: Callable[[float], bool] | None
    unit: str = ""


S = " s"
GOALS: tuple[Goal, ...] = (
    Goal("bench_startup", "workbook --help, median", ("startup_s", "help_s"), "≤ 0,3 s",
         lambda v: v <= 0.3, S),
    Goal("bench_startup", "python -c 'import click', median", ("click_s",), "–", None, S),
    Goal("bench_startup", "forhold --help / import click", ("startup_ratio", "ratio"), "≤ 2",
         lambda v: v <= 2),
    Goal("bench_guide", "fuld guide (workbook), median", ("guide_s", "workbook_s"), "–", None, S),
    Goal("bench_guide", "WeasyPrint alene, median", ("weasyprint_s",), "–", None, S),
    Goal("bench_guide", "forhold guide / WeasyPrint", ("guide_ratio", "ratio"), "≤ 1,15",
         lambda v: v <= 1.15),
    Goal("bench_xlsx", "selvevaluering (største eksempel), median",
         ("xlsx_s", "write_s", "checklist_s"), "–", None, S),
    Goal("bench_report", "report over 1.000 ark, median", ("report_s",), "≤ 3 s", lambda v: v <= 3, S),
    Goal("bench_report", "calamine alene, median", ("calamine_s", "baseline_s"), "–", None, S),
    Goal("bench_report", "forhold report / calamine", ("report_ratio", "ratio"), "≤ 2",
         lambda v: v <= 2),
    Goal("bench_report", "hukommelse, højeste forbrug", ("report_peak_mb", "peak_mb"), "flad",
         None, " MB"),
    Goal("bench_report", "hukommelsesvækst (mange / få filer)",
         ("report_mem_growth", "memory_growth"), "≤ 1,2 (flad)", lambda v: v <= 1.2),
    Goal("bench_build", "build --jobs 1", ("build_jobs1_s",), "–", None, S),
    Goal("bench_build", "build --jobs 2", ("build_jobs2_s",), "–", None, S),
    Goal("bench_build", "forhold 2 job / 1 job", ("build_ratio",), "≤ 0,6", lambda v: v <= 0.6),
)


def _number(value: float, unit: str = "") -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return str(value)
    text = f"{value:.0f}" if isinstance(value, int) or abs(value) >= 100 else f"{value:.3g}"
    return text.replace(".", ",") + unit


def run_one(name: str, result_file: Path) -> None:
    """Import ``bench.<name>``, run its ``main()`` and write the figures it returns as JSON."""
    module = importlib.import_module(f"bench.{name}")
    sys.argv = [f"bench.{name}"]  # a bench that parses sys.argv must not see our options
    figures = module.main()
    clean = {k: v for k, v in (figures or {}).items() if isinstance(v, int | float | str | bool)}
    result_file.write_text(json.dumps(clean), encoding="utf-8")


def run_all(quick: bool, benches: tuple[tuple[str, str], ...] = BENCHES,
            ) -> dict[str, dict[str, float] | str]:
    """Run each bench module in its own process; return its figures, or why there are none."""
    results: dict[str, dict[str, float] | str] = {}
    env = dict(os.environ, WORKBOOK_BENCH_QUICK="1" if quick else "0")
    for name, what in benches:
        print(f"\n=== {name}: {what}", flush=True)
        if importlib.util.find_spec(f"bench.{name}") is None:
            results[name] = "mangler"
            print(f"bench/{name}.py findes ikke – springes over.", flush=True)
            continue
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            out = Path(tmp) / "figures.json"
            started = time.perf_counter()
            cmd = [sys.executable, "-m", "bench", "--one", name, "--result", str(out)]
            proc = subprocess.run(cmd, env=env, check=False)
            seconds = time.perf_counter() - started
            if proc.returncode != 0 or not out.exists():
                results[name] = f"fejlede (kode {proc.returncode})"
                print(f"bench/{name}.py fejlede (kode {proc.returncode}) efter {seconds:.0f} s.",
                      flush=True)
                continue
            results[name] = json.loads(out.read_text(encoding="utf-8"))
            print(f"({name} tog {seconds:.0f} s)", flush=True)
    return results


def summary(results: dict[str, dict[str, float] | str]) -> str:
    """Return the summary table: every goal's figure, the goal and whether it is met."""
    rows = [("Måling", "Tal", "Mål", "")]
    for goal in GOALS:
        if goal.bench not in results:
            continue
        figures = results.get(goal.bench)
        if not isinstance(figures, dict):
            rows.append((goal.label, f"({goal.bench} {figures or 'ikke kørt'})", goal.goal, ""))
            continue
        key = next((k for k in goal.keys if k in figures), None)
        if key is None:
            why = "(ikke målt)" if figures else "(main() returnerede ingen tal)"
            rows.append((goal.label, why, goal.goal, ""))
            continue
        value = figures[key]
        verdict = "" if goal.ok is None else ("OK" if goal.ok(value) else "IKKE NÅET")
        rows.append((goal.label, _number(value, goal.unit), goal.goal, verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    used = {(g.bench, k) for g in GOALS for k in g.keys}
    extra = [f"  {name}.{key} = {_number(value)}"
             for name, figures in results.items() if isinstance(figures, dict)
             for key, value in figures.items() if (name, key) not in used]
    if extra:
        lines += ["", "Øvrige tal:", *extra]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benches (or one of them, internally) and print the summary."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="mindre kørsler (fx færre møder i build)")
    parser.add_argument("--only", action="append", default=None, metavar="NAVN",
                        help="kør kun denne bench (fx bench_build); kan gentages")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(args.one, args.result)
        return 0
    benches = tuple(b for b in BENCHES if not args.only or b[0] in args.only)
    started = time.perf_counter()
    results = run_all(args.quick, benches)
    print(f"\n=== Resultater ({'hurtig kørsel' if args.quick else 'fuld kørsel'}, "
          f"{os.cpu_count()} kerner, {time.perf_counter() - started:.0f} s i alt)\n")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
