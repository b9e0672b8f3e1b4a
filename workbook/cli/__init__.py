"""The click commands (thin over workbook.app) and click's texts in Danish."""

from workbook.cli.commands import cli, main

__all__ = ["cli", "main"]
