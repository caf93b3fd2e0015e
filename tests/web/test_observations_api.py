import pytest

from tests.factories import fill_required, user_with_token
from tests.web.conftest import assert_error

IND = "online_fullprocess_dossier_rate"
HANOI = f"/api/v1/observations/{IND}/agency:P01/2024-08"
HCM = f"/api/v1/observations/{IND}/agency:P79/2024-08"


@pytest.fixture
def people(engine):
    return {
        "admin": user_with_token(engine, "admin", "administrator"),
        "analyst": user_with_token(engine, "ana", "analyst"),
        "hanoi": user_with_token(engine, "hn", "reporter", "P01"),
        "hcm": user_with_token(engine, "hcm", "reporter", "P79"),
        "viewer": user_with_token(engine, "leader", "viewer"),
    }


def put(api, url, headers, revision, value="42.5", **extra):
    body = {"value": value, "numerator": None, "denominator": None,
            "expected_revision": revision, **extra}
    return api.put(url, json=body, headers=headers)


def values(api, headers=None, **params):
    params = {"period": "2024-08", "indicator": IND, **params}
    response = api.get("/api/v1/observations", params=params,
                       headers=headers or {})
    assert response.status_code == 200
    return {(row["scope"], row["value"], row["status"]) for row in response.json()}


def test_reporter_writes_own_agency_only_and_drafts_stay_private(api, people):
    written = put(api, HANOI, people["hanoi"], 0)
    assert written.status_code == 200, written.text
    assert written.json()["status"] == "draft" and written.json()["revision"] == 1
    assert_error(put(api, HCM, people["hanoi"], 0), 403, "ACCESS_FORBIDDEN")
    assert_error(put(api, f"/api/v1/observations/{IND}/nation/2024-08", people["hanoi"], 0),
                 403, "ACCESS_FORBIDDEN")
    assert_error(put(api, HANOI, people["viewer"], 1), 403, "ACCESS_FORBIDDEN")
    assert_error(put(api, HANOI, {}, 1), 401, "AUTH_REQUIRED")
    assert_error(put(api, HANOI, people["hanoi"], 1, status="published"), 403,
                 "ACCESS_FORBIDDEN")
    # the draft: its own reporter and the staff see it; nobody else does
    assert values(api, people["hanoi"]) == {("agency:P01", 42.5, "draft")}
    assert values(api, people["analyst"]) == {("agency:P01", 42.5, "draft")}
    assert values(api, people["hcm"]) == set()
    assert values(api, people["viewer"]) == set()
    assert values(api) == set()
    history = f"{HANOI}/history"
    assert_error(api.get(history), 401, "AUTH_REQUIRED")
    assert_error(api.get(history, headers=people["hcm"]), 403, "ACCESS_FORBIDDEN")
    assert len(api.get(history, headers=people["hanoi"]).json()) == 1
    assert api.get(f"{HCM}/history", headers=people["hanoi"]).json() == []  # no value yet


def test_second_writer_gets_409_with_the_current_version(api, people):
    assert put(api, HANOI, people["hanoi"], 0, value="40").status_code == 200
    first = put(api, HANOI, people["hanoi"], 1, value="41")
    assert first.status_code == 200 and first.json()["revision"] == 2
    second = put(api, HANOI, people["analyst"], 1, value="39")
    error = assert_error(second, 409, "OBSERVATION_REVISION_CONFLICT")
    assert error["current"]["revision"] == 2 and error["current"]["value"] == "41"
    assert error["current"]["created_by"] == "hn"
    assert_error(put(api, HANOI, people["hanoi"], 0, value="1"), 409,
                 "OBSERVATION_REVISION_CONFLICT")
    history = api.get(f"{HANOI}/history", headers=people["analyst"]).json()
    assert [row["value"] for row in history] == [40, 41]


