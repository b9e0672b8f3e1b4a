"""Partial overlay items: changing one field of one item never requires copying the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.content.load import check_catalog
from workbook.errors import CatalogError

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
GOOD = DATA / "good"
TODAY = dt.date(2026, 11, 23)


def _overlay(text: str) -> Path:
    folder = Path("lokalt")
    folder.mkdir(exist_ok=True)
    (folder / "lokalt.yaml").write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        check_catalog(overlay=folder, data_dir=GOOD, today=TODAY)
    return [str(p) for p in info.value.problems]


def test_a_partial_item_changes_only_the_fields_it_gives() -> None:
    base = check_catalog(data_dir=GOOD, today=TODAY).catalog
    folder = _overlay("""themes:
  - id: frivillige
    title: Frivillige i Fjordby
    decisions:
      - id: frivillige-b1
        text: forvaltningen laver en frivilligpolitik sammen med foreningerne
    checklist:
      - id: frivillige-t2
        statement: Alle ledere kender politikken.
      - id: frivillige-t3
        remove: true
      - id: frivillige-t9
        statement: Frivillige får en kontaktperson.
sources:
  - id: kilde-politik
    publisher: Fjordby Kommune
""")
    cat = check_catalog(overlay=folder, data_dir=GOOD, today=TODAY).catalog
    theme, before = cat.theme("frivillige"), base.theme("frivillige")
    assert theme.title == "Frivillige i Fjordby"
    assert (theme.summary, theme.background, theme.minutes, theme.questions) == (
        before.summary, before.background, before.minutes, before.questions)
    assert theme.decisions[0].text == "forvaltningen laver en frivilligpolitik sammen med foreningerne"
    assert [(c.id, c.statement) for c in theme.checklist] == [
        ("frivillige-t1", "Vi har en frivilligpolitik."),
        ("frivillige-t2", "Alle ledere kender politikken."),
        ("frivillige-t4", "Frivillige ved, hvem de kan spørge."),
        ("frivillige-t9", "Frivillige får en kontaktperson."),
    ]
    assert theme.checklist[0].help == "Se kommunens hjemmeside."  # untouched field of a nested item
    assert cat.source("kilde-politik").publisher == "Fjordby Kommune"
    assert cat.source("kilde-politik").title == base.source("kilde-politik").title
    assert cat.theme("partnerskaber") == base.theme("partnerskaber")


def test_partial_items_are_checked_where_they_stand() -> None:
    folder = _overlay("""themes:
  - id: frivilige
    title: Stavefejl
  - id: frivillige
    titel: Dansk nøgle
    checklist:
      - id: frivillige-t8
        remove: true
      - id: frivillige-t9
        help: kun hjælp
""")
    label = "lokalt/lokalt.yaml"
    assert _problems(folder) == [
        f"{label}:2: tema 'frivilige': id'et findes ikke i kataloget som tema; et nyt punkt skal have alle "
        "felter (mangler: short_title, summary, background, key_points, questions, checklist, decisions, minutes)",
        f"{label}:5: tema 'frivillige': ukendt felt 'titel' (kendte felter: id, title, short_title, summary, "
        "background, key_points, questions, checklist, decisions, minutes, legal_topics, cases, sources)",
        f"{label}:7: tjekpunkt 'frivillige-t8': findes ikke og kan ikke fjernes",
        f"{label}:9: tjekpunkt 'frivillige-t9': feltet 'statement' mangler eller er tomt",
    ]
