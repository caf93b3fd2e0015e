import pytest
from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.web.app import create_app
from tests.factories import PASSWORD, make_user, user_with_token
from tests.web.conftest import assert_error


@pytest.fixture
def client(database_url):
    settings = Settings(database_url=database_url, login_max_failures=3)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


NARRATIVE = "/api/v1/narratives/half_year/2024S1/II.3.issues"


def test_unauthenticated_request_cannot_write(client):
    assert_error(client.put(NARRATIVE, json={"text": "x"}), 401, "AUTH_REQUIRED")
    assert_error(client.post("/api/v1/users", json={}), 401, "AUTH_REQUIRED")
    bad = client.put(NARRATIVE, json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert_error(bad, 401, "AUTH_INVALID")
    assert_error(client.get("/api/v1/auth/me", headers={"Authorization": "Basic x"}), 401,
                 "AUTH_INVALID")


def test_roles_guard_the_admin_resources(client, engine):
    admin = user_with_token(engine, "admin", "administrator")
    viewer = user_with_token(engine, "leader", "viewer")
    assert_error(client.get("/api/v1/users", headers=viewer), 403, "ACCESS_FORBIDDEN")
    assert_error(client.get("/api/v1/audit", headers=viewer), 403, "ACCESS_FORBIDDEN")
    assert_error(client.put(NARRATIVE, json={"text": "x"}, headers=viewer), 403,
                 "ACCESS_FORBIDDEN")
    created = client.post("/api/v1/users", headers=admin, json={
        "username": "hanoi", "password": PASSWORD, "role": "reporter", "agency": "P01"})
    assert created.status_code == 201 and created.json()["agency"] == "P01"
    assert_error(client.post("/api/v1/users", headers=admin, json={
        "username": "hanoi", "password": PASSWORD, "role": "viewer"}), 409,
        "USER_EXISTS_CONFLICT")
    assert_error(client.post("/api/v1/users", headers=admin, json={
        "username": "x", "password": "short", "role": "boss"}), 422, "REQUEST_INVALID")
    assert [u["username"] for u in client.get("/api/v1/users", headers=admin).json()] == [
        "admin", "hanoi", "leader"]


def test_token_issued_through_the_api_works_until_revoked(client, engine):
    admin = user_with_token(engine, "admin", "administrator")
    make_user(engine, "portal", "reporter", "P01")
    created = client.post("/api/v1/tokens", headers=admin, json={"username": "portal"})
    assert created.status_code == 201
    bearer = {"Authorization": f"Bearer {created.json()['token']}"}
    assert client.get("/api/v1/auth/me", headers=bearer).json()["agency"] == "P01"
    listed = client.get("/api/v1/tokens", headers=admin, params={"username": "portal"}).json()
    assert "token" not in listed[0] and listed[0]["revoked_at"] is None
    revoked = client.post(f"/api/v1/tokens/{created.json()['token_id']}:revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert_error(client.get("/api/v1/auth/me", headers=bearer), 401, "AUTH_INVALID")
    assert_error(client.post("/api/v1/tokens/ffffffffffff:revoke", headers=admin), 404,
                 "TOKEN_NOT_FOUND")


def test_cookie_login_needs_csrf_for_writes_and_logout_ends_it(client, engine):
    make_user(engine, "ana", "analyst")
    login = client.post("/api/v1/auth/login", json={"username": "ana", "password": PASSWORD})
    assert login.status_code == 200
    csrf = login.json()["csrf_token"]
    assert client.cookies.get("dxmon_csrf") == csrf
    assert "httponly" in login.headers["set-cookie"].lower()
    assert client.get("/api/v1/auth/me").json()["via"] == "session"
    assert_error(client.put(NARRATIVE, json={"text": "Tồn tại."}), 403, "CSRF_FAILED")
    assert_error(client.put(NARRATIVE, json={"text": "Tồn tại."},
                            headers={"X-CSRF-Token": "forged"}), 403, "CSRF_FAILED")
    written = client.put(NARRATIVE, json={"text": "Tồn tại."}, headers={"X-CSRF-Token": csrf})
    assert written.status_code == 200 and written.json()["created_by"] == "ana"
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    client.cookies.set("dxmon_csrf", csrf)
    assert_error(client.put(NARRATIVE, json={"text": "Lại."}, headers={"X-CSRF-Token": csrf}),
                 401, "AUTH_REQUIRED")


def test_failed_logins_are_throttled_with_429(client, engine):
    make_user(engine, "ana", "analyst")
    for _ in range(3):
        wrong = client.post("/api/v1/auth/login", json={"username": "ana", "password": "no"})
        assert_error(wrong, 401, "AUTH_INVALID")
    right = client.post("/api/v1/auth/login", json={"username": "ana", "password": PASSWORD})
    assert_error(right, 429, "AUTH_THROTTLED")
    assert_error(client.post("/api/v1/auth/login", json={"username": "nobody",
                                                          "password": "x"}), 401, "AUTH_INVALID")


def test_writes_are_in_the_audit_log_for_administrators(client, engine):
    admin = user_with_token(engine, "admin", "administrator")
    analyst = user_with_token(engine, "ana", "analyst")
    assert client.put(NARRATIVE, json={"text": "Một."}, headers=analyst).status_code == 200
    assert client.put(NARRATIVE, json={"text": "Hai."}, headers=analyst).status_code == 200
    entries = client.get("/api/v1/audit", headers=admin,
                         params={"entity": "narrative"}).json()
    assert [(e["actor"], e["action"]) for e in entries] == [("ana", "update"), ("ana", "create")]
    assert entries[0]["before"]["text"] == "Một." and entries[0]["after"]["text"] == "Hai."
    assert entries[0]["key"] == "half_year/2024S1/II.3.issues"


def test_times_are_given_in_utc_with_their_offset(client, engine):
    admin = user_with_token(engine, "admin", "administrator")
    entry = client.get("/api/v1/audit", headers=admin).json()[0]
    assert entry["at"].endswith(("Z", "+00:00"))


def test_disabled_user_is_locked_out_at_once(client, engine):
    admin = user_with_token(engine, "admin", "administrator")
    bot = user_with_token(engine, "bot", "analyst")
    assert client.get("/api/v1/auth/me", headers=bot).status_code == 200
    disabled = client.post("/api/v1/users/bot:disable", headers=admin)
    assert disabled.status_code == 200 and disabled.json()["active"] is False
    assert_error(client.get("/api/v1/auth/me", headers=bot), 401, "AUTH_INVALID")
    assert_error(client.post("/api/v1/auth/login", json={"username": "bot",
                                                          "password": PASSWORD}),
                 401, "AUTH_INVALID")
    assert client.post("/api/v1/users/bot:enable", headers=admin).json()["active"] is True
    assert client.get("/api/v1/auth/me", headers=bot).status_code == 200
