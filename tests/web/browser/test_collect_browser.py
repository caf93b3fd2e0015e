"""The reporters' data-entry pages in a real browser, on a desktop and on a 390 px phone: a
reporter signs in, opens its agency's report of the period being collected, fills in the
required lines by their labels, saves, submits; no console error, no failed request, no
sideways scroll."""

import re

import pytest
from sqlalchemy import create_engine

from dxmon.collect.desk import open_period
from tests.factories import PASSWORD, make_user
from tests.web.browser.test_dashboard_browser import VIEWPORTS, watched_page


def no_sideways_scroll(page, viewport):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"] + 1, (page.url, width)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_reporter_fills_in_saves_and_submits(browser, writable_server, artifacts,
                                               viewport) -> None:
    url, database_url = writable_server
    engine = create_engine(database_url)
    make_user(engine, "hn", "reporter", "P01")
    engine.dispose()
    context, page = watched_page(browser, VIEWPORTS[viewport])
    page.goto(url + "/nhap-lieu")
    page.wait_for_url(re.compile(r"/dang-nhap"))
    page.get_by_label("Tên đăng nhập").fill("hn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/nhap-lieu$"))
    page.screenshot(path=str(artifacts / f"collect-home-{viewport}.png"), full_page=True)
    no_sideways_scroll(page, viewport)

    period = open_period()
    page.locator(f"a[href='/nhap-lieu/P01/{period}']").click()
    page.wait_for_url(re.compile(f"/nhap-lieu/P01/{period}"))
    assert "Còn thiếu chỉ tiêu bắt buộc" in page.content()
    for field in page.locator("input[name$='.value']").all():
        name = field.get_attribute("name")
        code = name.removesuffix(".value")
        field.fill("1200" if code == "community_digital_teams" else "80,5")
        numerator = page.locator(f"input[name='{code}.numerator']")
        if numerator.count():
            numerator.fill("805")
            page.locator(f"input[name='{code}.denominator']").fill("1000")
    page.screenshot(path=str(artifacts / f"collect-desk-typed-{viewport}.png"), full_page=True)
    no_sideways_scroll(page, viewport)
    page.get_by_role("button", name="Lưu số liệu").click()
    page.wait_for_url(re.compile(r"created="))
    assert "Đã lưu" in page.locator("p.notice").inner_text()
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(re.compile(r"step=submit"))
    assert "đã gửi" in page.locator("p.status").inner_text()
    page.screenshot(path=str(artifacts / f"collect-desk-submitted-{viewport}.png"),
                    full_page=True)
    no_sideways_scroll(page, viewport)
    context.close()
    assert page.problems == []