def test_workflow_publishes_values_and_locks_them_for_reporters(api, people, engine):
    fill_required(engine, "P01", "2024-08")
    submissions = "/api/v1/submissions/P01/2024-08"
    assert put(api, HANOI, people["hanoi"], 0).status_code == 200
    assert_error(api.post(f"{submissions}:approve", json={}, headers=people["analyst"]), 409,
                 "SUBMISSION_STATE_CONFLICT")
    assert_error(api.post(f"{submissions}:submit", json={}, headers=people["hcm"]), 403,
                 "ACCESS_FORBIDDEN")
    submitted = api.post(f"{submissions}:submit", json={}, headers=people["hanoi"])
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert_error(put(api, HANOI, people["hanoi"], 2, value="50"), 409,
                 "SUBMISSION_STATE_CONFLICT")
    assert_error(api.post(f"{submissions}:approve", json={}, headers=people["hanoi"]), 403,
                 "ACCESS_FORBIDDEN")
    assert_error(api.post(f"{submissions}:return", json={}, headers=people["analyst"]), 400,
                 "SUBMISSION_REASON_MISSING")
    returned = api.post(f"{submissions}:return", headers=people["analyst"],
                        json={"reason": "Tử số lớn hơn mẫu số."})
    assert returned.json()["status"] == "returned"
    current = api.get("/api/v1/observations", headers=people["hanoi"],
                      params={"period": "2024-08"}).json()[0]
    assert current["status"] == "returned"
    assert put(api, HANOI, people["hanoi"], current["revision"], value="43").status_code == 200
    for action, who in (("submit", "hanoi"), ("approve", "analyst")):
        assert api.post(f"{submissions}:{action}", json={}, headers=people[who]).status_code == 200
    assert values(api) == set()  # approved is not public yet
    assert values(api, people["viewer"]) == {("agency:P01", 43.0, "approved")}
    published = api.post(f"{submissions}:publish", json={"expected_revision": 5},
                         headers=people["analyst"])
    assert published.status_code == 200, published.text
    assert values(api) == {("agency:P01", 43.0, "published")}
    state = api.get(submissions, headers=people["hanoi"]).json()
    assert [h["status"] for h in state["history"]] == [
        "draft", "submitted", "returned", "submitted", "approved", "published"]
    assert state["history"][2]["reason"] == "Tử số lớn hơn mẫu số."
    assert_error(api.get(submissions, headers=people["hcm"]), 403, "ACCESS_FORBIDDEN")
    assert_error(api.post(f"{submissions}:publish", json={"expected_revision": 5},
                          headers=people["analyst"]), 409, "SUBMISSION_REVISION_CONFLICT")
    # a published report is locked for every writer, staff included, until an administrator
    # reopens it with a reason; the correction then stays private until published again
    assert_error(put(api, HANOI, people["analyst"], 7, value="44", status="draft"), 409,
                 "SUBMISSION_PUBLISHED_LOCKED")
    assert_error(put(api, HANOI, people["hanoi"], 7, value="44"), 409,
                 "SUBMISSION_PUBLISHED_LOCKED")
    assert_error(api.post(f"{submissions}:reopen", json={"reason": "Sửa số liệu"},
                          headers=people["analyst"]), 403, "ACCESS_FORBIDDEN")
    assert_error(api.post(f"{submissions}:reopen", json={}, headers=people["admin"]), 400,
                 "SUBMISSION_REASON_MISSING")
    reopened = api.post(f"{submissions}:reopen", json={"reason": "Sửa số liệu tháng 8"},
                        headers=people["admin"])
    assert reopened.status_code == 200 and reopened.json()["status"] == "returned"
    assert values(api) == {("agency:P01", 43.0, "published")}
    revision = api.get(f"{HANOI}/history", headers=people["analyst"]).json()[-1]["revision"]
    assert put(api, HANOI, people["hanoi"], revision, value="44").status_code == 200
    assert values(api) == {("agency:P01", 43.0, "published")}
    log = api.get("/api/v1/audit", headers=people["admin"]).json()
    reopen = next(e for e in log if e["action"] == "reopen")
    assert reopen["after"]["reason"] == "Sửa số liệu tháng 8" and reopen["actor"] == "admin"


def test_every_write_appears_in_the_audit_log(api, people, engine):
    fill_required(engine, "P01", "2024-08")
    put(api, HANOI, people["hanoi"], 0)
    put(api, HANOI, people["hanoi"], 1, value="43")
    api.post("/api/v1/submissions/P01/2024-08:submit", json={}, headers=people["hanoi"])
    log = api.get("/api/v1/audit", headers=people["admin"]).json()
    observation = [e for e in log if e["entity"] == "observation"]
    assert [(e["actor"], e["action"]) for e in observation] == [
        ("hn", "updated"), ("hn", "created")]
    assert observation[0]["before"]["value"] == "42.5"
    assert observation[0]["after"]["value"] == "43"
    submission = next(e for e in log if e["entity"] == "submission")
    assert submission["before"]["status"] == "draft"
    assert submission["after"]["status"] == "submitted"
    assert submission["key"] == "P01/2024-08"
    assert_error(api.get("/api/v1/audit", headers=people["analyst"]), 403, "ACCESS_FORBIDDEN")


