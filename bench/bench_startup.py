"""Bench: start-up time of ``workbook --help`` beside a bare ``python -c 'import click'``.

Both run as fresh processes (the venv's console script and the venv's python), alternating so that
both see the same machine state; figures are medians of ``RUNS`` runs after one warm-up each.
Goal: ``workbook --help`` under 0.3 s and at most 2× the bare click import. When it is slower, look
at ``python -X importtime -c 'import workbook.cli.commands'``: heavy libraries belong inside the commands.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
GOAL_SECONDS = 0.3
GOAL_RATIO = 2.0


def _workbook_command() -> list[str]:
    """The installed console script beside this python, or ``python -m workbook`` without one."""
    script = Path(sys.executable).parent / "workbook"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "workbook"]


def _time(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def measure(runs: int = RUNS) -> dict[str, float]:
    """Return the median seconds of ``workbook --help`` and of ``import click``, and their ratio."""
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    help_cmd = [*_workbook_command(), "--help"]
    click_cmd = [sys.executable, "-c", "import click"]
    _time(help_cmd, env), _time(click_cmd, env)  # warm the file cache and .pyc files
    help_times, click_times = [], []
    for _ in range(runs):
        help_times.append(_time(help_cmd, env))
        click_times.append(_time(click_cmd, env))
    startup, click = statistics.median(help_times), statistics.median(click_times)
    return {"startup_s": startup, "click_s": click, "startup_ratio": startup / click, "runs": runs}


def main() -> dict[str, float]:
    """Print the start-up figures and return them."""
    figures = measure()
    startup, click, ratio = figures["startup_s"], figures["click_s"], figures["startup_ratio"]
    print(
        f"workbook --help:            median {startup * 1000:6.0f} ms ({figures['runs']} kørsler)"
    )
    print(f"python -c 'import click':   median {click * 1000:6.0f} ms")
    print(f"forhold:                    {ratio:.2f} × (mål ≤ {GOAL_RATIO:g} ×)")
    met = startup <= GOAL_SECONDS and ratio <= GOAL_RATIO
    print(f"mål (≤ {GOAL_SECONDS} s og ≤ {GOAL_RATIO:g} ×): {'nået' if met else 'IKKE nået'}")
    return figures


if __name__ == "__main__":
    main()
