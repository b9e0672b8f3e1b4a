"""Load and validate the content catalog: the shipped YAML data plus an optional local overlay.

Every problem is collected with its file, line, item id and field, then reported once as a
``CatalogError``. Warnings (reviews older than 12 months) are returned beside the catalog.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import logging
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from workbook.content import law, model
from workbook.content.yamlio import LineDict, LineList, YamlProblem, load_yaml
from workbook.errors import CatalogError
from workbook.paths import DATA_DIR, PACKAGE_DIR

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHEET_FORBIDDEN = set("[]:*?/\\")
REVIEW_MAX_AGE_DAYS = 365

#: Top-level keys of a data file and the class of the items below them.
TOP_LEVEL: dict[str, type] = {
    "themes": model.Theme,
    "legal_topics": model.LegalTopic,
    "cases": model.Case,
    "sources": model.Source,
    "glossary": model.GlossaryTerm,
}

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

#: Reference fields: (class, field) -> the class the ids must resolve to.
REFERENCES: dict[tuple[type, str], type] = {
    (model.Theme, "legal_topics"): model.LegalTopic,
    (model.Theme, "cases"): model.Case,
    (model.Theme, "sources"): model.Source,
    (model.Case, "sources"): model.Source,
    (model.LegalAnswer, "sources"): model.Source,
    (model.GlossaryTerm, "sources"): model.Source,
}


@dataclass
class _Located:
    """An item built from a file, with where it came from."""

    item: object
    label: str
    line: int
    raw: LineDict


class _Problems:
    """Collects located problems (errors or warnings); ``sorted()`` gives them by file and line."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._keys: list[tuple[int, str, int]] = []

    def add(self, label: str, line: int, what: str, item_id: str | None, message: str) -> None:
        where = f"{label}:{line}" if line else label
        who = f" {what} '{item_id}':" if item_id else (f" {what}:" if what else "")
        self.append(f"{where}:{who} {message}", label, line)

    def append(self, text: str, label: str = "", line: int = 0) -> None:
        """Add an already formatted problem; without ``label`` it sorts last."""
        self.items.append(text)
        self._keys.append((0 if label else 1, label, line))

    def sorted(self) -> list[str]:
        """Return the problems ordered by file, then line (stable for equal places)."""
        order = sorted(range(len(self.items)), key=lambda i: self._keys[i])
        return [self.items[i] for i in order]


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


def _build(cls: type, raw: object, label: str, line: int, errors: _Problems, parent_id: str | None = None):
    """Build a ``cls`` from ``raw`` (a YAML mapping); record every problem; None when unusable."""
    kind = KIND_NAMES[cls]
    if not isinstance(raw, LineDict):
        errors.add(label, line, kind, parent_id,
                   f"skal være en samling af felter (nøgle: værdi), ikke {_type_name(raw)}")
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
            known = ", ".join(fields)
            errors.add(label, raw.line_of(key), kind, item_id, f"ukendt felt '{key}' (kendte felter: {known})")
            ok = False
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        key_line = raw.line_of(name)
        if name not in raw or raw[name] is None or raw[name] == "" or raw[name] == []:
            if required:
                errors.add(label, key_line, kind, item_id, f"feltet '{name}' mangler eller er tomt")
                ok = False
            continue
        value, message = _convert(hints[name], raw[name], label, key_line, errors, item_id)
        if message:
            errors.add(label, key_line, kind, item_id, f"feltet '{name}': {message}")
            ok = False
            continue
        if value is _FAILED:
            ok = False
            continue
        values[name] = value
    if "id" in values and not ID_PATTERN.match(values["id"]):
        errors.add(label, raw.line_of("id"), kind, values["id"],
                   "feltet 'id': må kun indeholde små bogstaver a-z, tal og bindestreger")
        ok = False
    if not ok:
        return None
    return cls(**values)


_FAILED = object()


