"""Tests of the pack's ``index.html``, parsed: pages and reading time, links, logo, next steps, escaping."""

from __future__ import annotations

import math
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pdftext import page_count

from workbook import danish
from workbook.cli.commands import cli
from workbook.pack.build import (
    AGENDA_NAME,
    APPENDIX_NAME,
    CHECKLIST_NAME,
    GUIDE_HTML_NAME,
    GUIDE_NAME,
    HANDOUT_NAME,
)
from workbook.pack.index import INDEX_NAME
from workbook.render.html import words_in
from workbook.xlsx.write import item_rows

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
AGENDA_TEXT = "dagsordenspunkt.txt"
HOSTILE = '<script>alert("x")</script> & <b>fed</b>'


class _Index(HTMLParser):
    """The parts of an index page the tests read: each file's card, links, images, code, text."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, list[str]] = {}
        self.links: list[str] = []
        self.images: list[dict] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self._card: list[str] | None = None
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "li" and self.tags.count("ul") and self._card is None:
            self._card = []
        if tag == "a":
            self.links.append(attrs["href"])
            if self._card is not None and not self._card:
                self.cards[attrs["href"]] = self._card
        if tag == "img":
            self.images.append(attrs)
        self._in_code = tag == "code"

    def handle_endtag(self, tag):
        if tag == "li":
            self._card = None
        if tag == "code":
            self._in_code = False

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        self.text.append(text)
        if self._card is not None:
            self._card.append(text)
        if self._in_code:
            self.code.append(text)

    @property
    def all_text(self) -> str:
        return " ".join(self.text)


class _Words(HTMLParser):
    """Count the visible words of a page (not head, style, script): the test's own count."""

    def __init__(self) -> None:
        super().__init__()
        self.words = 0
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("head", "style", "script")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("head", "style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.words += words_in(data)


def parse_index(folder: Path) -> _Index:
    page = _Index()
    page.feed((folder / INDEX_NAME).read_text(encoding="utf-8"))
    return page


def reading_time(words: int) -> str:
    return f"læsetid ca. {danish.minutes(max(1, math.ceil(words / 200)))}"


def minutes_of(card: list[str]) -> int:
    """Return the reading time printed in a card, in minutes."""
    facts = card[1]
    time = facts.split("læsetid ca. ")[1]
    hours = int(time.split(" time")[0]) if " time" in time else 0
    rest = time.split(" og ")[-1] if hours else time
    return hours * 60 + (int(rest.split()[0]) if "minut" in rest else 0)


def check_pages_and_reading_times(folder: Path) -> None:
    """Check every file's pages and reading time in the index against the files themselves."""
    page = parse_index(folder)
    for name in (GUIDE_NAME, APPENDIX_NAME, HANDOUT_NAME):
        pages = page_count(folder / name)
        assert page.cards[name][1].startswith(danish.count_word(pages, "side", "sider") + " · ")
    words = _Words()
    words.feed((folder / GUIDE_HTML_NAME).read_text(encoding="utf-8"))
    assert page.cards[GUIDE_HTML_NAME][1] == reading_time(words.words)
    # The HTML guide holds the PDF guide's text and its legal appendix (Bilag A), so (nearly) the
    # reading time of both.
    pdf = minutes_of(page.cards[GUIDE_NAME]) + minutes_of(page.cards[APPENDIX_NAME])
    html = minutes_of(page.cards[GUIDE_HTML_NAME])
    assert abs(pdf - html) <= max(2, html // 10)
    agenda = reading_time(words_in((folder / AGENDA_TEXT).read_text(encoding="utf-8")))
    assert page.cards[AGENDA_NAME][1] == page.cards[AGENDA_TEXT][1] == agenda
    statements = len(item_rows(load_workbook(folder / CHECKLIST_NAME)))
    assert page.cards[CHECKLIST_NAME][1].startswith(
        danish.count_word(statements, "udsagn", "udsagn", neuter=True) + " · læsetid ca. ")


def check_links_resolve(folder: Path) -> None:
    """Check that every link of the index but the e-mail names a file in the pack."""
    page = parse_index(folder)
    local = [link for link in page.links if not link.startswith("mailto:")]
    assert {GUIDE_HTML_NAME, AGENDA_NAME, AGENDA_TEXT, CHECKLIST_NAME} <= set(local)
    for link in local:
        assert "/" not in link and (folder / unquote(link)).is_file(), link


@pytest.mark.slow  # builds every example pack (once a session)
def test_examples_index_gives_pages_reading_times_and_working_links(examples_build):
    _out, result = examples_build
    assert not result.failed
    for outcome in result.built:
        check_pages_and_reading_times(outcome.folder)
        check_links_resolve(outcome.folder)


def _meeting_with_logo_and_hostile_text(theme: str) -> Path:
    shutil.copy(EXAMPLES / "logo-fjordby.svg", "logo.svg")
    shutil.copytree(EXAMPLES / "lokalt-indhold", "eget indhold")
    path = Path("møde.yaml")
    path.write_text(
        "kommune: Fjordby Kommune\n"
        f"forum: 'Udvalget {HOSTILE}'\n"
        f"titel: 'Møde {HOSTILE}'\n"
        "dato: 2027-03-10\n"
        'starttid: "16:30"\n'
        "sted: Rådhuset\n"
        "kontakt: 'Anne <Hansen>, konsulent, anne.hansen@fjordby.dk, 12 34 56 78'\n"
        "logo: logo.svg\n"
        "indhold: eget indhold\n"
        f"temaer:\n  - {theme}\n",
        encoding="utf-8",
    )
    return path


def test_build_index_has_logo_next_steps_and_escapes_user_text(catalog):
    _meeting_with_logo_and_hostile_text(catalog.themes[0].id)

    result = CliRunner().invoke(cli, ["build", "møde.yaml", "-o", "ud"])

    assert result.exit_code == 0, result.output
    check_pages_and_reading_times(Path("ud/moede"))
    check_links_resolve(Path("ud/moede"))
    page = parse_index(Path("ud/moede"))
    assert "script" not in page.tags and "b" not in page.tags
    assert f"Mødepakke: Møde {HOSTILE}" in page.all_text
    [logo] = page.images
    assert logo["src"].startswith("data:image/svg+xml;base64,")
    assert logo["alt"] == "Fjordby Kommunes logo"
    assert page.code == ["workbook checklist møde.yaml --respondenter FIL",
                         "workbook report MAPPE --moede møde.yaml"]
    assert "mailto:anne.hansen@fjordby.dk" in page.links
    text = page.all_text
    assert f"Medlemmerne af Udvalget {HOSTILE} og de ledere, der er inviteret til mødet" in text
    assert ("Tilbage til mødets kontaktperson: Anne <Hansen>, konsulent, anne.hansen@fjordby.dk "
            ", 12 34 56 78.") in text
    assert "laver Anne <Hansen> statusrapporten og handleplanen med" in text
    assert "inden næste møde i Udvalget" in text
    assert "Kommandoerne køres i mappen med mødefilen møde.yaml." in text
