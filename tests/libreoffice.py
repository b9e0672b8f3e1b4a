"""LibreOffice as the real spreadsheet client in tests: batch conversions in one soffice call.

Usage::

    from libreoffice import convert, needs_soffice

    @needs_soffice
    @pytest.mark.libreoffice
    def test_x(tmp_path):
        [pdf] = convert([xlsx], "pdf", tmp_path / "pdf")

Every call starts soffice once for all ``files`` with its own throw-away profile (so parallel test
processes do not collide), under ``timeout``, with formulas always recalculated on load, and checks
that every expected output exists (soffice exits 0 even when a conversion fails).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")

needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) er ikke installeret"
)

#: CSV filter options that export every sheet to ``<stem>-<SheetName>.csv`` (UTF-8, comma, quotes).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

# Recalculate every formula on load, also in files that carry cached values (saved by Excel/LO).
_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def convert(files: list[Path], fmt: str, outdir: Path, *, timeout: int = 180) -> list[Path]:
    """Convert ``files`` to ``fmt`` (``pdf``, ``xlsx``, ``csv``, or a full filter) into ``outdir``.

    Returns the output paths in the order of ``files``. For ``CSV_ALL_SHEETS`` the returned path is
    the ``<stem>.csv`` name; the per-sheet files are ``<stem>-<Sheet>.csv`` beside it.
    """
    if SOFFICE is None:
        raise RuntimeError("soffice is not installed")
    files = [Path(f).resolve() for f in files]
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    if any(f.parent == outdir for f in files):
        raise ValueError(
            "outdir must differ from the input files' folder (outputs would overwrite inputs)"
        )
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise ValueError("input files must have distinct names (outputs would collide)")
    ext = fmt.split(":", 1)[0]
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        user = profile / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
        cmd = [
            "timeout",
            str(timeout),
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    outputs = [outdir / f"{stem}.{ext}" for stem in stems]
    if ext == "csv" and fmt != "csv":
        missing = [p for p in outputs if not list(outdir.glob(f"{p.stem}-*.csv"))]
    else:
        missing = [p for p in outputs if not p.is_file()]
    if proc.returncode != 0 or missing:
        raise AssertionError(
            f"soffice --convert-to {fmt} failed (exit {proc.returncode}); missing: "
            f"{[p.name for p in missing]}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
        )
    return outputs


#: Writer's HTML export: what a real word processor makes of a .docx (headings stay h1–h3, lists li).
WRITER_HTML = "html:XHTML Writer File:UTF8"


def word_outline(html_file: Path) -> list[tuple[str, str]]:
    """The (tag, text) of every title, heading and list item in Writer's HTML export of a .docx."""
    import html.parser

    class Outline(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, str]] = []
            self.current: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag in ("title", "h1", "h2", "h3", "li"):
                self.current = [tag, ""]

        def handle_endtag(self, tag):
            if self.current and tag == self.current[0]:
                text = " ".join(self.current[1].replace("\uf0b7", " ").split())
                self.found.append((tag, text))
                self.current = None

        def handle_data(self, data):
            if self.current:
                self.current[1] += data

    parser = Outline()
    parser.feed(Path(html_file).read_text(encoding="utf-8"))
    return parser.found
