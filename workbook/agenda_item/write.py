"""Writing the agenda item: a Word file with Word's own styles, and the same text as plain text."""

from __future__ import annotations

import textwrap
from pathlib import Path

from workbook.agenda_item.view import AgendaItem, Block
from workbook.files import write_text_atomic
from workbook.render.docx import WordDocument

TEXT_WIDTH = 90


def write_docx(item: AgendaItem, target: Path) -> Path:
    """Write ``item`` as a Word file: Title, Heading 1 per section, List Number and List Bullet."""
    doc = WordDocument(title=item.title, author=item.municipality, subject="Dagsordenspunkt")
    doc.title(item.title)
    doc.paragraph(item.meeting_line, italic=True)
    for section in item.sections:
        doc.heading(section.heading, 1)
        for block in section.blocks:
            if block.kind == "numbered":
                doc.numbered(block.texts)
            elif block.kind == "bullets":
                doc.bullets(block.texts)
            else:
                for text in block.texts:
                    doc.paragraph(text, label=block.lead, italic=block.kind == "todo")
    doc.save(target)
    return target


def _text_block(block: Block) -> list[str]:
    if block.kind == "numbered":
        return [textwrap.fill(t, TEXT_WIDTH, initial_indent=f"{i}. ", subsequent_indent="   ")
                for i, t in enumerate(block.texts, start=1)]
    if block.kind == "bullets":
        return [textwrap.fill(t, TEXT_WIDTH, initial_indent="- ", subsequent_indent="  ") for t in block.texts]
    lead = f"{block.lead} " if block.lead else ""
    return [textwrap.fill(lead + t, TEXT_WIDTH) for t in block.texts]


def agenda_text(item: AgendaItem) -> str:
    """The agenda item as plain text to paste into an agenda system."""
    lines = [item.title, item.meeting_line, ""]
    for section in item.sections:
        lines += [section.heading.upper(), ""]
        for block in section.blocks:
            lines += _text_block(block)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_text(item: AgendaItem, target: Path) -> Path:
    write_text_atomic(target, agenda_text(item))
    return target
