import io

import pytest
from openpyxl import load_workbook

from tests.factories import user_with_token
from tests.web.conftest import assert_error

URL = "/api/v1/dataValueSets"
RATE = "fibre_broadband_household_rate"  # a ratio, required for provinces
TEAMS = "community_digital_teams"  # a count, required for provinces


@pytest.fixture
def people(engine):
    return {
        "analyst": user_with_token(engine, "ana", "analyst"),
        "hanoi": user_with_token(engine, "hn", "reporter", "P01"),
        "hcm": user_with_token(engine, "hcm", "reporter", "P79"),
    }


def value_set(agency="P01", period="2024-08", **overrides):
    values = [{"indicator": RATE, "value": 80, "numerator": 800, "denominator": 1000},
              {"indicator": TEAMS, "value": "1.234.000", "comment": "tổ công nghệ số"}]
    return {"period": period, "agency": agency, "values": values, **overrides}


def counts(response):
    assert response.status_code == 200, response.text
    return response.json()["importCount"]


def current(api, headers, period="2024-08"):
    response = api.get("/api/v1/observations", params={"period": period, "scope": "agency:P01"},
                       headers=headers)
    return {(row["indicator"], row["value"], row["revision"]) for row in response.json()}


def test_the_same_submission_twice_changes_nothing_the_second_time(api, people):
    first = api.post(URL, json=value_set(), headers=people["hanoi"])
    assert counts(first) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    before = current(api, people["hanoi"])
    assert before == {(RATE, 80.0, 1), (TEAMS, 1234000.0, 1)}
    second = api.post(URL, json=value_set(), headers=people["hanoi"])
    assert counts(second) == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert current(api, people["hanoi"]) == before
    changed = value_set()
    changed["values"][0].update(value=81, numerator=810)
    assert counts(api.post(URL, json=changed, headers=people["hanoi"]))["updated"] == 1


def test_one_bad_row_imports_nothing_and_names_the_row(api, people):
    body = value_set()
    body["values"].append({"indicator": RATE.replace("rate", "rat"), "value": 5})
    body["values"].append({"indicator": TEAMS, "value": -3})
    response = api.post(URL, json=body, headers=people["hanoi"])
    error = assert_error(response, 400, "DATAVALUES_REJECTED")
    rows = {(d["row"], d["field"]) for d in error["details"] if d["row"]}
    assert rows == {(3, "indicator"), (4, "value")}
    hint = next(d for d in error["details"] if d["row"] == 3)["reason"]
    assert RATE in hint["vi"] and RATE in hint["en"]  # the nearest indicator is suggested
    summary = response.json()["importSummary"]
    assert summary["status"] == "ERROR" and summary["importCount"]["rejected"] == 2
    assert current(api, people["hanoi"]) == set()


def test_a_reporter_cannot_write_data_of_another_agency(api, people):
    response = api.post(URL, json=value_set(agency="P79"), headers=people["hanoi"])
    assert_error(response, 403, "ACCESS_FORBIDDEN")
    assert_error(api.post(URL, json=value_set()), 401, "AUTH_REQUIRED")
    assert counts(api.post(URL, json=value_set(agency="P79"), headers=people["hcm"]))


def test_dry_run_counts_and_keeps_nothing(api, people):
    response = api.post(URL, params={"dryRun": "true"}, json=value_set(),
                        headers=people["hanoi"])
    assert counts(response)["created"] == 2 and response.json()["dryRun"] is True
    assert current(api, people["hanoi"]) == set()


def test_not_atomic_stores_the_good_rows_and_lists_the_bad(api, people):
    body = value_set()
    body["values"][1]["value"] = "2.5"  # a count must be an integer
    response = api.post(URL, params={"atomicMode": "NONE"}, json=body, headers=people["hanoi"])
    summary = response.json()
    assert counts(response) == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    assert summary["status"] == "WARNING"
    assert [(c["row"], c["field"], c["code"]) for c in summary["conflicts"]] == [
        (2, "value", "IMPORT_VALUE_NOT_INTEGER")]


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"period": "2024-8x"}, "period", "IMPORT_PERIOD_INVALID"),
    ({"agency": "P1"}, "agency", "REGISTRY_AGENCY_UNKNOWN"),
])
def test_unknown_period_or_agency_is_rejected_with_suggestions(api, people, change, field,
                                                                code):
    error = assert_error(api.post(URL, json=value_set(**change), headers=people["analyst"]),
                         400, code)
    assert error["details"][0]["field"] == field
    assert "Gợi ý" in error["message_vi"]


