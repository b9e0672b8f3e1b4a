"""The command-line interface: a thin click layer over the library.

Each command parses its arguments, calls one library function and turns a ``WorkbookError`` into a
Danish message on stderr with exit code 1. Heavy libraries (WeasyPrint, openpyxl) are imported
inside the commands that need them, so ``workbook --help`` stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from workbook import __version__
from workbook.cli import danish as cli_danish
from workbook.errors import WorkbookError
from workbook.paths import shell_word

# click's own messages (usage errors, "Usage:", "Options:") in Danish; before any command is declared.
cli_danish.install()

log = logging.getLogger("workbook")

CONTENT_HELP = "Mappe med kommunens eget indhold (YAML), der lægges oven på kataloget."
TEMPLATES_HELP = "Mappe med egne skabeloner eller stylesheet, der søges før standardskabelonerne."


class _DanishHandler(logging.Handler):
    """Print the library's warnings on stderr, prefixed in Danish."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "Advarsel: " if record.levelno >= logging.WARNING else ""
        click.echo(f"{prefix}{record.getMessage()}", err=True)


class _Command(click.Command):
    """Command whose usage line is in Danish (click's own texts are translated by ``cli_danish``)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """Group that turns every ``WorkbookError`` into one Danish message and exit code 1."""

    command_class = _Command
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbookError as exc:
            click.echo(f"Fejl: {exc}", err=True)
            ctx.exit(exc.exit_code)


def _setup_logging(verbose: bool) -> None:
    # The level lives on our handler, not on the logger, and records still propagate: a second
    # invocation in the same process (tests) gets its own verbosity, and pytest's caplog still
    # sees the library's records.
    handler = next((h for h in log.handlers if isinstance(h, _DanishHandler)), None)
    if handler is None:
        handler = _DanishHandler()
        log.addHandler(handler)
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    log.setLevel(logging.INFO)


def _content_option(func):
    return click.option("--content", "content", type=click.Path(file_okay=False, path_type=Path),
                        help=CONTENT_HELP)(func)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="workbook", message="%(prog)s %(version)s",
                      help="Vis versionsnummeret og afslut.")
@click.option("-v", "--verbose", is_flag=True, help="Vis flere detaljer undervejs.")
def cli(verbose: bool) -> None:
    """Drøftelsesguides, selvevalueringer og statusrapporter om velfærdsalliancer.

    Værktøjet laver materiale til kommunalbestyrelsens og fagudvalgenes drøftelser af
    velfærdsalliancer ud fra ét indholdskatalog: en PDF-drøftelsesguide, et Excel-ark til
    selvevaluering og, ud fra de udfyldte ark, en statusrapport og en handleplan.
    """
    _setup_logging(verbose)


# --- content ---------------------------------------------------------------------------------


@cli.group(cls=_Group)
def content() -> None:
    """Kontrollér og vis indholdskataloget."""


@content.command("check")
@_content_option
@click.option("--strict", is_flag=True, help="Afslut med fejl (kode 1) også ved advarsler.")
def content_check(content: Path | None, strict: bool) -> None:
    """Kontrollér kataloget (og eget indhold): id'er, henvisninger, kilder og datoer."""
    from workbook.content.load import check_catalog

    result = check_catalog(content)
    for warning in result.warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    cat = result.catalog
    click.echo(
        f"Kataloget er i orden: version {cat.version}, {len(cat.themes)} temaer, "
        f"{len(cat.legal_topics)} juridiske emner, {len(cat.cases)} eksempler, "
        f"{len(cat.glossary)} ordforklaringer, {len(cat.sources)} kilder; "
        f"{len(result.warnings)} advarsler."
    )
    if strict and result.warnings:
        click.echo("Fejl: kataloget har advarsler, og --strict gør dem til fejl.", err=True)
        sys.exit(1)


@content.command("list")
@_content_option
def content_list(content: Path | None) -> None:
    """Vis temaer og juridiske emner med id'er og antal."""
    from workbook.content.listing import format_catalog_listing
    from workbook.content.load import load_catalog

    click.echo(format_catalog_listing(load_catalog(content)))


# --- init ------------------------------------------------------------------------------------


