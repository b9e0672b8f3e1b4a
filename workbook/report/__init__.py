"""From filled workbooks to figures: collecting responses, aggregating, the status report and samlet.xlsx."""
