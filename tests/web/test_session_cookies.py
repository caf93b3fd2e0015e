"""The API login and the sign-in page start the same browser session: the same cookies with
the same attributes (one helper sets them), and both sign-outs clear them."""

from tests.factories import PASSWORD, make_user
from tests.web.conftest import web_login


def attributes(response) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Each Set-Cookie's name → its attributes (the value left out)."""
    found = {}
    for header in response.headers.get_list("set-cookie"):
        name_value, *rest = [part.strip().lower() for part in header.split(";")]
        found[name_value.split("=")[0]] = set(rest)
    return found


def test_api_and_page_logins_set_the_same_session_cookies(api, engine):
    make_user(engine, "ana", "analyst")
    by_api = api.post("/api/v1/auth/login", json={"username": "ana", "password": PASSWORD})
    assert by_api.status_code == 200
    api.cookies.clear()
    by_page = web_login(api, "ana")
    assert by_page.status_code == 303
    assert attributes(by_api) == attributes(by_page)
    session = attributes(by_page)["dxmon_session"]
    assert {"httponly", "samesite=lax", "path=/"} <= session
    assert "httponly" not in attributes(by_page)["dxmon_csrf"]

    out_page = api.post("/dang-xuat", data={"csrf_token": api.cookies.get("dxmon_csrf")},
                        follow_redirects=False)
    web_login(api, "ana")
    out_api = api.post("/api/v1/auth/logout",
                       headers={"X-CSRF-Token": api.cookies.get("dxmon_csrf")})
    assert out_api.status_code == 204
    assert attributes(out_page) == attributes(out_api)
    assert set(attributes(out_api)) == {"dxmon_session", "dxmon_csrf"}
