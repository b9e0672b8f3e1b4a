"""Local content laid over the catalog: partial items (patches) and overlay files that are not YAML.

An overlay item whose id is in the catalog and which leaves out a required field is a *patch*: the
fields it gives replace the catalog's, the rest stay. Lists of nested items (a theme's questions,
checklist and decisions, a topic's answers) merge by id: an entry with a known id patches that
entry, ``remove: true`` removes it, an entry with a new id is added (and must be complete). So
changing one field of one item never requires copying the rest. An item with every required field
replaces the catalog's item as a whole, as before.

Other formats of local content register a reader by file suffix (``register_reader``): the
exported content workbook (``workbook.xlsx.content_import``) does, so the loader stays free of
openpyxl. A reader returns documents shaped like a parsed YAML overlay file, each with its label
(``file [Ark!C7]``), so every problem still says where it is.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbook.content import model
from workbook.content.located import KIND_NAMES, Located, Problems
from workbook.content.yamlio import LineDict, load_yaml

#: A parsed overlay document and the label its problems name: (label, data).
Document = tuple[str, object]
Reader = Callable[[Path, str], list[Document]]

#: The key of a nested entry that removes it.
REMOVE = "remove"
#: Set by a reader on an entry that may only change an existing item (a changed cell, not a new row).
CHANGE_ONLY = "_change_only"

_READERS: dict[str, Reader] = {}


def register_reader(suffix: str, reader: Reader) -> None:
    """Let an overlay be a file ending in ``suffix`` (``.xlsx``), read into documents by ``reader``."""
    _READERS[suffix.lower()] = reader


def is_overlay_file(path: Path) -> bool:
    """Return True when ``path`` is a file of a registered overlay format."""
    return Path(path).suffix.lower() in _READERS and Path(path).is_file()


def read_documents(path: Path, label: str) -> list[Document]:
    """Return the documents of the overlay or data file ``path``: one for YAML, a reader's for others."""
    reader = _READERS.get(Path(path).suffix.lower())
    return reader(Path(path), label) if reader else [(label, load_yaml(path, label))]


def _required(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]


def _nested(cls: type) -> dict[str, type]:
    """The fields of ``cls`` that hold nested items, and the class of those items."""
    out = {}
    for name, hint in typing.get_type_hints(cls, vars(model)).items():
        args = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and args and dataclasses.is_dataclass(args[0]):
            out[name] = args[0]
    return out


def is_patch(cls: type, raw: object) -> bool:
    """Return True when ``raw`` names an item by id and leaves out a required field of ``cls``."""
    return (isinstance(raw, LineDict) and isinstance(raw.get("id"), str)
            and any(raw.get(name) in (None, "", []) for name in _required(cls)))


@dataclass
class Patch:
    """A partial overlay item, with where it stands."""

    cls: type
    raw: LineDict
    label: str
    line: int


def _copy(raw: LineDict) -> LineDict:
    out = LineDict(raw)
    out.line, out.key_lines = raw.line, dict(raw.key_lines)
    return out


def _merge_list(base: list, entries: list, cls: type, patch: Patch, errors: Problems) -> list:
    out = list(base)
    for entry in entries:
        entry_id = entry.get("id") if isinstance(entry, LineDict) else None
        at = next((i for i, e in enumerate(out) if isinstance(e, LineDict) and e.get("id") == entry_id), None)
        line = getattr(entry, "line", 0) or patch.line
        if entry_id is None:
            errors.add(patch.label, line, "et underpunkt skal have et 'id'", kind=KIND_NAMES[cls])
        elif entry.get(REMOVE) is True:
            if at is None:
                errors.add(patch.label, line, "findes ikke og kan ikke fjernes", kind=KIND_NAMES[cls], item=entry_id)
            else:
                del out[at]
        elif at is None and entry.get(CHANGE_ONLY):
            errors.add(patch.label, line, "findes ikke i kataloget; et nyt punkt lægges til med »ny« i kolonnen "
                       "Handling", kind=KIND_NAMES[cls], item=entry_id)
        elif at is None:
            out.append(entry)
        else:
            out[at] = merge_raw(out[at], entry, cls, patch, errors)
    return out


def merge_raw(base: LineDict, changes: LineDict, cls: type, patch: Patch, errors: Problems) -> LineDict:
    """Return ``base`` with the fields in ``changes`` laid over it (nested lists merged by id)."""
    out = _copy(base)
    out.line = changes.line or patch.line  # what is wrong in a changed item is the change's doing
    nested = _nested(cls)
    for key, value in changes.items():
        if key in ("id", CHANGE_ONLY):
            continue
        if key in nested and isinstance(value, list):
            out[key] = _merge_list(base.get(key) or [], value, nested[key], patch, errors)
        else:
            out[key] = value
        out.key_lines[key] = changes.line_of(key) or patch.line
    return out


def apply_patches(merged: dict[str, Located], patches: list[Patch], build: Callable, errors: Problems) -> None:
    """Lay every patch over the item it names in ``merged`` (rebuilt with ``build``); record problems."""
    for patch in patches:
        item_id = patch.raw["id"]
        loc = merged.get(item_id)
        kind = KIND_NAMES[patch.cls]
        if loc is None or type(loc.item) is not patch.cls:
            missing = ", ".join(n for n in _required(patch.cls) if patch.raw.get(n) in (None, "", []))
            errors.add(patch.label, patch.line, f"id'et findes ikke i kataloget som {kind}; et nyt punkt skal "
                       f"have alle felter (mangler: {missing})", kind=kind, item=item_id)
            continue
        raw = merge_raw(loc.raw, patch.raw, patch.cls, patch, errors)
        item = build(patch.cls, raw, patch.label, patch.line, errors)
        if item is not None:  # later checks of the item point at the change
            merged[item_id] = Located(item, patch.label, patch.line, raw)
