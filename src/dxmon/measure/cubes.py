"""Per-partition cubes: computed once per month partition content, then reused.

A cube file sits at ``<landing>/_cubes/month=YYYY-MM/cube-<digest>.parquet``; the digest
names the partition files it was computed from, so a partition rewritten by an ingestion
has no current cube and is scanned again, while the other months are not read at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dxmon.measure.engines import Engine
from dxmon.measure.indicators import cube
from dxmon.measure.schemas import month_key

CUBE_DIR = "_cubes"
CUBE_SCHEMA = pa.schema([
    ("agency_code", pa.string()), ("rm", pa.int16()), ("dm", pa.int16()), ("fm", pa.int16()),
    ("n", pa.int64()), ("n_full", pa.int64()), ("n_partial", pa.int64()),
    ("n_fee", pa.int64()), ("n_fee_paid_online", pa.int64()),
    ("n_finished_on_time", pa.int64()),
])


def key_of(month: str) -> int:
    year, number = month.split("-")
    return month_key(int(year), int(number))


def cube_path(landing: Path, month: str, files: Sequence[Path]) -> Path:
    digest = hashlib.sha256("|".join(sorted(p.name for p in files)).encode()).hexdigest()
    return landing / CUBE_DIR / f"month={month}" / f"cube-{digest[:16]}.parquet"


def rows_in(files: Sequence[Path]) -> int:
    return sum(pq.read_metadata(path).num_rows for path in files)


def _save(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("cube-*.parquet"):
        old.unlink()
    temporary = path.with_suffix(".tmp")
    pq.write_table(table, temporary)
    temporary.replace(path)


def ensure_cubes(engine: Engine, landing: Path, partitions: Mapping[str, Sequence[Path]],
                 *, reuse: bool = True) -> tuple[list[Path], list[str], int]:
    """Cube files of ``partitions``, computing the stale ones in one engine pass.

    Returns the cube files, the months whose records were read, and their row count.
    """
    paths = {month: cube_path(landing, month, files) for month, files in partitions.items()}
    stale = sorted(m for m, path in paths.items() if not (reuse and path.exists()))
    if stale:
        files = [path for month in stale for path in partitions[month]]
        result = engine.to_arrow(cube(engine.read_parquet(files)))
        result = result.select(CUBE_SCHEMA.names).cast(CUBE_SCHEMA)
        for month in stale:
            mask = pc.equal(result["rm"], pa.scalar(key_of(month), pa.int16()))
            _save(result.filter(mask), paths[month])
    scanned = rows_in([p for m in stale for p in partitions[m]])
    return [paths[m] for m in sorted(paths)], stale, scanned
