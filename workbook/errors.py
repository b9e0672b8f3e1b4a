"""The one error family of the tool: every error a user can cause is a ``WorkbookError``.

The CLI catches ``WorkbookError`` once, prints its Danish message on stderr and exits 1. Library code
raises these and never prints.
"""

from __future__ import annotations


class WorkbookError(Exception):
    """Base of every error caused by the user's input, files or environment; message in Danish."""

    exit_code = 1


class CatalogError(WorkbookError):
    """Raised when the content catalog or an overlay has one or more problems.

    ``problems`` holds every located problem (``file:line: item 'id': field 'x': ...``); the
    message lists them all, so the user can fix everything in one round.
    """

    def __init__(self, problems: list[str], heading: str = "Indholdskataloget har fejl") -> None:
        self.problems = list(problems)
        lines = [f"{heading} ({len(self.problems)}):"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class MeetingError(WorkbookError):
    """Raised when a meeting file is missing, malformed or refers to unknown themes or files."""

    def __init__(self, problems: list[str], heading: str = "Mødefilen har fejl") -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = "\n".join([f"{heading} ({len(self.problems)}):"] + [f"  {p}" for p in self.problems])
        super().__init__(message)


class OutputError(WorkbookError):
    """Raised when an output file cannot be written safely (exists with answers, no permission)."""


class RenderError(WorkbookError):
    """Raised when a template or the PDF renderer fails, or an asset cannot be loaded."""


class WorkbookFileError(WorkbookError):
    """Raised when a filled self-assessment workbook cannot be read (not ours, broken, too large)."""
