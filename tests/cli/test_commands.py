"""Tests of the command-line skeleton: help, version, completion, content check/list, errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbook import __version__
from workbook.cli.commands import cli

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
SCRIPT = Path(sys.executable).parent / "workbook"


def _overlay_with_old_review() -> Path:
    """An overlay that replaces the legal topic with one reviewed 400 days ago: one warning."""
    overlay = Path("lokalt")
    overlay.mkdir()
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    text = (DATA / "overlay-old-review" / "tavshed.yaml").read_text(encoding="utf-8")
    text = text.replace("2025-11-22", old).replace("2025-11-23", dt.date.today().isoformat())
    (overlay / "tavshed.yaml").write_text(text, encoding="utf-8")
    return overlay


def _all_commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(_all_commands(command, (*prefix, name)))
    return found


COMMANDS = _all_commands(cli)


def test_every_declared_command_is_walked() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert names == {
        "build",
        "checklist",
        "content",
        "content check",
        "content eksport",
        "content list",
        "dagsorden",
        "guide",
        "init",
        "report",
        "upgrade",
    }


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_danish_help(path: tuple[str, ...], command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="workbook")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Brug: workbook {' '.join(path)} ")
    summary = command.help.splitlines()[0]
    assert " ".join(summary.split()) in " ".join(result.stdout.split())  # click wraps lines
    assert "  -h, --help" in result.stdout and "Vis denne hjælp og afslut." in result.stdout
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{' '.join(path)} {param.opts[0]} har ingen hjælpetekst"
    assert any(c in result.stdout for c in "æøå"), "hjælpen skal være på dansk"


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["-h"], prog_name="workbook")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Brug: workbook [TILVALG] KOMMANDO [ARGUMENTER]...\n\n"
        "  Drøftelsesguides, selvevalueringer og statusrapporter om "
        "velfærdsalliancer.\n"
    )
    for name in cli.commands:
        assert f"\n  {name} " in result.stdout
    assert "--version      Vis versionsnummeret og afslut." in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"], prog_name="workbook")
    assert result.exit_code == 0
    assert result.stdout == f"workbook {__version__}\n"


def test_python_dash_m_workbook() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "workbook", "--version"], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"workbook {__version__}\n", "")


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, workbook.cli.commands; "
        "print(sorted(m for m in ('weasyprint', 'openpyxl', 'jinja2', 'yaml', 'pikepdf') "
        "if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "[]\n"


# --- shell completion ------------------------------------------------------------------------


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed beside python")
@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "_workbook_completion()"),
        ("zsh", "#compdef workbook"),
        ("fish", "function _workbook_completion"),
    ],
)
def test_completion_script_from_the_console_script(shell: str, marker: str) -> None:
    env = dict(os.environ, _WORKBOOK_COMPLETE=f"{shell}_source")
    proc = subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert marker in proc.stdout
    assert "_WORKBOOK_COMPLETE" in proc.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("workbook con", "1", ["plain,content"]),
        ("workbook content ", "2", ["plain,check", "plain,eksport", "plain,list"]),
        ("workbook guide x.yaml --var", "3", ["plain,--variant"]),
        ("workbook guide x.yaml --variant ", "4", ["plain,fuld", "plain,kort", "plain,jura"]),
    ],
)
def test_completion_completes_commands_options_and_choices(
    words: str, cword: str, expected: list[str]
) -> None:
    env = {"_WORKBOOK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = CliRunner().invoke(cli, [], prog_name="workbook", env=env)
    assert result.exit_code == 0
    assert result.stdout.split() == expected


# --- content check / list --------------------------------------------------------------------


def test_content_check_ok(test_catalog_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["content", "check", "--strict"], prog_name="workbook")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Kataloget er i orden: version 9999.1, 5 temaer, 2 juridiske emner, 1 eksempler, "
        "4 ordforklaringer, 6 kilder; 0 advarsler.\n"
    )
    assert result.stderr == ""


def test_content_check_warning_and_strict(test_catalog_dir: Path) -> None:
    overlay = _overlay_with_old_review()
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    warning = (
        f"Advarsel: lokalt/tavshed.yaml:12: juridisk svar 'tavshed-01': senest gennemgået "
        f"{old}, over 12 måneder siden: gennemgå svaret mod kilderne\n"
    )
    result = CliRunner().invoke(
        cli, ["content", "check", "--content", str(overlay)], prog_name="workbook"
    )
    assert result.exit_code == 0
    assert result.stderr == warning
    assert result.stdout.endswith("; 1 advarsler.\n")

    strict = CliRunner().invoke(
        cli, ["content", "check", "--strict", "--content", str(overlay)], prog_name="workbook"
    )
    assert strict.exit_code == 1
    assert (
        strict.stderr == warning + "Fejl: kataloget har advarsler, og --strict gør dem til fejl.\n"
    )


def test_content_check_errors_exit_1_without_traceback(test_catalog_dir: Path) -> None:
    shutil.copy(DATA / "bad" / "bad-url.yaml", test_catalog_dir)
    shutil.copy(DATA / "bad" / "missing-source.yaml", test_catalog_dir)
    result = CliRunner().invoke(cli, ["content", "check"], prog_name="workbook")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Fejl: Indholdskataloget har fejl (4):\n"
        "  katalog/bad-url.yaml:5: kilde 'kilde-uden-protokol': feltet 'url': "
        "'www.kl.dk/frivillige' er ikke en gyldig URL (skal begynde med https:// eller http://)\n"
        "  katalog/bad-url.yaml:10: kilde 'kilde-med-mellemrum': feltet 'url': "
        "'https://www.kl.dk/frivillige og foreninger' er ikke en gyldig URL\n"
        "  katalog/bad-url.yaml:15: kilde 'kilde-uden-vaert': feltet 'url': "
        "'https://localhost/side' er ikke en gyldig URL\n"
        "  katalog/missing-source.yaml:6: juridisk svar 'forsikring-01': feltet 'sources' mangler "
        "eller er tomt\n"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_content_option_with_missing_folder(test_catalog_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["content", "list", "--content", "findes-ikke"], prog_name="workbook"
    )
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Fejl: Lokalt indhold (1):\n  findes-ikke: mappen med lokalt indhold findes ikke\n"
    )
    assert "Traceback" not in result.output


def test_content_list_table(test_catalog_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["content", "list"], prog_name="workbook")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Testkatalog, version 9999.1 (15.01.2026)\n"
        "\n"
        "Temaer (5)\n"
        "id             titel                                   spørgsmål  tjekpunkter  beslutninger"
        "  jura  min.\n"
        "-------------  --------------------------------------  ---------  -----------  ------------"
        "  ----  ----\n"
        "frivillige     Frivillige i kommunen                           2            4             1"
        "     1    20\n"
        "partnerskaber  Partnerskaber med virksomheder                  1            2             2"
        "     0    15\n"
        "alfa           Fællesskaber og frivillige i velfærden          3            4             2"
        "     1    25\n"
        "beta           Jura for frivillige og partnerskaber            2            6             1"
        "     2    20\n"
        "gamma          Økonomi, opfølgning og læring                  10            3             3"
        "     0    15\n"
        "\n"
        "Juridiske emner (2)\n"
        "id       titel                   svar\n"
        "-------  ----------------------  ----\n"
        "tavshed  Tavshedspligt              2\n"
        "udbud    Udbud og partnerskaber     1\n"
        "\n"
        "Eksempler: 1   Ordforklaringer: 4   Kilder: 6\n"
    )


def test_content_list_with_overlay(test_catalog_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["content", "list", "--content", str(DATA / "overlay")], prog_name="workbook"
    )
    assert result.exit_code == 0, result.output
    assert (
        "partnerskaber  Partnerskaber i Fjordby                         1            1             1"
        "     0    25\n"
        in result.stdout
    )
    assert result.stdout.endswith("Eksempler: 2   Ordforklaringer: 4   Kilder: 6\n")


def test_verbose_shows_replacements_and_is_per_invocation(test_catalog_dir: Path) -> None:
    args = ["content", "check", "--content", str(DATA / "overlay")]
    verbose = CliRunner().invoke(cli, ["-v", *args], prog_name="workbook")
    assert verbose.exit_code == 0
    assert "lokalt indhold erstatter 'partnerskaber'" in verbose.stderr
    quiet = CliRunner().invoke(cli, args, prog_name="workbook")
    assert quiet.stderr == ""


def test_usage_error_exits_2_in_danish_context() -> None:
    result = CliRunner().invoke(cli, ["guide"], prog_name="workbook")
    assert result.exit_code == 2
    assert "Brug: workbook guide" in result.stderr
    assert "Fejl: Mangler argumentet" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("value", "message"), [
    ("0", "Fejl: Ugyldig værdi for '--jobs' / '-j': skal være mindst 1, ikke 0"),
    ("to", "Fejl: Ugyldig værdi for '--jobs' / '-j': 'to' er ikke et gyldigt tal."),
])
def test_bad_jobs_value_is_a_danish_usage_error(value: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["build", "--jobs", value, "x.yaml"], prog_name="workbook")
    assert result.exit_code == 2
    assert message in result.stderr
