"""Golden output: the example meeting's guide as one-file HTML, compared with a reviewed copy.

The copy lives in ``tests/data/golden/``. After a deliberate change to the guide, regenerate it with
``make golden`` and review the change as a diff (``git diff tests/data/golden``) before committing.
Embedded fonts and pictures (``data:`` URIs) and the inlined stylesheets are replaced by placeholders,
so the copy stays small and the diff shows text and structure only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
EXAMPLES = ("socialudvalg", "kommunalbestyrelse-temamoede")
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")
_STYLE = re.compile(r"<style>.*?</style>", re.S)


def _normalise(html: str) -> str:
    """Mask embedded files and the inlined stylesheets (they live in templates/ and are diffed there)."""
    html = _STYLE.sub("<style>…</style>", html)
    return _DATA_URI.sub("data:…", html).rstrip() + "\n"


@pytest.mark.parametrize("example", EXAMPLES)
def test_guide_html_matches_the_reviewed_copy(example: str, tmp_path: Path) -> None:
    target = tmp_path / f"{example}.html"
    result = CliRunner().invoke(
        cli, ["guide", str(ROOT / "examples" / f"{example}.yaml"), "--format", "html", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    html = _normalise(target.read_text(encoding="utf-8"))
    golden = GOLDEN / f"guide-{example}.html"
    if os.environ.get("WORKBOOK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"{golden} mangler: kør 'make golden' og gennemgå diff'en"
    expected = golden.read_text(encoding="utf-8")
    assert html == expected, f"{golden.name} er ændret: kør 'make golden' og gennemgå 'git diff' før commit"
