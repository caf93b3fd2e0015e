"""Writers at the same time, against a real server (uvicorn on loopback) on SQLite and on
PostgreSQL: concurrent data value sets all land (no "database is locked", no 500, no server
frozen by more clients than pooled connections), and of writers racing for the same value
exactly one wins, the others get 409 with the current one."""

from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.factories import user_with_token
from tests.web.live import serving

RATE = "fibre_broadband_household_rate"
TEAMS = "community_digital_teams"
PROVINCES = ["P01", "P79", "P31", "P48", "P92", "P26", "P27", "P22", "P24", "P33", "P34", "P35"]
CLIENTS = 24  # more than the connection pool holds (5 + 10): waiting must not freeze the server


def value_set(agency):
    return {"period": "2024-08", "agency": agency, "values": [
        {"indicator": RATE, "value": 80, "numerator": 800, "denominator": 1000},
        {"indicator": TEAMS, "value": 120, "comment": "đồng thời"}]}


def test_concurrent_submissions_all_land(database_url, engine):
    headers = user_with_token(engine, "ana", "analyst")
    bodies = [value_set(agency) for agency in PROVINCES] * 2  # each set twice, at once
    with serving(database_url) as base, httpx.Client(base_url=base, headers=headers,
                                                     timeout=45) as http:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            responses = list(pool.map(
                lambda body: http.post("/api/v1/dataValueSets", json=body), bodies))
        # a set racing its own copy: one stores it; the other finds it stored (unchanged) or
        # meets the unique revision and gets 409, never a second revision and never a 500
        statuses = [r.status_code for r in responses]
        assert set(statuses) <= {200, 409}, [r.text[:200] for r in responses]
        for first, second in zip(responses[:len(PROVINCES)], responses[len(PROVINCES):],
                                 strict=True):
            assert 200 in (first.status_code, second.status_code)
        for refused in (r for r in responses if r.status_code == 409):
            assert refused.json()["error"]["code"] == "WRITE_CONFLICT"
        created = sum(r.json()["importCount"]["created"] for r in responses
                      if r.status_code == 200)
        assert created == 2 * len(PROVINCES)  # each value once, whichever copy won
        stored = http.get("/api/v1/observations", params={"period": "2024-08"}).json()
        assert {row["scope"] for row in stored} == {f"agency:{p}" for p in PROVINCES}
        assert all(row["revision"] == 1 for row in stored)


def test_racing_writers_of_one_value_one_wins_the_rest_get_409(database_url, engine):
    headers = user_with_token(engine, "ana", "analyst")
    url = f"/api/v1/observations/{RATE}/agency:P01/2024-08"
    with serving(database_url) as base, httpx.Client(base_url=base, headers=headers,
                                                     timeout=60) as http:
        def write(value):
            return http.put(url, json={"value": str(value), "numerator": None,
                                       "denominator": None, "expected_revision": 0})

        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(write, range(40, 48)))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] + [409] * 7, [r.text[:200] for r in responses]
        winner = next(r for r in responses if r.status_code == 200).json()["value"]
        for lost in (r for r in responses if r.status_code == 409):
            assert lost.json()["error"]["code"] == "OBSERVATION_REVISION_CONFLICT"
        history = http.get(f"{url}/history").json()
        assert [row["value"] for row in history] == [winner]
