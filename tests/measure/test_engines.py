"""The same Ibis definitions give identical results on DuckDB and on Spark (local[2])."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from dxmon.measure import service
from dxmon.measure.cubes import ensure_cubes
from dxmon.measure.engines import open_engine
from dxmon.measure.indicators import indicator_table
from dxmon.measure.ingest import landing_files
from dxmon.measure.synth import synth_dossiers
from tests.measure.conftest import figures
from tests.measure.test_sql_snapshots import EXPRESSIONS, same_query

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def synth_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    files = synth_dossiers(rows=20_000, out=folder / "raw", seed=7)
    service.ingest_paths(paths=files, landing=folder / "landing")
    return folder / "landing"


def _long(engine: str, landing: Path, spark: Any) -> pa.Table:
    months = service.period_months(service.Period.parse("2024S1"))
    with open_engine(engine, spark=spark) as runner:
        files, _, _ = ensure_cubes(runner, landing, landing_files(landing), reuse=False)
        table = runner.to_arrow(indicator_table(runner.read_parquet(files), months))
    return table.cast(pa.schema([("indicator", pa.string()), ("agency_code", pa.string()),
                                 ("month", pa.int16()), ("numerator", pa.int64()),
                                 ("denominator", pa.int64())]))


def test_duckdb_and_spark_give_identical_results(synth_landing: Path, spark: Any) -> None:
    duck = _long("duckdb", synth_landing, spark)
    on_spark = _long("spark", synth_landing, spark)
    assert duck.num_rows > 1000
    assert duck.to_pylist() == on_spark.to_pylist()
    by_duckdb = service.measure_period(period="2024S1", landing=synth_landing, reuse_cubes=False)
    by_spark = service.measure_period(period="2024S1", landing=synth_landing, engine="spark",
                                      spark=spark, reuse_cubes=False)
    assert by_duckdb.values == by_spark.values


def test_spark_reproduces_the_hand_figures(hand_landing: Path, spark: Any) -> None:
    result = service.measure_period(period="2024-06", landing=hand_landing, engine="spark",
                                    spark=spark)
    got = figures(result.values, "2024-06")
    assert got[("online_fullprocess_dossier_rate", "nation")] == (4, 6)
    assert got[("ontime_rate", "nation")] == (3, 4)
    assert got[("overdue_unfinished_eom", "nation")] == (3, None)


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_the_sql_snapshot_is_what_spark_runs(name: str, spark: Any) -> None:
    from dxmon.measure.engines import SparkEngine

    engine = SparkEngine(spark)
    assert same_query(engine.con.compile(EXPRESSIONS[name]()), name, "spark")
