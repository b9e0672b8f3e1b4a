"""Tests for PDF output: tags, PDF/A, the restricted fetcher, attachments, WeasyPrint's messages."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pdftext import pdf_text

from workbook.errors import RenderError
from workbook.paths import TEMPLATES_DIR
from workbook.render.pdf import _describe, write_pdf

ROOT = Path(__file__).resolve().parent.parent.parent

PAGE = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Prøve</title></head>
<body><h1>Overskrift</h1><p>Brødtekst med æ, ø og å.</p>{extra}</body></html>"""


# --- PDFs -------------------------------------------------------------------------------------


def test_pdf_is_tagged_pdfua_with_open_sans(tmp_path, no_log_records):
    target = tmp_path / "ud.pdf"
    write_pdf(PAGE.format(extra=""), target, templates=None, title="Prøve", stylesheets=["base.css"])
    with pikepdf.open(target) as pdf:
        assert str(pdf.Root.Lang) == "da"
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        fonts = {str(f.BaseFont).split("+")[-1] for p in pdf.pages for f in p.Resources.Font.values()}
        assert fonts == {"Open-Sans-Bold", "Open-Sans"}
    assert "Brødtekst med æ, ø og å." in pdf_text(target)


def test_pdfa_claims_pdfua_in_the_same_rdf(tmp_path):
    import page

    target = tmp_path / "arkiv.pdf"
    write_pdf(PAGE.format(extra=""), target, templates=None, title="Prøve", stylesheets=["base.css"],
              pdfa=True)
    with pikepdf.open(target) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert xmp.count("<rdf:RDF") == 1
    assert 'pdfuaid:part="1"' in xmp and "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
    for profile in ("3a", "ua1"):
        report = page.validate_pdf(target, profile=profile)
        assert report.is_compliant, [f.rule_id for f in report.failures]


@pytest.mark.parametrize("extra, named", [
    ('<img src="file:///etc/passwd" alt="x">', "/etc/passwd"),
    ('<img src="https://example.com/x.png" alt="x">', "https://example.com/x.png"),
    ('<link rel="stylesheet" href="../../workbook/cli.py">', "cli.py"),
])
def test_template_html_cannot_fetch_outside_assets(tmp_path, extra, named):
    target = tmp_path / "ud.pdf"
    target.write_bytes(b"gammel")
    with pytest.raises(RenderError, match="må ikke hentes") as info:
        write_pdf(PAGE.format(extra=extra), target, templates=None, title="Prøve", stylesheets=["base.css"])
    assert named in str(info.value)
    assert target.read_bytes() == b"gammel"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["ud.pdf"]  # no temp file left behind


