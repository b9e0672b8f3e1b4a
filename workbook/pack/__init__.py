"""Meeting packs: building many meetings in parallel, the index page and the manifest."""