def _convert(hint: object, value: object, label: str, line: int, errors: _Problems, item_id: str | None):
    """Convert ``value`` to ``hint``; return (value, None) or (None, Danish message)."""
    origin = typing.get_origin(hint)
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
    if isinstance(hint, type) and issubclass(hint, enum.StrEnum):
        try:
            return hint(str(value).strip().lower()), None
        except ValueError:
            allowed = ", ".join(c.value for c in hint)
            return None, f"'{value}' er ikke en af {allowed}"
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        if not isinstance(value, list):
            return None, f"skal være en liste, ikke {_type_name(value)}"
        list_line = value.line if isinstance(value, LineList) else line
        if inner is model.Hjemmel:
            return law.parse_all(value)
        if dataclasses.is_dataclass(inner):
            built = []
            failed = False
            not_mappings = []
            for index, element in enumerate(value, start=1):
                if not isinstance(element, LineDict):
                    not_mappings.append(f"punkt {index} skal være en samling af felter (nøgle: værdi), "
                                        f"ikke {_type_name(element)}")
                    continue
                item = _build(inner, element, label, element.line, errors, item_id)
                if item is None:
                    failed = True
                else:
                    built.append(item)
            if not_mappings:
                return None, "; ".join(not_mappings)
            return (_FAILED if failed else tuple(built)), None
        out = []
        for index, element in enumerate(value, start=1):
            converted, message = _convert(inner, element, label, list_line, errors, item_id)
            if message:
                return None, f"punkt {index}: {message}"
            out.append(converted)
        return tuple(out), None
    if isinstance(hint, types.UnionType):  # pragma: no cover - not used by the model
        raise TypeError(hint)
    raise TypeError(f"unsupported field type {hint!r}")


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
    info: tuple[model.CatalogInfo, str, int, int] | None
    """The catalog section: its info, file, line, and the line of its date."""
    items: list[_Located]


def _read_file(path: Path, errors: _Problems) -> _Read:
    label = _label(path)
    read = _Read(info=None, items=[])
    try:
        data = load_yaml(path, label)
    except YamlProblem as exc:
        errors.append(str(exc), exc.label, exc.line)
        return read
    if data is None:
        return read
    if not isinstance(data, LineDict):
        errors.add(label, getattr(data, "line", 1), "", None,
                   "filen skal bestå af afsnit som 'themes:', 'legal_topics:', 'cases:', 'sources:' eller 'glossary:'")
        return read
    for key, value in data.items():
        line = data.line_of(key)
        if key == "catalog":
            info = _build(model.CatalogInfo, value, label, line, errors)
            if info is not None:
                read.info = (info, label, line, value.line_of("date"))
            continue
        cls = TOP_LEVEL.get(key)
        if cls is None:
            allowed = ", ".join(["catalog", *TOP_LEVEL])
            errors.add(label, line, "", None, f"ukendt afsnit '{key}' (tilladte afsnit: {allowed})")
            continue
        if not isinstance(value, list):
            errors.add(label, line, "", None, f"afsnittet '{key}' skal være en liste")
            continue
        for raw in value:
            item_line = raw.line if isinstance(raw, LineDict) else line
            item = _build(cls, raw, label, item_line, errors)
            if item is not None:
                read.items.append(_Located(item, label, item_line, raw))
    return read


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# --- validation ------------------------------------------------------------------------------


def _sub_items(item: object) -> list[object]:
    if isinstance(item, model.Theme):
        return [*item.questions, *item.checklist, *item.decisions]
    if isinstance(item, model.LegalTopic):
        return list(item.answers)
    return []


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"'{url}' er ikke en gyldig URL (skal begynde med https:// eller http://)"
    host = parts.hostname or ""
    if not host or "." not in host or any(c.isspace() for c in url):
        return f"'{url}' er ikke en gyldig URL"
    return None


