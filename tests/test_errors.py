"""The located Problem shape and the collect-then-raise helper."""

from __future__ import annotations

import pytest

from workbook.errors import (
    CatalogError,
    MeetingError,
    Problem,
    WorkbookError,
    WorkbookFileError,
    YamlError,
    raise_if_problems,
)


def test_problem_str_leaves_out_empty_parts() -> None:
    assert str(Problem("moede.yaml:3", "ukendt felt")) == "moede.yaml:3: ukendt felt"
    assert str(Problem("a.yaml:4", "mangler", item="ts-03", field="hjemmel", kind="tema")) == (
        "a.yaml:4: tema 'ts-03': feltet 'hjemmel': mangler")
    assert str(Problem("x.xlsx [Ark!C7]", "forkert", item="q-1")) == "x.xlsx [Ark!C7]: punkt 'q-1': forkert"
    assert str(Problem("", "kun tekst")) == "kun tekst"


def test_raise_if_problems_collects_then_raises_once() -> None:
    raise_if_problems([], MeetingError)  # nothing to raise
    problems = [Problem("m.yaml:1", "en"), Problem("m.yaml:2", "to")]
    with pytest.raises(MeetingError) as info:
        raise_if_problems(problems, MeetingError, "Mødefilen har fejl")
    assert info.value.problems == problems
    assert str(info.value) == "Mødefilen har fejl (2):\n  m.yaml:1: en\n  m.yaml:2: to"


def test_one_meeting_problem_is_the_whole_message_but_catalog_keeps_its_heading() -> None:
    assert str(MeetingError([Problem("m.yaml:1", "en")])) == "m.yaml:1: en"
    assert str(CatalogError([Problem("k.yaml:1", "en")])) == "Indholdskataloget har fejl (1):\n  k.yaml:1: en"
    assert str(WorkbookFileError("svar.xlsx: filen er tom")) == "svar.xlsx: filen er tom"


def test_every_error_is_in_the_family() -> None:
    for cls in (CatalogError, MeetingError, WorkbookFileError):
        assert issubclass(cls, WorkbookError)
    error = YamlError(Problem("f.yaml:2", "ugyldig YAML: der mangler et kolon"), "f.yaml", 2)
    assert isinstance(error, WorkbookError)
    assert (str(error), error.label, error.line) == ("f.yaml:2: ugyldig YAML: der mangler et kolon", "f.yaml", 2)
