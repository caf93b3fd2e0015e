"""Hostile requests and files against a served dxmon, under a memory cap: peak memory of the
server, and the latency of an anonymous request made at the same time.

    PYTHONPATH=src:. python bench/hostile.py [--cap-mb 2048]

Goal (issue 16): the server's peak resident memory under 500 MB, and the concurrent
anonymous request answered in under 1 s, while it receives an XLSX dimension bomb, an XLSX
deflate bomb, a declared 200 MB body without credentials, a 50 MB streamed body with them, a
checker text at its limit, and slow bodies trickling one byte a second.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from bench.server import dxmon_command, free_port
from tests.reliability.test_hostile_files import deflate_bomb, dimension_bomb

from dxmon.access import credentials
from dxmon.access import service as access
from dxmon.access.schemas import Role, UserCreate
from dxmon.store.db import make_engine, transaction, upgrade

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _token(url: str) -> str:
    engine = make_engine(url)
    with transaction(engine) as session:
        access.create_user(session, data=UserCreate(username="ana", password="x" * 12,
                                                    role=Role.ANALYST), actor="bench")
    with transaction(engine) as session:
        token = credentials.create_token(session, username="ana", actor="bench").token
    engine.dispose()
    return token


def _serve(url: str, port: int, cap: int) -> subprocess.Popen[bytes]:
    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "DXMON_BODY_TIMEOUT_SECONDS": "5"}
    server = subprocess.Popen([dxmon_command(), "serve", "--host", "127.0.0.1", "--port",
                               str(port), "--database-url", url], env=env,
                              stdout=subprocess.DEVNULL, preexec_fn=capped)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/dxmon.css")
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _trickle(port: int, seconds: float) -> None:
    """A body sent at one byte a second to a form route (it must not hold a lock)."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds + 10) as sock:
        sock.sendall(b"POST /nhap-lieu/P01/2024-08 HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
        try:
            for _ in range(int(seconds)):
                sock.sendall(b"a")
                time.sleep(1)
            sock.recv(1024)
        except OSError:
            pass


def _attacks(base: str, port: int, token: str) -> list[tuple[str, Callable[[], object]]]:
    auth = {"Authorization": f"Bearer {token}"}
    values = f"{base}/api/v1/dataValueSets?agency=P01&period=2024-08&dryRun=true"

    def post(url: str, **kwargs: object) -> Callable[[], object]:
        return lambda: httpx.post(url, timeout=120, **kwargs)  # type: ignore[arg-type]

    def chunks() -> object:
        yield from (b" " * 1024 * 1024 for _ in range(50))

    return [
        ("xlsx dimension bomb", post(values, content=dimension_bomb(),
                                     headers={**auth, "Content-Type": XLSX})),
        ("xlsx deflate bomb", post(values, content=deflate_bomb(),
                                   headers={**auth, "Content-Type": XLSX})),
        ("200 MB declared, anonymous", lambda: _declared(port)),
        ("50 MB streamed, with token", post(values, content=chunks(),
                                            headers={**auth, "Content-Type": "text/csv"})),
        ("checker text at its limit", post(f"{base}/api/v1/check", json={
            "text": "Tỷ lệ đạt 45,2 % (12/63 tỉnh).\n" * 50_000})),
        *((f"slow body {n}", lambda: _trickle(port, 8)) for n in range(10)),
    ]


def _declared(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /api/v1/dossiers:batch HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/json\r\nContent-Length: 200000000\r\n\r\n")
        sock.recv(1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap-mb", type=int, default=2048,
                        help="address-space cap of the server process (RLIMIT_AS), MB")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'dxmon.db'}"
        upgrade(url)
        token = _token(url)
        port = free_port()
        server = _serve(url, port, options.cap_mb * 1024 * 1024)
        base = f"http://127.0.0.1:{port}"
        try:
            print(f"server started, resident peak {_peak_mb(server.pid):.0f} MB")
            latencies: list[float] = []
            stop = threading.Event()

            def anonymous() -> None:
                with httpx.Client(base_url=base, timeout=30) as http:
                    while not stop.is_set():
                        started = time.perf_counter()
                        http.get("/api/v1/observations", params={"period": "2024-08"})
                        latencies.append(time.perf_counter() - started)
                        time.sleep(0.1)

            watcher = threading.Thread(target=anonymous)
            watcher.start()
            threads = []
            printing = threading.Lock()
            for name, attack in _attacks(base, port, token):
                def run(name: str = name, attack: Callable[[], object] = attack) -> None:
                    started = time.perf_counter()
                    try:
                        outcome = attack()
                        status = getattr(outcome, "status_code", "-")
                    except Exception as error:  # the server may close a refused upload
                        status = type(error).__name__
                    with printing:
                        print(f"  {name:28s} {status!s:>12s} "
                              f"{time.perf_counter() - started:6.2f} s")
                threads.append(threading.Thread(target=run))
                threads[-1].start()
            for thread in threads:
                thread.join()
            stop.set()
            watcher.join()
            alive = server.poll() is None
            peak = _peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"server alive: {alive}; resident peak {peak:.0f} MB (goal < 500 MB, cap "
          f"{options.cap_mb} MB of address space)")
    print(f"concurrent anonymous request: {len(latencies)} made, p50 "
          f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
          f"(goal < 1000 ms)")
    sys.exit(0 if alive and peak < 500 and max(latencies) < 1 else 1)


if __name__ == "__main__":
    main()
