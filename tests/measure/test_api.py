"""POST /api/v1/dossiers:batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.store.db import make_engine, upgrade
from dxmon.web.app import create_app
from tests.factories import user_with_token
from tests.measure.conftest import COLUMNS, HAND_RECORDS


def _client(landing: Path, role: str = "analyst", agency: str | None = None) -> TestClient:
    url = f"sqlite:///{landing / 'dxmon.db'}"
    upgrade(url)
    engine = make_engine(url)
    headers = user_with_token(engine, "portal", role, agency)
    engine.dispose()
    app = create_app(Settings(database_url=url, landing_dir=landing / "landing"))
    return TestClient(app, headers=headers)


def _records(rows: list[list[str]]) -> list[dict[str, Any]]:
    return [{k: (v or None) for k, v in zip(COLUMNS, row, strict=True)} for row in rows]


def test_batch_is_accepted_then_unchanged(tmp_path: Path) -> None:
    client = _client(tmp_path)
    body = {"records": _records(HAND_RECORDS)}
    first = client.post("/api/v1/dossiers:batch", json=body)
    assert first.status_code == 200, first.text
    assert (first.json()["accepted"], first.json()["rejected"]) == (8, 0)
    second = client.post("/api/v1/dossiers:batch", json=body)
    assert (second.json()["unchanged"], second.json()["written"]) == (8, False)


def test_bad_record_rejects_batch_unless_partial(tmp_path: Path) -> None:
    client = _client(tmp_path)
    records = _records(HAND_RECORDS[:2])
    records[1]["channel"] = "fax"
    refused = client.post("/api/v1/dossiers:batch", json={"records": records})
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "MEASURE_BATCH_REJECTED"
    assert error["details"][0]["row"] == 2 and error["details"][0]["field"] == "channel"
    assert error["details"][0]["reason"]["vi"] and error["message_en"]
    kept = client.post("/api/v1/dossiers:batch", json={"records": records, "partial": True})
    assert kept.status_code == 200
    assert (kept.json()["accepted"], kept.json()["rejected"]) == (1, 1)


def test_malformed_body(tmp_path: Path) -> None:
    response = _client(tmp_path).post("/api/v1/dossiers:batch", json={"records": []})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "records"


def test_batch_needs_a_token_and_the_right_agency(tmp_path: Path) -> None:
    body = {"records": _records(HAND_RECORDS)}
    client = _client(tmp_path, "reporter", "P01")
    refused = client.post("/api/v1/dossiers:batch", json=body, headers={"Authorization": ""})
    assert refused.status_code == 401
    agencies = {record["agency_code"] for record in body["records"]}
    assert agencies > {"P01"}  # the hand records hold other agencies' dossiers too
    foreign = client.post("/api/v1/dossiers:batch", json=body)
    assert foreign.status_code == 403
    assert foreign.json()["error"]["code"] == "ACCESS_FORBIDDEN"
    own = {"records": [r for r in body["records"] if r["agency_code"] == "P01"]}
    assert client.post("/api/v1/dossiers:batch", json=own).status_code == 200
