"""The report's contents as a reader sees them: the written summary first, Ved ikke apart, decisions, names only."""

from __future__ import annotations

import dataclasses

from pdftext import pdf_text


def _with_decision(catalog, item_id: str):
    """The test catalog with ``item_id`` linked to its theme's decision (``ChecklistItem.decisions``)."""
    themes = tuple(dataclasses.replace(t, checklist=tuple(
        dataclasses.replace(i, decisions=(t.decisions[0].id,)) if i.id == item_id else i for i in t.checklist))
        for t in catalog.themes)
    return dataclasses.replace(catalog, themes=themes)


def test_summary_first_ved_ikke_apart_decisions_and_file_names_only(tmp_path, fill):
    folder = tmp_path / "ind"
    noted = {"answer": "Nej", "comment": "Ingen aftale endnu."}
    fill(folder / "a.xlsx", {0: "Ja", 1: "Ja", 4: "Nej", 5: noted}, "Anne")
    fill(folder / "b.xlsx", {0: "Nej", 1: "Ved ikke", 4: "Nej", 5: "Delvist"}, "Bo")
    fill(folder / "c.xlsx", {0: "Ja", 1: "Ved ikke", 4: "Ved ikke", 5: "Ja"}, "Carl")
    result = fill.report([folder], tmp_path / "ud", pdf=True, catalog=_with_decision(fill.catalog, fill.ids[5]))
    text = pdf_text(tmp_path / "ud" / "statusrapport.pdf")
    lead = text.index("Sammenfatning")
    assert lead < text.index("Samlet overblik") < text.index("Ét punkt pr. udsagn, som nogen har svaret Nej")
    summary = text[lead:text.index("Samlet overblik")]
    assert "Længst fra mål er tema 2" in summary and "Længst fremme er tema 1" in summary
    assert "Størst er uenigheden om 1.1" in summary and "3 svar er »Ved ikke«" in summary
    first = result.summary.themes[0].counts  # Ja 3, Nej 1, Ved ikke 2: readiness 3/4, not 3/6
    assert first.readiness == 0.75 and round(first.unknown_share, 2) == 0.33
    assert "parathed 75 % · Ved ikke 33 %" in text
    # the statement's decision in the catalog
    assert "Forslag til beslutning: at kommunen indgår en partnerskabsaftale" in text
    assert "Anne (Nej): Ingen aftale endnu." in text
    assert str(tmp_path) not in text and "a.xlsx" in text
