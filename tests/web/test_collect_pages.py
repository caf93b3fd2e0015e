"""The reporters' data-entry pages, driven as a browser would: sign in, open the desk, type,
upload, submit, get returned, correct; with the session's CSRF token on every form."""

import html
import io
import re

import pytest
from openpyxl import load_workbook

from dxmon.store import audit
from dxmon.store.db import session_factory
from tests.factories import make_user
from tests.web.conftest import web_login

RATE = "fibre_broadband_household_rate"  # a ratio, required for provinces
TEAMS = "community_digital_teams"  # a count, required for provinces
DESK = "/nhap-lieu/P01/2024-08"


def sign_in(api, username):
    """Sign in as ``username``, signing out whoever was signed in."""
    if api.cookies.get("dxmon_session"):
        assert api.post("/dang-xuat", data=csrf(api), follow_redirects=False).status_code == 303
    response = web_login(api, username, next_url="/nhap-lieu")
    assert response.status_code == 303, response.text


def csrf(api):
    return {"csrf_token": api.cookies.get("dxmon_csrf")}


def fields(html):
    """Every input of the desk's form: name → value."""
    return dict(re.findall(r'<input name="([a-z_0-9]+\.[a-z]+)" value="([^"]*)"', html))


def complete_form(html):
    """The form with every required line filled in with valid values."""
    typed = fields(html)
    for name in typed:
        code, _, field = name.rpartition(".")
        if field == "value":
            typed[name] = "75,5" if code != TEAMS else "1200"
    typed[f"{RATE}.numerator"], typed[f"{RATE}.denominator"] = "755", "1000"
    return typed


def stored(api, period="2024-08"):
    rows = api.get("/api/v1/observations", params={"period": period, "scope": "agency:P01"})
    assert rows.status_code == 200, rows.text
    return {row["indicator"]: (row["value"], row["status"]) for row in rows.json()}


@pytest.fixture
def reporter(api, engine):
    make_user(engine, "hn", "reporter", "P01")
    make_user(engine, "ana", "analyst")
    sign_in(api, "hn")
    return api


def test_data_entry_needs_signing_in_and_a_writer(api, engine):
    response = api.get("/nhap-lieu", follow_redirects=False)
    assert response.headers["location"] == "/dang-nhap?next=/nhap-lieu"
    assert api.get(DESK, follow_redirects=False).headers["location"] == (
        "/dang-nhap?next=/nhap-lieu/P01/2024-08")
    make_user(engine, "vi", "viewer")
    sign_in(api, "vi")
    assert api.get(DESK).status_code == 403


def test_a_reporter_sees_its_open_period_and_what_is_missing(reporter):
    home = reporter.get("/nhap-lieu")
    assert home.status_code == 200 and "Báo cáo của đơn vị" in home.text
    assert "chưa bắt đầu" in home.text
    desk = reporter.get(DESK)
    assert desk.status_code == 200
    assert "Thành phố Hà Nội" in desk.text and "tháng 8/2024" in desk.text
    assert "Còn thiếu chỉ tiêu bắt buộc" in desk.text
    assert f"{RATE}.numerator" in fields(desk.text) and f"{TEAMS}.value" in fields(desk.text)
    assert "Gửi báo cáo" not in desk.text  # nothing to submit while lines are missing
    assert 'href="/api/v1/dataValueSets/template?agency=P01&amp;period=2024-08"' in desk.text
    other = reporter.get("/nhap-lieu/P79/2024-08")
    assert other.status_code == 403 and "không được ghi dữ liệu" in other.text
    wrong = reporter.get("/nhap-lieu/P01/2024-13")
    assert wrong.status_code == 400 and "2024-13" in wrong.text


def test_a_bad_form_stores_nothing_and_shows_the_errors_on_their_lines(reporter):
    typed = complete_form(reporter.get(DESK).text)
    typed[f"{RATE}.numerator"] = "1755"  # more than the denominator
    typed[f"{TEAMS}.value"] = "-3"
    response = reporter.post(DESK, data={**typed, **csrf(reporter)})
    assert response.status_code == 400
    assert "Không lưu gì" in response.text and "Tử số 1755 lớn hơn mẫu số 1000" in response.text
    assert fields(response.text)[f"{RATE}.numerator"] == "1755"  # kept as typed
    assert response.text.count('class="invalid"') == 2
    assert stored(reporter) == {}


def test_a_refused_save_does_not_claim_saved_indicators_are_missing(reporter):
    """Regression (issue 12): after a refused save, the desk listed indicators that were
    saved as missing (it read the typed form instead of the store)."""
    typed = complete_form(reporter.get(DESK).text)
    assert reporter.post(DESK, data={**typed, **csrf(reporter)}).status_code in (200, 303)
    assert RATE in stored(reporter)
    bad = {**typed, f"{RATE}.value": "", f"{TEAMS}.value": "-3"}
    refused = reporter.post(DESK, data={**bad, **csrf(reporter)})
    assert refused.status_code == 400
    assert 'class="warning"' not in refused.text  # nothing required is missing from the store


