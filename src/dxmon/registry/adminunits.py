"""Read the data files of the ``vietnamadminunits`` package without importing it.

Importing the package runs its address parser's set-up (geopy, shapely, numpy): most of a
second. dxmon needs only its SQLite dataset and its conversion map, so it finds the package
folder (``find_spec`` does not execute the package) and reads the files itself.
"""

from __future__ import annotations

import sqlite3
from importlib.util import find_spec
from pathlib import Path
from typing import Any

PACKAGE = "vietnamadminunits"


def data_path(name: str) -> Path:
    """A file of the package's ``data/`` folder."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{PACKAGE} is not installed", name=PACKAGE)
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def query(sql: str) -> list[dict[str, Any]]:
    """Rows of the package's dataset (its ``database.main.query``, read-only)."""
    uri = f"{data_path('dataset.db').as_uri()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql).fetchall()]
