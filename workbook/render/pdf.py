"""PDF through WeasyPrint: tagged PDF/UA-1 (or PDF/A-3a that still claims PDF/UA-1), written atomically.

Only assets and allowed files are fetched (``fetcher``); ``<link rel=attachment>`` embeds nothing; any
WeasyPrint warning or error record becomes one Danish ``RenderError`` instead of a silently unstyled
PDF. WeasyPrint is imported lazily: ``workbook --help`` must not pay for it.
"""

from __future__ import annotations

import atexit
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from workbook.errors import RenderError
from workbook.files import atomic_path
from workbook.render import _weasyprint
from workbook.render.env import find_template_file, template_dirs
from workbook.render.fetcher import Refused, make_fetcher

_CSS_CACHE: dict[tuple, object] = {}
_FONT_CONFIG: list[object] = []


@atexit.register
def _release_caches() -> None:
    """Drop WeasyPrint objects before interpreter shutdown tears down the modules they need.

    ``FontConfiguration.__del__`` calls into cffi; run during module teardown it finds its
    helpers already set to None and prints "Exception ignored in ...".
    """
    _CSS_CACHE.clear()
    _FONT_CONFIG.clear()



class _Capture(logging.Handler):
    """Collect WeasyPrint's warning and error records during one render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _font_config():
    if not _FONT_CONFIG:
        _FONT_CONFIG.append(_weasyprint.font_configuration())
    return _FONT_CONFIG[0]


def _stylesheets(names: Sequence[str], dirs: Sequence[Path], templates: Path | None, fetcher) -> list:
    """Return the parsed stylesheets, cached by file, size and modification time."""
    import weasyprint

    sheets = []
    for name in names:
        path = find_template_file(name, templates)
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size, tuple(str(d) for d in dirs))
        sheet = _CSS_CACHE.get(key)
        if sheet is None:
            sheet = weasyprint.CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri(),
                                   url_fetcher=fetcher, font_config=_font_config())
            _CSS_CACHE[key] = sheet
        sheets.append((path, sheet))
    return sheets


@dataclass(frozen=True)
class PdfLayout:
    """A rendered PDF's pages, and the page each anchor (``id``) of the HTML landed on."""

    pages: int
    anchors: Mapping[str, int]
    """Anchor → page number (1-based), as WeasyPrint laid the document out."""


def write_pdf(html: str, target: Path, *, templates: Path | None, title: str,
              stylesheets: Sequence[str] = (), allowed_files: Iterable[Path] = (),
              pdfa: bool = False, base_dir: Path | None = None) -> PdfLayout:
    """Render ``html`` to a tagged PDF at ``target`` atomically; return its pages and anchors.

    The PDF is PDF/UA-1, or PDF/A-3a + UA-1 with ``pdfa``.

    ``stylesheets`` are names looked up in the templates search path (cached once parsed);
    only template assets and ``allowed_files`` can be read. Any WeasyPrint warning, refused or
    missing file raises ``RenderError`` and leaves ``target`` untouched.
    """
    target = Path(target)
    data, layout = _render(html, str(target), templates=templates, title=title, stylesheets=stylesheets,
                           allowed_files=allowed_files, pdfa=pdfa, base_dir=base_dir, write=True)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return layout


def layout_pdf(html: str, name: str, *, templates: Path | None, stylesheets: Sequence[str] = (),
               allowed_files: Iterable[Path] = ()) -> PdfLayout:
    """Lay ``html`` out as ``write_pdf`` would, without writing a file (``name`` for errors)."""
    return _render(html, name, templates=templates, title=name, stylesheets=stylesheets,
                   allowed_files=allowed_files, pdfa=False, base_dir=None, write=False)[1]


def _anchors(document) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            out.setdefault(anchor, number)
    return out