def _validate(located: list[_Located], info: tuple[model.CatalogInfo, str, int, int] | None,
              today: dt.date, errors: _Problems, warnings: _Problems) -> None:
    by_id: dict[str, tuple[object, _Located]] = {}
    for loc in located:
        for obj in [loc.item, *_sub_items(loc.item)]:
            item_id = obj.id
            if item_id in by_id:
                first = by_id[item_id][1]
                errors.add(loc.label, _line_of_sub(loc, item_id), KIND_NAMES[type(obj)], item_id,
                           f"id'et er brugt før ({first.label}:{_line_of_sub(first, item_id)})")
            else:
                by_id[item_id] = (obj, loc)
    sheet_names: dict[str, str] = {}
    for loc in located:
        item = loc.item
        for obj in [item, *_sub_items(item)]:
            kind = KIND_NAMES[type(obj)]
            raw = _raw_of_sub(loc, obj.id)
            for f in dataclasses.fields(obj):
                target = REFERENCES.get((type(obj), f.name))
                if target is None:
                    continue
                for ref in getattr(obj, f.name):
                    found = by_id.get(ref, (None,))[0]
                    if not isinstance(found, target):
                        errors.add(loc.label, raw.line_of(f.name), kind, obj.id,
                                   f"feltet '{f.name}': henviser til ukendt {KIND_NAMES[target]} '{ref}'")
            if isinstance(obj, model.LegalAnswer):
                if obj.reviewed > today:
                    errors.add(loc.label, raw.line_of("reviewed"), kind, obj.id,
                               f"feltet 'reviewed': datoen {obj.reviewed.isoformat()} ligger i fremtiden")
                elif (today - obj.reviewed).days > REVIEW_MAX_AGE_DAYS:
                    warnings.add(loc.label, raw.line_of("reviewed"), kind, obj.id,
                                 f"senest gennemgået {obj.reviewed.isoformat()}, over 12 måneder siden: "
                                 "gennemgå svaret mod kilderne")
                for problem in law.answer_warnings(obj, today):
                    warnings.add(loc.label, raw.line_of(problem.field), kind, obj.id, problem.message)
                if obj.certainty is not model.Certainty.SIKKER and not obj.certainty_note:
                    errors.add(loc.label, raw.line_of("certainty"), kind, obj.id,
                               f"feltet 'certainty_note' mangler: et svar, der er '{obj.certainty.value}', "
                               "skal sige, hvad der er usikkert, og hvem man spørger")
        if isinstance(item, model.Source):
            problem = _check_url(item.url)
            if problem:
                errors.add(loc.label, loc.raw.line_of("url"), "kilde", item.id, f"feltet 'url': {problem}")
            if item.date > today:
                errors.add(loc.label, loc.raw.line_of("date"), "kilde", item.id,
                           f"feltet 'date': datoen {item.date.isoformat()} ligger i fremtiden")
        if isinstance(item, model.Theme):
            name = item.short_title
            bad = sorted(SHEET_FORBIDDEN & set(name))
            if len(name) > 31:
                errors.add(loc.label, loc.raw.line_of("short_title"), "tema", item.id,
                           f"feltet 'short_title': højst 31 tegn (er {len(name)}), det bliver et arknavn i Excel")
            if bad:
                errors.add(loc.label, loc.raw.line_of("short_title"), "tema", item.id,
                           f"feltet 'short_title': tegnene {' '.join(bad)} må ikke stå i et arknavn")
            previous = sheet_names.get(name.casefold())
            if previous:
                errors.add(loc.label, loc.raw.line_of("short_title"), "tema", item.id,
                           f"feltet 'short_title': '{name}' bruges også af temaet '{previous}'")
            sheet_names[name.casefold()] = item.id
            if not 1 <= item.minutes <= 240:
                errors.add(loc.label, loc.raw.line_of("minutes"), "tema", item.id,
                           "feltet 'minutes': skal være mellem 1 og 240")
    if info is None:
        errors.append("kataloget mangler afsnittet 'catalog:' med version, date og title")
    elif info[0].date > today:
        errors.add(info[1], info[3], "", None,
                   f"afsnittet 'catalog': datoen {info[0].date.isoformat()} ligger i fremtiden")


def _raw_of_sub(loc: _Located, item_id: str) -> LineDict:
    """The YAML mapping of the sub-item ``item_id`` inside ``loc`` (the item's own for the item)."""
    if loc.item.id == item_id:
        return loc.raw
    for value in loc.raw.values():
        if isinstance(value, list):
            for element in value:
                if isinstance(element, LineDict) and element.get("id") == item_id:
                    return element
    return loc.raw


