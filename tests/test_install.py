"""Test a real, non-editable install: the wheel holds the templates and data, and they are found.

The source is copied to a temporary folder (building writes ``build/`` and ``*.egg-info``), built
into a wheel offline (``--no-build-isolation``, with the venv's own setuptools), installed
with ``--target`` into a folder of its own, and run from yet another folder with only that folder on
``PYTHONPATH``, so the editable checkout cannot be what answers.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _files(root: Path, pattern: str = "*") -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob(pattern)
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the wheel from a copy of the source and install it into its own folder."""
    import setuptools

    has_bdist_wheel = importlib.util.find_spec("wheel") is not None or tuple(
        int(x) for x in setuptools.__version__.split(".")[:2]
    ) >= (70, 1)
    if not has_bdist_wheel:
        pytest.fail("bygning af wheel kræver pakken 'wheel' (make test installerer den)")
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("workbook", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
        else:
            (src / name).write_text("", encoding="utf-8")
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    build = subprocess.run(
        [
            *pip,
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(wheels),
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("workbook-*.whl")
    target = tmp / "site"
    install = subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return {"src": src, "wheel": wheel, "target": target, "elsewhere": elsewhere}


def _run(built: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(built["target"]))
    return subprocess.run(
        args, capture_output=True, text=True, cwd=built["elsewhere"], env=env, check=False
    )


def test_wheel_holds_every_template_asset_and_data_file(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
    templates = _files(built["src"] / "templates")
    assert {"assets/fonts/OpenSans-Regular.ttf", "assets/fonts/LICENSE-Apache-2.0.txt"} <= templates
    missing = {f"workbook/templates/{t}" for t in templates} - names
    assert not missing, f"skabeloner mangler i wheel: {sorted(missing)}"
    data = _files(built["src"] / "workbook" / "content" / "data", "*.yaml")
    assert any(d.startswith("themes/") for d in data) and any(d.startswith("legal/") for d in data)
    missing = {f"workbook/content/data/{d}" for d in data} - names
    assert not missing, f"datafiler mangler i wheel: {sorted(missing)}"
    assert not any(n.startswith(("templates/", "tests/", "examples/")) for n in names)


def test_installed_package_finds_its_templates_and_data(built: dict[str, Path]) -> None:
    code = (
        "import workbook, workbook.paths as p\n"
        "print(workbook.__file__)\n"
        "print(p.TEMPLATES_DIR)\n"
        "print(p.DATA_DIR)\n"
    )
    proc = _run(built, sys.executable, "-c", code)
    assert proc.returncode == 0, proc.stderr
    package_file, templates_dir, data_dir = (Path(line) for line in proc.stdout.splitlines())
    target = built["target"].resolve()
    assert package_file == target / "workbook" / "__init__.py"  # not the editable checkout
    assert templates_dir == target / "workbook" / "templates"
    assert data_dir == target / "workbook" / "content" / "data"
    assert _files(templates_dir) == _files(built["src"] / "templates")
    fonts = _files(templates_dir / "assets" / "fonts", "*.ttf")
    assert "OpenSans-Regular.ttf" in fonts and "OpenSans-Bold.ttf" in fonts


def test_installed_cli_runs_from_another_folder(built: dict[str, Path]) -> None:
    listing = _run(built, sys.executable, "-m", "workbook", "content", "list")
    assert listing.returncode == 0, listing.stderr
    assert ", version " in listing.stdout.splitlines()[0]
    assert "\nTemaer (" in listing.stdout
    script = built["target"] / "bin" / "workbook"
    version = _run(built, str(script), "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("workbook ")