def _render(html: str, where: str, *, templates: Path | None, title: str, stylesheets: Sequence[str],
            allowed_files: Iterable[Path], pdfa: bool, base_dir: Path | None,
            write: bool) -> tuple[bytes, PdfLayout]:
    import weasyprint

    FatalURLFetchingError = _weasyprint.fatal_fetch_error()
    dirs = template_dirs(templates)
    allowed_files = tuple(allowed_files)
    logos = frozenset(Path(p).resolve() for p in allowed_files)
    fetcher = make_fetcher(dirs, allowed_files)
    capture = _Capture()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    for logger in loggers:
        logger.addHandler(capture)
    variant = "pdf/a-3a" if pdfa else "pdf/ua-1"
    try:
        sheets = _stylesheets(stylesheets, dirs, templates, fetcher)
        _raise_logged(capture, ", ".join(str(p) for p, _ in sheets) or "stylesheet")
        base = (base_dir or dirs[0]).resolve().as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            font_config=_font_config(), stylesheets=[s for _, s in sheets],
            pdf_variant=variant, presentational_hints=False)
        document.metadata.attachments = []  # <link rel=attachment> never embeds anything
        document.metadata.title = document.metadata.title or title
        if pdfa:
            _weasyprint.claim_pdfua(document.metadata)
        data = b""
        if write:
            with warnings.catch_warnings():
                # WeasyPrint 70 opens its sRGB profile for PDF/A and never closes it.
                warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
                data = document.write_pdf(finisher=_weasyprint.finish, pdf_variant=variant, attachments=None)
        _raise_logged(capture, where, logos)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        if isinstance(cause, Refused):
            message = str(cause)
        else:
            url = re.search(r'"(.*)"', str(exc))
            name = _url_path(url.group(1)) if url else str(exc)
            message = f"filen kan ikke hentes: {name} (WeasyPrint melder: {type(cause).__name__}: {cause})"
        raise RenderError(f"{Path(where).name}: {message}") from None
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
    return data, PdfLayout(len(document.pages), _anchors(document))


def _url_path(url: object) -> str:
    """Return a file URL as a readable, decoded path (other URLs unchanged)."""
    text = str(url)
    parts = urlsplit(text)
    if parts.scheme == "file":
        return str(Path(url2pathname(unquote(parts.path))))
    return unquote(text)


def _picture(url: object, logos: frozenset[Path]) -> str:
    """Name an image for the user: the meeting's logo, or an image of the templates."""
    path = _url_path(url)
    try:
        is_logo = Path(path).resolve() in logos
    except (OSError, ValueError):
        is_logo = False
    return f"logoet kan ikke vises: {path}" if is_logo else f"billedet kan ikke vises: {path}"


_CSS_REASONS = {"unknown property": "ukendt egenskab", "invalid value": "ugyldig værdi"}


def _css_rule(name: object, value: object, line: object, column: object, reason: object) -> str:
    reason = _CSS_REASONS.get(str(reason), f"WeasyPrint melder: {reason}")
    return f"CSS-reglen `{name}: {str(value).strip()}` i linje {line}, kolonne {column} ignoreres ({reason})"


#: WeasyPrint's log messages we put in Danish: (how the message starts, its number of arguments
#: (None: one or more), the Danish sentence from the arguments and the meeting's logos).
_MESSAGES: tuple[tuple[str, int | None, Callable[..., str]], ...] = (
    ("Failed to load image at", None, lambda logos, a, *_: f"{_picture(a, logos)} (billedet kan ikke læses)"),
    ("Failed to render SVG image", None,
     lambda logos, a, *_: f"{_picture(a, logos)} (SVG-tegningen kan ikke tegnes)"),
    ("Failed to load stylesheet at", None, lambda logos, a, *_: f"stylesheetet kan ikke indlæses: {_url_path(a)}"),
    ("Font-face %r cannot be loaded", None, lambda logos, a, *_: f"skrifttypen {a!r} kan ikke indlæses"),
    ("Ignored `%s:", 5, lambda logos, *args: _css_rule(*args)),
    ("Content discarded: target points to undefined anchor", None,
     lambda logos, a, *_: f"en henvisning peger på et anker, der ikke findes: {a}"),
    ("Anchor defined twice", None, lambda logos, a, *_: f"ankeret {a} findes to gange"),
    (".notdef glyph rendered", 2,
     lambda logos, a, b: f"tegnet \"{a}\" (U+{b:04X}) findes ikke i skrifttyperne"),
)


def _describe(record: logging.LogRecord, logos: frozenset[Path]) -> str:
    """Turn one WeasyPrint log record into a Danish sentence (the original text if unknown)."""
    msg, args = str(record.msg), record.args if isinstance(record.args, tuple) else ()
    for start, count, sentence in _MESSAGES:
        if msg.startswith(start) and (len(args) == count if count is not None else args):
            try:
                return sentence(logos, *args)
            except (TypeError, ValueError, IndexError):
                break
    return f"WeasyPrint melder: {record.getMessage()}"


def _raise_logged(capture: _Capture, where: str, logos: frozenset[Path] = frozenset()) -> None:
    """Raise the records WeasyPrint logged as one Danish ``RenderError`` (duplicates once)."""
    if capture.records:
        lines = "; ".join(dict.fromkeys(_describe(r, logos) for r in capture.records))
        capture.records.clear()
        raise RenderError(f"{where}: WeasyPrint kunne ikke gengive dokumentet korrekt: {lines}")
