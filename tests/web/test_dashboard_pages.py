"""Every dashboard page answers on the demo data, and its JSON twin carries the same data."""

import io

import openpyxl
import pytest
from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.web.app import create_app

PAGES = ["/", "/?period=2024S1", "/chi-so", "/chi-so/online_fullprocess_dossier_rate",
         "/chi-so/bcd_action_plan_2024_issued?period=2024S1", "/co-quan", "/co-quan/BTTTT",
         "/co-quan/P01?period=2024S1", "/xep-hang", "/yeu-cau?period=2024S1", "/nhiem-vu",
         "/nhiem-vu?lead=BTTTT&due_before=2024-12-31", "/bao-cao", "/kiem-tra"]


@pytest.fixture(scope="module")
def site(demo_url):
    with TestClient(create_app(Settings(database_url=demo_url))) as client:
        yield client


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_in_the_layout(site, url) -> None:
    response = site.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert '<nav aria-label=' in response.text and 'href="/static/dxmon.css"' in response.text
    assert '<html lang="vi">' in response.text


@pytest.mark.parametrize(("url", "twin"), [
    ("/?period=2024S1", "/index.json?period=2024S1"),
    ("/chi-so/online_fullprocess_dossier_rate?period=2024S1",
     "/chi-so/online_fullprocess_dossier_rate.json?period=2024S1"),
    ("/co-quan/BTTTT?period=2024S1", "/co-quan/BTTTT.json?period=2024S1"),
    ("/xep-hang", "/xep-hang.json"),
    ("/yeu-cau?period=2024S1", "/yeu-cau.json?period=2024S1"),
    ("/nhiem-vu?as_of=2024-06-30", "/nhiem-vu.json?as_of=2024-06-30"),
])
def test_json_twin_holds_what_the_page_shows(site, url, twin) -> None:
    html, data = site.get(url).text, site.get(twin).json()
    shown = list(_texts(data))
    assert shown, twin
    for text in shown[:200]:
        assert text.replace("&", "&amp;") in html, text


def _texts(data):
    """Printed figures and names of a page's data (the fields the templates show)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("text", "name_vi", "score", "percent", "short_name", "title_vi") and \
                    isinstance(value, str) and value:
                yield value
            else:
                yield from _texts(value)
    elif isinstance(data, list):
        for item in data:
            yield from _texts(item)


def test_overview_shows_the_seed_headline(site) -> None:
    data = site.get("/index.json?period=2024S1").json()
    cards = {c["indicator"]: c for g in data["groups"] for c in g["cards"]}
    assert cards["online_fullprocess_dossier_rate"]["text"] == "42%"
    assert cards["digital_tech_enterprises"]["text"] == "50.350"


def test_language_switch(site) -> None:
    english = site.get("/?lang=en")
    assert "Overview" in english.text and '<html lang="en">' in english.text
    switched = site.get("/ngon-ngu?lang=en&next=/xep-hang", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/xep-hang"
    assert "dxmon_lang=en" in switched.headers["set-cookie"]
    assert site.get("/ngon-ngu?lang=en&next=//evil.example", follow_redirects=False) \
        .headers["location"] == "/"


def test_indicator_downloads(site) -> None:
    csv_text = site.get("/chi-so/online_fullprocess_dossier_rate.csv").content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("indicator,scope,period,window,value")
    assert any(",nation,2024S1,period,42" in line for line in lines)
    book = openpyxl.load_workbook(io.BytesIO(
        site.get("/chi-so/online_fullprocess_dossier_rate.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("indicator", "scope", "period") and len(rows) == len(lines)


def test_checker_page_highlights_findings_in_place(site) -> None:
    text = "Mở đầu.\nĐã hoàn thành: 16/28 nhiệm vụ (60%)."
    response = site.post("/kiem-tra", data={"text": text})
    assert response.status_code == 200
    assert '<mark class="error"' in response.text and "16/28 nhiệm vụ (60%" in response.text
    upload = site.post("/kiem-tra", files={"file": ("x.docx", b"not a docx", "application/zip")})
    assert upload.status_code == 400 and "DOCX" in upload.text


def test_unknown_indicator_or_agency_is_a_clear_error(site) -> None:
    for url in ("/chi-so/no_such_indicator", "/co-quan/NOPE"):
        response = site.get(url)
        assert 400 <= response.status_code < 500
        assert response.json()["error"]["message_vi"]


def test_cached_page_changes_after_a_write(tmp_path) -> None:
    """Anonymous pages are cached, and a new fact makes the next visit rebuild the page."""
    from decimal import Decimal

    from dxmon.collect.service import ObservationKey, record_observation
    from dxmon.demo import create_demo_database
    from dxmon.store.db import make_engine, transaction

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo_database(url)
    engine = make_engine(url)
    with TestClient(create_app(Settings(database_url=url))) as client:
        assert "42%" in client.get("/chi-so/online_fullprocess_dossier_rate?period=2024S1").text
        with transaction(engine) as session:
            record_observation(session, key=ObservationKey(
                indicator="online_fullprocess_dossier_rate", scope="nation", period="2024S1"),
                value=Decimal("44.5"), provenance={"test": "cache"})
        page = client.get("/chi-so/online_fullprocess_dossier_rate?period=2024S1").text
        assert "44,5%" in page
    engine.dispose()
