"""Load the content catalog: the shipped YAML data plus an optional local overlay, as typed objects.

Every problem is collected with its file, line, item id and field (``errors.Problem``), then reported
once as a ``CatalogError``. The checks across items live in ``rules``; warnings are returned beside
the catalog.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import logging
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook.content import law, lix, model, rules
from workbook.content import overlay as overlays
from workbook.content.located import KIND_NAMES, Located, Problems
from workbook.content.yamlio import LineDict, LineList
from workbook.errors import CatalogError, Problem, YamlError
from workbook.paths import DATA_DIR, PACKAGE_DIR

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Top-level keys of a data file and the class of the items below them.
TOP_LEVEL: dict[str, type] = {
    "themes": model.Theme,
    "legal_topics": model.LegalTopic,
    "cases": model.Case,
    "sources": model.Source,
    "glossary": model.GlossaryTerm,
}


def data_files(root: Path) -> list[Path]:
    """Return the YAML data files below ``root``, sorted by relative path (their catalog order)."""
    return sorted(
        (p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def _label(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(PACKAGE_DIR.parent).as_posix()
        except ValueError:
            return str(path)


# --- building typed objects from YAML mappings ----------------------------------------------


def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls, vars(model))


def _build(cls: type, raw: object, label: str, line: int, errors: Problems, parent_id: str | None = None):
    """Build a ``cls`` from ``raw`` (a YAML mapping); record every problem; None when unusable."""
    kind = KIND_NAMES[cls]
    if not isinstance(raw, LineDict):
        message = f"skal være en samling af felter (nøgle: værdi), ikke {_type_name(raw)}"
        errors.add(label, line, message if parent_id else f"{kind}: {message}", kind=kind, item=parent_id)
        return None
    item_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    if item_id is None and "id" not in {f.name for f in dataclasses.fields(cls)}:
        item_id = parent_id  # a part without its own id (a change) is named by its answer
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    hints = _hints(cls)
    values: dict[str, object] = {}
    ok = True
    for key in raw:
        if key not in fields:
            errors.add(label, raw.line_of(key), f"ukendt felt '{key}' (kendte felter: {', '.join(fields)})",
                       kind=kind, item=item_id)
            ok = False
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        key_line = raw.line_of(name)
        if name not in raw or raw[name] is None or raw[name] == "" or raw[name] == []:
            if required:
                errors.add(label, key_line, f"feltet '{name}' mangler eller er tomt", kind=kind, item=item_id)
                ok = False
            continue
        value, message = _convert(hints[name], raw[name], label, key_line, errors, item_id)
        if message:
            errors.add(label, key_line, message, kind=kind, item=item_id, field=name)
            ok = False
        elif value is _FAILED:
            ok = False
        else:
            values[name] = value
    if "id" in values and not ID_PATTERN.match(values["id"]):
        errors.add(label, raw.line_of("id"), "må kun indeholde små bogstaver a-z, tal og bindestreger",
                   kind=kind, item=values["id"], field="id")
        ok = False
    return cls(**values) if ok else None


_FAILED = object()


def _convert(hint: object, value: object, label: str, line: int, errors: Problems, item_id: str | None):
    """Convert ``value`` to ``hint``; return (value, None) or (None, Danish message)."""
    if hint is str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None, f"skal være tekst, ikke {_type_name(value)}"
        text = str(value).strip()
        return (text, None) if text else (None, "må ikke være tom")
    if hint is bool:
        return (value, None) if isinstance(value, bool) else (None, "skal være true eller false")
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"skal være et helt tal, ikke {_type_name(value)}"
        return value, None
    if hint is dt.date:
        return _convert_date(value)
    if isinstance(hint, type) and issubclass(hint, enum.StrEnum):
        try:
            return hint(str(value).strip().lower()), None
        except ValueError:
            return None, f"'{value}' er ikke en af {', '.join(c.value for c in hint)}"
    if typing.get_origin(hint) is tuple:
        return _convert_list(typing.get_args(hint)[0], value, label, line, errors, item_id)
    raise TypeError(f"unsupported field type {hint!r}")


def _convert_date(value: object):
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, f"skal være en dato som ÅÅÅÅ-MM-DD, ikke '{value}'"


def _convert_list(inner: object, value: object, label: str, line: int, errors: Problems, item_id: str | None):
    """Convert a YAML list to a tuple of ``inner`` (nested items are built and checked one by one)."""
    if not isinstance(value, list):
        return None, f"skal være en liste, ikke {_type_name(value)}"
    if inner is model.Hjemmel:
        return law.parse_all(value)
    if dataclasses.is_dataclass(inner):
        built = [_build(inner, element, label, element.line, errors, item_id)
                 for element in value if isinstance(element, LineDict)]
        not_mappings = [f"punkt {index} skal være en samling af felter (nøgle: værdi), ikke {_type_name(element)}"
                        for index, element in enumerate(value, start=1) if not isinstance(element, LineDict)]
        if not_mappings:
            return None, "; ".join(not_mappings)
        return (_FAILED if None in built else tuple(built)), None
    list_line = value.line if isinstance(value, LineList) else line
    out = []
    for index, element in enumerate(value, start=1):
        converted, message = _convert(inner, element, label, list_line, errors, item_id)
        if message:
            return None, f"punkt {index}: {message}"
        out.append(converted)
    return tuple(out), None


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "en samling af felter"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, bool):
        return "en sandhedsværdi"
    if isinstance(value, int | float):
        return "et tal"
    if isinstance(value, dt.date):
        return "en dato"
    return "tekst" if isinstance(value, str) else type(value).__name__


# --- reading files ---------------------------------------------------------------------------


@dataclass
class _Read:
    info: rules.InfoRead | None
    """The catalog section: its info, file, line, and the line of its date."""
    items: list[Located]
    unreadable: bool = False
    """True when the file could not be parsed at all (its ids are unknown)."""


def _read_file(path: Path, errors: Problems, patches: list[overlays.Patch] | None = None) -> _Read:
    """Read a data file (or, with ``patches``, an overlay file; its partial items go to ``patches``)."""
    read = _Read(info=None, items=[])
    try:
        documents = overlays.read_documents(path, _label(path))
    except YamlError as exc:
        errors.append(exc.problem, exc.label, exc.line)
        read.unreadable = True
        return read
    for label, data in documents:
        _read_data(data, label, errors, read, patches)
    return read


def _read_data(data: object, label: str, errors: Problems, read: _Read, patches: list | None) -> None:
    if data is None:
        return read
    if not isinstance(data, LineDict):
        errors.add(label, getattr(data, "line", 1), "filen skal bestå af afsnit som 'themes:', "
                   "'legal_topics:', 'cases:', 'sources:' eller 'glossary:'")
        return
    for key, value in data.items():
        line = data.line_of(key)
        if key == "catalog":
            info = _build(model.CatalogInfo, value, label, line, errors)
            if info is not None:
                read.info = (info, label, line, value.line_of("date"))
            continue
        cls = TOP_LEVEL.get(key)
        if cls is None:
            errors.add(label, line, f"ukendt afsnit '{key}' (tilladte afsnit: {', '.join(['catalog', *TOP_LEVEL])})")
        elif not isinstance(value, list):
            errors.add(label, line, f"afsnittet '{key}' skal være en liste")
        else:
            for raw in value:
                item_line = raw.line if isinstance(raw, LineDict) else line
                if patches is not None and overlays.is_patch(cls, raw):
                    patches.append(overlays.Patch(cls, raw, label, item_line))
                    continue
                item = _build(cls, raw, label, item_line, errors)
                if item is not None:
                    read.items.append(Located(item, label, item_line, raw))


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _merge(groups: Iterable[tuple[bool, list[Path]]], errors: Problems
           ) -> tuple[list[Located], rules.InfoRead | None, bool]:
    """Read every file; an overlay item replaces the shipped item with its id (and keeps its place).

    Also returns whether a file could not be parsed at all.
    """
    info: rules.InfoRead | None = None
    unreadable = False
    merged: dict[str, Located] = {}  # insertion order is catalog order
    patches: list[overlays.Patch] = []
    for is_overlay, group in groups:
        ids_in_group: set[str] = set()
        for path in group:
            read = _read_file(path, errors, patches if is_overlay else None)
            unreadable = unreadable or read.unreadable
            if read.info is not None:
                if is_overlay:
                    errors.add(read.info[1], read.info[2], "afsnittet 'catalog' hører til det udleverede "
                               "katalog og kan ikke stå i lokalt indhold")
                elif info is not None:
                    errors.add(read.info[1], read.info[2], f"afsnittet 'catalog' står også i {info[1]}:{info[2]}")
                else:
                    info = read.info
            for loc in read.items:
                previous = merged.get(loc.item.id)
                if previous is not None and (not is_overlay or loc.item.id in ids_in_group):
                    errors.add(loc.label, loc.line, f"id'et er brugt før ({previous.label}:{previous.line})",
                               obj=loc.item)
                    continue
                if previous is not None and type(previous.item) is not type(loc.item):
                    errors.add(loc.label, loc.line, f"id'et findes allerede som {KIND_NAMES[type(previous.item)]}; "
                               "et lokalt punkt kan kun erstatte et punkt af samme slags", obj=loc.item)
                    continue
                if previous is not None:
                    log.info("lokalt indhold erstatter '%s' (%s)", loc.item.id, loc.label)
                merged[loc.item.id] = loc
                ids_in_group.add(loc.item.id)
    overlays.apply_patches(merged, patches, _build, errors)
    return list(merged.values()), info, unreadable


# --- public API ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogResult:
    """A loaded catalog with the warnings found while validating it."""

    catalog: model.Catalog
    warnings: tuple[Problem, ...]
    readability: tuple[lix.KindFigures, ...] = ()
    """LIX per kind of text (maximum and median), for ``content check``."""


_CACHE: dict[tuple, CatalogResult] = {}


def _overlay_files(overlay: Path) -> list[Path]:
    if overlays.is_overlay_file(overlay):  # an exported content workbook
        return [overlay]
    if not overlay.is_dir():
        raise CatalogError([Problem(str(overlay), "mappen med lokalt indhold findes ikke")], "Lokalt indhold")
    files = data_files(overlay)
    if not files:
        raise CatalogError([Problem(str(overlay), "mappen indeholder ingen .yaml-filer")], "Lokalt indhold")
    return files


def check_catalog(overlay: Path | None = None, today: dt.date | None = None,
                  data_dir: Path | None = None, readability: bool = False) -> CatalogResult:
    """Load the catalog (and ``overlay``), validate everything, and return it with its warnings.

    ``data_dir`` defaults to the shipped catalog (``DATA_DIR``). With ``readability`` the LIX of
    every text is measured and warned about (``content check``). Raises ``CatalogError`` listing
    every problem when anything is wrong.
    """
    today = today or dt.date.today()
    files = data_files(Path(data_dir) if data_dir is not None else DATA_DIR)
    overlay_files = _overlay_files(Path(overlay)) if overlay is not None else []
    key = (tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in [*files, *overlay_files]), today,
           readability)
    if key in _CACHE:
        return _CACHE[key]
    errors, warnings = Problems(), Problems()
    located, info, unreadable = _merge(((False, files), (True, overlay_files)), errors)
    # A file that cannot be parsed hides its ids: checking references would bury its one error
    # under a reference error for every id it defines.
    rules.validate(located, info, today, errors, warnings, references=not unreadable)
    figures = rules.check_readability(located, warnings) if readability else []
    if errors:
        raise CatalogError(errors.sorted())

    def of(cls: type) -> tuple:
        return tuple(loc.item for loc in located if isinstance(loc.item, cls))

    catalog = model.Catalog(
        info=info[0], themes=of(model.Theme), legal_topics=of(model.LegalTopic), cases=of(model.Case),
        sources=of(model.Source), glossary=of(model.GlossaryTerm),
        content_hash=_hash_files([*files, *overlay_files]), laws=law.load_index(),
        local_hash=_hash_files(overlay_files) if overlay_files else "",
    )
    result = CatalogResult(catalog, tuple(warnings.sorted()), tuple(figures))
    _CACHE[key] = result
    return result


def load_catalog(overlay: Path | None = None, today: dt.date | None = None,
                 data_dir: Path | None = None) -> model.Catalog:
    """Load and validate the catalog (and ``overlay``); log warnings; raise ``CatalogError``."""
    result = check_catalog(overlay, today, data_dir=data_dir)
    for warning in result.warnings:
        log.warning("%s", warning)
    return result.catalog
