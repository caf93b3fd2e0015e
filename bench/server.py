"""What the server benchmarks share: a free loopback port, ``dxmon serve`` started on it, and
concurrent clients bounded in count and time."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def dxmon_command() -> str:
    """The ``dxmon`` script of the interpreter running the benchmark."""
    return str(Path(sys.executable).with_name("dxmon"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(database_url: str, port: int) -> subprocess.Popen[bytes]:
    """``dxmon serve`` on loopback, once it answers; the caller terminates it."""
    server = subprocess.Popen([dxmon_command(), "serve", "--host", "127.0.0.1", "--port",
                               str(port), "--database-url", database_url],
                              stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/dxmon.css").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def bounded_clients(make_client: Callable[[], httpx.Client],
                    job: Callable[[httpx.Client], None], *, clients: int, count: int,
                    stop_at: float) -> tuple[list[float], float]:
    """Run ``job`` ``count`` times in all from ``clients`` threads, each with its own HTTP
    client, stopping at ``stop_at`` (monotonic); the milliseconds each run took, and the wall
    time in seconds."""
    timings: list[float] = []
    lock = threading.Lock()
    remaining = [count]

    def client() -> None:
        with make_client() as http:
            while time.monotonic() < stop_at:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                start = time.perf_counter()
                job(http)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    timings.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - began