def _line_of_sub(loc: _Located, item_id: str) -> int:
    """The line of the sub-item ``item_id`` inside ``loc`` (its own line for the item itself)."""
    return loc.line if loc.item.id == item_id else _raw_of_sub(loc, item_id).line


# --- public API ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogResult:
    """A loaded catalog with the warnings found while validating it."""

    catalog: model.Catalog
    warnings: tuple[str, ...]


_CACHE: dict[tuple, CatalogResult] = {}


def check_catalog(overlay: Path | None = None, today: dt.date | None = None,
                  data_dir: Path | None = None) -> CatalogResult:
    """Load the catalog (and ``overlay``), validate everything, and return it with its warnings.

    ``data_dir`` defaults to the shipped catalog (``DATA_DIR``). Raises ``CatalogError`` listing
    every problem when anything is wrong.
    """
    today = today or dt.date.today()
    files = data_files(Path(data_dir) if data_dir is not None else DATA_DIR)
    overlay_files: list[Path] = []
    if overlay is not None:
        overlay = Path(overlay)
        if not overlay.is_dir():
            raise CatalogError([f"{overlay}: mappen med lokalt indhold findes ikke"], "Lokalt indhold")
        overlay_files = data_files(overlay)
        if not overlay_files:
            raise CatalogError([f"{overlay}: mappen indeholder ingen .yaml-filer"], "Lokalt indhold")
    key = (tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in [*files, *overlay_files]), today)
    if key in _CACHE:
        return _CACHE[key]

    errors, warnings = _Problems(), _Problems()
    info: tuple[model.CatalogInfo, str, int, int] | None = None
    merged: dict[str, _Located] = {}  # insertion order is catalog order; a replacement keeps its place
    for is_overlay, group in ((False, files), (True, overlay_files)):
        ids_in_group: set[str] = set()
        for path in group:
            read = _read_file(path, errors)
            if read.info is not None:
                if is_overlay:
                    errors.add(read.info[1], read.info[2], "", None,
                               "afsnittet 'catalog' hører til det udleverede katalog og kan ikke stå "
                               "i lokalt indhold")
                elif info is not None:
                    errors.add(read.info[1], read.info[2], "", None,
                               f"afsnittet 'catalog' står også i {info[1]}:{info[2]}")
                else:
                    info = read.info
            for loc in read.items:
                item_id, kind = loc.item.id, KIND_NAMES[type(loc.item)]
                previous = merged.get(item_id)
                if previous is not None and (not is_overlay or item_id in ids_in_group):
                    errors.add(loc.label, loc.line, kind, item_id,
                               f"id'et er brugt før ({previous.label}:{previous.line})")
                    continue
                if previous is not None and type(previous.item) is not type(loc.item):
                    errors.add(loc.label, loc.line, kind, item_id,
                               f"id'et findes allerede som {KIND_NAMES[type(previous.item)]}; "
                               "et lokalt punkt kan kun erstatte et punkt af samme slags")
                    continue
                if previous is not None:
                    log.info("lokalt indhold erstatter '%s' (%s)", item_id, loc.label)
                merged[item_id] = loc
                ids_in_group.add(item_id)
    located = list(merged.values())
    _validate(located, info, today, errors, warnings)
    if errors.items:
        raise CatalogError(errors.sorted())

    def of(cls: type) -> tuple:
        return tuple(loc.item for loc in located if isinstance(loc.item, cls))

    catalog = model.Catalog(
        info=info[0],
        themes=of(model.Theme),
        legal_topics=of(model.LegalTopic),
        cases=of(model.Case),
        sources=of(model.Source),
        glossary=of(model.GlossaryTerm),
        content_hash=_hash_files([*files, *overlay_files]),
        laws=law.load_index(),
    )
    result = CatalogResult(catalog, tuple(warnings.sorted()))
    _CACHE[key] = result
    return result


def load_catalog(overlay: Path | None = None, today: dt.date | None = None) -> model.Catalog:
    """Load and validate the catalog (and ``overlay``); log warnings; raise ``CatalogError``."""
    result = check_catalog(overlay, today)
    for warning in result.warnings:
        log.warning("%s", warning)
    return result.catalog
