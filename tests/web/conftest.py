import re

import pytest
from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.web.app import create_app
from tests.factories import PASSWORD


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


def web_login(api, username: str, password: str = PASSWORD, next_url: str = "/"):
    """Sign in through the ``/dang-nhap`` form (with its CSRF token); the form's answer."""
    form = api.get("/dang-nhap", params={"next": next_url})
    assert form.status_code == 200 and "Đăng nhập" in form.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, form.text
    return api.post("/dang-nhap", follow_redirects=False, data={
        "username": username, "password": password, "csrf_token": token.group(1),
        "next": next_url})
