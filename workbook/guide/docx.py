"""The guide as a Word file, from the same view model as the PDF and HTML: for a consultant to edit.

Word's own styles: Title, Heading 1–3, List Number (questions, decisions), List Bullet, Table Grid,
a table-of-contents field and the logo. The PDF stays the document that is published.
"""

from __future__ import annotations

from pathlib import Path

from workbook.guide.model import ChapterView, GuideView, LegalView
from workbook.guide.status import write_status_docx
from workbook.render.docx import WordDocument


def _refs(refs) -> str:
    return " ".join(f"[{r.number}]" for r in refs)


def _front(doc: WordDocument, view: GuideView, logo: Path | None) -> None:
    if logo is not None:
        doc.logo(logo, view.logo_alt)
    doc.paragraph(view.municipality, label="Drøftelsesguide ·")
    doc.title(view.title)
    doc.paragraph(f"{view.forum} · {view.date_long[:1].upper()}{view.date_long[1:]}, kl. {view.start}–{view.end}"
                  f" · {view.place}")
    doc.toc()
    doc.heading("Om denne guide", 1)
    doc.paragraph(f"Guiden er udarbejdet til mødet i {view.forum_in_sentence}, {view.municipality}, "
                  f"{view.date_long}. Kontakt: {view.contact}.")
    doc.paragraph("De juridiske svar er en gennemgang af gældende regler og kilder på det angivne "
                  "tidspunkt. Konkrete sager skal vurderes af kommunens jurister.",
                  label="Vejledende – ikke juridisk rådgivning.")
    doc.paragraph(f"{view.catalog_title}, version {view.catalog_version} af {view.catalog_date}. "
                  f"Udarbejdet {view.generated} med workbook {view.tool_version}.")
    doc.heading("Mødeplan", 1)
    doc.paragraph(f"{view.forum} drøfter {view.theme_count} på {view.total_duration}.")
    rows = [(r.span, f"{r.number} {r.title}" if r.number else r.title, str(r.minutes)) for r in view.agenda]
    rows.append((f"{view.start}–{view.end}", "I alt", str(view.total_minutes)))
    doc.table(("Tid", "Punkt", "Min."), rows, (3.2, 11.0, 1.8))


def _legal_box(doc: WordDocument, chapter: ChapterView) -> None:
    if not chapter.legal:
        return
    doc.heading("Det siger reglerne", 2)
    for box in chapter.legal:
        if not box.answers:
            doc.paragraph(f"se tema {box.earlier_number} og bilag {box.span}.", label=f"{box.title}:")
            continue
        doc.heading(box.title, 3)
        for brief in box.answers:
            doc.paragraph(brief.question, label=brief.number)
            doc.paragraph(f"{brief.short} Læs mere: bilag {brief.number}." if brief.short
                          else f"Svaret står i bilag {brief.number}.")
        if box.more:
            doc.paragraph(f"Flere spørgsmål om emnet: bilag {box.more}.")


def _chapter(doc: WordDocument, chapter: ChapterView) -> None:
    doc.heading(f"{chapter.number} {chapter.title}", 1)
    doc.paragraph(f"Tema {chapter.number} · {chapter.span} · {chapter.minutes} min.", italic=True)
    doc.paragraph(chapter.summary)
    doc.heading("Baggrund", 2)
    for text in chapter.background:
        doc.paragraph(text)
    if chapter.sources:
        doc.paragraph(_refs(chapter.sources), label="Kilder:")
    if chapter.key_points:
        doc.paragraph("", label="Det vigtigste")
        doc.bullets(chapter.key_points)
    _legal_box(doc, chapter)
    doc.heading("Spørgsmål til drøftelse", 2)
    doc.numbered([(q.text, q.note) for q in chapter.questions])
    if chapter.decisions:
        doc.heading("Mulige beslutninger", 2)
        doc.numbered([(d.text, d.note) for d in chapter.decisions])
    if chapter.cases or chapter.case_refs:
        doc.heading("Eksempler fra praksis", 2)
    for case in chapter.cases:
        doc.heading(case.title, 3)
        doc.paragraph(" · ".join(filter(None, (case.place, case.period))), italic=True)
        for text in case.summary:
            doc.paragraph(text)
        if case.lessons:
            doc.paragraph("", label="Det kan vi lære")
            doc.bullets(case.lessons)
        if case.certainty_note:
            doc.paragraph(case.certainty_note, italic=True)
    for ref in chapter.case_refs:
        doc.paragraph(f"Eksemplet »{ref.title}« står under tema {ref.chapter}.", italic=True)
    if chapter.checklist:
        doc.heading("Selvevaluering", 2)
        doc.paragraph("Udsagnene har samme numre som i Excel-arket til selvevaluering.")
        doc.table(("Nr.", "Udsagn"), [(i.number, i.text) for i in chapter.checklist], (1.5, 14.5))


def _legal_full(doc: WordDocument, answer: LegalView) -> None:
    doc.heading(f"{answer.number} {answer.question}", 3)
    for text in answer.answer:
        doc.paragraph(text)
    doc.paragraph("; ".join(f"{h.label} ({h.number})" if h.number else h.label for h in answer.hjemmel),
                  label="Hjemmel:")
    for label, items in (("I praksis", answer.practice), ("Faldgruber", answer.pitfalls)):
        if items:
            doc.paragraph("", label=label)
            doc.bullets(items)
    for text in answer.changes:
        doc.paragraph(text, label="Hvad er ændret:")
    if answer.uncertain:
        doc.paragraph(answer.certainty_note, label=f"{answer.certainty}:")
    doc.paragraph(f"Gennemgået {answer.reviewed}. Kilder: {_refs(answer.sources)}", italic=True)


def _annexes(doc: WordDocument, view: GuideView) -> None:
    if view.legal_annex:
        doc.heading("Bilag A Juridiske spørgsmål og svar", 1)
        for topic in view.legal_annex:
            doc.heading(topic.title, 2)
            doc.paragraph(topic.summary)
            for answer in topic.answers:
                _legal_full(doc, answer)
    if view.glossary:
        doc.heading(f"{view.glossary_label} Ordforklaringer", 1)
        for term in view.glossary:
            doc.paragraph(term.definition, label=f"{term.term}:")
    doc.heading(f"{view.sources_label} Kilder", 1)
    for s in view.sources:
        note = f" {s.note}" if s.note else ""
        doc.paragraph(f"{s.title}{s.title_end} {s.publisher}, {'set ' if s.consulted else ''}{s.date}.{note} "
                      f"{s.url}", label=f"[{s.number}]")


def write_guide_docx(view: GuideView, target: Path, logo: Path | None = None) -> Path:
    """Write the full guide ``view`` as a Word file at ``target``."""
    doc = WordDocument(title=view.doc_title, author=view.municipality, subject=view.catalog_title)
    _front(doc, view, logo)
    if view.status:
        write_status_docx(doc, view.status)
    for chapter in view.chapters:
        _chapter(doc, chapter)
    _annexes(doc, view)
    doc.save(target)
    return target
