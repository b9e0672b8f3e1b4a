"""Word files through python-docx: Word's own heading, list and table styles, a TOC field, a logo.

Everything given is written as text (never a field or formula from user input); characters XML
cannot hold are dropped. Numbered lists restart at 1 for each list. Saved atomically.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from workbook.errors import RenderError
from workbook.files import atomic_path

#: Characters a Word (XML) file cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LOGO_WIDTH_CM = 3.5


def clean(text: object) -> str:
    """``text`` as a string Word can hold."""
    return _NOT_XML.sub("", str(text))


class WordDocument:
    """A Word document built top to bottom with the built-in styles."""

    def __init__(self, *, title: str, author: str, subject: str = "") -> None:
        import docx

        self.doc = docx.Document()
        props = self.doc.core_properties
        props.title, props.author, props.subject = clean(title), clean(author), clean(subject)
        props.language = "da-DK"
        self._set_language("da-DK")

    def _set_language(self, lang: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rpr = self.doc.styles["Normal"].element.get_or_add_rPr()
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), lang)
        rpr.append(element)

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(clean(text), level=level)

    def title(self, text: str) -> None:
        self.doc.add_heading(clean(text), level=0)

    def paragraph(self, text: str = "", *, label: str = "", style: str | None = None,
                  italic: bool = False) -> None:
        """A paragraph; ``label`` (e.g. ``Hjemmel:``) is written in bold before the text."""
        para = self.doc.add_paragraph(style=style)
        if label:
            para.add_run(clean(label) + " ").bold = True
        run = para.add_run(clean(text))
        run.italic = italic

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.doc.add_paragraph(clean(item), style="List Bullet")

    def numbered(self, items: Sequence[str | tuple[str, str]]) -> None:
        """A numbered list in Word's "List Number" style, restarting at 1; an item may be a
        ``(text, note)`` pair, the note written in italics after the text."""
        num_id = self._new_numbering() if items else None
        for item in items:
            text, note = item if isinstance(item, tuple) else (item, "")
            para = self.doc.add_paragraph(clean(text), style="List Number")
            if note:
                para.add_run(" – " + clean(note)).italic = True
            self._use_numbering(para, num_id)

    def _new_numbering(self) -> int:
        """A fresh numbering instance of the List Number style's list, starting at 1."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        style = self.doc.styles["List Number"]
        style_num = style.element.pPr.numPr.numId.val
        numbering = self.doc.part.numbering_part.element
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        return num.numId

    @staticmethod
    def _use_numbering(para, num_id: int | None) -> None:
        if num_id is None:
            return
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float] = ()) -> None:
        """A table in "Table Grid" with a repeated, bold header row (and column widths, if given)."""
        from docx.shared import Cm

        table = self.doc.add_table(rows=1, cols=len(header), style="Table Grid")
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean(text)).bold = True
        self._repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = clean(text)
        if widths_cm:
            table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)  # the grid, which LibreOffice reads
            for cell in column.cells:
                cell.width = Cm(width)  # the cells, which Word reads
        self.doc.add_paragraph()

    @staticmethod
    def _repeat_header(row) -> None:
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def toc(self, heading: str = "Indhold") -> None:
        """A table-of-contents field (Word fills it when the document is opened or F9 is pressed)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.doc.add_paragraph(clean(heading), style="TOC Heading")
        para = self.doc.add_paragraph()
        parts = [("begin", None), (None, 'TOC \\o "1-2" \\h \\z \\u'), ("separate", None),
                 (None, None), ("end", None)]
        for kind, instruction in parts:
            run = para.add_run()
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                if kind == "begin":
                    field.set(qn("w:dirty"), "true")
                run._r.append(field)
            elif instruction:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = instruction
                run._r.append(instr)
            else:
                run.text = "Højreklik og vælg »Opdater felt« for at vise indholdsfortegnelsen."
        self._update_fields_on_open()

    def _update_fields_on_open(self) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def logo(self, path: Path, alt: str) -> None:
        """The logo (PNG, JPEG, GIF or SVG drawn to PNG) at the top, with its alternative text."""
        from docx.image.exceptions import UnrecognizedImageError
        from docx.shared import Cm

        data = _picture_bytes(Path(path))
        try:
            shape = self.doc.add_picture(io.BytesIO(data), width=Cm(LOGO_WIDTH_CM))
        except UnrecognizedImageError:
            raise RenderError(f"logoet kan ikke vises: {path} (billedet kan ikke læses)") from None
        shape._inline.docPr.set("descr", clean(alt))

    def page_break(self) -> None:
        self.doc.add_page_break()

    def save(self, target: Path) -> None:
        with atomic_path(Path(target)) as tmp:
            self.doc.save(str(tmp))


def _picture_bytes(path: Path) -> bytes:
    """The picture as bytes Word can show: an SVG is drawn to PNG (Word's own SVG needs a PNG too)."""
    try:
        if path.suffix.lower() != ".svg":
            return path.read_bytes()
        import cairosvg

        return cairosvg.svg2png(bytestring=path.read_bytes(), output_width=600)
    except (OSError, ValueError) as exc:
        raise RenderError(f"logoet kan ikke vises: {path} ({exc})") from None
    except Exception as exc:  # cairosvg raises its parser's own errors for a broken SVG
        raise RenderError(f"logoet kan ikke vises: {path} (SVG-tegningen kan ikke tegnes: {exc})") from None
