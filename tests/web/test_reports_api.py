import pytest
from fastapi.testclient import TestClient

from dxmon.demo import load_demo
from dxmon.settings import Settings
from dxmon.store.db import make_engine, transaction
from dxmon.web.app import create_app
from tests.factories import user_with_token


@pytest.fixture
def client(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        load_demo(session)
    analyst = user_with_token(engine, "ana", "analyst")
    engine.dispose()
    with TestClient(create_app(Settings(database_url=database_url)),
                    headers=analyst) as test_client:
        yield test_client


def test_report_in_every_format(client):
    markdown = client.get("/api/v1/reports/2024S1", params={"format": "md"})
    assert markdown.status_code == 200
    assert "**42%** (cuối năm 2023 là 17%)" in markdown.text
    docx = client.get("/api/v1/reports/2024-08", params={"format": "docx"})
    assert docx.headers["content-disposition"].endswith('bao-cao-thang-2024-08.docx"')
    assert docx.content.startswith(b"PK")


def test_bad_period_and_format_are_json_errors(client):
    error = client.get("/api/v1/reports/2024H1").json()["error"]
    assert error["code"] == "PERIOD_INVALID" and error["message_vi"] and error["message_en"]
    assert client.get("/api/v1/reports/2024S1", params={"format": "odt"}).status_code == 422


def test_narrative_edit_changes_the_report_and_keeps_revisions(client):
    url = "/api/v1/narratives/half_year/2024S1/II.3.issues"
    blocks = client.get("/api/v1/narratives/half_year/2024S1").json()
    current = next(b for b in blocks if b["key"] == "II.3.issues")
    text = "Tồn tại: cần đẩy nhanh các nhiệm vụ quá hạn."
    edited = client.put(url, json={"text": text, "expected_revision": current["revision"]})
    assert edited.status_code == 200 and edited.json()["revision"] == current["revision"] + 1
    assert text in client.get("/api/v1/reports/2024S1").text
    stale = client.put(url, json={"text": "khác", "expected_revision": current["revision"]})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "NARRATIVE_REVISION_CONFLICT"


@pytest.mark.parametrize("period", ["2024-07", "2023-08", "2023S1", "2024Q3", "2024",
                                    "2025-08"])
def test_reports_of_periods_with_little_data_answer_200_with_the_missing_count(client, period):
    response = client.get(f"/api/v1/reports/{period}", params={"format": "html"})
    assert response.status_code == 200
    assert int(response.headers["x-missing-figures"]) > 0
    assert "(chưa có số liệu)" in response.text
    assert "Phụ lục: Tình trạng số liệu" in response.text