@cli.command()
@click.argument("file", required=False, default="moede.yaml", metavar="[FIL]",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kommune", metavar="NAVN", help="Kommunens navn.")
@click.option("--forum", metavar="NAVN", help="Kommunalbestyrelsen eller udvalgets navn.")
@click.option("--titel", metavar="TEKST", help="Mødets titel.")
@click.option("--dato", metavar="ÅÅÅÅ-MM-DD", help="Mødedato, ÅÅÅÅ-MM-DD.")
@click.option("--starttid", metavar="TT:MM", help="Starttidspunkt, TT:MM.")
@click.option("--sted", metavar="TEKST", help="Mødested.")
@click.option("--kontakt", metavar="TEKST", help="Kontaktperson (navn, e-mail, telefon).")
@click.option("--tema", "temaer", multiple=True, metavar="TEMA",
              help="Et tema-id (kan gentages). Se 'workbook content list'.")
@click.option("--no-input", is_flag=True, help="Spørg ikke; brug kun tilvalgene.")
@click.option("--force", is_flag=True, help="Overskriv en eksisterende mødefil.")
@_content_option
def init(file: Path, no_input: bool, force: bool, content: Path | None, **given: object) -> None:
    """Opret en mødefil (FIL, standard moede.yaml) ved at stille spørgsmål eller ud fra tilvalg."""
    from workbook.content.load import load_catalog
    from workbook.meeting.ask import ask_meeting_values, values_from_options
    from workbook.meeting.load import write_meeting_file

    if file.exists() and not force:
        raise WorkbookError(f"{file} findes allerede. Brug --force for at overskrive den.")
    catalog = load_catalog(content)
    if no_input:
        values = values_from_options(given, catalog)
    else:
        values = ask_meeting_values(given, catalog, prompt=click.prompt, echo=click.echo)
    meeting = write_meeting_file(file, values, catalog)
    count = len(meeting.themes)
    click.echo(f"Mødefilen er skrevet: {file} ({count} {'tema' if count == 1 else 'temaer'}).")
    click.echo(f"Lav guiden med: workbook guide {shell_word(file)}")


# --- guide -----------------------------------------------------------------------------------


@cli.command()
@click.argument("meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Outputfil (standard: output/<møde>/droeftelsesguide.pdf).")
@click.option("--variant", type=click.Choice(["fuld", "kort"]), default="fuld", show_default=True,
              help="Fuld guide eller kort mødeudgave.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True,
              help="PDF eller én selvstændig HTML-fil.")
@click.option("--pdfa", is_flag=True, help="Arkivformat PDF/A-3a (stadig tilgængelig PDF/UA-1).")
@_content_option
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), help=TEMPLATES_HELP)
def guide(meeting: Path, output: Path | None, variant: str, fmt: str, pdfa: bool,
          content: Path | None, templates: Path | None) -> None:
    """Lav drøftelsesguiden til et møde (MØDEFIL er mødefilen)."""
    from workbook.guide.make import make_guide

    path = make_guide(meeting, output=output, variant=variant, fmt=fmt, pdfa=pdfa,
                      content=content, templates=templates)
    click.echo(f"Guiden er skrevet: {path}")


# --- checklist -------------------------------------------------------------------------------


@cli.command()
@click.argument("meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Outputfil (standard: output/<møde>/selvevaluering.xlsx).")
@_content_option
@click.option("--force", is_flag=True, help="Overskriv et udfyldt ark (der gemmes en sikkerhedskopi).")
def checklist(meeting: Path, output: Path | None, content: Path | None, force: bool) -> None:
    """Lav Excel-arket til selvevaluering til et møde."""
    from workbook.xlsx.writer import make_checklist

    result = make_checklist(meeting, output=output, content=content, force=force)
    if result.backup:
        click.echo(f"Sikkerhedskopi af de gamle svar: {result.backup}")
    click.echo(f"Selvevalueringen er skrevet: {result.path}")


# --- report ----------------------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="ARK...",
                type=click.Path(path_type=Path, readable=False))  # an unreadable one gets its own line
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="Mappe til rapporterne (standard: output/<møde>/rapport).")
@_content_option
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), help=TEMPLATES_HELP)
@click.option("--strict", is_flag=True, help="Afslut med kode 1 også ved advarsler.")
@click.option("--anonym", is_flag=True, help="Udelad respondenternes navne (de nummereres i stedet).")
@click.option("--svarbank", "database", type=click.Path(dir_okay=False, path_type=Path),
              help="Svarbanken (SQLite), som svarene gemmes i (standard: output/<møde>/svar.sqlite).")
