"""Only what a guide uses: sources numbered in order of first citation, and the glossary terms its texts use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from workbook import danish
from workbook.content.model import Catalog, GlossaryTerm
from workbook.guide.model import GlossaryView, SourceRef, SourceView


class SourceNumbers:
    """Number sources in the order the document first cites them; list only those."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.order: list[str] = []

    def refs(self, ids: Iterable[str]) -> tuple[SourceRef, ...]:
        """Cite ``ids`` here: number any new one, return the references in number order."""
        out = []
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
            out.append(SourceRef(self.order.index(source_id) + 1, f"kilde-{source_id}"))
        return tuple(sorted(set(out), key=lambda r: r.number))

    def views(self) -> tuple[SourceView, ...]:
        """The cited sources, numbered."""
        views = []
        for number, source_id in enumerate(self.order, start=1):
            src = self.catalog.source(source_id)
            views.append(SourceView(number, f"kilde-{src.id}", src.title, src.publisher, src.url,
                                    danish.date(src.date), src.consulted, src.note,
                                    "" if src.title.rstrip().endswith((".", "?", "!")) else ".",
                                    site_of(src.url)))
        return tuple(views)


def site_of(url: str) -> str:
    """``https://www.kl.dk/x`` → ``kl.dk``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def term_pattern(term: str) -> re.Pattern[str]:
    """A pattern that finds ``term`` (without its parenthesis) in running text, also inflected.

    Each word must begin a word in the text and may take an ending: "Socialøkonomisk virksomhed"
    finds "socialøkonomiske virksomheder"; "Velfærdsalliance" finds "velfærdsalliancer".
    """
    bare = re.sub(r"\s*\(.*?\)", "", term).strip()
    parts = []
    for word in bare.split():
        stem = word if len(word) <= 4 or not word[-1].isalpha() else word[:max(4, len(word) - 2)]
        parts.append(re.escape(stem) + r"[\w-]*")
    return re.compile(r"(?<![\w§])" + r"\s+".join(parts), re.IGNORECASE)


def used_terms(glossary: Iterable[GlossaryTerm], texts: Iterable[str]) -> list[GlossaryTerm]:
    """The terms that occur in ``texts``."""
    body = "\n".join(texts)
    return [term for term in glossary if term_pattern(term.term).search(body)]


def glossary_views(terms: Iterable[GlossaryTerm], sources: SourceNumbers) -> tuple[GlossaryView, ...]:
    """The terms in Danish alphabetical order, with their sources cited."""
    return tuple(GlossaryView(t.term, t.definition, sources.refs(t.sources))
                 for t in sorted(terms, key=lambda g: danish_key(g.term)))


def danish_key(text: str) -> tuple:
    """Sort key in Danish alphabetical order (æ, ø, å after z; "aa" as å only where a word begins:
    Aarhus, but not Dataansvarlig)."""
    order = {"æ": "{", "ø": "|", "å": "}"}
    low = re.sub(r"\baa", "}", text.casefold())
    for src, dst in order.items():
        low = low.replace(src, dst)
    return (low, text)
