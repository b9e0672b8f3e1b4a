"""The one error family of the tool, its one located ``Problem`` shape and the collect-then-raise helper.

Every error a user can cause is a ``WorkbookError``. The CLI catches ``WorkbookError`` once, prints
its Danish message on stderr and exits 1. Library code raises these and never prints. Validation
collects every ``Problem`` first and raises once (``raise_if_problems``), so the user can fix
everything in one round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in the user's input, worded in Danish.

    ``str()`` gives ``where: tema 'x': feltet 'f': message``; the parts that are empty are left out.
    """

    where: str
    """The place: ``"file:line"``, ``"file [Ark!C7]"`` or just ``"file"``."""
    message: str
    """What is wrong, in Danish (and, where it helps, what would be right)."""
    item: str = ""
    """The id of the item the problem is about, or ""."""
    field: str = ""
    """The field (key, column) of the item, or ""."""
    kind: str = ""
    """The Danish name of the item's kind (``"tema"``, ``"tjekpunkt"``); ``"punkt"`` when empty."""

    def __str__(self) -> str:
        parts = [self.where] if self.where else []
        if self.item:
            parts.append(f"{self.kind or 'punkt'} '{self.item}'")
        if self.field:
            parts.append(f"feltet '{self.field}'")
        parts.append(self.message)
        return ": ".join(parts)


def _as_list(problems: Iterable[Problem | str] | str) -> list[Problem | str]:
    # A plain string is an already worded problem (the place is part of the text); it stays a
    # string until every package has adopted ``Problem``.
    return [problems] if isinstance(problems, str) else list(problems)


class WorkbookError(Exception):
    """Base of every error caused by the user's input, files or environment; message in Danish."""

    exit_code = 1


class ProblemsError(WorkbookError):
    """Base of the errors that carry a list of located problems (``problems``).

    One problem is the whole message; several get ``heading (n):`` and one indented line each.
    """

    default_heading = "Der er fejl"
    #: Whether a single problem is also shown under the heading.
    always_heading = False

    def __init__(self, problems: Iterable[Problem | str] | str, heading: str | None = None) -> None:
        self.problems: list[Problem | str] = _as_list(problems)
        self.heading = heading or self.default_heading
        if len(self.problems) == 1 and not self.always_heading:
            message = str(self.problems[0])
        else:
            lines = [f"{self.heading} ({len(self.problems)}):"] + [f"  {p}" for p in self.problems]
            message = "\n".join(lines)
        super().__init__(message)


class CatalogError(ProblemsError):
    """Raised when the content catalog or an overlay has one or more problems.

    ``problems`` holds every located problem (``file:line: tema 'id': feltet 'x': ...``); the
    message lists them all under the heading, even when there is only one.
    """

    default_heading = "Indholdskataloget har fejl"
    always_heading = True


class MeetingError(ProblemsError):
    """Raised when a meeting file is missing, malformed or refers to unknown themes or files."""

    default_heading = "Mødefilen har fejl"


class WorkbookFileError(ProblemsError):
    """Raised when a filled self-assessment workbook cannot be read (not ours, broken, too large)."""

    default_heading = "Excel-filen kan ikke bruges"


class YamlError(WorkbookError):
    """Raised when a YAML file cannot be read or parsed; ``problem`` says where (``file:line``)."""

    def __init__(self, problem: Problem, label: str = "", line: int = 0) -> None:
        self.problem = problem
        self.label = label
        """The file as named in the message."""
        self.line = line
        """The 1-based line of the problem, 0 when unknown."""
        super().__init__(str(problem))


class OutputError(WorkbookError):
    """Raised when an output file cannot be written safely (exists with answers, no permission)."""


class RenderError(WorkbookError):
    """Raised when a template or the PDF renderer fails, or an asset cannot be loaded."""


def raise_if_problems(problems: Sequence[Problem | str], error_cls: type[ProblemsError] = MeetingError,
                      heading: str | None = None) -> None:
    """Raise ``error_cls`` with every problem in ``problems`` (collected first), if there are any."""
    if problems:
        raise error_cls(list(problems), heading)
