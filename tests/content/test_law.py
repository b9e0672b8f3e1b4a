"""Tests of the law index, hjemmel citations and dated changes (against the shipped law index)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from workbook.content import dated, law
from workbook.content.model import Change, ChangeStatus

ROOT = Path(__file__).resolve().parents[2]
# The law texts lie in shared/ beside the checkout (CI, main) or beside the folder of worktrees.
LAW_DIR = next((d for d in (ROOT.parent / "shared" / "law", ROOT.parent.parent / "shared" / "law")
                if d.is_dir()), ROOT.parent / "shared" / "law")


@pytest.mark.parametrize(("text", "label", "number"), [
    ("serviceloven § 18 a, stk. 2", "Serviceloven § 18 a, stk. 2", "LBK nr. 1129 af 22.9.2025"),
    ("barnets-lov § 17", "Barnets lov § 17", "LBK nr. 282 af 17.3.2025"),
    ("straffeloven §§ 152 og 152 a", "Straffeloven §§ 152 og 152 a", "LBK nr. 1294 af 7.11.2025"),
    ("bek-boerneattest-socialomraadet § 2, stk. 1, nr. 9",
     "Bekendtgørelsen om børneattest på det sociale område § 2, stk. 1, nr. 9", "BEK nr. 1690 af 11.12.2023"),
    ("databeskyttelsesforordningen art. 6, stk. 1, litra e", "Databeskyttelsesforordningen art. 6, stk. 1, litra e",
     "forordning (EU) 2016/679"),
    ("forsikring-af-frivillige", "Lov om ændring af serviceloven (forsikring af frivillige)",
     "lov nr. 237 af 15.3.2017"),
    ("barnets-lov § 135 (almindelig underretningspligt)", "Barnets lov § 135 (almindelig underretningspligt)",
     "LBK nr. 282 af 17.3.2025"),
])
def test_citations_resolve_with_label_number_and_eli(text, label, number):
    hjemmel = law.parse_hjemmel(text)
    assert hjemmel.label == label
    assert hjemmel.number == number
    assert hjemmel.eli.startswith("https://")
    assert law.stale_warning(hjemmel) is None


@pytest.mark.parametrize(("text", "message"), [
    ("serviceloven § 18 b", "§ 18 b findes ikke i serviceloven (LBK nr. 1129 af 22.9.2025)"),
    ("forvaltningsloven § 27, stk. 8",
     "§ 27 i forvaltningsloven (LBK nr. 433 af 22.4.2014) har kun 7 stk., ikke stk. 8"),
    ("udbudsloven § 54, stk. 1, nr. 9", "har ingen numre, ikke nr. 9"),
    ("serviceloven §§ 152 og 153", "§ 153 i serviceloven (LBK nr. 1129 af 22.9.2025) er ophævet"),
    ("databeskyttelsesforordningen § 6", "citeres med 'art.', ikke '§'"),
    ("kommunalfuldmagten § 1", "reglerne har ingen paragraffer"),
    ("serviceloven paragraf 18", "skal skrives som"),
])
def test_unknown_provisions_are_errors(text, message):
    with pytest.raises(law.HjemmelError, match=message.replace("(", r"\(").replace(")", r"\)")):
        law.parse_hjemmel(text)


def test_older_consolidation_is_checked_against_its_own_text_and_warned_about():
    hjemmel = law.parse_hjemmel("barnets-lov-lbk-83-2024 § 17")
    assert hjemmel.act.id == "barnets-lov" and hjemmel.cited == "barnets-lov-lbk-83-2024"
    assert "LBK nr. 83 af 25.1.2024" in law.stale_warning(hjemmel)
    assert hjemmel.eli == "https://www.retsinformation.dk/eli/lta/2025/282"


def test_every_shipped_answer_has_a_short_answer_and_a_checked_hjemmel():
    from workbook.content.load import check_catalog

    catalog = check_catalog().catalog
    for topic in catalog.legal_topics:
        for answer in topic.answers:
            assert answer.short, answer.id
            assert all(h.act.id in catalog.laws for h in answer.hjemmel), answer.id


@pytest.mark.skipif(not LAW_DIR.is_dir(), reason="the law texts (shared/law) are not on this machine")
def test_committed_index_is_what_the_tool_makes_from_the_law_texts():
    spec = importlib.util.spec_from_file_location("make_law_index", ROOT / "tools" / "make_law_index.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    committed = json.loads(law.INDEX_PATH.read_text(encoding="utf-8"))
    made = tool.build(LAW_DIR, None, committed)  # the acts from the mirror are kept as committed
    assert made == committed
    assert made["acts"]["serviceloven"]["provisions"]["18"] == [0, 0, 0]
    assert made["acts"]["udbudsloven"]["provisions"]["54"] == [0, 0, 0]
    assert made["acts"]["udbudsloven"]["provisions"]["190"] == [0, 4, 0, 0]
    assert made["acts"]["folkeoplysningsloven"]["number"] == "LBK nr. 1115 af 31.8.2018"
    assert made["acts"]["folkeoplysningsloven"]["older"][0]["number"] == "LBK nr. 854 af 11.7.2011"


ON = dt.date(2027, 2, 4)


@pytest.mark.parametrize(("change", "expected"), [
    (Change("Jobcenterkravet blev afskaffet", dt.date(2026, 2, 1)),
     "Jobcenterkravet blev afskaffet. Trådte i kraft 1. februar 2026."),
    (Change("Nye regler om tilbud", dt.date(2027, 7, 1), ChangeStatus.VEDTAGET),
     "Nye regler om tilbud. Træder i kraft 1. juli 2027."),
    (Change("En ny hovedlov", dt.date(2028, 1, 1), ChangeStatus.FORVENTET),
     "En ny hovedlov. Træder efter planen i kraft 1. januar 2028."),
    (Change("En ny hovedlov.", dt.date(2027, 1, 1), ChangeStatus.FORVENTET),
     "En ny hovedlov. Var planlagt til at træde i kraft 1. januar 2027; det er ikke bekræftet, at det er sket."),
])
def test_changes_are_worded_from_the_meeting_date(change, expected):
    assert dated.describe_change(change, ON) == expected
    assert dated.overdue(change, ON) is (change.status is ChangeStatus.FORVENTET and change.date < ON)


#: First-person research notes the administration cannot put its name to (issue 11).
RESEARCH_NOTES = ("ikke set", "ikke efterset", "vi har ikke", "vores kilder", "ifølge to", "afkortet i kilden",
                  "de kilder, vi", "efter de fundne kilder", "ikke fundet nogen", "har vi ikke")


def test_legal_texts_speak_as_the_administration():
    from workbook.content.load import check_catalog

    catalog = check_catalog().catalog
    texts = [(a.id, " ".join([a.short, a.answer, a.certainty_note, *a.practice, *a.pitfalls,
                               *(c.text for c in a.changes)]))
             for topic in catalog.legal_topics for a in topic.answers]
    texts += [(g.id, g.definition) for g in catalog.glossary]
    texts += [(s.id, f"{s.title} {s.note}") for s in catalog.sources if s.id.startswith("jura-")]
    found = [(item, phrase) for item, text in texts for phrase in RESEARCH_NOTES if phrase in text.casefold()]
    assert found == []
