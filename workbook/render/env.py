"""The Jinja environment: templates searched in the user's folder first, sandboxed, strict, escaping.

Template errors become one Danish ``RenderError`` naming the template file and line, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import jinja2
import jinja2.sandbox

from workbook.errors import RenderError
from workbook.paths import TEMPLATES_DIR

_ENVS: dict[tuple[str, ...], jinja2.Environment] = {}

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


def find_template_file(name: str, templates: Path | None) -> Path:
    """Return the first ``name`` (e.g. ``guide.css``) in the search path; ``RenderError`` if none."""
    for folder in template_dirs(templates):
        path = folder / name
        if path.is_file():
            return path
    raise RenderError(f"filen '{name}' findes ikke i skabelonerne "
                      f"({', '.join(str(d) for d in template_dirs(templates))})")
