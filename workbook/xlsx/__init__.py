"""The self-assessment workbook: its layout contract, finding cells, writing, guarded reading and upgrading."""
