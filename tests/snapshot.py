"""Snapshots of generated artefacts, kept under ``tests/snapshots/`` and reviewed like code.

``assert_snapshot("measure/duckdb/cube.sql", text)`` fails with a diff when ``text`` differs
from the stored file. ``DXMON_UPDATE_SNAPSHOTS=1 pytest …`` rewrites the files instead (and
creates new ones); review them with ``git diff tests/snapshots`` before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE_VARIABLE = "DXMON_UPDATE_SNAPSHOTS"


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE) == "1"


def assert_snapshot(name: str, actual: str) -> None:
    """``actual`` equals the snapshot ``name`` (a path under tests/snapshots/)."""
    path = SNAPSHOTS / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(f"no snapshot tests/snapshots/{name}: run the test with "
                             f"{UPDATE_VARIABLE}=1, then review the new file")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"tests/snapshots/{name}", tofile="generated now"))
        raise AssertionError(f"tests/snapshots/{name} differs from what is generated now; if "
                             f"the change is intended, rerun with {UPDATE_VARIABLE}=1 and "
                             f"review the diff:\n{diff}")


def stale_snapshots(folder: str, expected: set[str]) -> set[str]:
    """Files under ``tests/snapshots/folder`` that no test writes any more."""
    root = SNAPSHOTS / folder
    present = {str(p.relative_to(SNAPSHOTS)) for p in root.rglob("*") if p.is_file()}
    return present - expected
