"""Tests for the Jinja environment: template lookup, escaping, the sandbox, Danish template errors."""

from __future__ import annotations

import pytest

from workbook.errors import RenderError
from workbook.render.env import paragraphs, render_html, template_env

# --- templates ------------------------------------------------------------------------------


def test_user_template_dir_is_searched_first(tmp_path, user_templates):
    folder = user_templates({"_macros.html": "{% macro refs(s) %}EGEN{% endmacro %}"
                                       "{% macro notes(l) %}{% endmacro %}"})
    env = template_env(folder)
    assert env.get_template("_macros.html").module.refs([]) == "EGEN"
    assert "EGEN" not in template_env(None).get_template("_macros.html").module.refs([])


def test_templates_escape_and_are_strict(tmp_path, user_templates):
    folder = user_templates({"x.html": "<p>{{ v.text }}</p>", "y.html": "{{ v.missing }}"})
    html = render_html("x.html", {"text": "<script>alert(1)</script>"}, folder)
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    with pytest.raises(RenderError, match=r"skabelonen 'y\.html' bruger en ukendt værdi"):
        render_html("y.html", {}, folder)


def test_missing_template_and_missing_dir_are_danish_errors(tmp_path):
    with pytest.raises(RenderError, match=r"skabelonen 'findes-ikke\.html' findes ikke"):
        render_html("findes-ikke.html", {}, None)
    with pytest.raises(RenderError, match="mappen med skabeloner findes ikke"):
        template_env(tmp_path / "nej")


HOSTNAME_PAYLOAD = '{{ v.__class__.__init__.__globals__["__builtins__"]["open"]("/etc/hostname").read() }}'


@pytest.mark.parametrize("source, forbidden", [
    (HOSTNAME_PAYLOAD, "Python-attributten '__init__'"),
    ("{{ v.text.__class__.__mro__ }}", "Python-attributten '__class__'"),
    ("{{ v.liste.append(3) }}", "Python-attributten 'append'"),  # the view model is read-only
    ('{{ "{0.__class__}".format(v) }}', "Python-attributten '__class__'"),
])
def test_template_sandbox_blocks_python_internals(tmp_path, source, forbidden, user_templates):
    folder = user_templates({"ond.html": "<p>Forside</p>\n" + source})
    view = {"text": "tekst", "liste": [1, 2]}
    with pytest.raises(RenderError) as info:
        render_html("ond.html", view, folder)
    assert str(info.value) == (f"skabelonen 'ond.html' må ikke bruge {forbidden}; skabeloner kan kun "
                               f"udskrive værdierne i v ({folder / 'ond.html'}, linje 2)")
    assert view == {"text": "tekst", "liste": [1, 2]}


def test_template_errors_name_the_file_and_line(tmp_path, user_templates):
    folder = user_templates({
        "syntaks.html": "<p>\n{% if v.x %}\n</p>",
        "hoved.html": "<p>\n{% include '_del.html' %}",
        "_del.html": "\n\n{{ v.mangler }}",
        "deling.html": "{{ 1 // 0 }}",
        "ring.html": "{% include 'ring.html' %}",
    })
    with pytest.raises(RenderError) as info:
        render_html("syntaks.html", {}, folder)
    assert str(info.value).startswith(f"{folder / 'syntaks.html'}:3: fejl i skabelonen (Jinja melder: ")
    with pytest.raises(RenderError) as info:
        render_html("hoved.html", {}, folder)
    assert str(info.value) == ("skabelonen 'hoved.html' bruger en ukendt værdi: 'mangler' findes ikke "
                               f"({folder / '_del.html'}, linje 3)")
    with pytest.raises(RenderError) as info:
        render_html("deling.html", {}, folder)
    assert str(info.value) == ("skabelonen 'deling.html' fejler under udfyldningen (ZeroDivisionError: "
                               f"integer division or modulo by zero) ({folder / 'deling.html'}, linje 1)")
    with pytest.raises(RenderError, match=r"skabelonen 'ring\.html' henviser i ring til sig selv"):
        render_html("ring.html", {}, folder)


def test_shipped_templates_are_sandboxed():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    assert isinstance(template_env(None), ImmutableSandboxedEnvironment)


def test_paragraphs():
    assert paragraphs("Et afsnit\nover to linjer.\n\nAndet afsnit.") == [
        "Et afsnit over to linjer.", "Andet afsnit."]
    assert paragraphs("Første.\nAndet.") == ["Første.", "Andet."]  # a folded YAML block


