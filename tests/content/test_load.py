"""Tests of the catalog loader on small test catalogs (never the shipped content, which changes)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from workbook.content import model
from workbook.content.load import check_catalog, load_catalog
from workbook.errors import CatalogError, Problem

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
GOOD = DATA / "good"
TODAY = dt.date(2026, 11, 23)

#: Each malformed fixture under tests/data/catalog/bad/, added to a copy of the good test catalog
#: in ``katalog/``, and the exact problems it must give (file:line: item 'id': field: message).
BAD_FIXTURES: dict[str, list[str]] = {
    "bad-yaml": [
        "katalog/bad-yaml.yaml:4: ugyldig YAML: et kolon står et sted, hvor det ikke må "
        "(sæt teksten i anførselstegn)",
    ],
    "tab-indent": [
        "katalog/tab-indent.yaml:3: ugyldig YAML: tabulatortegn må ikke bruges til indrykning",
    ],
    "duplicate-key": [
        "katalog/duplicate-key.yaml:4: ugyldig YAML: nøglen 'title' står to gange",
    ],
    "duplicate-id": [
        "katalog/other.yaml:12: kilde 'kilde-lov': id'et er brugt før "
        "(katalog/duplicate-id.yaml:2)",
        "katalog/themes.yaml:14: spørgsmål 'frivillige-q1': id'et er brugt før "
        "(katalog/duplicate-id.yaml:11)",
    ],
    "dangling-reference": [
        "katalog/dangling-reference.yaml:8: eksempel 'lokalt-eksempel': feltet 'sources': "
        "henviser til ukendt kilde 'kilde-findes-ikke'",
        # an id of the wrong kind does not resolve either
        "katalog/dangling-reference.yaml:13: ordforklaring 'ord-borgerbudget': feltet 'sources': "
        "henviser til ukendt kilde 'besoegsvenner'",
    ],
    "missing-hjemmel": [
        "katalog/missing-hjemmel.yaml:6: juridisk svar 'forsikring-01': feltet 'hjemmel' mangler "
        "eller er tomt",
        "katalog/missing-hjemmel.yaml:14: juridisk svar 'forsikring-02': feltet 'hjemmel' mangler "
        "eller er tomt",
    ],
    "missing-source": [
        "katalog/missing-source.yaml:6: juridisk svar 'forsikring-01': feltet 'sources' mangler "
        "eller er tomt",
    ],
    "bad-url": [
        "katalog/bad-url.yaml:5: kilde 'kilde-uden-protokol': feltet 'url': 'www.kl.dk/frivillige' "
        "er ikke en gyldig URL (skal begynde med https:// eller http://)",
        "katalog/bad-url.yaml:10: kilde 'kilde-med-mellemrum': feltet 'url': "
        "'https://www.kl.dk/frivillige og foreninger' er ikke en gyldig URL",
        "katalog/bad-url.yaml:15: kilde 'kilde-uden-vaert': feltet 'url': 'https://localhost/side' "
        "er ikke en gyldig URL",
    ],
    "future-review": [
        "katalog/future-review.yaml:12: juridisk svar 'forsikring-01': feltet 'reviewed': datoen "
        "2026-12-24 ligger i fremtiden",
        "katalog/future-review.yaml:18: kilde 'kilde-fremtid': feltet 'date': datoen 2027-01-01 "
        "ligger i fremtiden",
    ],
    "unknown-field": [
        "katalog/unknown-field.yaml:7: kilde 'kilde-ny': ukendt felt 'forfatter' (kendte felter: "
        "id, title, publisher, url, date, consulted, note)",
    ],
    "certainty-without-note": [
        "katalog/certainty-without-note.yaml:13: juridisk svar 'forsikring-01': feltet "
        "'certainty_note' mangler: et svar, der er 'uklar', skal sige, hvad der er usikkert, og "
        "hvem man spørger",
    ],
    "bad-certainty": [
        "katalog/bad-certainty.yaml:12: juridisk svar 'forsikring-01': feltet 'reviewed': skal "
        "være en dato som ÅÅÅÅ-MM-DD, ikke '2026-06-1'",
        "katalog/bad-certainty.yaml:13: juridisk svar 'forsikring-01': feltet 'certainty': 'måske' "
        "er ikke en af sikker, sandsynlig, uklar",
    ],
    "bad-hjemmel": [
        "katalog/bad-hjemmel.yaml:9: juridisk svar 'hjemmel-01': feltet 'hjemmel': punkt 1: § 18 b "
        "findes ikke i serviceloven (LBK nr. 1129 af 22.9.2025); punkt 2: § 18 i serviceloven "
        "(LBK nr. 1129 af 22.9.2025) har kun 3 stk., ikke stk. 4",
        "katalog/bad-hjemmel.yaml:17: juridisk svar 'hjemmel-02': feltet 'hjemmel': punkt 1: ukendt "
        "lov 'servicelov' (mente du 'serviceloven'?); kendte love står i law-index.json; punkt 2: "
        "§ 153 i serviceloven (LBK nr. 1129 af 22.9.2025) er ophævet; punkt 3: "
        "'beskaeftigelsesreform § 4': en ændringslov citeres som helhed; skriv kun "
        "'beskaeftigelsesreform'; punkt 4: 'Barnets lov § 135' skal skrives som "
        "'<lov-id> § 18 a, stk. 2' (lov-id med små bogstaver)",
        "katalog/bad-hjemmel.yaml:34: ændring 'hjemmel-03': feltet 'status': 'måske' er ikke "
        "en af vedtaget, forventet",
    ],
    "sheet-name": [
        "katalog/sheet-name.yaml:4: tema 'lang-titel': feltet 'short_title': højst 31 tegn "
        "(er 40), det bliver et arknavn i Excel",
        "katalog/sheet-name.yaml:20: tema 'tegn-i-titel': feltet 'short_title': tegnene / : ? må "
        "ikke stå i et arknavn",
        "katalog/themes.yaml:4: tema 'frivillige': feltet 'short_title': 'Frivillige' bruges også "
        "af temaet 'samme-arknavn'",
    ],
    "wrong-types": [
        "katalog/wrong-types.yaml:2: tema 'Forkert_Id': feltet 'id': må kun indeholde små "
        "bogstaver a-z, tal og bindestreger",
        "katalog/wrong-types.yaml:5: tema 'Forkert_Id': feltet 'summary': skal være tekst, ikke "
        "en liste",
        "katalog/wrong-types.yaml:7: tema 'Forkert_Id': feltet 'key_points': skal være en liste, "
        "ikke tekst",
        "katalog/wrong-types.yaml:8: tema 'Forkert_Id': feltet 'minutes': skal være et helt tal, "
        "ikke tekst",
        "katalog/wrong-types.yaml:9: tema 'Forkert_Id': feltet 'questions': punkt 2 skal være en "
        "samling af felter (nøgle: værdi), ikke tekst",
        "katalog/wrong-types.yaml:10: spørgsmål 'typer-q1': feltet 'text' mangler eller er tomt",
    ],
    "wording": [
        "katalog/wording.yaml:15: tjekpunkt 'ordlyd-t1': feltet 'decisions': 'partnerskaber-b1' er "
        "ikke en beslutning i temaet 'ordlyd'",
        "katalog/wording.yaml:15: tjekpunkt 'ordlyd-t1': feltet 'decisions': 'findes-ikke' er ikke "
        "en beslutning i temaet 'ordlyd'",
        "katalog/wording.yaml:18: beslutning 'ordlyd-b1': feltet 'text': skriv kun det, der følger "
        "efter »at« (fx »forvaltningen udarbejder …«), uden forsamlingens navn og uden punktum til sidst",
        "katalog/wording.yaml:20: beslutning 'ordlyd-b2': feltet 'text': skriv kun det, der følger "
        "efter »at« (fx »forvaltningen udarbejder …«), uden forsamlingens navn og uden punktum til sidst",
    ],
    "bad-competence-area": [
        "katalog/bad-competence-area.yaml:18: beslutning 'kompetence-b1': feltet 'competence': "
        "'borgmesteren' er ikke en af kommunalbestyrelse, udvalg",
        "katalog/bad-competence-area.yaml:26: eksempel 'ordlyd-eksempel': feltet 'areas': 'skole' er "
        "ikke et fagområde (kendte: aeldre, boern-unge, voksne-handicap, beskaeftigelse, kultur-fritid)",
    ],
    "unknown-section": [
        "katalog/unknown-section.yaml:1: ukendt afsnit 'temaer' (tilladte afsnit: catalog, "
        "themes, legal_topics, cases, sources, glossary)",
        "katalog/unknown-section.yaml:3: afsnittet 'sources' skal være en liste",
    ],
}


def _texts(problems) -> list[str]:
    """The problems as printed; every one is a located ``errors.Problem``."""
    assert all(isinstance(p, Problem) for p in problems)
    return [str(p) for p in problems]


def _catalog_with(*extra: Path) -> Path:
    """Copy the good test catalog to ``katalog/`` in the working directory, plus ``extra`` files."""
    target = Path("katalog")
    shutil.copytree(GOOD, target)
    for path in extra:
        shutil.copy(path, target / path.name)
    return target


def test_every_bad_fixture_is_covered() -> None:
    assert sorted(p.stem for p in (DATA / "bad").glob("*.yaml")) == sorted(BAD_FIXTURES)


@pytest.mark.parametrize("name", sorted(BAD_FIXTURES))
def test_bad_fixture_gives_exact_located_problems(name: str) -> None:
    data_dir = _catalog_with(DATA / "bad" / f"{name}.yaml")
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    assert _texts(info.value.problems) == BAD_FIXTURES[name]
    expected = "\n".join(
        [f"Indholdskataloget har fejl ({len(BAD_FIXTURES[name])}):"]
        + [f"  {p}" for p in BAD_FIXTURES[name]]
    )
    assert str(info.value) == expected


def test_problem_names_item_and_field_apart() -> None:
    data_dir = _catalog_with(DATA / "bad" / "wording.yaml")
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    first = info.value.problems[0]
    assert (first.where, first.kind, first.item, first.field) == (
        "katalog/wording.yaml:15", "tjekpunkt", "ordlyd-t1", "decisions")


def test_every_problem_of_every_file_is_reported_at_once() -> None:
    names = ["bad-url", "missing-source", "unknown-field", "bad-yaml"]
    data_dir = _catalog_with(*(DATA / "bad" / f"{n}.yaml" for n in names))
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    # sorted by file, then line
    assert _texts(info.value.problems) == [p for n in sorted(names) for p in BAD_FIXTURES[n]]


def test_good_catalog_loads_with_every_field_typed() -> None:
    result = check_catalog(data_dir=GOOD, today=TODAY)
    cat = result.catalog
    assert tuple(_texts(result.warnings)) == ()
    assert cat.info == model.CatalogInfo("9999.1", dt.date(2026, 1, 15), "Testkatalog")
    assert cat.version == "9999.1"
    assert cat.theme_ids == ("frivillige", "partnerskaber", "alfa", "beta", "gamma")
    theme = cat.theme("frivillige")
    assert (
        theme.background
        == "Frivillige hjælper ved siden af de ansatte.\nRollerne skal være klare."
    )
    assert [q.id for q in theme.questions] == ["frivillige-q1", "frivillige-q2"]
    assert theme.questions[0].hint == "Tænk på borgerens perspektiv."
    assert [c.id for c in theme.checklist] == ["frivillige-t1", "frivillige-t2", "frivillige-t3", "frivillige-t4"]
    assert theme.legal_topics == ("tavshed",)
    answer = cat.legal_topic("tavshed").answers[0]
    assert [h.label for h in answer.hjemmel] == [
        "Forvaltningsloven § 27, stk. 1", "Straffeloven §§ 152, 152 a og 152 c"]
    assert answer.hjemmel[0].number == "LBK nr. 433 af 22.4.2014"
    assert answer.hjemmel[0].eli == "https://www.retsinformation.dk/eli/lta/2014/433"
    assert cat.laws["forvaltningsloven"].number == "LBK nr. 433 af 22.4.2014"
    assert answer.changes == (
        model.Change("Reglerne om tavshedspligt blev samlet i forvaltningsloven", dt.date(2020, 1, 1)),)
    assert answer.reviewed == dt.date(2026, 6, 1)
    assert answer.certainty is model.Certainty.SANDSYNLIG
    assert answer.certainty.label == "Sandsynlig"
    assert cat.source("kilde-politik").consulted is True
    assert cat.source("kilde-lov").consulted is False
    assert cat.case("besoegsvenner").period == "2025–2026"
    assert cat.get("partnerskaber-b2").note == "Første gang i 2027."
    assert cat.get("partnerskaber-b2").competence is model.Competence.UDVALG
    assert cat.get("partnerskaber-b1").competence is model.Competence.KOMMUNALBESTYRELSE
    assert cat.get("partnerskaber-t2").rubric == "Ja: for alle partnerskaber; Delvist: for nogle"
    assert cat.get("partnerskaber-t2").decisions == ("partnerskaber-b2",)
    assert cat.get("partnerskaber-t1").decisions == () and cat.get("partnerskaber-t1").rubric == ""
    assert cat.case("besoegsvenner").areas == ()
    assert cat.get("findes-ikke") is None
    with pytest.raises(KeyError):
        cat.theme("kilde-lov")  # an id of another kind is not a theme
    assert len(cat.content_hash) == 64


def test_missing_catalog_section_is_an_error() -> None:
    data_dir = _catalog_with()
    (data_dir / "catalog.yaml").unlink()
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    assert _texts(info.value.problems) == [
        "kataloget mangler afsnittet 'catalog:' med version, date og title"
    ]


def test_catalog_date_in_the_future_and_twice_is_located() -> None:
    data_dir = _catalog_with()
    text = (data_dir / "catalog.yaml").read_text(encoding="utf-8")
    (data_dir / "catalog.yaml").write_text(
        text.replace("2026-01-15", "2026-12-01"), encoding="utf-8"
    )
    (data_dir / "zz-catalog.yaml").write_text(
        "catalog:\n  version: '2'\n  date: 2026-01-01\n  title: Igen\n", encoding="utf-8"
    )
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    assert _texts(info.value.problems) == [
        "katalog/catalog.yaml:4: afsnittet 'catalog': datoen 2026-12-01 ligger i fremtiden",
        "katalog/zz-catalog.yaml:1: afsnittet 'catalog' står også i katalog/catalog.yaml:2",
    ]


# --- overlay ---------------------------------------------------------------------------------


def test_overlay_replaces_items_in_place_and_adds_new_ones() -> None:
    base = check_catalog(data_dir=GOOD, today=TODAY).catalog
    cat = check_catalog(overlay=DATA / "overlay", data_dir=GOOD, today=TODAY).catalog
    # replaced: same id, the overlay's content, the same place in the catalog order
    assert cat.theme_ids == base.theme_ids == ("frivillige", "partnerskaber", "alfa", "beta", "gamma")
    assert cat.theme("partnerskaber").title == "Partnerskaber i Fjordby"
    assert cat.theme("partnerskaber").minutes == 25
    assert [c.id for c in cat.theme("partnerskaber").checklist] == ["partnerskaber-t1"]
    assert cat.get("partnerskaber-t2") is None  # sub-items go with the replaced theme
    assert cat.source("kilde-politik").publisher == "Fjordby Kommune"
    assert [s.id for s in cat.sources] == [
        "kilde-lov", "kilde-politik", "kilde-kl", "kilde-strategi", "kilde-ombudsmand", "kilde-udbud"]
    # added
    assert [c.id for c in cat.cases] == ["besoegsvenner", "fjordby-besoegsvenner"]
    assert cat.theme("partnerskaber").cases == ("fjordby-besoegsvenner",)
    # untouched, and the catalog's identity stays the shipped one
    assert cat.theme("frivillige") == base.theme("frivillige")
    assert cat.info == base.info
    assert cat.content_hash != base.content_hash


def test_overlay_refuses_another_kind_a_duplicate_and_a_catalog_section() -> None:
    with pytest.raises(CatalogError) as info:
        check_catalog(overlay=DATA / "overlay-bad", data_dir=GOOD, today=TODAY)
    label = "tests/data/catalog/overlay-bad/lokalt.yaml"
    assert _texts(info.value.problems) == [
        f"{label}:1: afsnittet 'catalog' hører til det udleverede katalog og kan ikke stå i "
        "lokalt indhold",
        f"{label}:6: ordforklaring 'kilde-lov': id'et findes allerede som kilde; et lokalt punkt "
        "kan kun erstatte et punkt af samme slags",
        f"{label}:16: eksempel 'nyt-eksempel': id'et er brugt før ({label}:10)",
    ]


def test_overlay_is_validated_like_the_catalog() -> None:
    overlay = Path("lokalt")
    overlay.mkdir()
    shutil.copy(DATA / "bad" / "dangling-reference.yaml", overlay)
    with pytest.raises(CatalogError) as info:
        check_catalog(overlay=overlay, data_dir=GOOD, today=TODAY)
    assert _texts(info.value.problems) == [
        p.replace("katalog/", "lokalt/") for p in BAD_FIXTURES["dangling-reference"]
    ]


def test_overlay_folder_missing_or_empty() -> None:
    with pytest.raises(CatalogError) as info:
        check_catalog(overlay=Path("findes-ikke"), data_dir=GOOD, today=TODAY)
    assert (
        str(info.value)
        == "Lokalt indhold (1):\n  findes-ikke: mappen med lokalt indhold findes ikke"
    )
    Path("tom").mkdir()
    with pytest.raises(CatalogError) as info:
        check_catalog(overlay=Path("tom"), data_dir=GOOD, today=TODAY)
    assert _texts(info.value.problems) == ["tom: mappen indeholder ingen .yaml-filer"]


# --- warnings --------------------------------------------------------------------------------


def test_review_older_than_twelve_months_is_a_warning() -> None:
    result = check_catalog(overlay=DATA / "overlay-old-review", data_dir=GOOD, today=TODAY)
    # 2025-11-22 is 366 days before TODAY: a warning; 2025-11-23 (365 days) is not yet
    assert tuple(_texts(result.warnings)) == (
        "tests/data/catalog/overlay-old-review/tavshed.yaml:12: juridisk svar 'tavshed-01': "
        "senest gennemgået 2025-11-22, over 12 måneder siden: gennemgå svaret mod kilderne",
    )
    assert result.catalog.legal_topic("tavshed").answers[0].reviewed == dt.date(2025, 11, 22)


def test_stale_citation_and_passed_expected_change_are_warnings() -> None:
    result = check_catalog(overlay=DATA / "overlay-stale-hjemmel", data_dir=GOOD, today=TODAY)
    assert [w.where.rsplit("/", 1)[-1] for w in result.warnings] == ["stale.yaml:9", "stale.yaml:14"]
    assert [(w.kind, w.item, w.field) for w in result.warnings] == [
        ("juridisk svar", "boern-01", "hjemmel"), ("juridisk svar", "boern-01", "changes")]
    assert [w.message for w in result.warnings] == [
        "'barnets-lov-lbk-83-2024 § 17' henviser til LBK nr. 83 af 25.1.2024, men den gældende udgave er "
        "LBK nr. 282 af 17.3.2025; skriv 'barnets-lov' i stedet for 'barnets-lov-lbk-83-2024'",
        "ændringen »En ny regel, der var planlagt« var forventet 2026-07-01, som er passeret: skriv, hvad der "
        "er sket (status 'vedtaget' eller en ny dato)",
    ]
    hjemmel = result.catalog.legal_topic("boern").answers[0].hjemmel
    assert [h.label for h in hjemmel] == ["Barnets lov § 17", "Barnets lov § 17, stk. 2"]
    assert hjemmel[0].number == "LBK nr. 282 af 17.3.2025"  # the current act, also for an old citation


def test_load_catalog_logs_the_warnings(caplog: pytest.LogCaptureFixture) -> None:
    cat = load_catalog(DATA / "overlay-old-review", today=TODAY, data_dir=GOOD)
    assert cat.theme_ids == ("frivillige", "partnerskaber", "alfa", "beta", "gamma")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "senest gennemgået 2025-11-22" in warnings[0]


def test_result_is_reused_until_a_file_changes() -> None:
    data_dir = _catalog_with()
    first = check_catalog(data_dir=data_dir, today=TODAY)
    assert check_catalog(data_dir=data_dir, today=TODAY) is first
    (data_dir / "zz-extra.yaml").write_text(
        "glossary:\n  - id: ord-ny\n    term: Ny\n    definition: Et nyt ord.\n", encoding="utf-8"
    )
    second = check_catalog(data_dir=data_dir, today=TODAY)
    assert [g.id for g in second.catalog.glossary] == [
        "ord-frivillig", "ord-alliance", "ord-oekonomi", "ord-aeldreraad", "ord-ny"]


def test_a_file_that_cannot_be_parsed_is_not_buried_under_reference_errors() -> None:
    data_dir = _catalog_with()
    # other.yaml holds the sources and the case the themes refer to; break it
    text = (data_dir / "other.yaml").read_text(encoding="utf-8")
    (data_dir / "other.yaml").write_text(text.replace("sources:", "sources: [", 1), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        check_catalog(data_dir=data_dir, today=TODAY)
    texts = _texts(info.value.problems)
    assert len(texts) == 1 and texts[0].startswith("katalog/other.yaml:") and "ugyldig YAML" in texts[0]