@pytest.mark.parametrize("href", ["file:///etc/hostname", "assets/fonts/README.md"])
def test_attachments_are_never_embedded(tmp_path, href):
    target = tmp_path / "ud.pdf"
    extra = f'<link rel="attachment" href="{href}">'
    write_pdf(PAGE.format(extra=extra), target, templates=None, title="Prøve", stylesheets=["base.css"])
    with pikepdf.open(target) as pdf:
        assert "/AF" not in pdf.Root
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert not [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/FileAttachment"]


def test_allowed_file_is_readable(tmp_path):
    logo = ROOT / "examples" / "logo-fjordby.svg"
    target = tmp_path / "ud.pdf"
    extra = f'<img src="{logo.as_uri()}" alt="Logo">'
    write_pdf(PAGE.format(extra=extra), target, templates=None, title="Prøve", stylesheets=["base.css"],
              allowed_files=[logo])
    with pytest.raises(RenderError, match="må ikke hentes"):
        write_pdf(PAGE.format(extra=extra), target, templates=None, title="Prøve", stylesheets=["base.css"])


@pytest.mark.parametrize("content", [b"ikke et billede, bare tekst\n", b"<svg xmlns='http://www.w3.org/2000/svg'><rect"])
def test_unreadable_logo_is_a_danish_error_with_the_decoded_path(tmp_path, content):
    folder = tmp_path / "kommune æøå"
    folder.mkdir()
    logo = folder / ("mit logo æ.png" if content.startswith(b"ikke") else "mit logo ø.svg")
    logo.write_bytes(content)
    target = tmp_path / "ud.pdf"
    with pytest.raises(RenderError) as info:
        write_pdf(PAGE.format(extra=f'<img src="{logo.as_uri()}" alt="Logo">'), target, templates=None,
                  title="Prøve", stylesheets=["base.css"], allowed_files=[logo])
    assert str(info.value) == (f"{target}: WeasyPrint kunne ikke gengive dokumentet korrekt: "
                               f"logoet kan ikke vises: {logo} (billedet kan ikke læses)")
    assert not target.exists()


def _record(msg: str, *args) -> logging.LogRecord:
    return logging.LogRecord("weasyprint", logging.ERROR, "x.py", 1, msg, args, None)


def test_weasyprint_messages_are_translated(tmp_path):
    logo = tmp_path / "logo å.svg"
    sheet = "file:///tmp/mine%20skabeloner/guide%C3%A6.css"
    assert _describe(_record("Failed to render SVG image %s", logo.as_uri()), frozenset([logo])) == (
        f"logoet kan ikke vises: {logo} (SVG-tegningen kan ikke tegnes)")
    assert _describe(_record("Failed to load image at %r: %s", "file:///a/b%20c.png", "x"), frozenset()) == (
        "billedet kan ikke vises: /a/b c.png (billedet kan ikke læses)")
    assert _describe(_record("Failed to load stylesheet at %s: %s", sheet, "x"), frozenset()) == (
        "stylesheetet kan ikke indlæses: /tmp/mine skabeloner/guideæ.css")
    assert _describe(_record("Font-face %r cannot be loaded", "Open Sans"), frozenset()) == (
        "skrifttypen 'Open Sans' kan ikke indlæses")
    assert _describe(_record("Subgrids are unsupported"), frozenset()) == (
        "WeasyPrint melder: Subgrids are unsupported")


def test_no_shutdown_noise_and_font_folder_removed(tmp_path):
    script = (
        "from pathlib import Path\n"
        "import workbook.render.pdf as r\n"
        f"r.write_pdf({PAGE.format(extra='')!r}, Path({str(tmp_path / 'ud.pdf')!r}), templates=None,"
        " title='Prøve', stylesheets=['base.css'])\n"
        "print(r._FONT_CONFIG[0]._folder)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stderr == ""
    folder = Path(result.stdout.strip())
    assert folder.name.startswith("weasyprint-") and not folder.exists()


@pytest.mark.parametrize("css, message", [
    ("body { background: url(file:///etc/passwd) }", "'/etc/passwd' må ikke hentes"),
    ("body { background: url(../../something.png) }", "something.png' må ikke hentes"),
    ("body { background: url(assets/mangler.png) }", "mangler.png' findes ikke"),
    ("body { colr: red }", r"WeasyPrint kunne ikke gengive dokumentet korrekt: "
                           r"CSS-reglen `colr: red` i linje 1, kolonne 8 ignoreres \(ukendt egenskab\)"),
])
def test_user_stylesheet_problems_are_errors(tmp_path, css, message, user_templates):
    folder = user_templates({"base.css": css})
    target = tmp_path / "ud.pdf"
    with pytest.raises(RenderError, match=message):
        write_pdf(PAGE.format(extra=""), target, templates=folder, title="Prøve", stylesheets=["base.css"])
    assert not target.exists()


def test_user_stylesheet_may_use_shipped_fonts(tmp_path, user_templates):
    css = (TEMPLATES_DIR / "base.css").read_text(encoding="utf-8") + "\nh1 { color: #800000; }"
    folder = user_templates({"base.css": css})
    target = tmp_path / "ud.pdf"
    write_pdf(PAGE.format(extra=""), target, templates=folder, title="Prøve", stylesheets=["base.css"])
    assert "Overskrift" in pdf_text(target)


