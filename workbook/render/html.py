"""One-file HTML: stylesheets inlined with every ``url()`` as a data: URI, under the fetcher's rules."""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
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