@pytest.mark.parametrize("url, body, status, code", [
    ("/api/v1/observations/nope/agency:P01/2024-08", {"expected_revision": 0}, 400,
     "CATALOG_INDICATOR_UNKNOWN"),
    (f"/api/v1/observations/{IND}/agency:ZZ/2024-08", {"expected_revision": 0}, 400,
     "REGISTRY_AGENCY_UNKNOWN"),
    (f"/api/v1/observations/{IND}/moon/2024-08", {"expected_revision": 0}, 400,
     "OBSERVATION_SCOPE_INVALID"),
    (f"/api/v1/observations/{IND}/nation/2024H1", {"expected_revision": 0}, 400,
     "PERIOD_INVALID"),
    (f"/api/v1/observations/{IND}/nation/2024-08", {"value": "1e30", "expected_revision": 0},
     422, "REQUEST_INVALID"),
    (f"/api/v1/observations/{IND}/nation/2024-08", {"value": "NaN", "expected_revision": 0},
     422, "REQUEST_INVALID"),
    (f"/api/v1/observations/{IND}/nation/2024-08", {"value": 1}, 422, "REQUEST_INVALID"),
    (f"/api/v1/observations/{IND}/nation/2024-08", {"qualifier": "x" * 41,
                                                    "expected_revision": 0},
     422, "REQUEST_INVALID"),
])
def test_bad_input_is_a_json_4xx(api, people, url, body, status, code):
    assert_error(api.put(url, json=body, headers=people["analyst"]), status, code)


def test_requirement_status_written_by_a_reporter_stays_private_until_published(api, people,
                                                                             engine):
    fill_required(engine, "P01", "2024-08")
    url = "/api/v1/requirements/reporting_system_connected/statuses"
    body = {"status": "done", "done_on": "2024-08-05", "document": "KH 12/KH-UBND",
            "expected_revision": 0}
    assert_error(api.put(f"{url}/P79/2024-08", json=body, headers=people["hanoi"]), 403,
                 "ACCESS_FORBIDDEN")
    written = api.put(f"{url}/P01/2024-08", json=body, headers=people["hanoi"])
    assert written.status_code == 200, written.text
    assert written.json()["report_state"] == "draft"
    assert_error(api.put(f"{url}/P01/2024-08", json=body, headers=people["analyst"]), 409,
                 "REQUIREMENT_STATUS_REVISION_CONFLICT")
    listed = {"period": "2024-08"}
    assert api.get(url, params=listed).json() == []
    assert api.get(url, params=listed, headers=people["hcm"]).json() == []
    assert len(api.get(url, params=listed, headers=people["hanoi"]).json()) == 1
    submissions = "/api/v1/submissions/P01/2024-08"
    assert api.post(f"{submissions}:submit", json={}, headers=people["hanoi"]).status_code == 200
    for action in ("approve", "publish"):
        assert api.post(f"{submissions}:{action}", json={},
                        headers=people["analyst"]).status_code == 200
    public = api.get(url, params=listed).json()
    assert [(row["agency"], row["status"], row["report_state"]) for row in public] == [
        ("P01", "done", "published")]
    log = api.get("/api/v1/audit", headers=people["admin"],
                  params={"entity": "requirement_status"}).json()
    assert log[0]["after"]["document"] == "KH 12/KH-UBND" and log[0]["actor"] == "hn"


def test_the_catalogues_rules_apply_to_a_single_value(api, people):
    url = f"/api/v1/observations/{IND}/agency:P01/2024-08"
    share = api.put(url, headers=people["hanoi"], json={
        "value": "50", "numerator": "60", "denominator": "50", "expected_revision": 0})
    error = assert_error(share, 400, "IMPORT_NUMERATOR_GT_DENOMINATOR")
    assert error["details"][0]["field"] == "numerator"
    assert_error(put(api, url, people["hanoi"], 0, value="120"), 400,
                 "IMPORT_VALUE_OUT_OF_RANGE")
    assert put(api, url, people["hanoi"], 0, value="42.5").status_code == 200
