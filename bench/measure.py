"""Benchmark of ``dxmon measure`` against the raw-scan bound and a pandas baseline.

    python bench/measure.py --rows 30000000 [--dir DIR] [--seed S] [--pandas-rows N]

Generates synthetic records (``dxmon synth dossiers``) and ingests them into a landing
area when missing, then times in fresh subprocesses, on the same files (best of
``--repeat``, warm page cache):

* dxmon measure on DuckDB: the whole indicator set for 2024S1, cubes rebuilt from every row;
* the raw-scan bound: one DuckDB pass over every column the indicators use, a count plus
  one cheap aggregate per column;
* a pandas baseline on a slice of ``--pandas-rows`` rows, extrapolated linearly to all rows.

Each subprocess reports its peak RSS (``ru_maxrss``). Each job is bounded by ``--timeout``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

COLUMNS = ["agency_code", "rm", "dm", "fm", "channel", "fee_vnd", "paid_online", "on_time"]
TARGETS = {"x_raw_scan": 1.5, "rows_per_s": 20e6, "peak_gb": 4.0, "x_pandas": 5.0}


def _files(landing: Path) -> list[Path]:
    return sorted(landing.glob("month=*/part-*.parquet"))


def job_measure(landing: Path, repeat: int) -> dict[str, Any]:
    from dxmon.measure import service

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = service.measure_period(period="2024S1", landing=landing, reuse_cubes=False)
        times.append(time.perf_counter() - start)
    nation = {v.indicator: str(v.value) for v in result.values
              if v.scope == "nation" and v.period == "2024S1"}
    return {"seconds": min(times), "rows": result.rows_scanned, "nation": nation}


def job_raw_scan(landing: Path, repeat: int) -> dict[str, Any]:
    import duckdb

    files = ", ".join(f"'{p}'" for p in _files(landing))
    query = (f"SELECT count(*), min(agency_code), sum(rm), sum(dm), sum(fm), min(channel), "
             f"sum(fee_vnd), count_if(paid_online), count_if(on_time) "
             f"FROM read_parquet([{files}])")
    con = duckdb.connect()
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = con.execute(query).fetchall()[0][0]
        times.append(time.perf_counter() - start)
    return {"seconds": min(times), "rows": rows}


def _pandas_slice(landing: Path, rows: int) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    batches, have = [], 0
    for path in _files(landing):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1_000_000, columns=COLUMNS):
            batches.append(batch.slice(0, min(batch.num_rows, rows - have)))
            have += batches[-1].num_rows
            if have >= rows:
                return pa.Table.from_batches(batches)
    return pa.Table.from_batches(batches)


def pandas_indicators(frame: Any) -> Any:
    """The indicator set in plain pandas: a cube, then the six figures per agency/month."""
    import pandas as pd

    has_fee = frame["fee_vnd"].fillna(0) > 0
    work = pd.DataFrame({
        "agency_code": frame["agency_code"], "rm": frame["rm"], "dm": frame["dm"],
        "fm": frame["fm"], "n": 1,
        "n_full": (frame["channel"] == "online_full").astype("int64"),
        "n_partial": (frame["channel"] == "online_partial").astype("int64"),
        "n_fee": has_fee.astype("int64"),
        "n_paid": (has_fee & frame["paid_online"].fillna(False)).astype("int64"),
        "n_on_time": frame["on_time"].fillna(False).astype("int64"),
    })
    cube = work.groupby(["agency_code", "rm", "dm", "fm"], dropna=False, observed=True).sum()
    cube = cube.reset_index()
    received = cube.groupby(["agency_code", "rm"], observed=True)[
        ["n", "n_full", "n_partial", "n_fee", "n_paid"]].sum()
    finished = cube.groupby(["agency_code", "fm"], observed=True)[["n", "n_on_time"]].sum()
    backlog = {}
    for month in sorted(cube["rm"].unique()):
        late = cube[(cube["dm"] <= month) & (cube["fm"].isna() | (cube["fm"] > month))]
        backlog[int(month)] = late.groupby("agency_code", observed=True)["n"].sum()
    return received, finished, backlog


def job_pandas(landing: Path, rows: int, repeat: int) -> dict[str, Any]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        frame = _pandas_slice(landing, rows).to_pandas()
        pandas_indicators(frame)
        times.append(time.perf_counter() - start)
        del frame
    return {"seconds": min(times), "rows": rows}


def peak_rss_gb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss would include the parent's before exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024**2
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


JOBS = {"measure": job_measure, "raw_scan": job_raw_scan}


def run_job(args: argparse.Namespace, name: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--job", name, "--dir", str(args.dir),
               "--repeat", str(args.repeat), "--pandas-rows", str(args.pandas_rows)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout,
                          check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def in_child(args: argparse.Namespace) -> None:
    landing = args.dir / "landing"
    if args.job == "pandas":
        result = job_pandas(landing, args.pandas_rows, args.repeat)
    else:
        result = JOBS[args.job](landing, args.repeat)
    result["peak_rss_gb"] = peak_rss_gb()
    print(json.dumps(result))


def prepare(args: argparse.Namespace) -> None:
    from dxmon.measure import service
    from dxmon.measure.synth import synth_dossiers

    raw, landing = args.dir / "raw", args.dir / "landing"
    if not list(raw.glob("*.parquet")):
        start = time.perf_counter()
        synth_dossiers(rows=args.rows, out=raw, seed=args.seed)
        print(f"synth:   {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
    if not _files(landing):
        start = time.perf_counter()
        summary = service.ingest_paths(paths=sorted(raw.glob("*.parquet")), landing=landing)
        seconds = time.perf_counter() - start
        print(f"ingest:  {summary.records:,} records ({summary.accepted:,} dossiers) in "
              f"{seconds:.1f} s = {summary.records / seconds / 1e6:.2f} M records/s")


def report(args: argparse.Namespace) -> None:
    measure, raw = run_job(args, "measure"), run_job(args, "raw_scan")
    pandas = run_job(args, "pandas")
    rows = raw["rows"]
    size = sum(p.stat().st_size for p in _files(args.dir / "landing")) / 1024**3
    pandas_full = pandas["seconds"] * rows / pandas["rows"]
    figures = {
        "x_raw_scan": measure["seconds"] / raw["seconds"],
        "rows_per_s": rows / measure["seconds"],
        "peak_gb": measure["peak_rss_gb"],
        "x_pandas": pandas_full / measure["seconds"],
    }
    print(f"data:    {rows:,} dossiers in landing, {size:.2f} GiB Parquet, "
          f"best of {args.repeat}, warm cache")
    print(f"measure: dxmon measure 2024S1 (DuckDB)  {measure['seconds']:.3f} s  "
          f"{figures['rows_per_s'] / 1e6:.1f} M rows/s  peak RSS {measure['peak_rss_gb']:.2f} GB")
    print(f"bound:   raw scan of {len(COLUMNS)} columns   {raw['seconds']:.3f} s  "
          f"{rows / raw['seconds'] / 1e6:.1f} M rows/s  peak RSS {raw['peak_rss_gb']:.2f} GB")
    print(f"pandas:  {pandas['rows']:,}-row slice {pandas['seconds']:.3f} s "
          f"(read + compute) -> EXTRAPOLATED to {rows:,} rows: {pandas_full:.1f} s  "
          f"peak RSS {pandas['peak_rss_gb']:.2f} GB (slice)")
    print(f"ratios:  measure / raw scan = {figures['x_raw_scan']:.2f}x; "
          f"pandas (extrapolated) / measure = {figures['x_pandas']:.1f}x")
    print(f"nation 2024S1: {measure['nation']}")
    for name, target in TARGETS.items():
        ok = figures[name] <= target if name in ("x_raw_scan", "peak_gb") else \
            figures[name] >= target
        print(f"target {name:11} {target:>12,}: {'met' if ok else 'NOT met'} "
              f"({figures[name]:,.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rows", type=int, default=30_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pandas-rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per job")
    parser.add_argument("--job", choices=["measure", "raw_scan", "pandas"], default=None)
    args = parser.parse_args()
    args.dir = args.dir or Path(".bench") / f"measure-{args.rows}"
    if args.job:
        in_child(args)
        return
    prepare(args)
    report(args)


if __name__ == "__main__":
    main()
