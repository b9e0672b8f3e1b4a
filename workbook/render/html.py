"""One-file HTML: stylesheets inlined with every ``url()`` as a data: URI, under the fetcher's rules.

Also counts the words a reader of a rendered page reads (for reading times).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from workbook.errors import RenderError
from workbook.render.env import find_template_file, template_dirs
from workbook.render.fetcher import Refused, resolve_allowed


def data_uri(path: Path) -> str:
    """Return ``path`` as a ``data:`` URI (for logos and fonts in self-contained HTML)."""
    mime = mimetypes.guess_type(Path(path).name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode('ascii')}"


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"@import\b", re.IGNORECASE)


def inline_stylesheets(names: Sequence[str], templates: Path | None) -> Markup:
    """Return the stylesheets as one CSS text with every ``url()`` inlined as a data: URI.

    The same rule as for PDFs applies: only assets of the templates dirs in use can be read.
    """
    dirs = template_dirs(templates)
    chunks = []
    for name in names:
        path = find_template_file(name, templates)
        css = path.read_text(encoding="utf-8")
        if _CSS_IMPORT.search(css):
            raise RenderError(f"{path}: @import er ikke tilladt i skabelonernes stylesheets")

        def inline(match: re.Match, base: Path = path) -> str:
            ref = match.group(2).strip()
            if ref.startswith("data:"):
                return match.group(0)
            url = ref if urlsplit(ref).scheme else (base.parent / unquote(ref)).as_uri()
            try:
                found = resolve_allowed(url, dirs, frozenset())
            except Refused as exc:
                raise RenderError(f"{base}: {exc}") from None
            return f'url("{data_uri(found)}")'

        chunks.append(_CSS_URL.sub(inline, css))
    # A stylesheet cannot close the <style> element it is placed in.
    return Markup("\n".join(chunks).replace("</", "<\\/"))


class _Words(HTMLParser):
    """Count the words of the text a reader sees: the body, without scripts and styles."""

    _HIDDEN = frozenset({"head", "script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words = 0
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words += words_in(data)


_WORD = re.compile(r"\w+(?:[-'’.:,]\w+)*")


def words_in(text: str) -> int:
    """Return the number of words in ``text``: runs of letters and digits, not dashes or bullets."""
    return len(_WORD.findall(text))


def count_words(html: str) -> int:
    """Return the number of words a reader reads in ``html`` (the page's visible text)."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    return parser.words
