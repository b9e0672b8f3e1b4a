"""The command-line interface: a thin click layer over the library.

Each command parses its arguments, calls one use case in ``workbook.app`` and turns a
``WorkbookError`` into a Danish message on stderr with exit code 1. ``workbook.app`` imports the
heavy libraries (WeasyPrint, openpyxl) only inside its functions, so ``workbook --help`` stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from workbook import app
from workbook.cli import danish as cli_danish
from workbook.errors import WorkbookError

# click's own messages (usage errors, "Usage:", "Options:") in Danish; before any command is declared.
cli_danish.install()

log = logging.getLogger("workbook")

CONTENT_HELP = ("Kommunens eget indhold, der lægges oven på kataloget: en mappe med YAML eller en Excel-fil "
                "fra 'workbook content eksport'. Går forud for mødefilens 'indhold:'.")
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
    return click.option("--content", "content", type=click.Path(path_type=Path), metavar="MAPPE_ELLER_FIL",
                        help=CONTENT_HELP)(func)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(app.VERSION, "--version", prog_name="workbook", message="%(prog)s %(version)s",
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
@click.option("--lix", "show_lix", is_flag=True, help="Vis tekstsværheden (LIX) for hver slags tekst.")
def content_check(content: Path | None, strict: bool, show_lix: bool) -> None:
    """Kontrollér kataloget (og eget indhold): id'er, henvisninger, kilder, datoer og LIX."""
    result = app.check_content(content)
    if show_lix:
        click.echo(app.format_readability(result.readability))
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
    click.echo(app.list_content(content))


@content.command("eksport")
@click.argument("target", metavar="FIL.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tema", "temaer", multiple=True, metavar="TEMA",
              help="Kun dette tema (kan gentages); standard: alle temaer.")
@_content_option
@click.option("--force", is_flag=True, help="Overskriv en eksisterende fil (kommunens rettelser i den går tabt).")
def content_export(target: Path, temaer: tuple[str, ...], content: Path | None, force: bool) -> None:
    """Skriv de tekster, kommunen selv kan rette, i en Excel-fil (FIL.xlsx).

    Ret teksterne i kolonnerne »(kommunens)«, og brug filen med 'indhold: FIL.xlsx' i mødefilen
    eller med --content.
    """
    path = app.export_content(target, temaer, content=content, force=force)
    click.echo(f"Indholdet er skrevet: {path}")
    click.echo(f"Ret teksterne i kolonnerne »(kommunens)«, og skriv 'indhold: {path.name}' i mødefilen.")


# --- init ------------------------------------------------------------------------------------


def _meeting_key_options(func):
    # One option per meeting-file key that init asks for; the keys are declared once, in meeting.model.
    for name, metavar, text in reversed(app.init_options()):
        func = click.option(f"--{name}", metavar=metavar, help=text)(func)
    return func


@cli.command()
@click.argument("file", required=False, default="moede.yaml", metavar="[FIL]",
                type=click.Path(dir_okay=False, path_type=Path))
@_meeting_key_options
@click.option("--tema", "temaer", multiple=True, metavar="TEMA",
              help="Et tema-id (kan gentages). Se 'workbook content list'.")
@click.option("--no-input", is_flag=True, help="Spørg ikke; brug kun tilvalgene.")
@click.option("--force", is_flag=True, help="Overskriv en eksisterende mødefil.")
@_content_option
def init(file: Path, no_input: bool, force: bool, content: Path | None, **given: object) -> None:
    """Opret en mødefil (FIL, standard moede.yaml) ved at stille spørgsmål eller ud fra tilvalg."""
    result = app.init_meeting(file, given, no_input=no_input, force=force, content=content,
                              prompt=click.prompt, echo=click.echo)
    count = len(result.meeting.themes)
    click.echo(f"Mødefilen er skrevet: {file} ({count} {'tema' if count == 1 else 'temaer'}).")
    click.echo(f"Lav mødepakken (guide, selvevaluering og oversigt) med: {result.next_command}")


# --- guide -----------------------------------------------------------------------------------


@cli.command()
@click.argument("meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Outputfil (standard: output/<møde>/droeftelsesguide.pdf).")
@click.option("--variant", type=click.Choice(["fuld", "kort", "jura"]), default="fuld", show_default=True,
              help="Fuld guide, kort mødeudgave eller jura: bilag A med de juridiske svar "
                   "(juridisk-bilag.pdf).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "docx"]), default="pdf", show_default=True,
              help="PDF, én selvstændig HTML-fil eller Word (docx, til redigering).")
