"""The CLI is thin: it imports only workbook.app, workbook.errors, click and its own modules."""

from __future__ import annotations

import ast
from pathlib import Path

import workbook.cli

CLI_DIR = Path(workbook.cli.__file__).parent
ALLOWED = ("workbook.app", "workbook.errors", "workbook.cli", "click")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_cli_imports_only_app_errors_click_and_itself() -> None:
    for path in sorted(CLI_DIR.glob("*.py")):
        for name in _imports(path):
            if name.startswith("workbook") or name.startswith("click"):
                assert name.startswith(ALLOWED) or name == "workbook.app", f"{path.name} imports {name}"
