import pytest
from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.store.db import make_engine
from dxmon.web.app import create_app


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def api(database_url):
    """A test client of the app on an empty migrated database (no demo data)."""
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        yield client


def assert_error(response, status: int, code: str) -> dict:
    """The response is the documented JSON error with this status and code."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_vi"] and error["message_en"]
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"row", "field", "reason"}
    return error
