"""Safe YAML reading that remembers line numbers, so every problem can say where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbook.errors import Problem, YamlError


class LineDict(dict):
    """A mapping from YAML that knows the line it starts on and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows the line it starts on (1-based)."""

    line: int = 0


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (C-accelerated when available) that builds ``LineDict``/``LineList``.

    It has the same safety as ``yaml.safe_load``: plain data only.
    """


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "nøglen skal være tekst", key_node.start_mark
            )
        key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"nøglen '{key}' står to gange", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> object:
    # An impossible date such as 2027-02-30 would make PyYAML raise a bare ValueError without a
    # line; keep it as text so the field's own check reports it with its line.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, label: str | None = None) -> Any:
    """Parse ``path`` safely; raise ``YamlError`` with ``file:line:`` on unreadable or bad YAML."""
    label = label or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(Problem(label, "filen findes ikke"), label) from None
    except UnicodeDecodeError:
        raise YamlError(Problem(label, "filen er ikke UTF-8-tekst"), label) from None
    except OSError as exc:
        raise YamlError(Problem(label, f"kan ikke læse filen ({exc.strerror})"), label) from None
    return parse_yaml(text, label)


def parse_yaml(text: str, label: str) -> Any:
    """Parse YAML ``text`` safely; raise ``YamlError`` naming ``label`` and the line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        where = f"{label}:{line}" if line else label
        what = exc.problem or exc.context or "ugyldig YAML"
        raise YamlError(Problem(where, f"ugyldig YAML: {_danish_yaml(what)}"), label, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(label, f"ugyldig YAML: {exc}"), label) from None


# The parser's English problems (libyaml's and pure-Python PyYAML's wording), in Danish.
_YAML_PHRASES = {
    "mapping values are not allowed": "et kolon står et sted, hvor det ikke må (sæt teksten i anførselstegn)",
    "could not find expected ':'": "der mangler et kolon",
    "found a tab character that violates indentation": "tabulatortegn må ikke bruges til indrykning",
    "found character '\\t' that cannot start any token": "tabulatortegn må ikke bruges til indrykning",
    "found character that cannot start any token":
        "et tegn, der ikke må stå her (et tabulatortegn, eller @ eller ` først i en værdi: "
        "sæt teksten i anførselstegn)",
    "did not find expected key": "indrykningen passer ikke",
    "did not find expected '-' indicator": "indrykningen af listen passer ikke",
    "did not find expected ',' or ']'": "en liste i [ ] er ikke lukket med ]",
    "did not find expected ',' or '}'": "en samling i { } er ikke lukket med }",
    "found unexpected end of stream": "filen slutter midt i en værdi (mangler et anførselstegn?)",
    "found undefined alias": "ukendt alias",
    "expected <block end>, but found": "indrykningen passer ikke",
}


def _danish_yaml(problem: str) -> str:
    for english, danish in _YAML_PHRASES.items():
        if problem.startswith(english):
            return danish
    return problem
