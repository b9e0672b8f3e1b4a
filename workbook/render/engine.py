"""Shared rendering: Jinja templates (user dir first), safe WeasyPrint PDFs and self-contained HTML.

Everything that turns a view model into a document goes through here, so every document gets the same
guarantees: escaped text, a URL fetcher that reads only the template assets and explicitly allowed
files (the meeting's logo), no network, no attachments, tagged PDF/UA-1 (or PDF/A-3a that still
claims PDF/UA-1), and any WeasyPrint warning turned into a ``RenderError`` instead of a silently
unstyled PDF. WeasyPrint is imported lazily: ``workbook --help`` must not pay for it.
"""

from __future__ import annotations

import atexit
import base64
import logging
import mimetypes
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree as ET

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from workbook.errors import RenderError
from workbook.files import atomic_path
from workbook.paths import TEMPLATES_DIR

log = logging.getLogger(__name__)

#: Sub-folder of a templates dir from which the renderer may load files (fonts, images).
ASSETS = "assets"

_ENVS: dict[tuple[str, ...], jinja2.Environment] = {}
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


# --- templates ------------------------------------------------------------------------------


def template_dirs(templates: Path | None) -> tuple[Path, ...]:
    """Return the template search path: the user's folder first (if any), then the defaults."""
    dirs = []
    if templates is not None:
        user = Path(templates).resolve()
        if not user.is_dir():
            raise RenderError(f"{templates}: mappen med skabeloner findes ikke")
        dirs.append(user)
    default = TEMPLATES_DIR.resolve()
    if default not in dirs:
        dirs.append(default)
    return tuple(dirs)


def template_env(templates: Path | None) -> jinja2.Environment:
    """Return the sandboxed Jinja environment: user dir first, then ``TEMPLATES_DIR``; strict, escaping.

    A user's template is untrusted input: the immutable sandbox stops it from reaching Python
    internals (``__class__``, ``__globals__``, ...) and from changing the view model.
    """
    dirs = template_dirs(templates)
    key = tuple(str(d) for d in dirs)
    env = _ENVS.get(key)
    if env is None:
        env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,
        )
        _ENVS[key] = env
    return env


def text_template_env(templates: Path | None) -> jinja2.Environment:
    """Return a sandboxed, strict Jinja environment for plain-text templates (no HTML escaping)."""
    return jinja2.sandbox.ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(templates)]),
        autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


#: Errors a (user's) template can cause while it runs; reported in Danish, never as a traceback.
_TEMPLATE_RUNTIME_ERRORS = (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
                            AttributeError)


def _template_location(exc: BaseException, dirs: Sequence[Path]) -> str:
    """Return `` (fil, linje n)`` for the innermost template frame of ``exc``'s traceback, or ""."""
    roots = tuple(f"{d}/" for d in dirs)
    found = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(roots):
            found = f" ({filename}, linje {tb.tb_lineno})"
        tb = tb.tb_next
    return found


def _undefined_reason(message: str | None) -> str:
    """Translate Jinja's undefined-value message into Danish."""
    text = message or ""
    match = re.search(r"has no attribute '([^']+)'", text) or re.search(r"'([^']+)' is undefined", text)
    if match:
        return f"'{match.group(1)}' findes ikke"
    return f"Jinja melder: {text}"


def render_html(name: str, view: object, templates: Path | None) -> str:
    """Render template ``name`` with ``view`` (available as ``v``); raise ``RenderError`` in Danish."""
    return _render(template_env(templates), name, templates, {"v": view})


def render_text(name: str, templates: Path | None, **context: object) -> str:
    """Render the plain-text template ``name`` with ``context``; raise ``RenderError`` in Danish."""
    return _render(text_template_env(templates), name, templates, context)


def _render(env: jinja2.Environment, name: str, templates: Path | None, context: dict[str, object]) -> str:
    dirs = template_dirs(templates)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"skabelonen '{exc.name}' findes ikke (søgt i: "
                          f"{', '.join(str(d) for d in dirs)})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: fejl i skabelonen "
                          f"(Jinja melder: {exc.message})") from None
    except jinja2.sandbox.SecurityError as exc:
        attr = re.search(r"attribute '([^']+)'", str(exc))
        what = f"Python-attributten '{attr.group(1)}'" if attr else f"det, Jinja melder: {exc}"
        raise RenderError(f"skabelonen '{name}' må ikke bruge {what}; skabeloner kan kun udskrive "
                          f"værdierne i v{_template_location(exc, dirs)}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"skabelonen '{name}' bruger en ukendt værdi: "
                          f"{_undefined_reason(exc.message)}{_template_location(exc, dirs)}") from None
    except RecursionError:
        raise RenderError(f"skabelonen '{name}' henviser i ring til sig selv (extends, include eller "
                          "import af en skabelon med samme navn)") from None
    except _TEMPLATE_RUNTIME_ERRORS as exc:
        where = _template_location(exc, dirs)
        if not where and not isinstance(exc, jinja2.TemplateError):
            raise  # not raised inside a template: a bug in the view model, not the user's fault
        raise RenderError(f"skabelonen '{name}' fejler under udfyldningen "
                          f"({type(exc).__name__}: {exc}){where}") from None


