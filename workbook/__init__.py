"""workbook: discussion guides, self-assessment workbooks and status reports on welfare alliances.

Two pipelines: the catalog (``content``) and a meeting file (``meeting``) become view models and
then PDF/HTML/Word (``guide``, ``agenda_item`` over ``render``) and Excel (``xlsx``), bundled by
``pack``; filled workbooks are read back (``xlsx``) into the status report (``report``). ``app``
holds the use cases; ``cli`` is a thin click layer over it. ``errors``, ``files`` and ``danish``
serve every layer.
"""

__version__ = "0.1.0"
