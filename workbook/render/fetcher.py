"""What a document may read: the template assets and explicitly allowed files (the meeting's logo).

No network, no other local file: every URL WeasyPrint wants, and every ``url()`` in a stylesheet
inlined into HTML, is resolved here or refused with a Danish reason.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

#: Sub-folder of a templates dir from which the renderer may load files (fonts, images).
ASSETS = "assets"


class Refused(Exception):
    """A fetch the renderer does not allow; the message (Danish) becomes the ``RenderError``."""


def resolve_allowed(url: str, dirs: Sequence[Path], allowed_files: frozenset[Path]) -> Path:
    """Map a file URL to a readable file: an allowed file, or an asset of a templates dir in use.

    An asset referenced relative to a user's templates dir that exists only in the default
    templates is taken from there (a user's stylesheet may use the shipped fonts).
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise Refused(f"'{url}' må ikke hentes: kun skabelonernes egne filer (mappen {ASSETS}/) "
                       "og mødets logo kan bruges, intet fra nettet")
    raw = Path(url2pathname(unquote(parts.path)))
    path = raw.resolve()
    if path in allowed_files:
        if not path.is_file():
            raise Refused(f"filen '{path}' findes ikke")
        return path
    for folder in dirs:
        root = (folder / ASSETS).resolve()
        if path.is_relative_to(root):
            relative = path.relative_to(root)
            for candidate_dir in dirs[list(dirs).index(folder):]:
                candidate = (candidate_dir / ASSETS / relative).resolve()
                if candidate.is_relative_to((candidate_dir / ASSETS).resolve()) and candidate.is_file():
                    return candidate
            raise Refused(f"filen '{path}' findes ikke (skabelonernes {ASSETS}/-mappe)")
    raise Refused(f"'{raw}' må ikke hentes: skabeloner og stylesheets må kun bruge filer i "
                   f"mappen {ASSETS}/ ({', '.join(str(d / ASSETS) for d in dirs)})")


def make_fetcher(dirs: Sequence[Path], allowed_files: Iterable[Path]):
    """Return a WeasyPrint fetcher that reads only assets and ``allowed_files``, fails hard."""
    from workbook.render import _weasyprint

    allowed = frozenset(Path(p).resolve() for p in allowed_files)

    def read(url: str) -> tuple[str, bytes, str]:
        path = resolve_allowed(url, dirs, allowed)
        return path.as_uri(), path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    return _weasyprint.fetcher(read)
