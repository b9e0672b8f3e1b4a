"""workbook: discussion guides, self-assessment workbooks and status reports on welfare alliances.

The package is a pipeline: the catalog (``content``) and a meeting file (``meeting``) are loaded into
typed objects (``model``), prepared into view models, and written as PDF/HTML (``guide``), Excel
(``xlsx_writer``) or, from filled workbooks, reports (``report``). ``cli`` is a thin click layer.
"""

__version__ = "0.1.0"
