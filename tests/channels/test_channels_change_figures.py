"""A legal document, a task status and a score sheet sent through the API and through
``dxmon import`` change the national report's counts and tallies and the rankings' ranks."""

import re

from typer.testing import CliRunner

from dxmon.cli.app import app as cli
from dxmon.report.service import generate
from dxmon.store.db import transaction
from dxmon.store.tables import AuditEntry, LegalDocumentRecord
from tests.factories import user_with_token
from tests.web.conftest import assert_error

DECREE = {"type": "Nghị định", "number": "99/2024/NĐ-CP", "issued_on": "2024-05-20",
          "issuer": "Chính phủ", "title": "Quy định về dữ liệu số (thử nghiệm)"}
TASK_DONE = {"task": "ucqg_2024-32", "status": "done", "as_of": "2024-06-30",
             "completed_on": "2024-06-15"}
# P96 (Cà Mau) is last, graded E, in the demo; a sheet of 95 points grades it A, ranks it first
SHEET = [{"evaluation": "tthc_system_2024", "agency": "P96", "criterion": code, "score": score}
         for code, score in (("functions", 48), ("performance", 19), ("security", 14),
                             ("layout", 5), ("access", 5), ("emc_connection", 4))]


def _figures(engine) -> dict[str, str]:
    with transaction(engine) as session:
        markdown = generate(session, period="2024S1", with_charts=False).markdown

    def find(pattern: str) -> str:
        found = re.search(pattern, markdown)
        assert found, pattern
        return found.group(1)

    return {"decrees": find(r"Chính phủ đã ban hành \*\*(\d+)\*\* Nghị định"),
            "plan_done": find(r"Tổng số nhiệm vụ đã hoàn thành: \*\*(\d+/\d+)\*\*"),
            "provinces_a": find(r"\+ Địa phương: (.*)")}


def _rank(client, code: str) -> tuple[int, str] | None:
    page = client.get("/xep-hang.json")
    assert page.status_code == 200, page.text
    for block in page.json()["blocks"]:
        for agency in block["agencies"]:
            if agency["code"] == code:
                return agency["rank"], agency["grade"]
    return None


def test_facts_through_the_api_change_counts_tallies_and_ranks(demo_api, demo_engine):
    before = _figures(demo_engine)
    assert before["decrees"] == "10" and before["plan_done"] == "19/79"
    assert "đạt mức A" not in before["provinces_a"]
    assert _rank(demo_api, "P96") == (63, "E")
    staff = user_with_token(demo_engine, "analyst", "analyst")
    reporter = user_with_token(demo_engine, "btc", "reporter", agency="BTC")
    other = user_with_token(demo_engine, "bca", "reporter", agency="BCA")

    assert demo_api.post("/api/v1/documents", json={"rows": [DECREE]},
                         headers=staff).json()["created"] == 1
    assert_error(demo_api.post("/api/v1/documents", json={"rows": [DECREE]}, headers=reporter),
                 403, "ACCESS_FORBIDDEN")
    assert_error(demo_api.post("/api/v1/task-statuses", json={"rows": [TASK_DONE]},
                               headers=other), 403, "ACCESS_FORBIDDEN")
    reported = demo_api.post("/api/v1/task-statuses", json={"rows": [TASK_DONE]},
                             headers=reporter)
    assert reported.json()["updated"] == 1, reported.text  # the demo had it in progress
    assert _figures(demo_engine)["plan_done"] == "19/79"  # reported, not yet approved
    pending = demo_api.get("/api/v1/task-statuses/pending", headers=staff).json()
    assert [(p["task"], p["reported_by"]) for p in pending] == [("ucqg_2024-32", "btc")]
    approved = demo_api.post("/api/v1/task-statuses/ucqg_2024-32/2024-06-30/approve",
                             headers=staff)
    assert approved.json()["outcome"] == "updated", approved.text
    sheet = demo_api.post("/api/v1/score-sheets", json={"rows": SHEET}, headers=staff)
    assert sheet.json()["created"] == 6, sheet.text

    after = _figures(demo_engine)
    assert after["decrees"] == "11"
    assert after["plan_done"] == "20/79"
    assert "1/63 đạt mức A" in after["provinces_a"]
    assert _rank(demo_api, "P96") == (1, "A")
    scores = demo_api.get("/api/v1/evaluations/tthc_system_2024/scores").json()
    assert {s["agency"]: s["score"] for s in scores}["P96"] == 95

    resent = demo_api.post("/api/v1/score-sheets", json={"rows": SHEET}, headers=staff).json()
    assert (resent["created"], resent["updated"], resent["unchanged"]) == (0, 0, 6)
    with transaction(demo_engine) as session:
        entities = {e.entity for e in session.query(AuditEntry)}
    assert {"legal_document", "task_status", "score_sheet"} <= entities


