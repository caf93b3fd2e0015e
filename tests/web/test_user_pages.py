"""The administrators' users page: a reporter of an abolished agency is flagged with its
successor and moved to it through a CSRF-protected, audited form; an agency not in force is
refused naming its successor, and nothing changes."""

from dxmon.store.audit import list_entries
from dxmon.store.db import transaction
from tests.factories import make_user
from tests.web.conftest import web_login

MOVE = "/nguoi-dung/chuyen-don-vi"


def agency_of(api, username):
    users = api.get("/nguoi-dung.json").json()["users"]
    return next(row["agency"] for row in users if row["username"] == username)


def test_an_administrator_moves_a_reporter_of_an_abolished_agency(api, engine):
    make_user(engine, "admin", "administrator")
    make_user(engine, "dn", "reporter", "P48")
    assert web_login(api, "admin", next_url="/nguoi-dung").headers["location"] == "/nguoi-dung"
    page = api.get("/nguoi-dung")
    assert page.status_code == 200 and "Người dùng" in page.text
    assert "đơn vị kế thừa: P48.2025" in page.text  # the reporter's agency is abolished
    assert 'value="P48.2025"' in page.text  # its successor is offered
    row = next(u for u in api.get("/nguoi-dung.json").json()["users"] if u["username"] == "dn")
    assert row["successor"] == "P48.2025" and row["movable"]

    token = api.cookies.get("dxmon_csrf")
    forged = api.post(MOVE, data={"username": "dn", "agency": "P48.2025", "csrf_token": "x"})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "CSRF_FAILED"
    refused = api.post(MOVE, data={"username": "dn", "agency": "P49", "csrf_token": token})
    assert refused.status_code == 400
    assert "P49" in refused.text and "P48.2025" in refused.text  # P49's successor is named
    assert agency_of(api, "dn") == "P48"

    moved = api.post(MOVE, data={"username": "dn", "agency": "P48.2025", "csrf_token": token},
                     follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/nguoi-dung?moved=dn"
    assert "Đã chuyển dn" in api.get(moved.headers["location"]).text
    assert agency_of(api, "dn") == "P48.2025"
    with transaction(engine) as session:
        (entry,) = [e for e in list_entries(session, entity="user")
                    if e.action == "update" and e.key == "dn"]
    assert (entry.actor, entry.before["agency"], entry.after["agency"]) == (
        "admin", "P48", "P48.2025")


def test_only_administrators_move_users(api, engine):
    make_user(engine, "ana", "analyst")
    make_user(engine, "dn", "reporter", "P48")
    assert api.get("/nguoi-dung", follow_redirects=False).headers["location"] == (
        "/dang-nhap?next=/nguoi-dung")
    web_login(api, "ana")
    assert api.get("/nguoi-dung").status_code == 403
    assert api.get("/nguoi-dung.json").json()["error"]["code"] == "ACCESS_FORBIDDEN"
    token = api.cookies.get("dxmon_csrf")
    refused = api.post(MOVE, data={"username": "dn", "agency": "P48.2025", "csrf_token": token})
    assert refused.status_code == 403
    with transaction(engine) as session:
        assert not [e for e in list_entries(session, entity="user") if e.action == "update"]


def test_a_reporter_of_an_abolished_agency_is_told_its_successor(api, engine):
    make_user(engine, "dn", "reporter", "P48")
    make_user(engine, "hn", "reporter", "P01")
    web_login(api, "dn", next_url="/nhap-lieu")
    home = api.get("/nhap-lieu")
    assert home.status_code == 200
    assert "đơn vị kế thừa: P48.2025" in home.text and "/nguoi-dung" in home.text
    assert 'href="/nhap-lieu/P48/' not in home.text  # no open period of an abolished unit
    me = api.get("/api/v1/auth/me").json()
    assert me["agency"] == "P48" and "P48.2025" in me["notice_vi"]
    assert "successor is P48.2025" in me["notice_en"]

    api.post("/dang-xuat", data={"csrf_token": api.cookies.get("dxmon_csrf")})
    web_login(api, "hn", next_url="/nhap-lieu")
    assert "đơn vị kế thừa" not in api.get("/nhap-lieu").text
    assert api.get("/api/v1/auth/me").json()["notice_vi"] is None
