import pytest
from fastapi.testclient import TestClient

from dxmon.demo import create_demo_database
from dxmon.settings import Settings
from dxmon.store.db import make_engine
from dxmon.web.app import create_app
from tests.web.conftest import api  # noqa: F401 (the empty-database client)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_db(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    """A writable database holding the demo data: a SQLite file, then a real PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'demo.db'}"
    else:
        url = request.getfixturevalue("blank_postgres_url")
    create_demo_database(url)
    return url


@pytest.fixture
def demo_engine(demo_db):  # type: ignore[no-untyped-def]
    engine = make_engine(demo_db)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_api(demo_db):  # type: ignore[no-untyped-def]
    with TestClient(create_app(Settings(database_url=demo_db))) as client:
        yield client