def paragraphs(text: str) -> list[str]:
    """Split catalog text into paragraphs (blank lines; a folded YAML block keeps single newlines)."""
    text = text.strip()
    if not text:
        return []
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


# --- safe fetching ----------------------------------------------------------------------------


def find_template_file(name: str, templates: Path | None) -> Path:
    """Return the first ``name`` (e.g. ``guide.css``) in the search path; ``RenderError`` if none."""
    for folder in template_dirs(templates):
        path = folder / name
        if path.is_file():
            return path
    raise RenderError(f"filen '{name}' findes ikke i skabelonerne "
                      f"({', '.join(str(d) for d in template_dirs(templates))})")


class _Refused(Exception):
    """A fetch the renderer does not allow; the message (Danish) becomes the ``RenderError``."""


def _resolve_allowed(url: str, dirs: Sequence[Path], allowed_files: frozenset[Path]) -> Path:
    """Map a file URL to a readable file: an allowed file, or an asset of a templates dir in use.

    An asset referenced relative to a user's templates dir that exists only in the default
    templates is taken from there (a user's stylesheet may use the shipped fonts).
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise _Refused(f"'{url}' må ikke hentes: kun skabelonernes egne filer (mappen {ASSETS}/) "
                       "og mødets logo kan bruges, intet fra nettet")
    raw = Path(url2pathname(unquote(parts.path)))
    path = raw.resolve()
    if path in allowed_files:
        if not path.is_file():
            raise _Refused(f"filen '{path}' findes ikke")
        return path
    for folder in dirs:
        root = (folder / ASSETS).resolve()
        if path.is_relative_to(root):
            relative = path.relative_to(root)
            for candidate_dir in dirs[list(dirs).index(folder):]:
                candidate = (candidate_dir / ASSETS / relative).resolve()
                if candidate.is_relative_to((candidate_dir / ASSETS).resolve()) and candidate.is_file():
                    return candidate
            raise _Refused(f"filen '{path}' findes ikke (skabelonernes {ASSETS}/-mappe)")
    raise _Refused(f"'{raw}' må ikke hentes: skabeloner og stylesheets må kun bruge filer i "
                   f"mappen {ASSETS}/ ({', '.join(str(d / ASSETS) for d in dirs)})")


def _make_fetcher(dirs: Sequence[Path], allowed_files: Iterable[Path]):
    """Return a WeasyPrint fetcher that reads only assets and ``allowed_files``, fails hard."""
    import weasyprint

    allowed = frozenset(Path(p).resolve() for p in allowed_files)

    class SafeFetcher(weasyprint.URLFetcher):
        """Read template assets and allowed files; refuse everything else (network, other files)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _resolve_allowed(url, dirs, allowed)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})

    return SafeFetcher(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True,
                       timeout=1)


# --- PDF --------------------------------------------------------------------------------------


