"""The read resources of the API on the demo data, and the OpenAPI document."""

import pytest
from fastapi.testclient import TestClient

from dxmon.demo import load_demo
from dxmon.settings import Settings
from dxmon.store.db import make_engine, transaction
from dxmon.web.app import create_app
from tests.factories import user_with_token
from tests.web.conftest import assert_error


@pytest.fixture
def demo_api(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        load_demo(session)
    reporter = user_with_token(engine, "hn", "reporter", "P01")
    engine.dispose()
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        client.reporter = reporter  # type: ignore[attr-defined]
        yield client


def test_openapi_lists_every_resource(api):
    document = api.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    put = paths["/api/v1/observations/{indicator}/{scope}/{period}"]["put"]["responses"]
    for status in ("401", "403", "409", "422"):
        schema = put[status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}, status
    for path in ("/api/v1/agencies", "/api/v1/periods/{period}", "/api/v1/indicators",
                 "/api/v1/observations", "/api/v1/observations/{indicator}/{scope}/{period}",
                 "/api/v1/requirements/{code}/statuses", "/api/v1/plans/{code}/tasks",
                 "/api/v1/evaluations/{code}/scores", "/api/v1/documents",
                 "/api/v1/narratives/{report}/{period}", "/api/v1/users", "/api/v1/tokens",
                 "/api/v1/audit", "/api/v1/auth/login",
                 "/api/v1/submissions/{agency}/{period}:submit",
                 "/api/v1/timeliness/{period}"):
        assert path in paths, path


def test_registry_and_catalogue_reads(api):
    agencies = api.get("/api/v1/agencies", params={"as_of": "2024-08-31",
                                                   "block": "dia_phuong"}).json()
    assert len(agencies) == 63
    assert api.get("/api/v1/agencies/P01").json()["short_name"] == "Hà Nội"
    period = api.get("/api/v1/periods/202408").json()
    assert period["id"] == "2024-08" and period["due_date"] == "2024-08-22"
    assert period["reporting_window"] == ["2024-07-20", "2024-08-20"]
    indicator = api.get("/api/v1/indicators/online_fullprocess_dossier_rate").json()
    assert indicator["kind"] == "ratio"
    assert api.get("/api/v1/requirements").json()
    assert api.get("/api/v1/plans").json()
    assert api.get("/api/v1/evaluations/tthc_system_2024").json()["max_score"] == 100
    assert api.get("/api/v1/documents", params={"period": "2024-08"}).status_code == 200
    assert_error(api.get("/api/v1/agencies/ZZ"), 400, "REGISTRY_AGENCY_UNKNOWN")
    assert_error(api.get("/api/v1/periods/2024H1"), 400, "PERIOD_INVALID")
    assert_error(api.get("/api/v1/requirements/nope"), 404, "REQUIREMENT_NOT_FOUND")
    assert_error(api.get("/api/v1/plans/nope/tasks"), 404, "PLAN_NOT_FOUND")
    assert_error(api.get("/api/v1/agencies", params={"as_of": "yesterday"}), 400,
                 "AS_OF_INVALID")


def test_demo_data_is_published_and_readable_by_anyone(demo_api):
    public = demo_api.get("/api/v1/observations", params={"period": "2024S1"}).json()
    assert public and all(row["status"] == "published" for row in public)
    statuses = demo_api.get("/api/v1/requirements/reporting_system_connected/statuses",
                            params={"period": "2024S1"}).json()
    assert statuses and all(row["report_state"] == "published" for row in statuses)
    tasks = demo_api.get("/api/v1/plans/ucqg_2024/tasks", params={"as_of": "2024-06-30"})
    assert tasks.status_code == 200 and any(task["status"] for task in tasks.json())
    scores = demo_api.get("/api/v1/evaluations/tthc_system_2024/scores").json()
    assert scores and {score["grade"] for score in scores} <= set("ABCDE")
    timeliness = demo_api.get("/api/v1/timeliness/2024-08").json()
    assert {b["block"]: b["submitted"] for b in timeliness["blocks"]}["dia_phuong"] == "0/63"


def test_a_reporter_cannot_read_another_agencys_draft(demo_api, engine):
    url = "/api/v1/observations/online_fullprocess_dossier_rate/agency:P01/2024-09"
    written = demo_api.put(url, json={"value": "55", "expected_revision": 0},
                           headers=demo_api.reporter)
    assert written.status_code == 200, written.text
    other = user_with_token(engine, "hcm", "reporter", "P79")
    seen = demo_api.get("/api/v1/observations", params={"period": "2024-09"}, headers=other)
    assert seen.json() == []
    own = demo_api.get("/api/v1/observations", params={"period": "2024-09"},
                       headers=demo_api.reporter)
    assert [row["value"] for row in own.json()] == [55]
