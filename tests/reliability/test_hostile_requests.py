"""Defects 5 and 8 of issue 16: no anonymous request freezes the server, and no large body
is read (or parsed) before its sender is authenticated and its size is known to be allowed."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx

from tests.factories import user_with_token
from tests.web.live import serving

RATE = "fibre_broadband_household_rate"
REPORT = "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 45,2 % (12/63 tỉnh).\n"


def _raw(base: str, head: str, body: bytes = b"", *, trickle: float | None = None,
         wait: float = 15) -> tuple[int, float]:
    """Send a request by hand (its body at once, or one byte every ``trickle`` seconds);
    the status answered and the seconds it took."""
    address = urlsplit(base)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=wait) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n")
        try:
            if trickle is None:
                sock.sendall(body)
            else:
                for byte in body:
                    sock.sendall(bytes([byte]))
                    time.sleep(trickle)
        except OSError:
            pass  # the server answered and closed early: read its answer
        answer = sock.recv(4096).decode("latin-1")
    return int(answer.split(" ", 2)[1]), time.monotonic() - started


def _head(method: str, path: str, length: int, *extra: str) -> str:
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", "Content-Type: application/json",
             f"Content-Length: {length}", *extra]
    return "\r\n".join(lines) + "\r\n"


def test_the_checker_runs_off_the_event_loop_and_in_linear_time(database_url):
    text = REPORT * 6000  # ≈ 370 kB: a minute before the fix
    with serving(database_url) as base, httpx.Client(base_url=base, timeout=60) as http, \
            ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(http.post, "/api/v1/check", json={"text": text})
        time.sleep(0.3)
        started = time.monotonic()
        other = http.get("/api/v1/openapi.json")
        waited = time.monotonic() - started
        checked = checking.result()
    assert other.status_code == 200 and waited < 1.0, waited
    assert checked.status_code == 200
    assert checked.elapsed.total_seconds() < 15


def test_the_checker_refuses_text_over_its_limit(database_url):
    with serving(database_url, max_check_bytes=100_000) as base, \
            httpx.Client(base_url=base, timeout=60) as http:
        answer = http.post("/api/v1/check", json={"text": "x" * 200_000})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "CHECK_TOO_LARGE"


def test_a_slow_body_is_refused_and_holds_no_write_lock(database_url, engine):
    headers = user_with_token(engine, "ana", "analyst")
    with serving(database_url, body_timeout_seconds=2) as base, \
            httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        body = b"csrf_token=x&value=" + b"1" * 40
        slow = threading.Thread(target=_raw, args=(base, _head(
            "POST", "/nhap-lieu/P01/2024-08", len(body),
            "Cookie: dxmon_session=abc; dxmon_csrf=x",
            "Content-Type: application/x-www-form-urlencoded"), body), kwargs={"trickle": 0.5})
        slow.start()
        time.sleep(0.5)
        started = time.monotonic()
        written = http.put(f"/api/v1/observations/{RATE}/agency:P01/2024-08",
                           json={"value": "80", "expected_revision": 0})
        waited = time.monotonic() - started
        status, took = _raw(base, _head("POST", "/api/v1/check", 100), b"{" * 50,
                            trickle=0.1)
        slow.join(timeout=60)
    assert written.status_code == 200 and waited < 1.5, waited
    assert status == 408 and took < 5, (status, took)


def test_large_bodies_are_refused_before_they_are_read(database_url, engine):
    headers = user_with_token(engine, "ana", "analyst")
    token = headers["Authorization"]
    with serving(database_url, max_upload_bytes=1_000_000) as base:
        # nothing of the 200 MB is sent: the answer must not wait for it
        anonymous, took_anonymous = _raw(base, _head("POST", "/api/v1/dossiers:batch", 1000))
        declared, took_declared = _raw(base, _head(
            "POST", "/api/v1/dossiers:batch", 200_000_000, f"Authorization: {token}"))
        streamed, took_streamed = _raw(base, _head(
            "POST", "/api/v1/dataValueSets", 0, f"Authorization: {token}",
            "Transfer-Encoding: chunked").replace("Content-Length: 0\r\n", ""),
            b"".join(b"10000\r\n" + b" " * 0x10000 + b"\r\n" for _ in range(40)))
    assert (anonymous, declared, streamed) == (401, 413, 413)
    assert max(took_anonymous, took_declared, took_streamed) < 5
