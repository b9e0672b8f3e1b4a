"""Tests for the discussion guide: content, numbering, page references, accessibility and safety.

Each document is rendered once per module (module fixtures): the shared test catalog with its two
meetings (conftest's ``udvalgsmoede`` and ``meeting``) for exact checks, and the example meetings with
the shipped catalog.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import itertools
import re
import shutil
from pathlib import Path

import page
import pikepdf
import pytest
from click.testing import CliRunner
from pdftext import norm, page_texts
from xlsx_fixtures import TEST_CATALOG, TEST_TODAY

from workbook import danish
from workbook.cli.commands import cli
from workbook.content.load import check_catalog
from workbook.errors import RenderError
from workbook.guide.make import default_output, render_guide
from workbook.guide.view import build_view, theme_texts
from workbook.meeting.load import load_meeting
from workbook.meeting.plan import select_themes

HERE = Path(__file__).resolve().parent.parent
DATA = HERE / "data"
EXAMPLES = HERE.parent / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def outline_pages(path: Path) -> dict[str, int]:
    """Map every bookmark title that occurs once to its 1-based page number."""
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages, start=1)}
        out: dict[str, int] = {}
        seen: list[str] = []
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                dest = item.destination
                if dest is None and item.action is not None:
                    dest = item.action.get("/D")
                out[norm(item.title)] = pages[dest[0].objgen]
                seen.append(norm(item.title))
                stack.extend(item.children)
    return {title: number for title, number in out.items() if seen.count(title) == 1}


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(test_catalog, udvalgsmoede, meeting, tmp_path_factory):
    """The committee's meeting as full, short, archival and HTML guide, the council's as short, each once."""
    out = tmp_path_factory.mktemp("guide")
    docs = {
        "fuld": render_guide(udvalgsmoede, test_catalog, out / "fuld.pdf"),
        "jura": render_guide(udvalgsmoede, test_catalog, out / "jura.pdf", variant="jura"),
        "kort": render_guide(udvalgsmoede, test_catalog, out / "kort.pdf", variant="kort"),
        "pdfa": render_guide(udvalgsmoede, test_catalog, out / "pdfa.pdf", pdfa=True),
        "html": render_guide(udvalgsmoede, test_catalog, out / "guide.html", fmt="html"),
    }
    docs["tema-kort"] = render_guide(meeting, test_catalog, out / "tema-kort.pdf", variant="kort")
    return docs


@pytest.fixture(scope="module")
def shipped():
    return check_catalog().catalog


@pytest.fixture(scope="module")
def examples_rendered(shipped, tmp_path_factory):
    """Every example meeting as full guide, short guide and legal appendix with the shipped catalog."""
    out = tmp_path_factory.mktemp("examples")
    docs = {}
    for path in EXAMPLE_FILES:
        meeting = load_meeting(path, shipped)
        docs[path.stem] = (meeting, render_guide(meeting, shipped, out / f"{path.stem}.pdf"),
                           render_guide(meeting, shipped, out / f"{path.stem}-kort.pdf", variant="kort"),
                           render_guide(meeting, shipped, out / f"{path.stem}-jura.pdf", variant="jura"))
    return docs


# --- content ----------------------------------------------------------------------------------


def test_selected_content_is_in_the_pdf_and_unselected_is_not(rendered, test_catalog, udvalgsmoede):
    text = " ".join(page_texts(rendered["fuld"]))
    appendix = " ".join(page_texts(rendered["jura"]))
    for chosen in select_themes(udvalgsmoede, test_catalog):
        theme = chosen.theme
        assert f"{chosen.number} {theme.title}" in text
        for item in (*theme.questions, *theme.decisions):
            assert norm(item.text) in text
        for numbered in chosen.checklist:
            assert f"{numbered.number} {norm(numbered.item.statement)}" in text
        for topic_id in theme.legal_topics:
            for answer in test_catalog.legal_topic(topic_id).answers:
                assert norm(answer.question) in text and norm(answer.question) in appendix
                for hjemmel in answer.hjemmel:
                    assert hjemmel.label in appendix
    gamma = test_catalog.theme("gamma")
    assert gamma.title not in text
    assert "Forslagene er skrevet til kommunalbestyrelsen" not in text  # no disclaimer for a committee
    assert "drøfter to temaer på" in text and "min.." not in text
    for item in (*gamma.questions, *gamma.decisions, *gamma.checklist):
        assert norm(getattr(item, "text", "") or item.statement) not in text


def test_legal_boxes_certainty_and_annex(rendered):
    guide = " ".join(page_texts(rendered["fuld"]))
    assert guide.casefold().count("det siger reglerne") >= 3  # alfa: tavshed; beta: udbud and tavshed
    assert "BILAG A" not in guide and "I praksis" not in guide  # Bilag A is its own document
    assert "særskilt bilag: juridisk-bilag.pdf" in guide
    pages = page_texts(rendered["jura"])
    text = " ".join(pages)
    assert "Juridiske spørgsmål og svar" in pages[0] and "Testby Kommune" in pages[0]
    # "Læs mere: bilag A.2, side 1": the page of the legal appendix where A.2 is printed in full.
    cited = re.findall(r"bilag (A\.\d+), side (\d+)", guide)
    assert cited
    for number, page_number in cited:
        assert re.search(rf"(?<![\d.]){re.escape(number)} \S", pages[int(page_number) - 1]), (number, page_number)
    assert "Sandsynlig: Om frivillige er i offentlig tjeneste" in text
    assert "Uklar: Grænsen mellem samarbejde og kontrakt" in text
    annex = " ".join(p for p in pages if "Juridiske spørgsmål og svar" in p or "A.3" in p)
    for expected in ("A.1 Har frivillige på et kommunalt plejehjem tavshedspligt?",
                     "I praksis", "Faldgruber", "Hvad er ændret",
                     "Reglerne om underretning er flyttet fra serviceloven til barnets lov. "
                         "Trådte i kraft 1. januar 2024.",
                     "Gennemgået 20. september 2026"):
        assert expected in text, expected
    assert annex


def test_sources_are_numbered_in_order_of_citation(rendered, test_catalog, udvalgsmoede):
    view = build_view(udvalgsmoede, test_catalog, appendix_pages={})
    appendix = build_view(udvalgsmoede, test_catalog, variant="jura")
    for v in (view, appendix):
        assert [s.number for s in v.sources] == list(range(1, len(v.sources) + 1))
    assert view.sources[0].title == "Velfærd skabes i fællesskab"  # alfa's first background source
    assert view.chapters[0].sources[0].number == 1
    last = page_texts(rendered["fuld"])[-1]
    assert "Kilder" in last and "[4] Vejledning om udbud af sociale ydelser" in last
    # Each document lists what it cites: the appendix's sources are not the guide's.
    cited = {r.number for t in appendix.legal_annex for a in t.answers for r in a.sources}
    assert cited == {s.number for s in appendix.sources}
    for v, key in ((view, "fuld"), (appendix, "jura")):
        with pikepdf.open(rendered[key]) as pdf:
            uris = {str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if "/URI" in a.get("/A", {})}
        assert {s.url for s in v.sources} <= uris


def test_glossary_holds_only_the_terms_the_themes_use(test_catalog, udvalgsmoede):
    view = build_view(udvalgsmoede, test_catalog)
    assert [g.term for g in view.glossary] == ["Frivillig", "Velfærdsalliance"]
    themes = " ".join(t for s in select_themes(udvalgsmoede, test_catalog) for t in theme_texts(s.theme)).casefold()
    assert "velfærdsallian" in themes and "ældreråd" not in themes and "socialøkonomisk" not in themes


def test_cover_colophon_and_running_header(rendered):
    pages = page_texts(rendered["fuld"])
    cover = pages[0]
    for expected in ("Testby Kommune", "Frivillige og partnerskaber", "Social- og Sundhedsudvalget",
                     "Onsdag den 10. marts 2027", "Kl. 16:30–17:40"):
        assert expected in cover
    assert "Vejledende – ikke juridisk rådgivning" in pages[1]
    assert "version 9999.1 af 15. januar 2026" in pages[1]
    assert "Jonas Brandt, jobr@testby.dk" in pages[1]
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert "Testby Kommune" in text and f"Side {number} af {total}" in text
    assert "Side 1 af" not in cover


# --- numbering, page references and times ---------------------------------------------------


def check_toc(pdf: Path) -> None:
    pages = page_texts(pdf)
    outline = outline_pages(pdf)
    toc = pages[1]
    checked = 0
    for title, page_number in outline.items():
        match = re.search(re.escape(title) + r"[ .]*?(\d+)(?!\d)", toc)
        if match and title != norm(toc.split(" ")[0]):
            assert int(match[1]) == page_number, f"{title}: indholdsfortegnelsen siger {match[1]}"
            assert title.casefold() in pages[page_number - 1].casefold()
            checked += 1
    assert checked >= 4


def test_toc_page_numbers_match_heading_pages(rendered):
    check_toc(rendered["fuld"])


def check_agenda(view, text: str) -> None:
    rows = view.agenda
    for row, nxt in itertools.pairwise(rows):
        assert row.span.split("–")[1] == nxt.span.split("–")[0]
    for row in rows:
        start, end = (dt.datetime.strptime(t, "%H:%M") for t in row.span.split("–"))
        assert (end - start).seconds // 60 == row.minutes
        assert f"{row.span} " in text
    assert view.total_minutes == sum(r.minutes for r in rows)
    assert f"{view.start}–{view.end} I alt {view.total_minutes}" in text


def test_meeting_plan_times_add_up(rendered, test_catalog, udvalgsmoede):
    view = build_view(udvalgsmoede, test_catalog)
    assert [r.span for r in view.agenda] == ["16:30–16:35", "16:35–17:00", "17:00–17:30", "17:30–17:40"]
    check_agenda(view, page_texts(rendered["fuld"])[2])
    check_agenda(view, page_texts(rendered["kort"])[0])


def test_short_handout_has_questions_and_decisions_on_two_pages_per_theme(rendered, test_catalog,
                                                                          udvalgsmoede, meeting):
    for key, handout_meeting in (("kort", udvalgsmoede), ("tema-kort", meeting)):
        pages = page_texts(rendered[key])
        text = " ".join(pages)
        assert "Baggrund" not in text and "det siger reglerne" not in text.casefold()
        starts = []
        for chosen in select_themes(handout_meeting, test_catalog):
            heading = f"{chosen.number} {chosen.theme.title}"
            starts.append(next(i for i, p in enumerate(pages)
                               if p.casefold().startswith(f"tema {chosen.number} ·")))
            for item in (*chosen.theme.questions, *chosen.theme.decisions):
                assert norm(item.text) in text
            assert heading in text
        ends = [*starts[1:], len(pages)]
        assert all(end - start <= 2 for start, end in zip(starts, ends, strict=True)), (starts, ends)


# --- accessibility and archival ----------------------------------------------------------------


def check_structure(path: Path) -> None:
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "da"
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.Outlines.Count != 0
        fonts = {}
        for p in pdf.pages:
            for font in p.Resources.get("/Font", {}).values():
                fonts[str(font.BaseFont)] = font
        assert fonts
        for name, font in fonts.items():
            assert "Open-Sans" in name
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor and "/ToUnicode" in font
        figures = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(node)
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif kids is not None:
                    stack.append(kids)
        assert all("/Alt" in f for f in figures)


def test_structure_language_outline_fonts(rendered):
    for key in ("fuld", "kort", "pdfa"):
        check_structure(rendered[key])


def _failures(path: Path, profile: str) -> list[str]:
    """The rules ``path`` fails; a stream-length finding only when the lengths really are wrong.

    page-validation (alpha) miscounts a compressed stream whose last byte is CR: it takes the CR and
    the LF before ``endstream`` as one end-of-line. pikepdf's raw read is the arbiter there.
    """
    failed = [f.rule_id for f in page.validate_pdf(path, profile=profile).failures]
    if "PDFA3A-STREAM-LENGTH-001" in failed:
        with pikepdf.open(path) as pdf:
            streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)]
            wrong = [o for o in streams if int(o.get("/Length", -1)) != len(o.read_raw_bytes())]
            ends_in_cr = any(o.read_raw_bytes().endswith(b"\r") for o in streams)
        if not wrong and ends_in_cr:
            failed.remove("PDFA3A-STREAM-LENGTH-001")
    return failed


def test_pdfua_and_pdfa_compliance(rendered):
    for key in ("fuld", "kort", "pdfa"):
        assert _failures(rendered[key], "ua1") == [], key
    assert _failures(rendered["pdfa"], "3a") == []


def test_rendering_logs_nothing(test_catalog, udvalgsmoede, tmp_path, no_log_records):
    render_guide(udvalgsmoede, test_catalog, tmp_path / "g.pdf", variant="kort")


# --- HTML ---------------------------------------------------------------------------------------


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(path: Path) -> _Collector:
    parser = _Collector()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_is_self_contained(rendered, test_catalog, udvalgsmoede):
    doc = parse_html(rendered["html"])
    assert ("html", {"lang": "da"}) in doc.tags
    for tag, attrs in doc.tags:
        assert tag not in ("script", "link", "iframe")
        for name in ("src", "href"):
            value = attrs.get(name, "")
            assert value.startswith(("#", "data:", "https://", "http://")) or not value, (tag, value)
    logo = [a for t, a in doc.tags if t == "img"]
    assert logo and logo[0]["src"].startswith("data:image/svg+xml;base64,") and logo[0]["alt"]
    raw = rendered["html"].read_text(encoding="utf-8")
    assert "file:" not in raw and "url(assets" not in raw
    text = norm(" ".join(doc.text))
    for theme in (test_catalog.theme("alfa"), test_catalog.theme("beta")):
        for q in theme.questions:
            assert norm(q.text) in text


# --- safety -----------------------------------------------------------------------------------

HOSTILE = ('<script>alert(1)</script> <img src="file:///etc/passwd"> '
           '<link rel="attachment" href="file:///etc/hostname">')


def test_hostile_overlay_and_meeting_text_is_printed_not_run(test_catalog, tmp_path):
    overlay = tmp_path / "lokalt"
    overlay.mkdir()
    (overlay / "tema.yaml").write_text(
        "themes:\n  - id: alfa\n" + (TEST_CATALOG / "themes.yaml").read_text(encoding="utf-8")
        .partition("  - id: alfa\n")[2].partition("  - id: beta\n")[0]
        .replace("text: Hvilke velfærdsområder vil vi prioritere først?", f"text: '{HOSTILE}'"),
        encoding="utf-8")
    catalog = check_catalog(overlay, data_dir=TEST_CATALOG, today=TEST_TODAY).catalog
    meeting_file = tmp_path / "moede.yaml"
    meeting_file.write_text(
        (DATA / "udvalgsmoede.yaml").read_text(encoding="utf-8")
        .replace("titel: Frivillige og partnerskaber", "titel: '" + HOSTILE + "'")
        .replace("logo: meetings/logo.svg", f"logo: {DATA / 'meetings' / 'logo.svg'}"), encoding="utf-8")
    meeting = load_meeting(meeting_file, catalog)
    assert HOSTILE in catalog.theme("alfa").questions[1].text
    pdf_path = render_guide(meeting, catalog, tmp_path / "g.pdf")
    squeezed = "".join(" ".join(page_texts(pdf_path)).split())  # long URLs may wrap after a slash
    assert squeezed.count("".join(HOSTILE.split())) >= 2  # the question and the title, as visible text
    with pikepdf.open(pdf_path) as pdf:
        assert "/AF" not in pdf.Root and "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        images = [x for p in pdf.pages for x in p.Resources.get("/XObject", {}).values()
                  if x.get("/Subtype") == "/Image"]
        assert not images  # the logo is SVG (vector); no image was fetched
    html_path = render_guide(meeting, catalog, tmp_path / "g.html", fmt="html")
    doc = parse_html(html_path)
    assert not [t for t, _ in doc.tags if t in ("script", "link")]
    assert [a["src"][:5] for t, a in doc.tags if t == "img"] == ["data:"]
    assert HOSTILE in norm(" ".join(doc.text))


@pytest.mark.parametrize("name, content, message", [
    ("guide.css", "body { background: url(file:///etc/passwd) }", "'/etc/passwd' må ikke hentes"),
    ("guide.css", "body { background: url(../../something.png) }", "something.png' må ikke hentes"),
    ("_cover.html", '<img src="file:///etc/passwd" alt="">', "'/etc/passwd' må ikke hentes"),
    ("_cover.html", '<img src="../../something.png" alt="">', "something.png' må ikke hentes"),
])
def test_cli_refuses_template_override_outside_assets(tmp_path, test_catalog, udvalgsmoede, name, content,
                                                      message, monkeypatch):
    folder = tmp_path / "egne"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    target = tmp_path / "ud.pdf"
    with pytest.raises(RenderError, match=message):
        render_guide(udvalgsmoede, test_catalog, target, templates=folder)
    assert not target.exists()
    # The same through the command line, with the shipped catalog and an example meeting.
    meeting_file = tmp_path / "moede.yaml"
    shutil.copy(EXAMPLES / "socialudvalg.yaml", meeting_file)
    result = CliRunner().invoke(cli, ["guide", str(meeting_file), "-o", str(target),
                                      "--templates", str(folder)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Fejl: ud.pdf: ") and message.strip("'") in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not target.exists()


HOSTNAME_PAYLOAD = '{{ v.__class__.__init__.__globals__["__builtins__"]["open"]("/etc/hostname").read() }}'


def test_cli_template_override_cannot_run_python(tmp_path):
    folder = tmp_path / "egne"
    folder.mkdir()
    (folder / "_cover.html").write_text(f"<p>{HOSTNAME_PAYLOAD}</p>\n", encoding="utf-8")
    meeting_file = tmp_path / "moede.yaml"
    shutil.copy(EXAMPLES / "socialudvalg.yaml", meeting_file)
    out = tmp_path / "ud"
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else ""
    for fmt in ("pdf", "html"):
        result = CliRunner().invoke(cli, ["guide", str(meeting_file), "-o", str(out / f"guide.{fmt}"),
                                          "--format", fmt, "--templates", str(folder)])
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            "Fejl: skabelonen 'guide.html' må ikke bruge Python-attributten '__init__'; skabeloner kan "
            f"kun udskrive værdierne i v ({folder / '_cover.html'}, linje 1)\n")
        assert result.stdout == ""
        if hostname and hostname not in str(tmp_path):
            assert hostname not in result.output + result.stderr
    assert not out.exists() or not any(out.rglob("*"))


def test_cli_unreadable_logo_is_named_in_danish(tmp_path):
    folder = tmp_path / "kommune æ ø å"
    folder.mkdir()
    logo = folder / "mit logo æøå.png"
    logo.write_text("Dette er tekst, ikke et billede.\n", encoding="utf-8")
    meeting_file = folder / "moede.yaml"
    meeting_file.write_text((EXAMPLES / "socialudvalg.yaml").read_text(encoding="utf-8")
                            + f'\nlogo: "{logo.name}"\n', encoding="utf-8")
    target = tmp_path / "ud.pdf"
    result = CliRunner().invoke(cli, ["guide", str(meeting_file), "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"Fejl: {target}: WeasyPrint kunne ikke gengive dokumentet korrekt: "
                             f"logoet kan ikke vises: {logo} (billedet kan ikke læses)\n")
    assert "%" not in result.stderr and "Failed" not in result.stderr
    assert not target.exists()


# --- the example meetings (shipped catalog) ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLE_FILES])
def test_example_guides(examples_rendered, shipped, stem):
    meeting, full, short, appendix = examples_rendered[stem]
    selected = select_themes(meeting, shipped)
    chosen_ids = {s.theme.id for s in selected}
    text = " ".join(page_texts(full))
    short_text = " ".join(page_texts(short))
    legal = " ".join(page_texts(appendix))
    view = build_view(meeting, shipped, appendix_pages={})
    briefs = {b.question for c in view.chapters for box in c.legal for b in box.answers}
    for chosen in selected:
        theme = chosen.theme
        for item in (*theme.questions, *theme.decisions):
            assert norm(item.text) in text, item.id
            assert norm(item.text) in short_text, item.id
        for numbered in chosen.checklist:
            assert f"{numbered.number} {norm(numbered.item.statement)}" in text, numbered.item.id
        for topic_id in theme.legal_topics:
            for answer in shipped.legal_topic(topic_id).answers:
                assert norm(answer.question) in legal, answer.id
                if answer.question in briefs:  # past the chapter's length goal: referred to by number
                    assert norm(answer.question) in text, answer.id
    for theme in shipped.themes:
        if theme.id not in chosen_ids:
            for q in theme.questions:
                assert norm(q.text) not in text, q.id
    check_toc(full)
    check_agenda(view, page_texts(full)[2])
    check_structure(full)
    check_structure(short)
    for path in (full, short, appendix):
        report = page.validate_pdf(path, profile="ua1")
        assert report.is_compliant, [f.rule_id for f in report.failures]


def test_default_output_names(udvalgsmoede):
    assert default_output(udvalgsmoede) == Path("output/udvalgsmoede/droeftelsesguide.pdf")
    assert default_output(udvalgsmoede, "kort", "html") == Path("output/udvalgsmoede/droeftelsesguide-kort.html")


# --- each text once, worded for the forum (the example meetings, shipped catalog) ---------------


def _snippets(text: str) -> list[str]:
    """The start of every paragraph of ``text`` (after the first sentence: a chapter may give that as
    the short answer), long enough to be unique and short enough to stay on one page."""
    from workbook.render.env import paragraphs

    out = []
    for i, para in enumerate(paragraphs(text)):
        if i == 0:
            parts = re.split(r"(?<=[.!?»])\s+(?=[A-ZÆØÅ»])", para, maxsplit=1)
            para = parts[1] if len(parts) > 1 else ""
        if len(para) >= 30:
            out.append(norm(para)[:70])
    return out


@pytest.mark.slow
def test_no_legal_answer_and_no_case_is_printed_twice(examples_rendered, shipped):
    for meeting, full, _short, appendix in examples_rendered.values():
        text = " ".join(page_texts(full))
        legal = " ".join(page_texts(appendix))
        selected = select_themes(meeting, shipped)
        answers = {a.id: a for s in selected for t in s.theme.legal_topics
                   for a in shipped.legal_topic(t).answers}
        for answer in answers.values():
            for snippet in _snippets(answer.answer):
                # Printed once: in full in the legal appendix, never in the guide.
                assert text.count(snippet) == 0 and legal.count(snippet) == 1, (meeting.id, answer.id, snippet)
        for case_id in {c for s in selected for c in s.theme.cases}:
            for snippet in _snippets("x. " + shipped.case(case_id).summary):
                assert text.count(snippet) == 1, (meeting.id, case_id, snippet)


@pytest.mark.slow
def test_a_committee_guide_has_no_council_only_wording(examples_rendered):
    _meeting, full, short, _appendix = examples_rendered["socialudvalg"]
    for path in (full, short):
        text = " ".join(page_texts(path))
        assert "Kommunalbestyrelsen beslutter" not in text
        assert "Forslagene er skrevet til kommunalbestyrelsen" not in text
        assert "Udvalget beslutter, at" in text or "Udvalget indstiller til kommunalbestyrelsen, at" in text
    council = " ".join(page_texts(examples_rendered["kommunalbestyrelse-temamoede"][1]))
    assert "Guiden er udarbejdet til mødet i kommunalbestyrelsen," in council
    assert "Kommunalbestyrelsen drøfter otte temaer på" in council
    assert "Udarbejdet" in council and "Dannet" not in council


@pytest.mark.slow
def test_every_theme_chapter_reads_in_at_most_1200_words(examples_rendered):
    for stem, (meeting, full, _short, _appendix) in examples_rendered.items():
        body = " ".join(page_texts(full)[3:])  # after the cover, contents and meeting plan
        body = re.split(r"BILAG [A-C] ", body)[0]  # the guide's own annexes (glossary, sources)
        # The running header and footer are not the chapter's text.
        body = re.sub(r"Side \d+ af \d+", " ", body)
        for running in (f"{meeting.municipality} {meeting.title}", f"{meeting.forum} · {danish.date(meeting.date)}"):
            body = body.replace(running, " ")
        chapters = re.split(r"TEMA \d+ · \d\d:\d\d", body)[1:]
        assert len(chapters) == len(meeting.themes)
        for number, chapter in enumerate(chapters, start=1):
            assert len(chapter.split()) <= 1200, (stem, number, len(chapter.split()))
