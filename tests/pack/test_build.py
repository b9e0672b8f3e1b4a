"""Tests of ``workbook build``: pack files, index, manifest, skip, force; and the 98 meetings."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pdftext import pdf_contains, pdf_text

from workbook import danish
from workbook.cli.commands import cli
from workbook.content.load import load_catalog
from workbook.errors import MeetingError
from workbook.files import file_digest
from workbook.meeting.load import load_meeting
from workbook.meeting.plan import select_themes
from workbook.pack.build import (
    AGENDA_NAME,
    APPENDIX_NAME,
    CHECKLIST_NAME,
    GUIDE_HTML_NAME,
    GUIDE_NAME,
    HANDOUT_NAME,
    Status,
    build_packs,
    collect_meeting_files,
)
from workbook.pack.index import INDEX_NAME
from workbook.pack.manifest import MANIFEST_NAME
from workbook.xlsx.layout import THEME_COLUMNS
from workbook.xlsx.write import item_rows

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
AGENDA_TEXT = "dagsordenspunkt.txt"
PACK_FILES = (GUIDE_NAME, APPENDIX_NAME, GUIDE_HTML_NAME, HANDOUT_NAME, CHECKLIST_NAME, AGENDA_NAME, AGENDA_TEXT,
              INDEX_NAME, MANIFEST_NAME)
ANSWER_COLUMN = [c.key for c in THEME_COLUMNS].index("answer") + 1


class _Links(HTMLParser):
    """Collect the links and the visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs["href"])
        if tag == "html":
            self.lang = attrs.get("lang")

    def handle_data(self, data):
        if data.strip():
            self.text.append(" ".join(data.split()))


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def write_meeting(path: Path, title: str, theme: str) -> Path:
    path.write_text(
        "kommune: Læsø Kommune\n"
        "forum: Social- og Sundhedsudvalget\n"
        f"titel: {title}\n"
        "dato: 2027-03-10\n"
        'starttid: "16:30"\n'
        "sted: Rådhuset\n"
        "kontakt: Test Testesen\n"
        "temaer:\n"
        f"  - {theme}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def first_theme(catalog) -> str:
    return catalog.themes[0].id


# --- the examples ---------------------------------------------------------------------------


@pytest.mark.slow  # builds every example pack (once a session)
def test_examples_build_every_file_with_content(examples_build, catalog):
    out, result = examples_build
    assert not result.failed, [o.message for o in result.failed]
    assert len(result.built) == len(list(EXAMPLES.glob("*.yaml"))) >= 3
    for outcome in result.built:
        meeting = load_meeting(outcome.source, catalog)
        folder = out / meeting.id
        assert outcome.folder == folder
        assert sorted(p.name for p in folder.iterdir()) == sorted(PACK_FILES)
        selected = select_themes(meeting, catalog)
        first = selected[0].theme

        question = " ".join(first.questions[0].text.split())
        statement = " ".join(first.checklist[0].statement.split())
        assert pdf_contains(folder / GUIDE_NAME, meeting.title, question, statement)
        assert pdf_contains(folder / HANDOUT_NAME, meeting.title, question)

        wb = load_workbook(folder / CHECKLIST_NAME)
        for sel in selected:
            assert sel.theme.short_title in wb.sheetnames
        rows = item_rows(wb)
        assert {n.item.id for sel in selected for n in sel.checklist} <= set(rows)


@pytest.mark.slow  # builds every example pack (once a session)
def test_examples_index_lists_and_links_every_file_with_its_size(examples_build, catalog):
    _out, result = examples_build
    for outcome in result.built:
        page = parse_html(outcome.folder / INDEX_NAME)
        assert page.lang == "da"
        text = " ".join(page.text)
        for name in (GUIDE_NAME, GUIDE_HTML_NAME, HANDOUT_NAME, CHECKLIST_NAME, AGENDA_NAME, AGENDA_TEXT):
            assert name in page.links
            assert (outcome.folder / name).is_file()  # the relative link works
            size = danish.size((outcome.folder / name).stat().st_size)
            assert f"{size} · filnavn: {name}" in text
        assert f"version {catalog.version}" in text
        assert MANIFEST_NAME in page.links


@pytest.mark.slow  # builds every example pack (once a session)
def test_examples_manifest_matches_files(examples_build, catalog):
    _out, result = examples_build
    for outcome in result.built:
        manifest = json.loads((outcome.folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        names = [f["name"] for f in manifest["files"]]
        assert names == [GUIDE_NAME, APPENDIX_NAME, GUIDE_HTML_NAME, HANDOUT_NAME, CHECKLIST_NAME, AGENDA_NAME,
                         AGENDA_TEXT, INDEX_NAME]
        for entry in manifest["files"]:
            path = outcome.folder / entry["name"]
            assert entry["sha256"] == file_digest(path)
            assert entry["bytes"] == path.stat().st_size
        assert manifest["versions"]["catalog"] == catalog.version
        assert manifest["inputs"]["catalog_content_hash"] == catalog.content_hash
        assert manifest["inputs"]["meeting_file_sha256"] == file_digest(outcome.source)


# --- the CLI --------------------------------------------------------------------------------


def test_build_reports_one_failing_meeting_and_builds_the_others(first_theme):
    write_meeting(Path("a.yaml"), "Møde A", first_theme)
    write_meeting(Path("b.yaml"), "Møde B", first_theme)
    write_meeting(Path("fejl.yaml"), "Møde med fejl", "findes-ikke")
    valid = ", ".join(load_catalog().theme_ids)

    args = ["build", "a.yaml", "fejl.yaml", "b.yaml", "-o", "ud", "--jobs", "2"]
    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Fejl i fejl.yaml:9: ukendt tema 'findes-ikke'. Gyldige temaer: {valid}\n")
    assert "Bygget: ud/a/" in result.stdout
    assert "Bygget: ud/b/" in result.stdout
    assert result.stdout.endswith("3 mødepakker: 2 bygget, 0 uændrede, 1 med fejl. "
                                  "Pakkerne ligger i ud/ (åbn index.html i hver mappe).\n")
    for meeting_id in ("a", "b"):
        assert sorted(p.name for p in Path("ud", meeting_id).iterdir()) == sorted(PACK_FILES)
    assert not Path("ud", "fejl").exists()


def test_build_skips_unchanged_rebuilds_changed_and_forced(first_theme):
    write_meeting(Path("a.yaml"), "Møde A", first_theme)
    write_meeting(Path("b.yaml"), "Møde B", first_theme)
    runner = CliRunner()
    first = runner.invoke(cli, ["build", "a.yaml", "b.yaml", "-o", "ud", "--jobs", "1"])
    assert first.exit_code == 0, first.output
    built_b = Path("ud/b/manifest.json").read_text(encoding="utf-8")

    again = runner.invoke(cli, ["build", "a.yaml", "b.yaml", "-o", "ud"])
    assert again.exit_code == 0
    assert again.stdout == (
        "Uændret, springes over: ud/a/ (brug --force for at bygge igen)\n"
        "Uændret, springes over: ud/b/ (brug --force for at bygge igen)\n"
        "2 mødepakker: 0 bygget, 2 uændrede, 0 med fejl. "
        "Pakkerne ligger i ud/ (åbn index.html i hver mappe).\n"
    )

    write_meeting(Path("a.yaml"), "Møde A, ny titel", first_theme)
    changed = runner.invoke(cli, ["build", "a.yaml", "b.yaml", "-o", "ud"])
    assert changed.exit_code == 0
    assert "Bygget: ud/a/" in changed.stdout
    assert "Uændret, springes over: ud/b/" in changed.stdout
    assert "Møde A, ny titel" in pdf_text(Path("ud/a") / GUIDE_NAME)
    assert Path("ud/b/manifest.json").read_text(encoding="utf-8") == built_b

    forced = runner.invoke(cli, ["build", "a.yaml", "b.yaml", "-o", "ud", "--force"])
    assert forced.exit_code == 0
    assert "2 bygget, 0 uændrede" in forced.stdout
    assert Path("ud/b/manifest.json").read_text(encoding="utf-8") != built_b


def test_build_refuses_to_overwrite_answers_unless_force(first_theme):
    write_meeting(Path("a.yaml"), "Møde A", first_theme)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "a.yaml", "-o", "ud"]).exit_code == 0
    target = Path("ud/a") / CHECKLIST_NAME
    wb = load_workbook(target)
    sheet, row = next(iter(item_rows(wb).values()))
    wb[sheet].cell(row, ANSWER_COLUMN).value = "Ja"
    wb.save(target)
    filled = target.read_bytes()
    write_meeting(Path("a.yaml"), "Møde A, ændret", first_theme)  # a change, so the pack is rebuilt

    refused = runner.invoke(cli, ["build", "a.yaml", "-o", "ud"])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        f"Fejl i a.yaml: {target}: filen indeholder allerede svar")
    assert target.read_bytes() == filled
    assert not (Path("ud/a") / MANIFEST_NAME).exists()  # the pack is not claimed to be complete

    forced = runner.invoke(cli, ["build", "a.yaml", "-o", "ud", "--force"])
    assert forced.exit_code == 0, forced.output
    backups = list(Path("ud/a").glob("selvevaluering.backup-*.xlsx"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == filled
    assert f"de gamle svar er gemt i {backups[0]}" in forced.stdout


def test_build_failure_in_a_template_leaves_no_manifest(first_theme, tmp_path):
    write_meeting(Path("a.yaml"), "Møde A", first_theme)
    broken = tmp_path / "skabeloner"
    broken.mkdir()
    (broken / "guide.html").write_text("{{ v.findes_ikke }}", encoding="utf-8")

    result = CliRunner().invoke(cli, ["build", "a.yaml", "-o", "ud", "--templates", str(broken)])

    assert result.exit_code == 1
    assert result.stderr.startswith("Fejl i a.yaml: skabelonen 'guide.html' bruger en ukendt værdi")
    assert not (Path("ud/a") / MANIFEST_NAME).exists()


def test_build_a_directory_builds_its_meeting_files(first_theme):
    Path("moeder/under").mkdir(parents=True)
    write_meeting(Path("moeder/a.yaml"), "Møde A", first_theme)
    write_meeting(Path("moeder/under/ikke-med.yaml"), "Ikke med", first_theme)
    Path("moeder/noter.txt").write_text("ikke en mødefil", encoding="utf-8")
    assert collect_meeting_files([Path("moeder"), Path("moeder/a.yaml")]) == [Path("moeder/a.yaml")]
    Path("tom").mkdir()
    with pytest.raises(MeetingError, match="tom: mappen indeholder ingen mødefiler"):
        collect_meeting_files([Path("tom")])


def test_two_meetings_with_the_same_folder_fail_the_second(first_theme):
    Path("x").mkdir()
    write_meeting(Path("a.yaml"), "Møde A", first_theme)
    write_meeting(Path("x/a.yaml"), "Møde A igen", first_theme)
    result = build_packs([Path("a.yaml"), Path("x/a.yaml")], out_dir=Path("ud"), jobs=1)
    assert [o.status for o in result.outcomes] == [Status.BUILT, Status.FAILED]
    assert result.outcomes[1].message == (
        "Fejl i x/a.yaml: mødet får samme mappe 'a' som a.yaml; "
        "giv det et andet filnavn eller et andet 'id:' i mødefilen")


# --- the 98 municipalities --------------------------------------------------------------------


def test_make_meetings_writes_98_valid_meetings(tmp_path, catalog, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from bench.make_meetings import make_meetings, read_names

    names = read_names()
    assert len(names) == len(set(names)) == 98
    for name in ("Københavns Kommune", "Frederiksberg Kommune", "Bornholms Regionskommune",
                 "Høje-Taastrup Kommune", "Ærø Kommune", "Læsø Kommune", "Fanø Kommune",
                 "Samsø Kommune", "Lyngby-Taarbæk Kommune", "Aabenraa Kommune"):
        assert name in names
    assert not any("Christiansø" in n for n in names)

    paths = make_meetings(tmp_path / "a")
    assert len(paths) == 98
    meetings = [load_meeting(p, catalog) for p in paths]
    assert sorted(m.municipality for m in meetings) == sorted(names)
    assert len({m.id for m in meetings}) == 98
    assert len({m.themes for m in meetings}) > 3  # themes vary
    again = make_meetings(tmp_path / "b", count=5)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths[:5]]  # deterministic
