"""Collect: how facts get in — recording observations and statuses as revisions, and the
tabular import/export (CSV, XLSX, JSON) with row-level validation. Nothing is overwritten:
a change adds a revision and the history of every value can be listed.
"""
