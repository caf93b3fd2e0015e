"""Engines that run the Ibis definitions: DuckDB embedded (default) and Spark.

Only reading files and handing results back differ between engines; the indicator
expressions are the same. DuckDB comes with dxmon; Spark is the extra ``dxmon[spark]``
(PySpark and a Java runtime), imported only when asked for. Spark runs in local mode
(``local[2]``), on a standalone or YARN/Kubernetes cluster (``spark://host:7077``…) or
through Spark Connect (``sc://host``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from dxmon.measure.errors import engine_not_installed, engine_unknown

SPARK_DEFAULT_MASTER = "local[2]"


class Engine(Protocol):
    name: str

    def read_parquet(self, paths: Sequence[Path]) -> ir.Table: ...

    def to_arrow(self, expr: ir.Table) -> pa.Table: ...


class DuckDBEngine:
    """Ibis on an in-process DuckDB connection."""

    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        self.con = ibis.duckdb.connect(**({"threads": threads} if threads else {}))

    def read_parquet(self, paths: Sequence[Path]) -> ir.Table:
        return self.con.read_parquet([str(p) for p in paths], hive_partitioning=False)

    def to_arrow(self, expr: ir.Table) -> pa.Table:
        return self.con.to_pyarrow(expr)

    def close(self) -> None:
        self.con.disconnect()


class SparkEngine:
    """Ibis on a Spark session: local, a cluster master URL, or Spark Connect (``sc://``)."""

    name = "spark"

    def __init__(self, session: Any) -> None:
        self.session = session
        self.con = ibis.pyspark.connect(session)
        self._views = 0

    def read_parquet(self, paths: Sequence[Path]) -> ir.Table:
        frame = self.session.read.parquet(*[str(p) for p in paths])
        self._views += 1
        name = f"dxmon_parquet_{id(self)}_{self._views}"
        frame.createOrReplaceTempView(name)
        return self.con.table(name)

    def to_arrow(self, expr: ir.Table) -> pa.Table:
        """Collect through Arrow directly (``DataFrame.toArrow``), not through pandas."""
        table: pa.Table = self.session.sql(self.con.compile(expr)).toArrow()
        return table

    def close(self) -> None:
        for number in range(1, self._views + 1):
            self.session.catalog.dropTempView(f"dxmon_parquet_{id(self)}_{number}")


def spark_session(master: str = SPARK_DEFAULT_MASTER, *, driver_memory: str = "1g",
                  shuffle_partitions: int = 8) -> Any:
    """A Spark session for ``master``; ``sc://host:15002`` gives a Spark Connect session."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dxmon-measure")
    if master.startswith("sc://"):
        return builder.remote(master).getOrCreate()
    return (builder.master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", driver_memory)
            .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate())


def _require_pyspark() -> None:
    """PySpark is the optional extra ``dxmon[spark]``: say so rather than fail on an import."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise engine_not_installed("spark", extra="spark") from None


@contextmanager
def open_engine(name: str, *, spark_master: str | None = None,
                spark: Any = None) -> Iterator[DuckDBEngine | SparkEngine]:
    """An engine by name; a Spark session passed in is reused and left running."""
    if name == "duckdb":
        duck = DuckDBEngine()
        try:
            yield duck
        finally:
            duck.close()
        return
    if name != "spark":
        raise engine_unknown(name)
    _require_pyspark()
    session = spark if spark is not None else spark_session(spark_master or
                                                             SPARK_DEFAULT_MASTER)
    engine = SparkEngine(session)
    try:
        yield engine
    finally:
        engine.close()
        if spark is None:
            session.stop()
