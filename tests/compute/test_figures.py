"""Figures from stored facts: sources and precedence, missing results with their reasons,
roll-ups from communes, tallies with unreported agencies, comparisons across the mergers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dxmon.collect import service
from dxmon.compute.figures import Figure, FigureBook, FigureResolver, Missing, MissingReason
from dxmon.compute.tallies import requirement_tally
from dxmon.measure.schemas import MeasuredValue, MeasureResult
from dxmon.measure.service import store_results
from dxmon.numbers import percent_of
from dxmon.registry.service import list_agencies
from dxmon.store.db import transaction

RATE = "online_fullprocess_dossier_rate"


def _store(session, indicator, scope, period, value, numerator=None, denominator=None,
           status="published", source="reported"):
    service.record_observation(
        session, key=service.ObservationKey(indicator, scope, period),
        value=Decimal(value), status=status, source=source,
        numerator=None if numerator is None else Decimal(numerator),
        denominator=None if denominator is None else Decimal(denominator))


def test_a_measurement_never_replaces_a_reported_value_and_both_are_shown(engine):
    with transaction(engine) as session:
        _store(session, RATE, "agency:P01", "2024-09", "55", 55, 100)
        result = MeasureResult(period="2024-09", engine="duckdb", months_scanned=["2024-09"],
                               rows_scanned=1, values=[MeasuredValue(
                                   RATE, "agency:P01", "2024-09", Decimal("8.72"), 872,
                                   10000)])
        assert store_results(session, result=result)["created"] == 1
        reported = service.observation_history(
            session, service.ObservationKey(RATE, "agency:P01", "2024-09"))
        assert [(row.value, row.revision) for row in reported] == [(Decimal(55), 1)]
        figure = FigureBook(session).get(RATE, "agency:P01", "2024-09")
        assert figure is not None and figure.value == 55 and figure.source == "reported"
        [measured] = figure.differences
        assert (measured.source, measured.value) == ("measured", Decimal("8.72"))


def test_unknown_is_missing_with_its_reason_never_zero(engine):
    with transaction(engine) as session:
        book = FigureBook(session)
        nobody = book.result("community_digital_teams", "block:dia_phuong", "2024-10")
        assert isinstance(nobody, Missing) and nobody.reason is MissingReason.NOT_REPORTED
        assert nobody.coverage is not None and nobody.coverage.text == "0/63"
        growth = book.result("digital_economy_growth", "block:bo_nganh", "2024-10")
        assert isinstance(growth, Missing) and growth.reason is MissingReason.NOT_ROLLED_UP
        assert book.get("community_digital_teams", "block:dia_phuong", "2024-10") is None
        assert [key[0] for key in book.missing] == ["community_digital_teams",
                                                     "digital_economy_growth"]


def test_a_partial_sum_says_how_many_agencies_it_covers(engine):
    with transaction(engine) as session:
        _store(session, "community_digital_teams", "agency:P01", "2024-10", "120")
        _store(session, "community_digital_teams", "agency:P79", "2024-10", "80")
        _store(session, "community_digital_teams", "agency:P31", "2024-10", "30",
               status="draft")
        published = FigureBook(session).get("community_digital_teams", "nation", "2024-10")
        assert published is not None and published.value == 200
        assert published.coverage is not None
        assert published.coverage.text == "2/63"  # provinces owe it
        preview = FigureResolver(session, view=FigureBook(session).view.PREVIEW).resolve(
            "community_digital_teams", "nation", "2024-10")
        assert isinstance(preview, Figure) and preview.value == 230 and preview.draft


def test_a_tally_with_unreported_agencies_says_so(engine):
    with transaction(engine) as session:
        for agency, status in (("P01", "done"), ("P79", "done"), ("P31", "not_done")):
            service.record_requirement_status(session, requirement="fee_policy_issued",
                                              agency=agency, period="2024-10", status=status)
        tally = requirement_tally(session, requirement="fee_policy_issued", period="2024-11",
                                  block="dia_phuong")
        assert (len(tally.done), len(tally.not_done), len(tally.unknown)) == (2, 1, 60)
        figure = FigureBook(session).get("provinces_online_service_fee_policy",
                                         "block:dia_phuong", "2024-11")
        assert figure is not None and figure.value == 2
        assert figure.coverage is not None and figure.coverage.text == "3/63"
        before = FigureBook(session).result("provinces_online_service_fee_policy",
                                            "block:dia_phuong", "2024-09")
        assert isinstance(before, Missing)  # nothing effective yet in September


def test_communes_roll_up_to_their_province_and_the_nation(engine):
    communes = list_agencies(as_of=date(2025, 8, 31), level="commune", province="P01")
    others = list_agencies(as_of=date(2025, 8, 31), level="commune", province="P79.2025")
    with transaction(engine) as session:
        for commune, teams in ((communes[0], 3), (communes[1], 4), (others[0], 5)):
            _store(session, "community_digital_teams", f"agency:{commune.code}", "2025-08",
                   str(teams))
        book = FigureBook(session)
        hanoi = book.get("community_digital_teams", "agency:P01", "2025-08")
        assert hanoi is not None and hanoi.value == 7 and hanoi.source == "computed"
        assert hanoi.coverage is not None and hanoi.coverage.text == f"2/{len(communes)}"
        nation = book.get("community_digital_teams", "nation", "2025-08")
        assert nation is not None and nation.value == 12
        assert nation.coverage is not None and nation.coverage.text == "2/34"  # provinces owe it


def test_a_merged_province_is_compared_with_its_predecessors_ratio_of_sums(engine):
    with transaction(engine) as session:
        _store(session, RATE, "agency:P48", "2024-08", "60", 300, 500)  # Đà Nẵng
        _store(session, RATE, "agency:P49", "2024-08", "40", 100, 250)  # Quảng Nam
        _store(session, RATE, "agency:P48.2025", "2025-08", "50", 600, 1200)
        resolver = FigureResolver(session)
        baseline = resolver.same_period_last_year(RATE, "agency:P48.2025", "2025-08")
        assert isinstance(baseline, Figure)
        assert baseline.value == percent_of(400, 750)  # 53,3 %, not 50 (the mean of 60, 40)
        assert (baseline.numerator, baseline.denominator) == (400, 750)
        assert baseline.provenance is not None
        assert baseline.provenance["predecessors"] == ["P48", "P49"]
        unchanged = resolver.same_period_last_year(RATE, "agency:P48", "2025-06")
        assert isinstance(unchanged, Missing)  # P48 itself, nothing stored for 2024-06


def test_the_agency_page_compares_a_merged_province_with_its_predecessors(engine):
    from dxmon.dashboard.agency import agency_page

    with transaction(engine) as session:
        _store(session, RATE, "agency:P48", "2024-08", "60", 300, 500)
        _store(session, RATE, "agency:P49", "2024-08", "40", 100, 250)
        _store(session, RATE, "agency:P48.2025", "2025-08", "50", 600, 1200)
        page = agency_page(session, "P48.2025", period="2025-08")
        [line] = [f for f in page.figures if f.indicator == RATE]
        # 400/750 = 53,3 %, not 50 % (the mean of 60 % and 40 %)
        assert line.text == "50%" and line.last_year_text == "53%"
        assert line.change is not None and line.change.text == "−3,3 điểm %"


def test_commune_values_submitted_through_the_api_roll_up(engine, database_url):
    """Communes and wards report like any agency (here a data value set each, published by an
    analyst); their province and the nation roll up from them."""
    from fastapi.testclient import TestClient

    from dxmon.settings import Settings
    from dxmon.web.app import create_app
    from tests.factories import user_with_token

    communes = list_agencies(as_of=date(2025, 8, 31), level="commune", province="P01")[:3]
    headers = user_with_token(engine, "ana", "analyst")
    with TestClient(create_app(Settings(database_url=database_url))) as api:
        for number, commune in enumerate(communes, start=1):
            sent = api.post("/api/v1/dataValueSets", headers=headers, json={
                "agency": commune.code, "period": "2025-08",
                "values": [{"indicator": "community_digital_teams", "value": number * 10}]})
            assert sent.status_code == 200, sent.text
            for action in ("submit", "approve", "publish"):
                moved = api.post(f"/api/v1/submissions/{commune.code}/2025-08:{action}",
                                 json={}, headers=headers)
                assert moved.status_code == 200, moved.text
        figures = {scope: api.get("/api/v1/figures", params={
            "indicator": "community_digital_teams", "scope": scope, "period": "2025-08"}).json()
            for scope in ("agency:P01", "nation")}
    assert figures["agency:P01"]["value"] == 60 and figures["nation"]["value"] == 60
    assert figures["agency:P01"]["coverage"]["reported"] == 3
    assert figures["nation"]["coverage"]["included"] == ["P01"]
