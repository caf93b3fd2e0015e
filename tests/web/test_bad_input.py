"""Bad input never yields a 500, on SQLite and on PostgreSQL (which refuses NUL characters
and over-long strings that SQLite would store)."""

from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.web.app import create_app
from tests.factories import user_with_token

IND = "online_fullprocess_dossier_rate"
NASTY = [
    ("get", "/api/v1/audit?since=0001-01-01T00:00:00%2B14:00", None),
    ("get", "/api/v1/audit?offset=99999999999999999999", None),
    ("get", "/api/v1/observations?scope=%00", None),
    ("get", "/api/v1/users/%00", None),
    ("post", "/api/v1/tokens/%00:revoke", None),
    ("post", "/api/v1/auth/login", {"username": "\x00", "password": "x"}),
    ("post", "/api/v1/submissions/P01/2024-08:nope", {}),
    ("get", "/api/v1/no-such-thing", None),
    ("put", f"/api/v1/observations/{IND}/nation/2024-08",
     {"value": 1, "comment": "\x00", "expected_revision": 0}),
    ("put", "/api/v1/narratives/half_year/2024S1/" + "k" * 300, {"text": "x"}),
    ("put", "/api/v1/narratives/" + "r" * 100 + "/2024S1/k", {"text": "x"}),
    ("put", "/api/v1/narratives/half_year/2024S1/k", {"text": "\x00"}),
    ("post", "/api/v1/users", {"username": "b", "password": "x" * 10, "role": "reporter",
                               "agency": "\x00"}),
]


def test_nasty_requests_never_get_a_500(database_url, engine):
    admin = user_with_token(engine, "adm", "administrator")
    app = create_app(Settings(database_url=database_url))
    with TestClient(app, raise_server_exceptions=False, headers=admin) as client:
        for method, path, body in NASTY:
            response = getattr(client, method)(path, **({"json": body} if body else {}))
            assert response.status_code < 500, (path, response.status_code)
            if response.status_code >= 400:
                error = response.json()["error"]
                assert error["code"] and error["message_vi"] and error["message_en"], path
