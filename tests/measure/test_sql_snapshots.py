"""The SQL each measured indicator compiles to, per engine, is snapshotted.

One Ibis definition per figure (``dxmon.measure.indicators``) is compiled for DuckDB and for
Spark SQL; a change to a definition, to Ibis or to sqlglot shows up here as a reviewed diff
of ``tests/snapshots/measure/<engine>/<figure>.sql`` (``DXMON_UPDATE_SNAPSHOTS=1`` rewrites).
Compiling needs neither a DuckDB connection nor PySpark.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir
import pytest
import sqlglot

from dxmon.measure import indicators
from dxmon.measure.cubes import CUBE_SCHEMA
from dxmon.measure.engines import DuckDBEngine
from dxmon.measure.schemas import LANDING_SCHEMA, month_key
from tests.snapshot import assert_snapshot, stale_snapshots, updating

# engine name as dxmon knows it -> Ibis/sqlglot dialect
DIALECTS = {"duckdb": "duckdb", "spark": "pyspark"}
MONTHS = [month_key(2024, 1), month_key(2024, 2)]  # two months: the unions show


def _cube() -> ir.Table:
    return ibis.table(ibis.schema(CUBE_SCHEMA), name="cube")


def _expressions() -> dict[str, Callable[[], ir.Table]]:
    records = ibis.table(ibis.schema(LANDING_SCHEMA), name="records")
    figures: dict[str, Callable[[], ir.Table]] = {
        name: (lambda figure=figure: figure(_cube(), MONTHS))  # type: ignore[misc]
        for name, figure in indicators.FIGURES.items()}
    return {"cube": lambda: indicators.cube(records), **figures,
            "indicator_table": lambda: indicators.indicator_table(_cube(), MONTHS)}


EXPRESSIONS = _expressions()
CASES = [(engine, name) for engine in DIALECTS for name in EXPRESSIONS]


@pytest.mark.parametrize(("engine", "name"), CASES)
def test_compiled_sql_matches_its_snapshot(engine: str, name: str) -> None:
    sql = ibis.to_sql(EXPRESSIONS[name](), dialect=DIALECTS[engine])
    assert_snapshot(f"measure/{engine}/{name}.sql", f"{sql.strip()}\n")


def test_every_measured_indicator_has_a_snapshot_and_none_is_stale() -> None:
    assert set(indicators.FIGURES) <= set(EXPRESSIONS)
    if updating():
        return
    expected = {f"measure/{engine}/{name}.sql" for engine, name in CASES}
    assert stale_snapshots("measure", expected) == set()


def same_query(compiled: str, name: str, engine: str) -> bool:
    """``compiled`` (an engine's own compilation) parses to the snapshotted query: the
    snapshots are pretty-printed, the engines compile on one line."""
    dialect = "spark" if engine == "spark" else engine
    return bool(sqlglot.parse_one(compiled, read=dialect)
                == sqlglot.parse_one(ibis.to_sql(EXPRESSIONS[name](), dialect=DIALECTS[engine]),
                                     read=dialect))


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_the_snapshot_is_what_duckdb_runs(name: str) -> None:
    engine = DuckDBEngine(threads=1)
    try:
        assert same_query(engine.con.compile(EXPRESSIONS[name]()), name, "duckdb")
    finally:
        engine.close()
