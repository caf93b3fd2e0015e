"""A real dxmon server on a free loopback port (uvicorn in a thread), for the tests that need
real concurrency or a real browser."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn

from dxmon.settings import Settings
from dxmon.web.app import create_app


@contextmanager
def serving(database_url: str, **settings: object) -> Iterator[str]:
    """dxmon served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from dxmon.cli.serve import proxy_options

    app_settings = Settings(database_url=database_url, **settings)  # type: ignore[arg-type]
    config = uvicorn.Config(create_app(app_settings), host="127.0.0.1", port=port,
                            log_level="warning", **proxy_options(app_settings))
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline:
            pytest.fail("the dxmon server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
