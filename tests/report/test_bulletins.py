"""Agency bulletins: one ministry or province per period against its block, the nation and last
year — published figures only, missing ones marked and listed, every format, CLI and API."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dxmon.cli.app import app
from dxmon.collect import service as collect
from dxmon.compute.facts import View
from dxmon.errors import DxmonError
from dxmon.report import service
from dxmon.report.annex import TITLE
from dxmon.report.context import MISSING
from dxmon.settings import Settings
from dxmon.store.db import transaction
from dxmon.web.app import create_app

RATE = "online_fullprocess_dossier_rate"


def _store(session, scope, period, value, numerator, denominator, status="published"):
    collect.record_observation(
        session, key=collect.ObservationKey(RATE, scope, period), value=Decimal(value),
        status=status, source="reported", numerator=Decimal(numerator),
        denominator=Decimal(denominator))


def _merged_da_nang(session):
    _store(session, "agency:P48", "2024-08", "60", 300, 500)  # Đà Nẵng before the merger
    _store(session, "agency:P49", "2024-08", "20", 100, 500)  # Quảng Nam
    _store(session, "agency:P48.2025", "2025-08", "50", 600, 1200)
    _store(session, "agency:P01", "2025-08", "70", 700, 1000)  # another province


def test_a_merged_province_bulletin_compares_with_its_predecessors(engine):
    with transaction(engine) as session:
        _merged_da_nang(session)
        report = service.generate_bulletin(session, period="2025-08", agency="P48.2025")
    markdown = report.markdown
    assert "**Thành phố Đà Nẵng — tháng 8 năm 2025**" in markdown
    line = next(line for line in markdown.splitlines() if "hồ sơ trực tuyến toàn trình" in line)
    # its own 600/1200; the provinces' 1300/2200 (59% at the catalogue's precision); last
    # year the ratio of sums of Đà Nẵng and Quảng Nam, 400/1000
    assert "**50%**" in line and "khối địa phương: 59%" in line, line
    assert "cùng kỳ năm trước: 40%, tăng 10%" in line, line
    assert report.meta.issuer == "Bộ Khoa học và Công nghệ"
    assert report.meta.recipients[0] == "Thành phố Đà Nẵng;"
    body, _, annex = markdown.partition(f"## {TITLE}")
    assert "Biểu đồ 1." in body and "Nguồn:" in body  # the chart, numbered and sourced
    assert "chart:agency" in report.images
    assert not re.search(r"\b00/\d", body)
    assert "Xếp loại đánh giá" in annex  # no evaluation scores in this database
    assert report.missing_count >= 1 and MISSING in body


def test_a_bulletin_shows_published_figures_only_unless_previewed(engine):
    with transaction(engine) as session:
        _store(session, "agency:P01", "2024-09", "77", 77, 100, status="draft")
        published = service.generate_bulletin(session, period="2024-09", agency="P01",
                                              with_charts=False)
        preview = service.generate_bulletin(session, period="2024-09", agency="P01",
                                            with_charts=False, view=View.PREVIEW)
    assert "77%" not in published.markdown
    assert "**77%**" in preview.markdown and "BẢN NHÁP" in preview.markdown


def test_an_agency_not_in_force_has_no_bulletin_and_is_told_why(engine):
    with transaction(engine) as session, pytest.raises(DxmonError) as raised:
        service.generate_bulletin(session, period="2025-08", agency="P49")
    problem = raised.value.problems[0]
    assert problem.code == "REPORT_AGENCY_NOT_REPORTING" and problem.field == "agency"
    assert "P48.2025" in problem.message_vi and "P48.2025" in problem.message_en


def test_every_format_of_a_bulletin_renders(demo_session):
    report = service.generate_bulletin(demo_session, period="2024-08", agency="P48")
    signatures = {"md": "BỘ THÔNG TIN".encode(), "html": b"<!DOCTYPE html>", "docx": b"PK",
                  "pdf": b"%PDF"}
    for fmt, signature in signatures.items():
        assert report.render(fmt).startswith(signature), fmt
    assert "chart:" not in report.render("md").decode()  # no placeholder a viewer cannot show
    assert "xếp loại **C**" in report.markdown and "trong khối địa phương" in report.markdown


@pytest.mark.parametrize(("period", "count"), [("2024-08", 22 + 63), ("2025-08", 17 + 34)])
def test_all_agencies_writes_one_bulletin_per_reporting_unit(demo_url, tmp_path, period,
                                                             count):
    out = tmp_path / "bulletins"
    result = CliRunner().invoke(app, ["report", "--period", period, "--all-agencies",
                                      "--out", str(out), "--database-url", demo_url])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.md"))
    assert len(files) == count
    assert "Số liệu còn thiếu/missing figures:" in result.output
    for path in files:
        text = path.read_text("utf-8")
        assert "BẢN TIN CHUYỂN ĐỔI SỐ" in text and TITLE in text
        assert not re.search(r"\b00/\d", text), path.name
    strict = CliRunner().invoke(app, ["report", "--period", period, "--agency",
                                      files[0].name.split("-")[2], "--strict", "--out",
                                      str(tmp_path / "one.md"), "--database-url", demo_url])
    assert strict.exit_code == 1  # the demo data leaves figures missing


def test_the_api_and_the_agency_page_offer_the_bulletin(demo_url):
    with TestClient(create_app(Settings(database_url=demo_url))) as client:
        answer = client.get("/api/v1/reports/2024-08", params={"agency": "P48",
                                                               "format": "docx"})
        assert answer.status_code == 200, answer.text
        assert answer.content.startswith(b"PK")
        assert "ban-tin-P48-2024-08.docx" in answer.headers["content-disposition"]
        assert int(answer.headers["x-missing-figures"]) >= 0
        gone = client.get("/api/v1/reports/2025-08", params={"agency": "P49"})
        assert gone.status_code == 400
        assert gone.json()["error"]["code"] == "REPORT_AGENCY_NOT_REPORTING"
        page = client.get("/co-quan/P48", params={"period": "2024-08"})
        assert "/api/v1/reports/2024-08?agency=P48&amp;format=pdf" in page.text
