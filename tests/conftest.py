"""Database fixtures: real SQLite files and a real PostgreSQL, built by dxmon's own migrations.

PostgreSQL tests skip with a reason when no server answers on 127.0.0.1:5432, unless
``DXMON_REQUIRE_POSTGRES=1`` (set by ``.ci/run``), where a missing server is a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from dxmon.demo import create_demo_database
from dxmon.store.db import make_engine, transaction, upgrade

POSTGRES_ADMIN_URL = os.environ.get(
    "DXMON_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
_counter = itertools.count()


def _postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means "no server here"
        return f"PostgreSQL unavailable at {POSTGRES_ADMIN_URL}: {type(error).__name__}"
    return None


def _admin(statement: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


def _require_postgres() -> None:
    """Skip (or, under ``DXMON_REQUIRE_POSTGRES=1``, fail) when no server answers."""
    problem = _postgres_problem()
    if problem:
        if os.environ.get("DXMON_REQUIRE_POSTGRES") == "1":
            pytest.fail(problem)
        pytest.skip(problem)


def _database_url(name: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database used as the template of each test's database."""
    _require_postgres()
    name = f"dxmon_tpl_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {name}")
    _admin(f"CREATE DATABASE {name}")
    upgrade(_database_url(name))
    yield name
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def blank_postgres_url() -> Iterator[str]:
    _require_postgres()
    name = f"dxmon_blank_{os.getpid()}_{next(_counter)}"
    _admin(f"CREATE DATABASE {name}")
    yield _database_url(name)
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A migrated, empty database: a SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'dxmon.db'}"
        upgrade(url)
        yield url
        return
    template = request.getfixturevalue("postgres_template")
    name = f"dxmon_test_{os.getpid()}_{next(_counter)}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _database_url(name)
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def engine(database_url):  # type: ignore[no-untyped-def]
    """An engine on the ``database_url`` database, disposed after the test."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    """A SQLite database holding the demo data (read-only for the tests that use it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    create_demo_database(url)
    return url


@pytest.fixture
def demo_session(demo_url):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def postgres_engine(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """An engine on a fresh, migrated PostgreSQL database (for PostgreSQL-only behaviour)."""
    template = request.getfixturevalue("postgres_template")
    name = f"dxmon_test_{os.getpid()}_{next(_counter)}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    engine = make_engine(_database_url(name))
    yield engine
    engine.dispose()
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
