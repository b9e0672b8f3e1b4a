"""Fixtures for the renderer's tests: a user's own templates folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def user_templates(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Return a function that writes ``{name: content}`` into a fresh templates folder and returns it."""

    def make(files: dict[str, str]) -> Path:
        folder = tmp_path / "mine-skabeloner"
        for name, content in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(content, encoding="utf-8")
        return folder

    return make
