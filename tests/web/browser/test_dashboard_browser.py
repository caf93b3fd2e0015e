"""The dashboard in a real browser: every page loads with no console error and no failed
request, on a desktop and on a 390 px phone; a visitor clicks from the overview to an
indicator, to an agency, to the reports, and downloads a report."""

import re

import pytest

PAGES = {
    "overview": "/?period=2024S1",
    "indicators": "/chi-so",
    "indicator": "/chi-so/online_fullprocess_dossier_rate",
    "indicator-map": "/chi-so/bcd_action_plan_2024_issued?period=2024S1",
    "agencies": "/co-quan",
    "agency": "/co-quan/BTTTT?period=2024S1",
    "province": "/co-quan/P01?period=2024S1",
    "rankings": "/xep-hang",
    "requirements": "/yeu-cau?period=2024S1",
    "tasks": "/nhiem-vu?as_of=2024-06-30",
    "reports": "/bao-cao",
    "checker": "/kiem-tra",
    "sign-in": "/dang-nhap",
    "english": "/?lang=en",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def watched_page(browser, viewport):
    """A page that records console errors, failed requests and error responses."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(
        f"HTTP {r.status}: {r.url}"))
    return context, page


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_loads_cleanly(browser, server, artifacts, viewport) -> None:
    context, page = watched_page(browser, VIEWPORTS[viewport])
    for name, url in PAGES.items():
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.locator("main h1").count() >= 1, name
        page.screenshot(path=str(artifacts / f"{name}-{viewport}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"] + 1, (name, width)  # no sideways scroll
    context.close()
    assert page.problems == []


def test_click_through_overview_indicator_agency_report(browser, server, artifacts) -> None:
    context, page = watched_page(browser, VIEWPORTS["desktop"])
    page.goto(server + "/?period=2024S1")
    page.click("article[data-indicator='online_fullprocess_dossier_rate'] h3 a")
    page.wait_for_url(re.compile(r"/chi-so/online_fullprocess_dossier_rate"))
    assert "toàn trình" in page.locator("h1").inner_text()
    page.locator("svg.tiles a[href='/co-quan/P01']").click()  # Hà Nội on the map
    page.wait_for_url(re.compile(r"/co-quan/P01"))
    assert "Hà Nội" in page.locator("h1").inner_text()
    page.screenshot(path=str(artifacts / "clicked-agency.png"), full_page=True)
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.wait_for_url(re.compile(r"/bao-cao"))
    with page.expect_download() as download:
        page.locator("a[href='/api/v1/reports/2024S1?format=md']").click()
    saved = artifacts / "downloaded-2024S1.md"
    download.value.save_as(saved)
    assert "06 tháng đầu năm 2024" in saved.read_text("utf-8")
    context.close()
    assert page.problems == []


def test_keyboard_reaches_the_main_content(browser, server) -> None:
    context, page = watched_page(browser, VIEWPORTS["phone"])
    page.goto(server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Bỏ qua" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    context.close()


def test_checker_page_marks_findings(browser, server) -> None:
    context, page = watched_page(browser, VIEWPORTS["desktop"])
    page.goto(server + "/kiem-tra")
    page.get_by_label("Văn bản").fill("Đã hoàn thành: 16/28 nhiệm vụ (60%).")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_load_state("load")
    assert page.locator("mark.error").inner_text() == "16/28 nhiệm vụ (60%"
    context.close()
    assert page.problems == []
