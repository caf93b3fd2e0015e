"""Reading dossier files, validating records and merging them into the landing area.

The landing area holds one folder per received month, ``month=YYYY-MM``, with one Parquet
file ``part-<digest>.parquet`` whose rows are the newest status version of each dossier. A
dossier is identified by its agency and its id: an agency never replaces another's dossier.
A merge rewrites only the months whose content changes; an ingestion that changes nothing
writes nothing, so ingesting the same file twice is harmless.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from dxmon.errors import DxmonError, Problem
from dxmon.measure import errors
from dxmon.measure.agencies import known_agencies
from dxmon.measure.schemas import (
    LANDING_SCHEMA,
    RECORD_COLUMNS,
    IngestSummary,
    month_id,
)

LINE = "__line"
MAX_PROBLEMS = 1000
LANDING_COLUMNS = ", ".join(LANDING_SCHEMA.names)
TEXT_COLUMNS = ("dossier_id", "agency_code", "procedure_code", "channel")
IDENTITY = "agency_code, dossier_id"  # a dossier id is unique within its agency only
MAX_LISTED = 1000  # dossiers named in an ingestion's summary (and audit row)


def run(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    """Execute and drain (DuckDB 2.0 blocks a connection until a result is drained)."""
    return con.execute(sql).fetchall()


# --- reading -----------------------------------------------------------------------------
def read_file(path: Path) -> pa.Table:
    """A file's records with their line (CSV, JSON lines) or row (Parquet) number."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            table = pq.read_table(path)
            return _numbered(table, first=1)
        if suffix == ".csv":
            options = pacsv.ConvertOptions(
                column_types=dict.fromkeys(RECORD_COLUMNS, pa.string()),
                strings_can_be_null=True)
            return _numbered(pacsv.read_csv(path, convert_options=options), first=2)
        if suffix in (".jsonl", ".ndjson", ".json"):
            return _json_lines(path.read_text(encoding="utf-8").splitlines())
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as error:
        raise DxmonError(errors.file_problem(
            errors.FILE_UNREADABLE, where=str(path),
            vi=f"Không đọc được tệp: {error}", en=f"Cannot read the file: {error}")) from None
    raise DxmonError(errors.file_problem(
        errors.FILE_FORMAT_UNKNOWN, where=str(path),
        vi="Định dạng không hỗ trợ; dùng .parquet, .csv hoặc .jsonl.",
        en="Unsupported format; use .parquet, .csv or .jsonl."))


def _numbered(table: pa.Table, *, first: int) -> pa.Table:
    lines = pa.array(range(first, first + table.num_rows), pa.int64())
    return table.append_column(LINE, lines)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def records_table(records: Iterable[object], *, first: int = 1) -> pa.Table:
    """Records given as dicts (API, JSON lines) as a table of text; non-objects get no id."""
    columns: dict[str, list[str | None]] = {name: [] for name in RECORD_COLUMNS}
    lines: list[int] = []
    bad: list[int] = []
    for number, record in enumerate(records, start=first):
        if not isinstance(record, dict):
            bad.append(number)
            record = {}
        for name in RECORD_COLUMNS:
            columns[name].append(_text(record.get(name)))
        lines.append(number)
    arrays = {name: pa.array(values, pa.string()) for name, values in columns.items()}
    table = pa.table({**arrays, LINE: pa.array(lines, pa.int64())})
    return table.replace_schema_metadata({"not_objects": json.dumps(bad)})


def _json_lines(lines: list[str]) -> pa.Table:
    parsed: list[object] = []
    numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            parsed.append(None)
        numbers.append(number)
    table = records_table(parsed)
    metadata = table.schema.metadata or {}
    bad = [numbers[i - 1] for i in json.loads(metadata.get(b"not_objects", b"[]"))]
    table = table.set_column(table.schema.get_field_index(LINE), LINE,
                             pa.array(numbers, pa.int64()))
    return table.replace_schema_metadata({"not_objects": json.dumps(bad)})


# --- validating and typing ---------------------------------------------------------------
def _blank(name: str, kind: pa.DataType) -> str:
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
        return f"({name} IS NULL OR trim(CAST({name} AS VARCHAR)) = '')"
    return f"({name} IS NULL)"


