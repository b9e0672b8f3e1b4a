"""Tests for the guide's view model (pure: no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.guide.view import build_view
from workbook.meeting.load import load_meeting


def test_source_title_ending_a_sentence_gets_no_second_full_stop(catalog) -> None:
    example = Path(__file__).resolve().parent.parent.parent / "examples" / "kommunalbestyrelse-temamoede.yaml"
    view = build_view(load_meeting(example, catalog), catalog)
    ends = {s.title[-1] if s.title[-1] in ".?" else "other": s.title_end for s in view.sources}
    assert ends == {"?": "", ".": "", "other": "."}


# --- each text once, only what the guide uses, worded for the forum ----------------------------

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@pytest.fixture(scope="module")
def views(catalog):
    """The view of every example meeting, by file stem."""
    return {path.stem: build_view(load_meeting(path, catalog), catalog) for path in EXAMPLES.glob("*.yaml")}


def test_a_legal_answer_is_given_once_briefly_and_once_in_full(views, catalog):
    view = views["kommunalbestyrelse-temamoede"]
    briefs = [b.home for c in view.chapters for box in c.legal for b in box.answers]
    full = [a.anchor for t in view.legal_annex for a in t.answers]
    assert len(briefs) == len(set(briefs)) and len(full) == len(set(full))
    spans = [box.more for c in view.chapters for box in c.legal if box.more]  # no room in the chapter
    numbers = {a.anchor: a.number for t in view.legal_annex for a in t.answers}
    given = set(briefs) | {a for a, n in numbers.items() if any(_in_span(n, s) for s in spans)}
    assert given == set(full)
    assert [a.number for t in view.legal_annex for a in t.answers] == [f"A.{i}" for i in range(1, len(full) + 1)]
    for chapter in view.chapters:
        for box in chapter.legal:
            if not box.answers:  # a topic given before is referred to, with the chapter that has it
                earlier = next(c for c in view.chapters if c.number == box.earlier_number)
                assert earlier.number < chapter.number
                assert any(b.anchor == box.earlier for b in earlier.legal)
    briefs = [b for c in view.chapters for box in c.legal for b in box.answers]
    for brief in briefs:  # a short answer, or (past the chapter's length goal) the question alone
        answer = catalog.get(brief.home.removeprefix("jura-"))
        assert brief.short in ("", answer.short)
    assert sum(bool(b.short) for b in briefs) >= len(briefs) * 0.6


def _in_span(number: str, span: str) -> bool:
    first, _, last = span.partition("–")
    value = int(number[2:])
    return int(first[2:]) <= value <= int((last or first)[2:])


def test_a_case_is_printed_once_and_later_chapters_refer_to_it(views):
    for view in views.values():
        printed = [case.anchor for c in view.chapters for case in c.cases]
        assert len(printed) == len(set(printed))
        for chapter in view.chapters:
            for ref in chapter.case_refs:
                assert ref.anchor in printed and ref.chapter < chapter.number


def test_glossary_and_sources_hold_only_what_the_guide_uses(views, catalog):
    from workbook.guide.used import term_pattern
    from workbook.guide.view import theme_texts
    from workbook.meeting.plan import select_themes

    for stem, view in views.items():
        meeting = load_meeting(EXAMPLES / f"{stem}.yaml", catalog)
        text = "\n".join(t for s in select_themes(meeting, catalog) for t in theme_texts(s.theme))
        used = {g.term for g in catalog.glossary if term_pattern(g.term).search(text)}
        assert {g.term for g in view.glossary} == used
        assert len(used) < len(catalog.glossary)
        cited = [r for c in view.chapters for r in (*c.sources, *(r for k in c.cases for r in k.sources))]
        cited += [r for t in view.legal_annex for a in t.answers for r in a.sources]
        cited += [r for g in view.glossary for r in g.sources]
        assert {s.anchor for s in view.sources} == {r.anchor for r in cited}
        assert [s.number for s in view.sources] == list(range(1, len(view.sources) + 1))


def test_a_committee_guide_has_no_council_only_wording(views):
    view = views["socialudvalg"]
    assert view.forum_kind == "udvalg"
    decisions = [d.text for c in view.chapters for d in c.decisions]
    assert decisions and all(d.startswith(("Udvalget beslutter, at ", "Udvalget indstiller til "
                                           "kommunalbestyrelsen, at ")) for d in decisions)
    council = views["kommunalbestyrelse-temamoede"]
    assert all(d.text.startswith("Kommunalbestyrelsen beslutter, at ")
               for c in council.chapters for d in c.decisions)
    assert council.forum_in_sentence == "kommunalbestyrelsen" and view.theme_count == "tre temaer"


def test_a_meeting_about_an_area_gets_what_fits_the_area(catalog):
    from dataclasses import replace

    from workbook.guide.wording import fits_area

    meeting = load_meeting(EXAMPLES / "kommunalbestyrelse-temamoede.yaml", catalog)
    view = build_view(replace(meeting, area="aeldre"), catalog)
    for answer in (a for t in catalog.legal_topics for a in t.answers):
        printed = any(a.anchor == f"jura-{answer.id}" for t in view.legal_annex for a in t.answers)
        assert not printed or fits_area(answer, "aeldre"), answer.id
    for case in catalog.cases:
        printed = any(c.anchor == f"eksempel-{case.id}" for ch in view.chapters for c in ch.cases)
        assert not printed or fits_area(case, "aeldre"), case.id
