"""Measurement: service indicators computed from administrative dossier records.

This package owns the dossier record schema, the landing area of Parquet files (one
folder per received month, status versions already replaced), the single Ibis definition
of each measured indicator, the engines that run it (DuckDB embedded, Spark on a cluster),
the synthetic record generator, and storing the results as observations with source
``measured``. See docs/measure.md.
"""
