"""Where the tool finds its own files: the shipped catalog data and the default templates."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: The catalog's YAML files, shipped inside the package.
DATA_DIR = PACKAGE_DIR / "content" / "data"


def _default_templates_dir() -> Path:
    # Installed (``pip install .``): setup.cfg maps the top-level ``templates/`` folder to the
    # ``workbook.templates`` package. Source checkout: ``templates/`` beside the package.
    installed = PACKAGE_DIR / "templates"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "templates"


#: The default templates, stylesheet and assets (fonts).
TEMPLATES_DIR = _default_templates_dir()

#: Where generated documents go by default (relative to the working directory).
DEFAULT_OUTPUT_DIR = Path("output")


def shell_word(path: object) -> str:
    """``path`` as one word to paste into a shell, quoted only when it needs it (æ, ø, å need not)."""
    text = str(path)
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)