class _Capture(logging.Handler):
    """Collect WeasyPrint's warning and error records during one render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _font_config():
    if not _FONT_CONFIG:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG.append(FontConfiguration())
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


PDFUA_EXTENSION = """\
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>part</pdfaProperty:name>
              <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
              <pdfaProperty:category>internal</pdfaProperty:category>
              <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
            </rdf:li>
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>"""


XMP_NAMESPACES = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def _claim_pdfua(metadata) -> None:
    """Make WeasyPrint's own XMP packet (one rdf:RDF) also claim PDF/UA-1, with its PDF/A schema.

    WeasyPrint 70 builds the packet in ``DocumentMetadata.generate_rdf_metadata``; extra XMP given
    through ``xmp_metadata`` would land outside its rdf:RDF, where validators do not look.
    """
    for prefix, uri in XMP_NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    original = metadata.generate_rdf_metadata
    include = metadata.include_in_pdf

    def generate(variant, version, conformance):
        rdf = ET.fromstring(original(variant, version, conformance))
        rdf.append(ET.fromstring(PDFUA_EXTENSION))
        claim = ET.SubElement(rdf, "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
        claim.set("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "")
        claim.set("{http://www.aiim.org/pdfua/ns/id/}part", "1")
        return ET.tostring(rdf, encoding="utf-8")

    def include_uncompressed(pdf, variant, version, conformance, compress):
        # PDF/A: the metadata stream must stay readable without filters.
        include(pdf, variant, version, conformance, False)

    metadata.generate_rdf_metadata = generate
    metadata.include_in_pdf = include_uncompressed


def _finish(document, pdf) -> None:
    """PDF/UA asks viewers to show the title, not the file name."""
    import pydyf

    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})


def write_pdf(html: str, target: Path, *, templates: Path | None, title: str,
              stylesheets: Sequence[str] = (), allowed_files: Iterable[Path] = (),
              pdfa: bool = False, base_dir: Path | None = None) -> None:
    """Render ``html`` to a tagged PDF at ``target`` atomically (PDF/UA-1, or PDF/A-3a + UA-1).

    ``stylesheets`` are names looked up in the templates search path (cached once parsed);
    only template assets and ``allowed_files`` can be read. Any WeasyPrint warning, refused or
    missing file raises ``RenderError`` and leaves ``target`` untouched.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    dirs = template_dirs(templates)
    allowed_files = tuple(allowed_files)
    logos = frozenset(Path(p).resolve() for p in allowed_files)
    fetcher = _make_fetcher(dirs, allowed_files)
    capture = _Capture()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    for logger in loggers:
        logger.addHandler(capture)
    try:
        sheets = _stylesheets(stylesheets, dirs, templates, fetcher)
        _raise_logged(capture, ", ".join(str(p) for p, _ in sheets) or "stylesheet")
        base = (base_dir or dirs[0]).resolve().as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            font_config=_font_config(), stylesheets=[s for _, s in sheets],
            pdf_variant="pdf/a-3a" if pdfa else "pdf/ua-1", presentational_hints=False)
        document.metadata.attachments = []  # <link rel=attachment> never embeds anything
        document.metadata.title = document.metadata.title or title
        if pdfa:
            _claim_pdfua(document.metadata)
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for PDF/A and never closes it.
            warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
            data = document.write_pdf(finisher=_finish, pdf_variant="pdf/a-3a" if pdfa else "pdf/ua-1",
                                      attachments=None)
        _raise_logged(capture, str(target), logos)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        if isinstance(cause, _Refused):
            message = str(cause)
        else:
            url = re.search(r'"(.*)"', str(exc))
            name = _url_path(url.group(1)) if url else str(exc)
            message = f"filen kan ikke hentes: {name} (WeasyPrint melder: {type(cause).__name__}: {cause})"
        raise RenderError(f"{target.name}: {message}") from None
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(data)


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


def _describe(record: logging.LogRecord, logos: frozenset[Path]) -> str:
    """Turn one WeasyPrint log record into a Danish sentence (the original text if unknown)."""
    msg, args = str(record.msg), record.args if isinstance(record.args, tuple) else ()
    try:
        if msg.startswith("Failed to load image at") and args:
            return f"{_picture(args[0], logos)} (billedet kan ikke læses)"
        if msg.startswith("Failed to render SVG image") and args:
            return f"{_picture(args[0], logos)} (SVG-tegningen kan ikke tegnes)"
        if msg.startswith("Failed to load stylesheet at") and args:
            return f"stylesheetet kan ikke indlæses: {_url_path(args[0])}"
        if msg.startswith("Font-face %r cannot be loaded") and args:
            return f"skrifttypen {args[0]!r} kan ikke indlæses"
        if msg.startswith("Ignored `%s:") and len(args) == 5:
            name, value, line, column, reason = args
            value = str(value).strip()
            reason = _CSS_REASONS.get(str(reason), f"WeasyPrint melder: {reason}")
            return f"CSS-reglen `{name}: {value}` i linje {line}, kolonne {column} ignoreres ({reason})"
        if msg.startswith("Content discarded: target points to undefined anchor") and args:
            return f"en henvisning peger på et anker, der ikke findes: {args[0]}"
        if msg.startswith("Anchor defined twice") and args:
            return f"ankeret {args[0]} findes to gange"
        if msg.startswith(".notdef glyph rendered") and len(args) == 2:
            return f"tegnet \"{args[0]}\" (U+{args[1]:04X}) findes ikke i skrifttyperne"
    except (TypeError, ValueError, IndexError):
        pass
    return f"WeasyPrint melder: {record.getMessage()}"


def _raise_logged(capture: _Capture, where: str, logos: frozenset[Path] = frozenset()) -> None:
    """Raise the records WeasyPrint logged as one Danish ``RenderError`` (duplicates once)."""
    if capture.records:
        lines = "; ".join(dict.fromkeys(_describe(r, logos) for r in capture.records))
        capture.records.clear()
        raise RenderError(f"{where}: WeasyPrint kunne ikke gengive dokumentet korrekt: {lines}")


# --- self-contained HTML ----------------------------------------------------------------------


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
                found = _resolve_allowed(url, dirs, frozenset())
            except _Refused as exc:
                raise RenderError(f"{base}: {exc}") from None
            return f'url("{data_uri(found)}")'

        chunks.append(_CSS_URL.sub(inline, css))
    # A stylesheet cannot close the <style> element it is placed in.
    return Markup("\n".join(chunks).replace("</", "<\\/"))
