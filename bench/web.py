"""Server time per dashboard page with 20 concurrent clients on loopback.

Loads the demo data into a temporary SQLite database, starts ``dxmon serve`` (uvicorn, one
process) on a free loopback port, and lets 20 client threads request the pages in turn, bounded
by ``--requests`` per page and ``--seconds`` in all. Prints, per page, p50 and p95 of the
server time (the time to the full response, as a client on the same machine sees it) and the
ratio against a baseline measured in the same run: the static stylesheet, which touches
neither the database nor a template. Each page is visited once before timing (anonymous pages
are cached until the next write; the first visit builds the page). Target: p95 under 200 ms on
the demo data.

    python bench/web.py [--requests 60] [--clients 20] [--seconds 120]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from server import bounded_clients, free_port, start_server
from timing import percentile

from dxmon.demo import create_demo_database

PAGES = {
    "baseline: /static/dxmon.css": "/static/dxmon.css",
    "overview": "/?period=2024S1",
    "indicator": "/chi-so/online_fullprocess_dossier_rate",
    "indicator (map)": "/chi-so/bcd_action_plan_2024_issued?period=2024S1",
    "agency": "/co-quan/BTTTT?period=2024S1",
    "rankings": "/xep-hang",
    "requirements": "/yeu-cau?period=2024S1",
    "tasks": "/nhiem-vu?as_of=2024-06-30",
    "reports": "/bao-cao",
    "overview JSON": "/index.json?period=2024S1",
}
TARGET_MS = 200.0


def hammer(base: str, path: str, requests: int, clients: int, stop_at: float) -> list[float]:
    def get(http: httpx.Client) -> None:
        http.get(path).raise_for_status()

    timings, _ = bounded_clients(lambda: httpx.Client(base_url=base, timeout=30), get,
                                 clients=clients, count=requests, stop_at=stop_at)
    return timings


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--requests", type=int, default=60, help="requests per page")
    arguments.add_argument("--clients", type=int, default=20)
    arguments.add_argument("--seconds", type=float, default=120, help="time bound in all")
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        create_demo_database(url)
        port = free_port()
        server = start_server(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            stop_at = time.monotonic() + options.seconds
            for path in PAGES.values():  # warm up: the first visit builds and caches a page
                httpx.get(base + path, timeout=60).raise_for_status()
            print(f"{options.clients} clients, up to {options.requests} requests per page")
            print(f"{'page':30} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p95/base':>9}  target")
            baseline = None
            for name, path in PAGES.items():
                timings = hammer(base, path, options.requests, options.clients, stop_at)
                if not timings:
                    print(f"{name:30} stopped: the time bound was reached")
                    break
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                baseline = baseline or p95
                verdict = "ok" if p95 < TARGET_MS else "MISSED"
                print(f"{name:30} {len(timings):4} {p50:8.1f} {p95:8.1f} "
                      f"{p95 / baseline:9.1f}  < {TARGET_MS:g} ms {verdict}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
