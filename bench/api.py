"""Batch submissions per second and their latency, 20 concurrent clients on loopback.

Loads the demo data into a temporary SQLite database (``--database-url`` uses another one as
it is: give a scratch database), starts ``dxmon serve`` on a free loopback port, creates an
analyst and an API token through the CLI (``dxmon user add``, ``dxmon token create``: the token
is its last line), then lets 20 client threads POST data value sets of 100 values each (one
province, one month, 100 reported indicators with values inside their declared rules) to
``/api/v1/dataValueSets``, bounded by ``--submissions`` and ``--seconds``. Every (province,
month) is new, so every submission validates and stores 100 revisions and one audit entry.
The baseline, measured in the same run with the same clients, is the same kind of set sent as
``dryRun=true``: checked and counted, nothing kept, so the ratio is the price of storing.

    python bench/api.py [--submissions 300] [--clients 20] [--seconds 180] [--database-url URL]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from server import bounded_clients, dxmon_command, free_port, start_server
from timing import percentile

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Indicator
from dxmon.collect import validation
from dxmon.demo import create_demo_database
from dxmon.periods import Period, PeriodKind
from dxmon.registry.service import list_agencies

VALUES_PER_SET = 100
PASSWORD = "bench-password-123"


def value_for(indicator: Indicator) -> dict[str, Any]:
    """A value inside the indicator's rules, with a comment (so no change-rule fires)."""
    rules = validation.range_rules(indicator)
    low = float(rules.get("min") or 0)
    high = float(rules["max"]) if rules.get("max") is not None else low + 1000
    value: float = round((low + high) / 2) if rules.get("integer") else (low + high) / 2
    entry: dict[str, Any] = {"indicator": indicator.code, "value": value,
                             "comment": "bench/api.py"}
    if indicator.numerator_label_vi and high == 100:
        entry.update(numerator=value * 10, denominator=1000)
    return entry


def reported_indicators() -> list[Indicator]:
    reported = [indicator for indicator in load_catalog().indicators.values()
                if str(indicator.source) == "reported"]
    if len(reported) < VALUES_PER_SET:
        raise SystemExit(f"the catalogue has {len(reported)} reported indicators, "
                         f"fewer than {VALUES_PER_SET}")
    return reported[:VALUES_PER_SET]


def value_sets(first_year: int) -> Iterator[dict[str, Any]]:
    """Data value sets for distinct (province, month) pairs, month after month."""
    values = [value_for(indicator) for indicator in reported_indicators()]
    provinces = [agency.code for agency in list_agencies(as_of=Period.parse("2024").end,
                                                         kinds=("province", "city"))]
    for year in itertools.count(first_year):
        for month in range(1, 13):
            period = Period(year, PeriodKind.MONTH, month).id
            for province in provinces:
                yield {"period": period, "agency": province, "values": values}


def make_token(database_url: str) -> str:
    base = [dxmon_command()]
    subprocess.run([*base, "user", "add", "--username", "bench", "--password", PASSWORD,
                    "--role", "analyst", "--database-url", database_url],
                   check=True, capture_output=True)
    created = subprocess.run([*base, "token", "create", "--user", "bench", "--database-url",
                              database_url], check=True, capture_output=True, text=True)
    return created.stdout.strip().splitlines()[-1]


def drive(base: str, token: str, sets: Iterator[dict[str, Any]], count: int, clients: int,
          stop_at: float, dry_run: bool) -> tuple[list[float], float, int]:
    """POST ``count`` sets with ``clients`` threads; latencies (ms), wall time (s), failures."""
    failures = [0]
    lock = threading.Lock()  # the sets come from one generator
    params = {"dryRun": "true"} if dry_run else {}

    def post(http: httpx.Client) -> None:
        with lock:
            body = next(sets)
        response = http.post("/api/v1/dataValueSets", json=body, params=params)
        if response.status_code == 200 and (
                dry_run or response.json()["importCount"]["created"] == VALUES_PER_SET):
            return
        with lock:
            failures[0] += 1
            if failures[0] == 1:
                print(f"first failure: HTTP {response.status_code} {response.text[:300]}")

    def make_client() -> httpx.Client:
        return httpx.Client(base_url=base, timeout=120,
                            headers={"Authorization": f"Bearer {token}"})

    timings, wall = bounded_clients(make_client, post, clients=clients, count=count,
                                    stop_at=stop_at)
    return timings, wall, failures[0]


def report(name: str, timings: list[float], wall: float, failures: int,
           baseline: float | None) -> float:
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    rate = len(timings) / wall
    ratio = f"{p95 / baseline:9.2f}" if baseline else f"{1:9.2f}"
    print(f"{name:28} {len(timings):5} {rate:8.1f} {rate * VALUES_PER_SET:9.0f} "
          f"{p50:8.1f} {p95:8.1f} {ratio} {failures:6}")
    return p95


def run(base: str, token: str, options: argparse.Namespace) -> None:
    stop_at = time.monotonic() + options.seconds
    dry_sets, real_sets = value_sets(2001), value_sets(2030)
    warm = httpx.post(f"{base}/api/v1/dataValueSets", json=next(dry_sets),
                      params={"dryRun": "true"}, headers={"Authorization": f"Bearer {token}"},
                      timeout=60)
    warm.raise_for_status()
    print(f"{options.clients} clients, {VALUES_PER_SET} values per submission, "
          f"up to {options.submissions} submissions per run, {options.seconds:g} s in all")
    print(f"{'run':28} {'n':>5} {'sets/s':>8} {'values/s':>9} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p95/base':>9} {'failed':>6}")
    dry = drive(base, token, dry_sets, options.submissions, options.clients, stop_at, True)
    baseline = report("baseline: dryRun (no write)", *dry, None)
    real = drive(base, token, real_sets, options.submissions, options.clients, stop_at, False)
    if not real[0]:
        print("stopped: the time bound was reached before the stored run")
        return
    report("stored submissions", *real, baseline)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--submissions", type=int, default=300,
                           help="submissions per run (baseline and stored)")
    arguments.add_argument("--clients", type=int, default=20)
    arguments.add_argument("--seconds", type=float, default=180, help="time bound in all")
    arguments.add_argument("--database-url", help="a scratch database (default: a "
                           "temporary SQLite file with the demo data)")
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        if options.database_url is None:
            create_demo_database(url)
        else:
            subprocess.run([dxmon_command(), "db", "upgrade", "--database-url", url],
                           check=True, capture_output=True)
        token = make_token(url)
        port = free_port()
        server = start_server(url, port)
        try:
            run(f"http://127.0.0.1:{port}", token, options)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
