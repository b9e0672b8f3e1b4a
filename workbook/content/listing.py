"""Plain-text tables for the terminal (``workbook content list``)."""

from __future__ import annotations

from workbook import danish
from workbook.content import lix
from workbook.content.model import Catalog


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """Return ``rows`` as an aligned text table with a header line and a rule."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    numeric = [all(str(row[i]).isdigit() for row in rows) and bool(rows) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        parts = [str(c).rjust(w) if num else str(c).ljust(w) for c, w, num in zip(cells, widths, numeric, strict=False)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def format_catalog_listing(catalog: Catalog) -> str:
    """Return the themes and legal topics of ``catalog`` as readable tables with ids and counts."""
    info = catalog.info
    theme_rows = [
        [t.id, t.title, str(len(t.questions)), str(len(t.checklist)), str(len(t.decisions)),
         str(len(t.legal_topics)), str(t.minutes)]
        for t in catalog.themes
    ]
    legal_rows = [[t.id, t.title, str(len(t.answers))] for t in catalog.legal_topics]
    parts = [
        f"{info.title}, version {info.version} ({danish.date_short(info.date)})",
        "",
        f"Temaer ({len(catalog.themes)})",
        format_table(["id", "titel", "spørgsmål", "tjekpunkter", "beslutninger", "jura", "min."], theme_rows),
        "",
        f"Juridiske emner ({len(catalog.legal_topics)})",
        format_table(["id", "titel", "svar"], legal_rows),
        "",
        f"Eksempler: {len(catalog.cases)}   Ordforklaringer: {len(catalog.glossary)}   "
        f"Kilder: {len(catalog.sources)}",
    ]
    return "\n".join(parts)


def format_readability(figures: tuple[lix.KindFigures, ...]) -> str:
    """Return the LIX figures per kind of text as a table with the goals (``content check --lix``)."""
    rows = [[lix.KIND_LABELS[f.kind], str(f.count), f"{f.maximum:.0f}", f"{f.median:.0f}",
             f"{lix.GOALS[f.kind]:.0f}", f"{lix.MEDIAN_GOALS[f.kind]:.0f}" if f.kind in lix.MEDIAN_GOALS else "–"]
            for f in figures]
    return format_table(["tekster", "antal", "LIX maks.", "median", "mål maks.", "mål median"], rows)
