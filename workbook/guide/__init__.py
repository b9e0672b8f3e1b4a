"""The discussion guide: the view model built from catalog and meeting, and its rendering."""
