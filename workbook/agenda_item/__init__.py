"""The agenda item (dagsordenspunkt) that carries the guide: its text model, Word file and plain text."""
