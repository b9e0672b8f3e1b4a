"""Items as read from the data files (with their file, line and YAML mapping), and the collector of
located problems that both the loader and the rules report into."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content import model
from workbook.content.yamlio import LineDict
from workbook.errors import Problem

#: Danish names of the kinds, for messages.
KIND_NAMES: dict[type, str] = {
    model.Theme: "tema",
    model.LegalTopic: "juridisk emne",
    model.LegalAnswer: "juridisk svar",
    model.Case: "eksempel",
    model.Source: "kilde",
    model.GlossaryTerm: "ordforklaring",
    model.Question: "spørgsmål",
    model.ChecklistItem: "tjekpunkt",
    model.Decision: "beslutning",
    model.CatalogInfo: "katalog",
    model.Change: "ændring",
}


def sub_items(item: object) -> list[object]:
    """The items nested in ``item``: a theme's questions, statements and decisions; a topic's answers."""
    if isinstance(item, model.Theme):
        return [*item.questions, *item.checklist, *item.decisions]
    if isinstance(item, model.LegalTopic):
        return list(item.answers)
    return []


@dataclass
class Located:
    """A top-level item built from a file, with where it came from."""

    item: object
    label: str
    """The file as named in messages."""
    line: int
    raw: LineDict
    """The YAML mapping it was built from (it knows the line of every key)."""

    def raw_of(self, item_id: str) -> LineDict:
        """The YAML mapping of the item or nested item ``item_id`` (the item's own when not found)."""
        if self.item.id == item_id:
            return self.raw
        for value in self.raw.values():
            if isinstance(value, list):
                for element in value:
                    if isinstance(element, LineDict) and element.get("id") == item_id:
                        return element
        return self.raw

    def line_of(self, item_id: str) -> int:
        """The line of the item or nested item ``item_id``."""
        return self.line if self.item.id == item_id else self.raw_of(item_id).line


class Problems:
    """Collects located problems (errors or warnings); ``sorted()`` gives them by file and line."""

    def __init__(self) -> None:
        self._entries: list[tuple[tuple[int, str, int], Problem]] = []

    def __bool__(self) -> bool:
        return bool(self._entries)

    def add(self, label: str, line: int, message: str, *, obj: object = None, kind: str = "",
            item: str | None = "", field: str = "") -> None:
        """Add a problem in ``label`` at ``line``; ``obj`` names the item (its kind and id) for you."""
        if obj is not None:
            kind, item = KIND_NAMES[type(obj)], obj.id
        where = f"{label}:{line}" if line else label
        self.append(Problem(where, message, item or "", field, kind), label, line)

    def append(self, problem: Problem, label: str = "", line: int = 0) -> None:
        """Add an already located problem; without ``label`` it sorts last."""
        self._entries.append(((0 if label else 1, label, line), problem))

    def sorted(self) -> list[Problem]:
        """Return the problems ordered by file, then line (stable for equal places)."""
        return [problem for _, problem in sorted(self._entries, key=lambda entry: entry[0])]
