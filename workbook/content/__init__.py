"""The content catalog: its schema, loading with line numbers, checks and listing."""