@click.option("--pdfa", is_flag=True, help="Arkivformat PDF/A-3a (stadig tilgængelig PDF/UA-1).")
@_content_option
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), help=TEMPLATES_HELP)
@click.option("--status", "status", metavar="FIL", type=click.Path(dir_okay=False, path_type=Path),
              help="Svarbanken (svar.sqlite fra workbook report): tilføjer »Status fra selvevalueringen« "
                   "(standard: mødefilens status:).")
def guide(meeting: Path, output: Path | None, variant: str, fmt: str, pdfa: bool,
          content: Path | None, templates: Path | None, status: Path | None) -> None:
    """Lav drøftelsesguiden til et møde (MØDEFIL er mødefilen)."""
    path = app.make_guide(meeting, output=output, variant=variant, fmt=fmt, pdfa=pdfa,
                          content=content, templates=templates, status=status)
    click.echo(f"Guiden er skrevet: {path}")


# --- agenda item -----------------------------------------------------------------------------


@cli.command()
@click.argument("meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Outputfil (standard: output/<møde>/dagsordenspunkt.docx); teksten skrives ved siden af "
                   "som .txt.")
@_content_option
def dagsorden(meeting: Path, output: Path | None, content: Path | None) -> None:
    """Lav dagsordenspunktet til mødet som Word-fil og som tekst til dagsordenssystemet."""
    docx_path, text_path = app.make_agenda_item(meeting, output=output, content=content)
    click.echo(f"Dagsordenspunktet er skrevet: {docx_path} og {text_path}")


# --- checklist -------------------------------------------------------------------------------


@cli.command()
@click.argument("meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Outputfil (standard: output/<møde>/selvevaluering.xlsx); med --respondenter en mappe "
                   "(standard: output/<møde>/respondenter).")
@click.option("--respondenter", type=click.Path(dir_okay=False, path_type=Path), metavar="FIL",
              help="Liste (CSV eller xlsx med navn, rolle, e-mail, evt. gruppe): ét ark pr. person og "
                   "udsendelse.csv til brevfletning.")
@_content_option
@click.option("--force", is_flag=True, help="Overskriv et udfyldt ark (der gemmes en sikkerhedskopi).")
def checklist(meeting: Path, output: Path | None, respondenter: Path | None, content: Path | None,
              force: bool) -> None:
    """Lav Excel-arket til selvevaluering til et møde."""
    if respondenter is not None:
        personal = app.make_personal_checklists(meeting, respondenter, output=output, content=content,
                                                force=force)
        click.echo(f"{len(personal.written)} ark er skrevet i {personal.mailing.parent}; "
                   f"listen til brevfletning: {personal.mailing}")
        return
    result = app.make_checklist(meeting, output=output, content=content, force=force)
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
@click.option("--moede", "meeting", metavar="MØDEFIL", type=click.Path(dir_okay=False, path_type=Path),
              help="Mødefilen: rapporten bruger så mødets eget indhold ('indhold:') som guiden og arkene.")
def report(inputs: tuple[Path, ...], out_dir: Path | None, content: Path | None,
           templates: Path | None, strict: bool, anonym: bool, database: Path | None, round_name: str | None,
           compare_with: str | None, recipients: Path | None, meeting: Path | None) -> None:
    """Læs udfyldte selvevalueringer (ARK er filer eller mapper) og lav statusrapport og handleplan."""
    result = app.make_report(inputs, out_dir=out_dir, content=content, templates=templates, anonym=anonym,
                             database=database, round=round_name, compare_with=compare_with,
                             recipients=recipients, meeting=meeting)
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
    result = app.upgrade_workbook(old, output=output, content=content)
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
    jobs = jobs or os.cpu_count() or 1
    files = app.collect_meeting_files(meetings)
    options = dict(out_dir=out_dir, jobs=jobs, content=content, templates=templates, force=force)
    if sys.stdout.isatty() and len(files) > 1:
        # A progress bar on a terminal; the failures are listed once it is done.
        with click.progressbar(length=len(files), label="Bygger mødepakker",
                               item_show_func=lambda o: o.source.name if o else None) as bar:
            result = app.build_packs(files, **options, on_result=lambda o: bar.update(1, o))
        for outcome in result.failed:
            click.echo(outcome.message, err=True)
    else:
        result = app.build_packs(files, **options,
                             on_result=lambda o: click.echo(o.message, err=o.failed))
    click.echo(result.summary())
    if result.failed:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``workbook`` console script."""
    cli(prog_name="workbook")
