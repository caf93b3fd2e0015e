"""What the server benchmarks share: a free loopback port and ``dxmon serve`` started on it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
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