@click.option("--runde", "round_name", metavar="NAVN",
              help="Runden, nye svar gemmes under (standard: måneden, fx 2027-03).")
@click.option("--sammenlign", "compare_with", metavar="RUNDE",
              help="Sammenlign med en tidligere runde i svarbanken.")
@click.option("--respondenter", "recipients", type=click.Path(dir_okay=False, path_type=Path),
              help="Respondentlisten (udsendelse.csv), så rapporten kan sige, hvem der ikke har svaret.")
def report(inputs: tuple[Path, ...], out_dir: Path | None, content: Path | None,
           templates: Path | None, strict: bool, anonym: bool, database: Path | None, round_name: str | None,
           compare_with: str | None, recipients: Path | None) -> None:
    """Læs udfyldte selvevalueringer (ARK er filer eller mapper) og lav statusrapport og handleplan."""
    from workbook.report.make import make_report

    result = make_report(list(inputs), out_dir=out_dir, content=content, templates=templates,
                         anonym=anonym, database=database, round=round_name, compare_with=compare_with,
                         recipients=recipients)
    for line in result.messages:
        click.echo(line, err=True)
    for path in result.written:
        click.echo(f"Skrevet: {path}")
    if result.database:
        click.echo(f"Svarbank: {result.database} (runde {result.round})")
    if result.rejected or (strict and result.warnings):
        sys.exit(1)


@cli.command()
@click.argument("old", metavar="GAMMELT_ARK", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Ny fil (standard: <gammel>-opdateret.xlsx).")
@_content_option
def upgrade(old: Path, output: Path | None, content: Path | None) -> None:
    """Flyt alle svar fra et ældre ark over i et ark til det nuværende katalog."""
    from workbook.xlsx.upgrade import upgrade_workbook

    result = upgrade_workbook(old, output=output, content=content)
    for line in result.summary_lines():
        click.echo(line)


def _at_least_one(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(f"skal være mindst 1, ikke {value}", ctx, param)
    return value


# --- build -----------------------------------------------------------------------------------


@cli.command()
@click.argument("meetings", nargs=-1, required=True, metavar="MØDEFILER...", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Mappe til mødepakkerne (standard: output).")
@click.option("--jobs", "-j", type=int, callback=_at_least_one, default=None, metavar="ANTAL",
              help="Antal parallelle processer (standard: antal kerner).")
@_content_option
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), help=TEMPLATES_HELP)
@click.option("--force", is_flag=True, help="Byg igen, også når intet er ændret.")
def build(meetings: tuple[Path, ...], out_dir: Path | None, jobs: int | None, content: Path | None,
          templates: Path | None, force: bool) -> None:
    """Lav hele mødepakken (guide, kort udgave, selvevaluering, oversigt) for et eller flere møder.

    MØDEFILER er mødefiler eller mapper; en mappe giver alle dens *.yaml-filer. Hvert møde får
    mappen <output>/<møde-id>/. Et møde, hvor intet er ændret siden sidst, springes over.
    """
    from workbook.pack.build import build_packs, collect_meeting_files

    jobs = jobs or os.cpu_count() or 1
    files = collect_meeting_files(meetings)
    options = dict(out_dir=out_dir, jobs=jobs, content=content, templates=templates, force=force)
    if sys.stdout.isatty() and len(files) > 1:
        # A progress bar on a terminal; the failures are listed once it is done.
        with click.progressbar(length=len(files), label="Bygger mødepakker",
                               item_show_func=lambda o: o.source.name if o else None) as bar:
            result = build_packs(files, **options, on_result=lambda o: bar.update(1, o))
        for outcome in result.failed:
            click.echo(outcome.message, err=True)
    else:
        result = build_packs(files, **options,
                             on_result=lambda o: click.echo(o.message, err=o.failed))
    click.echo(result.summary())
    if result.failed:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``workbook`` console script."""
    cli(prog_name="workbook")