def test_a_bad_row_names_row_field_and_reason_and_stores_nothing(demo_api, demo_engine):
    staff = user_with_token(demo_engine, "analyst", "analyst")
    rows = [DECREE, {**DECREE, "number": "100/2024/NĐ-CP", "issued_on": "31/02/2024"}]
    error = assert_error(demo_api.post("/api/v1/documents", json={"rows": rows},
                                       headers=staff), 400, "CHANNEL_DATE_INVALID")
    assert [(d["row"], d["field"]) for d in error["details"]] == [(2, "issued_on")]
    assert error["details"][0]["reason"]["vi"] and error["details"][0]["reason"]["en"]
    incomplete = assert_error(demo_api.post("/api/v1/score-sheets", json={"rows": SHEET[:5]},
                                            headers=staff), 400, "CHANNEL_SHEET_INCOMPLETE")
    assert "emc_connection" in incomplete["message_en"]
    with transaction(demo_engine) as session:
        assert session.query(LegalDocumentRecord).count() == 0
    assert _figures(demo_engine)["decrees"] == "10"


def _csv(path, rows: list[dict]) -> str:
    columns = list(rows[0])
    lines = [",".join(columns)] + [",".join(f'"{row[c]}"' for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_facts_through_import_change_counts_tallies_and_ranks(demo_db, demo_engine, demo_api,
                                                              tmp_path):
    files = [_csv(tmp_path / "van-ban.csv", [DECREE]),
             _csv(tmp_path / "tien-do.csv", [TASK_DONE]),
             _csv(tmp_path / "phieu-diem.csv", SHEET)]
    runner = CliRunner()
    for file in files:
        result = runner.invoke(cli, ["import", file, "--database-url", demo_db])
        assert result.exit_code == 0, result.output
        assert "bị từ chối/rejected 0" in result.output
    after = _figures(demo_engine)
    assert (after["decrees"], after["plan_done"]) == ("11", "20/79")
    assert "1/63 đạt mức A" in after["provinces_a"]
    assert _rank(demo_api, "P96") == (1, "A")

    again = runner.invoke(cli, ["import", files[2], "--database-url", demo_db])
    assert "tạo mới/created 0, cập nhật/updated 0, không đổi/unchanged 6" in again.output
    bad = _csv(tmp_path / "sai.csv", [{**DECREE, "number": "7/2024/NĐ-CP", "type": "sắc lệnh"}])
    refused = runner.invoke(cli, ["import", bad, "--database-url", demo_db])
    assert refused.exit_code == 1 and "CHANNEL_CHOICE_INVALID" in refused.output
    assert "type" in refused.output
    assert _figures(demo_engine)["decrees"] == "11"


def test_documents_listing_includes_the_stored_ones(demo_api, demo_engine):
    staff = user_with_token(demo_engine, "analyst", "analyst")
    demo_api.post("/api/v1/documents", json={"rows": [DECREE]}, headers=staff)
    counted = demo_api.get("/api/v1/documents", params={"period": "2024S1",
                                                        "type": "nghi_dinh"}).json()
    assert len(counted) == 11 and "99/2024/NĐ-CP" in {d["number"] for d in counted}
    assert "63/2024/NĐ-CP" in {d["code"] for d in counted}
    listed = demo_api.get("/api/v1/documents").json()
    assert "99/2024/NĐ-CP" in {d["number"] for d in listed}
