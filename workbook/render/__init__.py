"""Turning a view model into a document: Jinja templates, a restricted fetcher, PDF and inline HTML.

``env`` (templates), ``fetcher`` (what a document may read), ``pdf`` (WeasyPrint), ``html`` (one-file
HTML) and ``_weasyprint`` (the adapter for WeasyPrint's internals). Nothing here knows the catalog.
"""
