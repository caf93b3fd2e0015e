from tests.factories import PASSWORD, make_user
from tests.web.conftest import web_login


def test_web_login_sets_the_session_and_the_audit_page_is_for_administrators(api, engine):
    make_user(engine, "admin", "administrator")
    make_user(engine, "ana", "analyst")
    assert api.get("/nhat-ky", follow_redirects=False).headers["location"] == (
        "/dang-nhap?next=/nhat-ky")
    wrong = web_login(api, "admin", "wrong")
    assert wrong.status_code == 401 and "Sai tên đăng nhập" in wrong.text
    signed_in = web_login(api, "admin", next_url="/nhat-ky")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/nhat-ky"
    page = api.get("/nhat-ky")
    assert page.status_code == 200 and "Nhật ký thay đổi" in page.text
    assert "ana" in page.text and "administrator" in page.text  # the users' creation
    data = api.get("/nhat-ky.json", params={"entity": "user"}).json()
    assert [row["key"] for row in data["rows"]] == ["ana", "admin"]
    assert data["rows"][0]["after"]["role"] == "analyst"
    out = api.post("/dang-xuat", data={"csrf_token": api.cookies.get("dxmon_csrf")},
                   follow_redirects=False)
    assert out.status_code == 303
    assert api.get("/nhat-ky", follow_redirects=False).status_code == 303
    assert api.get("/nhat-ky.json").status_code == 401


def test_non_administrators_see_403_and_forms_need_their_token(api, engine):
    make_user(engine, "ana", "analyst")
    forged = api.post("/dang-nhap", data={"username": "ana", "password": PASSWORD,
                                          "csrf_token": "forged"})
    assert forged.status_code == 403
    assert web_login(api, "ana", next_url="//evil.example").headers["location"] == "/"
    assert api.get("/nhat-ky").status_code == 403
    assert api.get("/nhat-ky.json").json()["error"]["code"] == "ACCESS_FORBIDDEN"
    refused = api.post("/dang-xuat", data={"csrf_token": "forged"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "CSRF_FAILED"
