"""Writing the self-assessment workbook: one module per sheet kind, assembled and saved by ``book``."""

from workbook.xlsx.write.book import (
    DEFAULT_FILENAME,
    ChecklistResult,
    build_workbook,
    default_target,
    item_rows,
    make_checklist,
    save_workbook,
    write_checklist,
)
from workbook.xlsx.write.style import DATE_FORMAT, put_text

__all__ = [
    "DATE_FORMAT",
    "DEFAULT_FILENAME",
    "ChecklistResult",
    "build_workbook",
    "default_target",
    "item_rows",
    "make_checklist",
    "put_text",
    "save_workbook",
    "write_checklist",
]
