"""Measurement services: ingest dossier records, measure a period, store or write results.

Plain functions with keyword-only arguments; the CLI and the API call only these.
"""

from __future__ import annotations

import fcntl
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import partial as partial_call
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from dxmon.catalog.loader import catalog_version
from dxmon.collect.service import ObservationKey, Outcome, record_observation
from dxmon.measure import errors, ingest
from dxmon.measure.agencies import block_of, unit_in_month
from dxmon.measure.cubes import ensure_cubes, key_of
from dxmon.measure.engines import open_engine
from dxmon.measure.indicators import indicator_table
from dxmon.measure.schemas import (
    COUNT_INDICATORS,
    STOCK_INDICATORS,
    IngestSummary,
    MeasuredValue,
    MeasureResult,
    month_id,
    month_key,
)
from dxmon.numbers import percent_of, round_half_up
from dxmon.periods import Period, PeriodKind
from dxmon.scopes import agency_code, agency_scope, block_scope
from dxmon.store.audit import record as audit_record

Source = tuple[str, Callable[[], pa.Table]]
Sums = dict[tuple[str, str, str], list[int]]  # (indicator, scope, period) -> [num, den]


# --- ingestion ---------------------------------------------------------------------------
def ingest_paths(*, paths: Sequence[Path], landing: Path, partial: bool = False
                 ) -> IngestSummary:
    """Ingest dossier files (Parquet, CSV, JSON lines) into the landing area."""
    sources: list[Source] = [(str(p), partial_call(ingest.read_file, p)) for p in paths]
    return _ingest(sources, landing=landing, partial=partial)


def ingest_records(*, records: Sequence[object], landing: Path, partial: bool = False,
                   where: str = "request") -> IngestSummary:
    """Ingest records given as dicts (the API's batch); rows are numbered from 1."""
    return _ingest([(where, lambda: ingest.records_table(records))], landing=landing,
                   partial=partial)


def _ingest(sources: list[Source], *, landing: Path, partial: bool) -> IngestSummary:
    landing.mkdir(parents=True, exist_ok=True)
    with _landing_locked(landing):
        return _ingest_locked(sources, landing=landing, partial=partial)


