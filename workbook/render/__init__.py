"""Templates to HTML and PDF: Jinja environment, restricted fetcher, WeasyPrint; knows nothing of the catalog."""
