"""Engine, sessions and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from dxmon.store import errors

BUSY_TIMEOUT_SECONDS = 30


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL, a busy timeout and explicit BEGIN.

    SQLite is shared by processes (``dxmon serve``, ``dxmon import``…): in WAL mode readers
    never wait for a writer, and a writing transaction begins IMMEDIATE (see ``writing``), so
    that two writers queue on the busy timeout instead of deadlocking when both read first."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver's own BEGIN off: _sqlite_begin's
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def writing(engine: Engine) -> Engine:
    """The same engine, whose transactions take SQLite's write lock when they begin."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def is_busy(error: OperationalError) -> bool:
    """SQLite's write lock was not free within the busy timeout: worth retrying."""
    return "database is locked" in str(error.orig) or "database is busy" in str(error.orig)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on any error; on SQLite it
    holds the write lock from the start (it may write)."""
    with session_factory(writing(engine))() as session, session.begin():
        yield session


def alembic_config(url: str) -> Config:
    config = Config()
    location = resources.files("dxmon.store") / "migrations"
    config.set_main_option("script_location", str(location))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision`` (creating it when new)."""
    command.upgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision(url: str) -> str:
    """The newest revision of dxmon's migrations."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None  # dxmon ships its migrations
    return head


def ensure_current(url: str) -> None:
    """Refuse a database that is not at the newest schema, without touching it.

    Read-only commands call this instead of ``upgrade``: they never migrate, and a SQLite
    file that does not exist is not created.
    """
    head = head_revision(url)
    current = None if _sqlite_file_missing(url) else current_revision(url)
    if current != head:
        raise errors.schema_not_current(current=current, head=head)


def _sqlite_file_missing(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return False
    return not Path(parsed.database).exists()
