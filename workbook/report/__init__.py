"""From filled workbooks to figures: collect, aggregate, view (pure), summary_xlsx, error_reports; make runs them."""
