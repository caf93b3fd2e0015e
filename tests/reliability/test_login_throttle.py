"""Defect 12 of issue 16: simultaneous failed logins are counted atomically, and a client
cannot pick its own address with X-Forwarded-For unless a trusted proxy sent it."""

from concurrent.futures import ThreadPoolExecutor

import httpx

from dxmon.cli.serve import proxy_options
from dxmon.settings import Settings
from tests.factories import make_user
from tests.web.live import serving

ATTEMPTS = 30


def _statuses(base: str, headers_for) -> list[int]:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=base, timeout=60) as http, \
            ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        return sorted(pool.map(lambda n: http.post(
            "/api/v1/auth/login", json={"username": "victim", "password": f"wrong {n}"},
            headers=headers_for(n)).status_code, range(ATTEMPTS)))


def test_simultaneous_failed_logins_are_counted_atomically(database_url, engine):
    make_user(engine, "victim", "viewer")
    with serving(database_url) as base:
        statuses = _statuses(base, lambda _n: {})
    assert statuses == [401] * 5 + [429] * (ATTEMPTS - 5)


def test_forwarded_addresses_are_ignored_unless_from_a_trusted_proxy(database_url, engine):
    make_user(engine, "victim", "viewer")
    assert proxy_options(Settings(trusted_proxies="10.0.0.1"))["proxy_headers"] is True
    with serving(database_url) as base:
        statuses = _statuses(base, lambda n: {"X-Forwarded-For": f"203.0.113.{n}"})
    assert statuses == [401] * 5 + [429] * (ATTEMPTS - 5)
