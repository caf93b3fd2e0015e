"""A whole September 2024 reporting cycle on a fresh demo database (issue 12).

Reporters of three ministries and five provinces submit through the API (JSON), the XLSX
template and CSV; an analyst returns one report with a reason, approves the rest and
publishes. The block and national figures then equal an independent ratio-of-sums
computation from those submissions, with coverage x/y, and come out the same from the
report context, a dashboard page's JSON twin and ``/api/v1/figures``. A draft never reaches an
anonymous visitor; a published report is locked until an administrator reopens it.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from fastapi.testclient import TestClient

from dxmon.collect import service
from dxmon.collect.templates import XLSX_TYPE
from dxmon.collect.validation import required_indicators
from dxmon.compute.figures import FigureBook
from dxmon.demo import load_demo
from dxmon.numbers import percent_of
from dxmon.periods import Period
from dxmon.registry.service import get_agency
from dxmon.report.service import build_context
from dxmon.settings import Settings
from dxmon.store.db import transaction
from dxmon.web.app import create_app
from tests.factories import user_with_token
from tests.web.conftest import assert_error

PERIOD = "2024-09"
RATE = "infosys_level_approved_rate"  # ratio of sums; owed by ministries and provinces
TEAMS = "community_digital_teams"  # a sum; owed by provinces
MINISTRIES = ("BCA", "BYT", "BTP")
PROVINCES = ("P01", "P79", "P31", "P48", "P92")
RETURNED = "P92"
CHANNEL = {"BCA": "json", "BYT": "json", "BTP": "csv", "P01": "xlsx", "P79": "xlsx",
           "P31": "csv", "P48": "csv", "P92": "json"}


def _values(agency: str, index: int) -> dict[str, dict[str, str]]:
    """Distinct, valid values of every indicator the agency owes (a percent written to one
    decimal, as its numerator and denominator give it)."""
    found: dict[str, dict[str, str]] = {}
    for number, indicator in enumerate(required_indicators(str(get_agency(agency).kind),
                                                           PERIOD)):
        if indicator.numerator_label_vi:
            numerator, denominator = 40 + 7 * index + number, 90 + 11 * index
            percent = percent_of(numerator, denominator).quantize(Decimal("0.1"))
            found[indicator.code] = {"value": str(percent), "numerator": str(numerator),
                                     "denominator": str(denominator)}
        else:
            found[indicator.code] = {"value": str(100 + 13 * index + number)}
    return found


SUBMITTED = {agency: _values(agency, index)
             for index, agency in enumerate(MINISTRIES + PROVINCES)}


def _csv(values: dict[str, dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["indicator", "value", "numerator", "denominator"])
    writer.writeheader()
    for code, cells in values.items():
        writer.writerow({"indicator": code, **cells})
    return out.getvalue().encode()


def _xlsx(api: TestClient, headers: dict[str, str], agency: str,
          values: dict[str, dict[str, str]]) -> bytes:
    template = api.get("/api/v1/dataValueSets/template",
                       params={"agency": agency, "period": PERIOD}, headers=headers)
    assert template.status_code == 200, template.text
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=5):
        cells = values.get(str(row[0].value))
        if cells:
            row[4].value = cells["value"]
            row[5].value = cells.get("numerator")
            row[6].value = cells.get("denominator")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _send(api: TestClient, headers: dict[str, str], agency: str) -> None:
    values = SUBMITTED[agency]
    channel = CHANNEL[agency]
    target = {"agency": agency, "period": PERIOD}
    if channel == "json":
        body = {**target, "values": [{"indicator": code, **cells}
                                     for code, cells in values.items()]}
        answer = api.post("/api/v1/dataValueSets", json=body, headers=headers)
    elif channel == "csv":
        answer = api.post("/api/v1/dataValueSets", params=target, content=_csv(values),
                          headers={**headers, "Content-Type": "text/csv"})
    else:
        answer = api.post("/api/v1/dataValueSets", params=target,
                          content=_xlsx(api, headers, agency, values),
                          headers={**headers, "Content-Type": XLSX_TYPE})
    assert answer.status_code == 200, (agency, answer.text)
    assert answer.json()["importCount"]["created"] == len(values), answer.text


def _ratio_of_sums(agencies: tuple[str, ...]) -> tuple[Decimal, Decimal, Decimal]:
    numerator = sum(Decimal(SUBMITTED[a][RATE]["numerator"]) for a in agencies)
    denominator = sum(Decimal(SUBMITTED[a][RATE]["denominator"]) for a in agencies)
    return percent_of(numerator, denominator), numerator, denominator


@pytest.fixture
def cycle(database_url, engine):
    """The demo data, then the September cycle; the app and the people of the cycle."""
    with transaction(engine) as session:
        load_demo(session)
    people = {"analyst": user_with_token(engine, "ana", "analyst"),
              "admin": user_with_token(engine, "admin", "administrator")}
    for agency in MINISTRIES + PROVINCES:
        people[agency] = user_with_token(engine, f"r{agency.lower()}", "reporter", agency)
    with TestClient(create_app(Settings(database_url=database_url))) as api:
        for agency in MINISTRIES + PROVINCES:
            _send(api, people[agency], agency)
            submitted = api.post(f"/api/v1/submissions/{agency}/{PERIOD}:submit", json={},
                                 headers=people[agency])
            assert submitted.status_code == 200, submitted.text
        returned = api.post(f"/api/v1/submissions/{RETURNED}/{PERIOD}:return",
                            json={"reason": "Mẫu số chưa khớp với hệ thống."},
                            headers=people["analyst"])
        assert returned.json()["status"] == "returned"
        for agency in MINISTRIES + PROVINCES:
            if agency == RETURNED:
                continue
            for action in ("approve", "publish"):
                moved = api.post(f"/api/v1/submissions/{agency}/{PERIOD}:{action}", json={},
                                 headers=people["analyst"])
                assert moved.status_code == 200, moved.text
        yield api, people


def _figure(api: TestClient, scope: str, indicator: str = RATE,
            headers: dict[str, str] | None = None, **params: str) -> dict[str, object]:
    answer = api.get("/api/v1/figures", headers=headers or {},
                     params={"indicator": indicator, "scope": scope, "period": PERIOD,
                             **params})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_block_and_national_figures_are_ratios_of_the_published_sums(cycle, engine):
    api, _people = cycle
    published_provinces = tuple(p for p in PROVINCES if p != RETURNED)
    expected = {"block:bo_nganh": (_ratio_of_sums(MINISTRIES), "3/22"),
                "block:dia_phuong": (_ratio_of_sums(published_provinces), "4/63"),
                "nation": (_ratio_of_sums(MINISTRIES + published_provinces), "7/85")}
    page = api.get(f"/chi-so/{RATE}.json", params={"period": PERIOD}).json()
    page_blocks = {row["scope"]: row for row in page["blocks"]}
    with transaction(engine) as session:
        context = build_context(session, period=Period.parse(PERIOD), template="monthly")
        for scope, ((percent, numerator, denominator), coverage) in expected.items():
            figure = _figure(api, scope)
            assert Decimal(str(figure["numerator"])) == numerator
            assert Decimal(str(figure["denominator"])) == denominator
            assert figure["value"] == pytest.approx(float(percent))
            assert figure["source"] == "computed" and figure["status"] == "published"
            covered = figure["coverage"]
            assert f'{covered["reported"]}/{covered["applicable"]}' == coverage
            assert RETURNED not in covered["included"]
            assert context.fig(RATE, scope).value == percent  # the report's own figure
            assert page_blocks[scope]["value"] == pytest.approx(float(percent))  # page twin
            assert page_blocks[scope]["coverage"] == coverage
        teams = sum(Decimal(SUBMITTED[p][TEAMS]["value"]) for p in published_provinces)
        assert context.fig(TEAMS, "block:dia_phuong").value == teams
    assert _figure(api, "block:dia_phuong", TEAMS)["value"] == float(teams)


def test_a_draft_never_reaches_an_anonymous_visitor(cycle):
    api, people = cycle
    hidden = _figure(api, f"agency:{RETURNED}")
    assert hidden["value"] is None and hidden["missing"]["reason"] == "no_data"
    assert_error(api.get("/api/v1/figures", params={
        "indicator": RATE, "scope": "nation", "period": PERIOD, "preview": "true"}), 401,
        "AUTH_REQUIRED")
    public_rows = api.get("/api/v1/observations", params={"period": PERIOD}).json()
    assert not [row for row in public_rows if row["scope"] == f"agency:{RETURNED}"]
    table = api.get(f"/chi-so/{RATE}.csv").text
    assert f"agency:{RETURNED}" not in table and "agency:P01" in table
    assert "BẢN NHÁP" not in api.get(f"/api/v1/reports/{PERIOD}").text
    preview = _figure(api, "block:dia_phuong", headers=people["analyst"], preview="true")
    assert preview["status"] == "draft" and RETURNED in preview["coverage"]["included"]
    percent, _numerator, _denominator = _ratio_of_sums(PROVINCES)
    assert preview["value"] == pytest.approx(float(percent))
    marked = api.get(f"/api/v1/reports/{PERIOD}", params={"preview": "true"},
                     headers=people["analyst"])
    assert marked.status_code == 200 and "BẢN NHÁP / DRAFT" in marked.text


def test_a_published_report_is_locked_until_an_administrator_reopens_it(cycle, engine):
    api, people = cycle
    url = f"/api/v1/observations/{RATE}/agency:P01/{PERIOD}"
    before = _figure(api, "agency:P01")
    body = {"value": "50", "numerator": "50", "denominator": "100", "expected_revision": 3}
    assert_error(api.put(url, json=body, headers=people["P01"]), 409,
                 "SUBMISSION_PUBLISHED_LOCKED")
    assert_error(api.put(url, json=body, headers=people["analyst"]), 409,
                 "SUBMISSION_PUBLISHED_LOCKED")
    assert_error(api.post("/api/v1/dataValueSets", json={
        "agency": "P01", "period": PERIOD, "values": [{"indicator": RATE, "value": "50",
                                                        "numerator": "50",
                                                        "denominator": "100"}]},
        headers=people["P01"]), 409, "SUBMISSION_PUBLISHED_LOCKED")
    assert _figure(api, "agency:P01") == before
    reopened = api.post(f"/api/v1/submissions/P01/{PERIOD}:reopen",
                        json={"reason": "Sở TT&TT gửi số liệu đính chính."},
                        headers=people["admin"])
    assert reopened.status_code == 200 and reopened.json()["status"] == "returned"
    audit = api.get("/api/v1/audit", headers=people["admin"]).json()
    assert any(entry["action"] == "reopen" and entry["key"] == f"P01/{PERIOD}"
               for entry in audit)
    with transaction(engine) as session:
        current = service.current_observations(session, period=PERIOD, indicator=RATE,
                                               scope="agency:P01", source="reported")[0]
    body["expected_revision"] = current.revision
    assert api.put(url, json=body, headers=people["P01"]).status_code == 200
    assert _figure(api, "agency:P01") == before  # the public keeps the published value


def test_requirement_statuses_of_august_stand_in_september(cycle, engine):
    with transaction(engine) as session:
        august = FigureBook(session).get("provinces_online_service_fee_policy",
                                         "block:dia_phuong", "2024-08")
        september = FigureBook(session).get("provinces_online_service_fee_policy",
                                            "block:dia_phuong", PERIOD)
        assert august is not None and september is not None
        # August's 63/63 is the published figure; September has no status of its own and
        # counts August's, carried forward (63/63 rather than 00/63)
        assert not service.current_requirement_statuses(session, period=PERIOD)
        assert september.value == august.value == 63 and september.source == "computed"
        assert september.coverage is not None and september.coverage.text == "63/63"


def test_every_period_prints_after_the_cycle_through_the_api_and_the_cli(cycle, database_url,
                                                                         tmp_path):
    """Issue 13's trial on the demo data plus the September cycle: every month, quarter, half
    and year of 2024 and 2025 answers 200 with no broken sentence; the CLI writes them."""
    from typer.testing import CliRunner

    from dxmon.cli.app import app
    from tests.report.test_every_period import BROKEN, PERIODS, _body_and_annex

    api, _people = cycle
    for period in PERIODS:
        answer = api.get(f"/api/v1/reports/{period}")
        assert answer.status_code == 200, (period, answer.text[:300])
        body, annex = _body_and_annex(answer.text)
        assert annex, period
        for pattern in BROKEN:
            assert not re.search(pattern, body, flags=re.M), (pattern, period)
    september = api.get(f"/api/v1/reports/{PERIOD}").text
    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in september and "/BC-BTTTT" in september
    later = api.get("/api/v1/reports/2025-08").text
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in later and "/34" in later
    for period in ("2024-09", "2024", "2025-08"):
        out = tmp_path / f"{period}.md"
        result = CliRunner().invoke(app, ["report", "--period", period, "--out", str(out),
                                          "--database-url", database_url])
        assert result.exit_code == 0, result.output
        assert out.read_text("utf-8").count("Phụ lục") >= 1
