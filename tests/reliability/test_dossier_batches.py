"""Defects 3 and 4 of issue 16: concurrent dossier batches, and dossier identity."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import httpx
from fastapi.testclient import TestClient

from dxmon.settings import Settings
from dxmon.store.audit import list_entries
from dxmon.store.db import make_engine, transaction, upgrade
from dxmon.web.app import create_app
from tests.factories import make_token, make_user
from tests.web.live import serving

BATCHES = 20
PER_BATCH = 170


def _record(dossier: str, agency: str, version: int = 1) -> dict[str, Any]:
    return {"dossier_id": dossier, "agency_code": agency, "procedure_code": "1.1",
            "channel": "online_full", "received_at": "2024-06-03 08:00:00",
            "due_at": "2024-06-10", "finished_at": None, "status_version": version,
            "fee_vnd": None, "paid_online": None}


def _landing_rows(landing: Path) -> list[tuple[str, str, int]]:
    files = sorted(str(p) for p in landing.glob("month=*/part-*.parquet"))
    if not files:
        return []
    query = ("SELECT dossier_id, agency_code, status_version FROM read_parquet(?) "
             "ORDER BY ALL")
    return [tuple(row) for row in duckdb.connect().execute(query, [files]).fetchall()]


def test_concurrent_batches_of_one_month_all_land_once(tmp_path, engine, database_url):
    """On PostgreSQL nothing else serialises the requests: the landing area must."""
    make_user(engine, "portal", "analyst")
    headers = {"Authorization": f"Bearer {make_token(engine, 'portal')}"}
    landing = tmp_path / "landing"
    bodies = [{"records": [_record(f"HS{n}-{i}", "P01") for i in range(PER_BATCH)]}
              for n in range(BATCHES)]
    with serving(database_url, landing_dir=landing) as base, \
            httpx.Client(base_url=base, headers=headers, timeout=120) as http, \
            ThreadPoolExecutor(max_workers=BATCHES) as pool:
        answers = list(pool.map(lambda body: http.post("/api/v1/dossiers:batch", json=body),
                                bodies))
    assert [a.status_code for a in answers] == [200] * BATCHES, [a.text[:200] for a in answers]
    assert len(_landing_rows(landing)) == BATCHES * PER_BATCH


def test_a_reporter_cannot_replace_another_agencys_dossier(tmp_path):
    url = f"sqlite:///{tmp_path / 'dxmon.db'}"
    upgrade(url)
    engine = make_engine(url)
    make_user(engine, "hanoi", "reporter", "P01")
    make_user(engine, "tuyenquang", "reporter", "P31")
    tokens = {name: {"Authorization": f"Bearer {make_token(engine, name)}"}
              for name in ("hanoi", "tuyenquang")}
    landing = tmp_path / "landing"
    with TestClient(create_app(Settings(database_url=url, landing_dir=landing))) as client:
        own = client.post("/api/v1/dossiers:batch", headers=tokens["tuyenquang"],
                          json={"records": [_record("HS-31-7", "P31")]})
        taken = client.post("/api/v1/dossiers:batch", headers=tokens["hanoi"],
                            json={"records": [_record("HS-31-7", "P01", version=9)]})
    assert own.status_code == 200, own.text
    assert taken.status_code == 200, taken.text
    assert (taken.json()["accepted"], taken.json()["replaced"]) == (1, 0)
    assert _landing_rows(landing) == [("HS-31-7", "P01", 9), ("HS-31-7", "P31", 1)]
    with transaction(engine) as session:
        audited = list_entries(session, entity="dossier_batch")
        assert [entry.after["dossiers"] for entry in audited] == [["P01/HS-31-7"],
                                                                  ["P31/HS-31-7"]]
    engine.dispose()