@contextmanager
def _landing_locked(landing: Path) -> Iterator[None]:
    """One ingestion at a time rewrites the landing area (across threads and processes):
    two merges of the same month would each keep the other's old file."""
    with (landing / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ingest_locked(sources: list[Source], *, landing: Path, partial: bool) -> IngestSummary:
    summary = IngestSummary()
    con = ingest.connect(landing)
    try:
        staged = [name for number, source in enumerate(sources)
                  if (name := _stage_source(con, source, f"staged_{number}", summary))]
        if summary.problems and not partial:
            return summary
        for name in staged:
            ingest.merge(con, name, landing, summary)
    finally:
        con.close()
        shutil.rmtree(landing / "_tmp", ignore_errors=True)
    good = summary.records - summary.rejected
    summary.unchanged = good - summary.accepted - summary.replaced
    return summary


def _stage_source(con: Any, source: Source, name: str, summary: IngestSummary) -> str | None:
    where, load = source
    table = load()
    summary.records += table.num_rows
    missing = ingest.missing_columns(table)
    if missing:
        summary.rejected += table.num_rows
        summary.problems.append(errors.file_problem(
            errors.FILE_COLUMNS_MISSING, where=where,
            vi=f"Thiếu cột: {', '.join(missing)}.", en=f"Missing columns: {', '.join(missing)}."))
        return None
    ingest.stage(con, table, name)
    not_objects = json.loads((table.schema.metadata or {}).get(b"not_objects", b"[]"))
    problems, bad = ingest.problems_of(con, name, where=where, not_objects=not_objects)
    summary.problems.extend(problems)
    summary.rejected += bad
    return name


# --- measuring ---------------------------------------------------------------------------
def period_months(period: Period) -> list[int]:
    return [month_key(period.year, m) for m in range(period.first_month, period.last_month + 1)]


def measure_period(*, period: str, landing: Path, engine: str = "duckdb",
                   spark_master: str | None = None, spark: Any = None,
                   reuse_cubes: bool = True) -> MeasureResult:
    """Measure every indicator for each month of ``period`` and its roll-ups."""
    parsed = Period.parse(period)
    months = period_months(parsed)
    partitions = {m: files for m, files in ingest.landing_files(landing).items()
                  if key_of(m) <= months[-1]}
    if not partitions:
        raise errors.no_records(parsed.id)
    with open_engine(engine, spark_master=spark_master, spark=spark) as runner:
        cube_files, scanned, rows = ensure_cubes(runner, landing, partitions, reuse=reuse_cubes)
        long = runner.to_arrow(indicator_table(runner.read_parquet(cube_files), months))
    records = long.to_pylist()
    values = assemble(records, months=months, period=parsed)
    held = {int(row["month"]) for row in records}
    return MeasureResult(period=parsed.id, engine=engine, values=values,
                         months_scanned=scanned, rows_scanned=rows,
                         months_without_records=[month_id(m) for m in months if m not in held])


def _agency_sums(rows: Iterable[dict[str, Any]]) -> Sums:
    """Per agency and month, each record counted for the unit in force in its month, for the
    agencies and months that hold records only: an agency or a month without records is
    unknown, and gets no value rather than a zero."""
    sums: Sums = {}
    for row in rows:
        month = int(row["month"])
        key = (row["indicator"], agency_scope(unit_in_month(str(row['agency_code']), month)),
               month_id(month))
        total = sums.setdefault(key, [0, 0])
        total[0] += int(row["numerator"] or 0)
        total[1] += int(row["denominator"] or 0)
    return sums


def _roll_up(sums: Sums) -> Sums:
    """Blocks and nation as sums of the agencies' numerators and denominators."""
    totals: Sums = defaultdict(lambda: [0, 0])
    for (indicator, scope, month), (num, den) in sums.items():
        agency = agency_code(scope)
        for target in (block_scope(block_of(agency)), "nation"):
            totals[(indicator, target, month)][0] += num
            totals[(indicator, target, month)][1] += den
    return dict(totals)


def _over_period(sums: Sums, months: Sequence[int], period: Period) -> Sums:
    """The period's totals: flows summed over its months, stocks at its last month."""
    totals: Sums = defaultdict(lambda: [0, 0])
    last = month_id(months[-1])
    for (indicator, scope, month), (num, den) in sums.items():
        if indicator in STOCK_INDICATORS and month != last:
            continue
        totals[(indicator, scope, period.id)][0] += num
        totals[(indicator, scope, period.id)][1] += den
    return dict(totals)


def _value(indicator: str, scope: str, period: str, num: int, den: int) -> MeasuredValue | None:
    if indicator in COUNT_INDICATORS:
        return MeasuredValue(indicator, scope, period, Decimal(num), num, None)
    if den == 0:
        return None  # no dossier to measure: no figure rather than 0 %
    value = round_half_up(percent_of(num, den), 6)
    return MeasuredValue(indicator, scope, period, value, num, den)


def assemble(rows: list[dict[str, Any]], *, months: Sequence[int], period: Period
             ) -> list[MeasuredValue]:
    """Exact values for agencies, blocks and nation, per month and for the whole period."""
    sums = _agency_sums(rows)
    sums.update(_roll_up(sums))
    if period.kind is not PeriodKind.MONTH:
        sums.update(_over_period(sums, months, period))
    values = [_value(ind, scope, per, num, den) for (ind, scope, per), (num, den) in sums.items()]
    return sorted((v for v in values if v is not None),
                  key=lambda v: (v.period, v.indicator, v.scope))


# --- results -----------------------------------------------------------------------------
def store_results(session: Session, *, result: MeasureResult) -> dict[Outcome, int]:
    """Store every value as an observation with source ``measured``; idempotent."""
    outcomes: dict[Outcome, int] = {"created": 0, "updated": 0, "unchanged": 0}
    provenance: dict[str, object] = {
        "engine": result.engine, "measured_period": result.period,
        "definition": "dxmon.measure.indicators", "catalog": catalog_version()}
    for item in result.values:
        counted = item.indicator in COUNT_INDICATORS
        outcome, _ = record_observation(
            session, key=ObservationKey(item.indicator, item.scope, item.period),
            value=item.value,
            numerator=None if counted else Decimal(item.numerator),
            denominator=None if counted or item.denominator is None
            else Decimal(item.denominator),
            source="measured", provenance=provenance)
        outcomes[outcome] += 1
    if outcomes["created"] or outcomes["updated"]:
        audit_record(session, actor="measure", action="store", entity="measurement",
                     key=f"{result.period}/{result.engine}", before=None,
                     after={"outcomes": dict(outcomes), **provenance})
    return outcomes


OUT_SCHEMA = pa.schema([
    ("scope", pa.string()), ("period", pa.string()), ("indicator", pa.string()),
    ("value", pa.decimal128(24, 6)), ("numerator", pa.int64()), ("denominator", pa.int64()),
])


def results_table(result: MeasureResult) -> pa.Table:
    return pa.table({
        "scope": [v.scope for v in result.values],
        "period": [v.period for v in result.values],
        "indicator": [v.indicator for v in result.values],
        "value": [v.value for v in result.values],
        "numerator": [v.numerator for v in result.values],
        "denominator": [v.denominator for v in result.values],
    }, schema=OUT_SCHEMA)


def write_results(*, result: MeasureResult, out: Path) -> None:
    """Write the values as CSV or Parquet (by the file's suffix)."""
    table = results_table(result)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        pacsv.write_csv(table, out)
    elif suffix == ".parquet":
        pq.write_table(table, out)
    else:
        raise errors.output_format_unknown(out.name)
