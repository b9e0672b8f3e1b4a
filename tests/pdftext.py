"""The one way tests read a PDF's text: pypdf page texts, whitespace normalised, and the whole text.

Usage::

    from pdftext import page_texts, pdf_text

    assert "Statusrapport" in pdf_text(out / "statusrapport.pdf")

``pdf_text`` is the pages joined by one space, every run of whitespace a single space, so an
assertion does not depend on where pypdf breaks a line. Reading is cached by path and modification
time (pypdf takes seconds on a 90-page guide). ``layout_page_texts`` is pdftotext with the layout
kept, for PDFs printed by LibreOffice where the columns of a sheet matter.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from pypdf import PdfReader


def norm(text: str) -> str:
    """Return ``text`` with every run of whitespace made one space, trimmed."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=32)
def _page_texts(path: Path, mtime_ns: int) -> tuple[str, ...]:
    return tuple(norm(page.extract_text() or "") for page in PdfReader(path).pages)


def page_texts(path: Path) -> list[str]:
    """Return the text of every page of ``path``, whitespace normalised."""
    path = Path(path).resolve()
    return list(_page_texts(path, path.stat().st_mtime_ns))


def pdf_text(path: Path) -> str:
    """Return the whole text of ``path``: its pages joined by a space, whitespace normalised."""
    return norm(" ".join(page_texts(path)))


def pdf_contains(path: Path, *needles: str) -> bool:
    """Return True once every needle is in the text read so far (pages in order; stops early)."""
    text = ""
    for page in PdfReader(path).pages:
        text += " " + norm(page.extract_text() or "")
        if all(n in text for n in needles):
            return True
    return False


def layout_page_texts(pdf: Path) -> list[str]:
    """Return the text of every page of ``pdf`` (pdftotext, layout kept), one string a page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def page_count(path: Path) -> int:
    """Return the number of pages of ``path``."""
    return len(PdfReader(path).pages)
