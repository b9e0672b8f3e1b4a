"""Danish wording for click's own messages: usage errors, help headings and prompts.

click 8 looks its user-facing strings up through ``gettext``/``ngettext`` imported into each of its
modules, at the moment a message is made. ``install()`` replaces those two names in click's modules
with a small translation that knows click's message ids in Danish and falls back to the original
for anything else. ``workbook.cli.commands`` calls it on import, before it declares its commands (some texts,
such as the word for "file" in a path parameter, are looked up when a parameter is created).
"""

from __future__ import annotations

import gettext
import importlib

# The click modules that look up messages (``_winconsole`` exists only on Windows).
_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)

#: click's message ids (8.1–8.2) and their Danish wording; the placeholders are click's own.
MESSAGES: dict[str, str] = {
    # Help pages.
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Positional arguments": "Argumenter",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Show the version and exit.": "Vis versionsnummeret og afslut.",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljøvariabel: {var}",
    "required": "skal angives",
    "(dynamic)": "(beregnes)",
    "deprecated": "udgår",
    # Usage errors.
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' for at få hjælp.",
    "Missing argument": "Mangler argumentet",
    "Missing option": "Mangler tilvalget",
    "Missing parameter": "Mangler parameteren",
    "Missing {param_type}": "Mangler {param_type}",
    "Missing parameter: {param_name}": "Mangler parameteren: {param_name}",
    "Missing command.": "Mangler en kommando.",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tager {nargs} værdier.",
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt tal.",
    "{value} is not in the range {range}.": "{value} er ikke i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} er ikke en gyldig sandhedsværdi. Gyldige værdier: {states}",
    "{value!r} is not a valid UUID.": "{value!r} er ikke et gyldigt UUID.",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke køres.",
    "Could not open file {filename!r}: {message}": "Kan ikke åbne filen {filename!r}: {message}",
    "unknown error": "ukendt fejl",
    # Prompts.
    "Aborted!": "Afbrudt.",
    "Repeat for confirmation": "Gentag for at bekræfte",
    "Error: The two entered values do not match.": "Fejl: De to værdier er ikke ens.",
    "Error: invalid input": "Fejl: ugyldig indtastning",
    "Do you want to continue?": "Vil du fortsætte?",
    "Confirm the action without prompting.": "Bekræft uden at spørge.",
    "Press any key to continue...": "Tryk på en tast for at fortsætte …",
}

#: click's singular/plural message ids and their Danish (singular, plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Uventet ekstra argument ({args})", "Uventede ekstra argumenter ({args})"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} er ikke {choice}.", "{value!r} er ikke en af {choices}."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Mente du {possibility}?", "(Mente du en af: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tilvalget {name!r} skal have en værdi.", "Tilvalget {name!r} skal have {nargs} værdier."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Kræver {nargs} værdier, men fik 1.", "Kræver {nargs} værdier, men fik {len}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Der kræves {len_type} værdier, men der blev givet {len_value}.",
         "Der kræves {len_type} værdier, men der blev givet {len_value}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} passer ikke til formatet {format}.", "{value!r} passer ikke til formaterne {formats}."),
}


class DanishClick(gettext.NullTranslations):
    """click's messages in Danish; an unknown message is returned unchanged."""

    def gettext(self, message: str) -> str:
        """Return the Danish wording of ``message``, or ``message`` itself."""
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """Return the Danish singular or plural of a message pair, or the English one."""
        pair = PLURALS.get((msgid1, msgid2), (msgid1, msgid2))
        return pair[0] if n == 1 else pair[1]


TRANSLATION = DanishClick()


def install() -> None:
    """Make click show its own messages in Danish (idempotent)."""
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without this module
            continue
        if hasattr(module, "_"):
            module._ = TRANSLATION.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = TRANSLATION.ngettext