def _typed(name: str, kind: pa.DataType) -> str:
    textual = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    raw = f"NULLIF(trim(CAST({name} AS VARCHAR)), '')"
    if name in TEXT_COLUMNS:
        return f"lower({raw})" if name == "channel" else raw
    if name in ("status_version", "fee_vnd"):
        return f"TRY_CAST({raw} AS BIGINT)" if textual else f"TRY_CAST({name} AS BIGINT)"
    if name == "paid_online":
        return f"TRY_CAST({raw} AS BOOLEAN)" if textual else f"TRY_CAST({name} AS BOOLEAN)"
    end_of_day = "+ INTERVAL 1 DAY - INTERVAL 1 MICROSECOND"
    if not textual:
        if name == "due_at" and pa.types.is_date(kind):
            return f"(CAST({name} AS TIMESTAMP) {end_of_day})"
        return f"TRY_CAST({name} AS TIMESTAMP)"
    parsed = f"TRY_CAST({raw} AS TIMESTAMP)"
    if name != "due_at":
        return parsed
    return (f"(CASE WHEN length({raw}) = 10 THEN CAST(TRY_CAST({raw} AS DATE) AS TIMESTAMP) "
            f"{end_of_day} ELSE {parsed} END)")


_CHECKS = (
    ("dossier_id", "required", "b_dossier_id"),
    ("dossier_id", "too_long", "length(dossier_id) > 64"),
    ("agency_code", "required", "b_agency_code"),
    ("agency_code", "unknown_agency", "agency_code NOT IN (SELECT code FROM known_agencies)"),
    ("procedure_code", "required", "b_procedure_code"),
    ("procedure_code", "too_long", "length(procedure_code) > 64"),
    ("channel", "required", "b_channel"),
    ("channel", "channel", "channel NOT IN ('online_full', 'online_partial', 'offline')"),
    ("received_at", "required", "b_received_at"),
    ("received_at", "timestamp", "received_at IS NULL"),
    ("received_at", "out_of_range", "year(received_at) NOT BETWEEN 2000 AND 2100"),
    ("due_at", "required", "b_due_at"),
    ("due_at", "timestamp", "due_at IS NULL"),
    ("due_at", "out_of_range", "year(due_at) NOT BETWEEN 2000 AND 2100"),
    ("due_at", "before_received", "due_at < received_at"),
    ("finished_at", "timestamp", "NOT b_finished_at AND finished_at IS NULL"),
    ("finished_at", "out_of_range", "year(finished_at) NOT BETWEEN 2000 AND 2100"),
    ("finished_at", "before_received", "finished_at < received_at"),
    ("status_version", "required", "b_status_version"),
    ("status_version", "integer", "status_version IS NULL OR status_version < 0"),
    ("fee_vnd", "integer", "NOT b_fee_vnd AND (fee_vnd IS NULL OR fee_vnd < 0)"),
    ("paid_online", "boolean", "NOT b_paid_online AND paid_online IS NULL"),
)


def _check_sql() -> str:
    """One text per row listing its problems as ``field:reason``, the first per field."""
    by_field: dict[str, list[tuple[str, str]]] = {}
    for name, reason, condition in _CHECKS:
        by_field.setdefault(name, []).append((reason, condition))
    cases = []
    for name, checks in by_field.items():
        whens = " ".join(f"WHEN {cond} THEN '{name}:{reason}'" for reason, cond in checks)
        cases.append(f"CASE {whens} END")
    return f"concat_ws(';', {', '.join(cases)})"


def missing_columns(table: pa.Table) -> list[str]:
    return [name for name in RECORD_COLUMNS if name not in table.column_names]