def test_rules_numerator_percent_and_change_need_a_comment(api, people):
    body = value_set(period="2024-07")
    assert counts(api.post(URL, json=body, headers=people["hanoi"]))["created"] == 2
    body = value_set()
    body["values"] = [{"indicator": RATE, "value": 120, "numerator": 1200, "denominator": 1000},
                      {"indicator": TEAMS, "value": 3000}]
    error = assert_error(api.post(URL, json=body, headers=people["hanoi"]), 400,
                         "DATAVALUES_REJECTED")
    found = {(d["row"], d["field"]) for d in error["details"]}
    assert {(1, "numerator"), (1, "value"), (2, "comment")} <= found
    body["values"] = [{"indicator": TEAMS, "value": 3000, "comment": "sáp nhập xã"}]
    assert counts(api.post(URL, json=body, headers=people["hanoi"]))["created"] == 1


def test_the_xlsx_template_round_trips(api, people):
    response = api.get(f"{URL}/template", params={"agency": "P01", "period": "2024-08"})
    assert response.status_code == 200
    assert "mau-nhap-lieu-P01-2024-08.xlsx" in response.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet["A4"].value == "Mã chỉ tiêu (indicator)" and sheet["B2"].value == "2024-08"
    codes = [row[0].value for row in sheet.iter_rows(min_row=5)]
    assert RATE in codes and TEAMS in codes
    row = 5 + codes.index(TEAMS)
    sheet.cell(row=row, column=5, value=42)
    buffer = io.BytesIO()
    workbook.save(buffer)
    files = {"file": ("mau.xlsx", buffer.getvalue())}
    response = api.post(URL, files=files, headers=people["hanoi"])
    assert counts(response)["created"] == 1
    assert [w["field"] for w in response.json()["warnings"]].count("indicator") >= 1
    again = api.get(f"{URL}/template", params={"agency": "P01", "period": "2024-08"},
                    headers=people["hanoi"])
    sheet = load_workbook(io.BytesIO(again.content)).active
    assert sheet.cell(row=row, column=5).value == 42  # the reporter sees its draft value


def test_csv_upload_with_agency_and_period_in_the_query(api, people):
    text = f"indicator,value,numerator,denominator,comment\n{RATE},\"80,5\",805,1000,\n"
    response = api.post(URL, params={"agency": "P01", "period": "2024-08"},
                        content=text.encode(), headers={**people["hanoi"],
                                                        "Content-Type": "text/csv"})
    assert counts(response)["created"] == 1
    bad = text.replace("805", "1805")
    error = assert_error(api.post(URL, params={"agency": "P01", "period": "2024-08"},
                                  content=bad.encode(),
                                  headers={**people["hanoi"], "Content-Type": "text/csv"}),
                         400, "DATAVALUES_REJECTED")
    assert (2, "numerator") in {(d["row"], d["field"]) for d in error["details"]}


@pytest.mark.parametrize(("body", "media", "status", "code"), [
    (b"{", "application/json", 400, "DATAVALUES_SHAPE_INVALID"),
    (b"[1]", "application/json", 400, "DATAVALUES_SHAPE_INVALID"),
    (b'{"values": [1]}', "application/json", 400, "DATAVALUES_SHAPE_INVALID"),
    (b"\xff\xfe", "text/csv", 400, "IMPORT_ENCODING_INVALID"),
    (b"PK\x03\x04junk", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     400, "IMPORT_XLSX_MALFORMED"),
    (b"x", "text/plain", 400, "DATAVALUES_MEDIA_TYPE_UNSUPPORTED"),
])
def test_bad_bodies_are_json_4xx(api, people, body, media, status, code):
    response = api.post(URL, content=body, headers={**people["analyst"], "Content-Type": media})
    assert_error(response, status, code)


def test_a_percent_sent_as_a_number_carries_its_written_precision(api, people):
    """Regression (issue 12): 27.1 sent as a JSON number with 105/388 (27,06 %) was read as
    27.100000 and refused; the string "27.1" passed."""
    for value in (27.1, "27.1"):
        body = value_set(values=[{"indicator": RATE, "value": value, "numerator": 105,
                                  "denominator": 388}])
        answer = api.post(URL, json=body, headers=people["hanoi"], params={"dryRun": "true"})
        assert answer.status_code == 200, answer.text
    wrong = value_set(values=[{"indicator": RATE, "value": 27.2, "numerator": 105,
                               "denominator": 388}])
    assert_error(api.post(URL, json=wrong, headers=people["hanoi"]), 400,
                 "DATAVALUES_REJECTED")


def test_the_pre_filled_template_is_accepted_back_unchanged(api, people):
    """Regression (issue 12): the template came pre-filled with the saved 85,7 % of
    300.000/350.000 and its re-upload was refused (IMPORT_VALUE_FRACTION_MISMATCH)."""
    saved = value_set(values=[{"indicator": RATE, "value": "85.7", "numerator": 300000,
                               "denominator": 350000}])
    assert counts(api.post(URL, json=saved, headers=people["hanoi"]))["created"] == 1
    template = api.get(f"{URL}/template", params={"agency": "P01", "period": "2024-08"},
                       headers=people["hanoi"])
    files = {"file": ("mau.xlsx", template.content)}
    again = api.post(URL, files=files, headers=people["hanoi"])
    assert counts(again) == {"created": 0, "updated": 0, "unchanged": 1, "rejected": 0}
