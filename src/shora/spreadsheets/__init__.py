"""Reading tabular files (xlsx, csv) row by row, and writing bad-row reports."""