def stage(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str) -> None:
    """Create temp table ``name``: typed records with derived keys and a ``bad`` text."""
    con.register("src_view", table)
    schema = table.schema
    typed = ", ".join(f"{_typed(c, schema.field(c).type)} AS {c}" for c in RECORD_COLUMNS)
    blanks = ", ".join(f"{_blank(c, schema.field(c).type)} AS b_{c}" for c in RECORD_COLUMNS)
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE {name} AS
        SELECT {LINE}, dossier_id, agency_code, procedure_code, channel, received_at,
               due_at, finished_at, status_version, fee_vnd,
               coalesce(paid_online, false) AS paid_online,
               CAST(year(received_at) * 12 + month(received_at) - 1 AS SMALLINT) AS rm,
               CAST(year(due_at) * 12 + month(due_at) - 1 AS SMALLINT) AS dm,
               CAST(year(finished_at) * 12 + month(finished_at) - 1 AS SMALLINT) AS fm,
               finished_at <= due_at AS on_time,
               {_check_sql()} AS bad
        FROM (SELECT {LINE}, {typed}, {blanks} FROM src_view)
    """)
    con.unregister("src_view")


def problems_of(con: duckdb.DuckDBPyConnection, name: str, *, where: str,
                not_objects: list[int]) -> tuple[list[Problem], int]:
    """The problems of a staged table (at most MAX_PROBLEMS listed) and the bad-row count."""
    problems = [errors.record_problem(where=where, row=line, field="record", reason="json")
                for line in not_objects[:MAX_PROBLEMS]]
    bad_lines = set(not_objects)
    rows = run(con, f"SELECT {LINE}, bad FROM {name} WHERE bad <> '' "
                       f"ORDER BY {LINE} LIMIT {MAX_PROBLEMS}")
    for line, text in rows:
        if line in bad_lines:
            continue
        for item in text.split(";"):
            field, reason = item.split(":")
            problems.append(errors.record_problem(where=where, row=line, field=field,
                                                  reason=reason))
    (count,), = run(con, f"SELECT count(*) FROM {name} WHERE bad <> ''")
    return problems[:MAX_PROBLEMS], int(count)


def connect(landing: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    spill = landing / "_tmp"
    spill.mkdir(parents=True, exist_ok=True)
    run(con, f"SET temp_directory = '{spill}'")
    run(con, "SET preserve_insertion_order = false")
    codes = pa.table({"code": pa.array(known_agencies(), pa.string())})
    con.register("known_agencies_arrow", codes)
    run(con, "CREATE TEMP TABLE known_agencies AS SELECT code FROM known_agencies_arrow")
    return con


# --- merging into the landing area -------------------------------------------------------
def landing_files(landing: Path) -> dict[str, list[Path]]:
    """Current Parquet files of each month partition, by month id."""
    months: dict[str, list[Path]] = {}
    for path in sorted(landing.glob("month=*/part-*.parquet")):
        months.setdefault(path.parent.name.removeprefix("month="), []).append(path)
    return months


def _sql_list(paths: Iterable[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def merge(con: duckdb.DuckDBPyConnection, staged: str, landing: Path,
          summary: IngestSummary) -> None:
    """Merge the good rows of a staged table into the landing area."""
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE batch AS
        SELECT {LANDING_COLUMNS} FROM {staged} WHERE bad = ''
        QUALIFY row_number() OVER (PARTITION BY {IDENTITY}
                                   ORDER BY status_version DESC, {LINE}) = 1""")
    _classify(con, landing, summary)
    months = run(con, "SELECT DISTINCT rm FROM winners UNION "
                         f"SELECT DISTINCT erm FROM existing SEMI JOIN winners USING ({IDENTITY})")
    current = landing_files(landing)
    for (key,) in sorted(months):
        month = month_id(int(key))
        _rewrite_month(con, landing, month, int(key), current.get(month, []))
        summary.months.append(month)
    summary.written = summary.written or bool(months)


def _classify(con: duckdb.DuckDBPyConnection, landing: Path, summary: IngestSummary) -> None:
    files = [p for paths in landing_files(landing).values() for p in paths]
    source = (f"SELECT {IDENTITY}, status_version AS ev, rm AS erm FROM "
              f"read_parquet({_sql_list(files)}) SEMI JOIN batch USING ({IDENTITY})"
              ) if files else ("SELECT NULL::VARCHAR AS agency_code, NULL::VARCHAR AS dossier_id, "
                               "NULL::BIGINT AS ev, NULL::SMALLINT AS erm LIMIT 0")
    run(con, f"CREATE OR REPLACE TEMP TABLE existing AS {source}")
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE winners AS
        SELECT b.*, e.ev IS NOT NULL AS replaces FROM batch b
        LEFT JOIN existing e USING ({IDENTITY})
        WHERE e.ev IS NULL OR b.status_version > e.ev""")
    ((accepted, replaced),) = run(con, "SELECT count(*) FILTER (WHERE NOT replaces), "
                                       "count(*) FILTER (WHERE replaces) FROM winners")
    summary.accepted += int(accepted)
    summary.replaced += int(replaced)
    summary.dossiers += [f"{agency}/{dossier}" for agency, dossier in run(
        con, f"SELECT {IDENTITY} FROM winners ORDER BY ALL LIMIT {MAX_LISTED}")]


def _rewrite_month(con: duckdb.DuckDBPyConnection, landing: Path, month: str, key: int,
                   old: list[Path]) -> None:
    kept = (f"SELECT {LANDING_COLUMNS} FROM read_parquet({_sql_list(old)}) "
            f"ANTI JOIN winners USING ({IDENTITY}) UNION ALL ") if old else ""
    content = f"{kept}SELECT {LANDING_COLUMNS} FROM winners WHERE rm = {key}"
    run(con, f"CREATE OR REPLACE TEMP TABLE month_rows AS {content}")
    ((count, digest),) = run(con, "SELECT count(*), bit_xor(hash(dossier_id, status_version)) "
                                  "FROM month_rows")
    folder = landing / f"month={month}"
    if int(count) == 0:
        shutil.rmtree(folder, ignore_errors=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"part-{int(digest):016x}.parquet"
    temporary = folder / f".{target.name}.tmp"
    run(con, f"COPY (SELECT * FROM month_rows ORDER BY agency_code, received_at) "
                f"TO '{temporary}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)")
    os.replace(temporary, target)
    for path in old:
        if path != target:
            path.unlink(missing_ok=True)
    run(con, "DROP TABLE month_rows")
