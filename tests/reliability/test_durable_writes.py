"""Defects 1 and 10 of issue 16: an acknowledged write is durable, and SQLite is shared by
processes (a server and CLI imports) without 500s, tracebacks or lost updates."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from dxmon.store.db import make_engine, upgrade
from tests.factories import user_with_token
from tests.web.live import serving

RATE = "fibre_broadband_household_rate"
PROVINCES = ["P01", "P79", "P31", "P48", "P92", "P26", "P27", "P22", "P24", "P33", "P34", "P35",
             "P36", "P37", "P38", "P40", "P42", "P44", "P45", "P46"]
WRITERS = 20


def test_a_200_is_sent_only_once_the_value_is_committed(tmp_path):
    """A reader holds its transaction while a value is written: when the 200 arrives, the
    value must be readable at once by anyone (it was committed before the answer). The
    commit-blocking reader is SQLite's, so this runs on SQLite only."""
    database_url = f"sqlite:///{tmp_path / 'durable.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    headers = user_with_token(engine, "ana", "analyst")
    engine.dispose()
    path = database_url.removeprefix("sqlite:///")
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM observations").fetchall()
    threading.Timer(2.0, reader.rollback).start()
    with serving(database_url) as base, httpx.Client(base_url=base, headers=headers,
                                                     timeout=60) as http:
        answer = http.put(f"/api/v1/observations/{RATE}/agency:P01/2024-08",
                          json={"value": "81", "expected_revision": 0})
        fresh = sqlite3.connect(path, timeout=0)
        try:
            stored = fresh.execute("SELECT value FROM observations").fetchall()
        except sqlite3.OperationalError as error:  # still locked by an uncommitted write
            stored = [(f"unreadable: {error}",)]
        finally:
            fresh.close()
    assert answer.status_code == 200, answer.text
    assert [str(value) for (value,) in stored] == ["81"]


def _import_file(tmp_path: Path, year: int) -> Path:
    lines = ["indicator,scope,period,value"]
    lines += [f"{RATE},agency:{p},{year}-{m:02d},{70 + m}" for m in range(1, 13)
              for p in PROVINCES]
    path = tmp_path / f"many-{year}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli_import(database_url: str, path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXMON_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "dxmon.cli.app", "import", str(path)],
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_twenty_writers_and_cli_imports_lose_nothing(tmp_path, engine, database_url):
    """20 writers each edit their own value 5 times, in revision order, while three CLI
    imports run: every 200 is read back, no revision is skipped or overwritten, no 500, and
    the imports all succeed (each waits for the write lock), never a traceback."""
    headers = user_with_token(engine, "ana", "analyst")
    files = [_import_file(tmp_path, year) for year in (2021, 2022, 2023)]
    with serving(database_url) as base, httpx.Client(base_url=base, headers=headers,
                                                     timeout=120) as http:
        def writer(province: str) -> list[tuple[int, str]]:
            url = f"/api/v1/observations/{RATE}/agency:{province}/2024-08"
            seen: list[tuple[int, str]] = []
            revision = 0
            for step in range(5):
                answer = http.put(url, json={"value": str(50 + step),
                                             "expected_revision": revision})
                assert answer.status_code in (200, 503), answer.text[:300]
                if answer.status_code == 200:
                    revision = answer.json()["revision"]
                    seen.append((revision, answer.json()["value"]))
            return seen

        with ThreadPoolExecutor(max_workers=WRITERS + 2) as pool:
            imports = [pool.submit(_cli_import, database_url, path) for path in files]
            time.sleep(0.3)
            written = dict(zip(PROVINCES, pool.map(writer, PROVINCES), strict=True))
            finished = [job.result() for job in imports]
        for province, seen in written.items():
            history = http.get(f"/api/v1/observations/{RATE}/agency:{province}/2024-08/history")
            stored = [(row["revision"], row["value"]) for row in history.json()]
            assert stored == seen, province
    for run in finished:  # they queue for the write lock within the busy timeout
        assert "Traceback" not in run.stderr, run.stderr
        assert run.returncode == 0, run.stderr


def test_sqlite_writers_that_read_first_queue_instead_of_deadlocking(tmp_path):
    """Two transactions (as two processes would) both read, then write: SQLite in WAL with
    IMMEDIATE write transactions makes the second wait for the first, never fail at once."""
    from decimal import Decimal

    from dxmon.collect import service
    from dxmon.store.db import make_engine, transaction, upgrade

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    engines = [make_engine(url), make_engine(url)]  # two pools: two processes' connections
    errors: list[BaseException] = []

    def read_then_write(number: int) -> None:
        key = service.ObservationKey(RATE, f"agency:{PROVINCES[number]}", "2024-08")
        try:
            with transaction(engines[number]) as session:
                service.current_observations(session, period="2024-08")
                time.sleep(0.5)
                service.record_observation(session, key=key, value=Decimal(number))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=read_then_write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with engines[0].connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert mode == "wal"