def test_the_form_saves_submits_and_is_returned_for_correction(reporter, engine):
    forged = reporter.post(DESK, data={**complete_form(reporter.get(DESK).text),
                                       "csrf_token": "forged"})
    assert forged.status_code == 403 and stored(reporter) == {}
    typed = complete_form(reporter.get(DESK).text)
    saved = reporter.post(DESK, data={**typed, **csrf(reporter)}, follow_redirects=False)
    assert saved.status_code == 303, re.findall(r'role="alert">(.*?)</div>', saved.text, re.S)
    assert "created=" in saved.headers["location"]
    desk = reporter.get(saved.headers["location"])
    assert "Đã lưu" in desk.text and "nháp" in desk.text
    assert stored(reporter)[RATE] == (75.5, "draft")
    assert stored(reporter)[TEAMS] == (1200.0, "draft")
    again = reporter.post(DESK, data={**typed, **csrf(reporter)}, follow_redirects=False)
    assert "created=0&updated=0&unchanged=" in again.headers["location"]

    revision = re.search(r'name="expected_revision" value="(\d+)"', desk.text).group(1)
    sent = reporter.post(f"{DESK}/trang-thai", data={"action": "submit", **csrf(reporter),
                                                     "expected_revision": revision})
    assert sent.status_code == 200 and "đã gửi" in sent.text
    assert "Báo cáo đã gửi: chỉ sửa được khi bị trả lại." in sent.text
    late = reporter.post(DESK, data={**typed, **csrf(reporter)})
    assert late.status_code == 409 and "chỉ sửa được khi nháp" in late.text
    stale = reporter.post(f"{DESK}/trang-thai", data={"action": "submit", **csrf(reporter),
                                                      "expected_revision": revision})
    assert stale.status_code == 409

    sign_in(reporter, "ana")
    queue = reporter.get("/nhap-lieu")
    assert "Báo cáo chờ xử lý" in queue.text and 'href="/nhap-lieu/P01/2024-08"' in queue.text
    review = reporter.get(DESK)
    assert "Duyệt" in review.text and "Trả lại" in review.text
    revision = re.search(r'name="expected_revision" value="(\d+)"', review.text).group(1)
    returned = reporter.post(f"{DESK}/trang-thai", data={
        "action": "return", "reason": "Tỷ lệ cáp quang chưa khớp số hộ", **csrf(reporter),
        "expected_revision": revision})
    assert returned.status_code == 200 and "bị trả lại" in returned.text

    sign_in(reporter, "hn")
    home = reporter.get("/nhap-lieu")
    assert "Tỷ lệ cáp quang chưa khớp số hộ" in home.text and 'class="returned"' in home.text
    typed[f"{TEAMS}.value"] = "1.210"  # dots group thousands on the Vietnamese form
    fixed = reporter.post(DESK, data={**typed, **csrf(reporter)}, follow_redirects=False)
    assert fixed.status_code == 303 and "created=0" in fixed.headers["location"]
    assert stored(reporter)[TEAMS] == (1210.0, "draft")
    with session_factory(engine)() as session:
        done = {(entry.action, entry.entity, entry.actor)
                for entry in audit.list_entries(session, limit=100)}
    assert {("import", "dataValueSet", "hn"), ("submit", "submission", "hn"),
            ("return", "submission", "ana")} <= done


def test_the_template_downloads_and_uploads_back(reporter, engine):
    template = reporter.get("/api/v1/dataValueSets/template",
                            params={"agency": "P01", "period": "2024-08"})
    assert template.status_code == 200
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    codes = [row[0].value for row in sheet.iter_rows(min_row=5)]
    sheet.cell(row=5 + codes.index(TEAMS), column=5, value=1300)
    buffer = io.BytesIO()
    workbook.save(buffer)
    files = {"file": ("mau-P01.xlsx", buffer.getvalue())}
    response = reporter.post(f"{DESK}/tai-len", data=csrf(reporter), files=files,
                             follow_redirects=False)
    assert response.status_code == 303 and "created=1" in response.headers["location"]
    assert stored(reporter)[TEAMS] == (1300.0, "draft")

    elsewhere = reporter.post("/nhap-lieu/P01/2024-07/tai-len", data=csrf(reporter),
                              files=files)
    assert elsewhere.status_code == 400, elsewhere.text
    assert "không phải '2024-07' của trang này" in html.unescape(elsewhere.text)
    assert stored(reporter, "2024-07") == {}
    junk = reporter.post(f"{DESK}/tai-len", data=csrf(reporter),
                         files={"file": ("x.xlsx", b"not a workbook")})
    assert junk.status_code == 400 and "Không lưu gì" in junk.text
