"""Tests for one-file HTML: inlined stylesheets under the fetcher's rules; no WeasyPrint for --help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbook.errors import RenderError
from workbook.render.html import count_words, inline_stylesheets, words_in

# --- self-contained HTML ----------------------------------------------------------------------


def test_inline_stylesheets_embed_fonts_as_data_uris(tmp_path, user_templates):
    css = inline_stylesheets(["base.css"], None)
    assert css.count("url(\"data:font/ttf;base64,") == 5
    assert "assets/" not in css and "file:" not in css
    folder = user_templates({"base.css": "x { background: url(file:///etc/passwd) }"})
    with pytest.raises(RenderError, match="må ikke hentes"):
        inline_stylesheets(["base.css"], folder)
    folder = user_templates({"base.css": "@import url(assets/x.css);"})
    with pytest.raises(RenderError, match="@import er ikke tilladt"):
        inline_stylesheets(["base.css"], folder)


def test_cli_help_does_not_import_weasyprint():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "workbook", "--help"],
                            capture_output=True, text=True, check=True)
    assert "weasyprint" not in result.stderr
    assert "jinja2" not in result.stderr


# --- words for reading times ------------------------------------------------------------------


def test_count_words_counts_the_visible_text_only():
    html = ("<html><head><title>Titel her</title><style>p { color: red }</style></head>"
            "<body><h1>Mødets plan</h1><p>Udvalget beslutter, at &amp; kl. 16:30 – "
            "e-mail</p><script>var x = 1;</script></body></html>")
    assert count_words(html) == 8  # Mødets plan Udvalget beslutter at kl 16:30 e-mail; not & or –
    assert words_in("§ 18 b, stk. 2 – Ja/Delvist") == 6
