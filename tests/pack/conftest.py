"""Fixtures of the pack tests: the examples built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.pack.build import build_packs

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the examples once per session (two jobs), as ``make demo`` does."""
    out = tmp_path_factory.mktemp("demo")
    result = build_packs(sorted(EXAMPLES.glob("*.yaml")), out_dir=out, jobs=2)
    return out, result
