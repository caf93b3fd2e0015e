"""Requirement statuses (effective date, document number) and plans with tasks, through the API
and ``dxmon import``, on an empty database: validated, idempotent, audited, permission-checked."""

from datetime import date

from typer.testing import CliRunner

from dxmon.channels.tasks import plan_tasks
from dxmon.cli.app import app as cli
from dxmon.collect import service
from dxmon.compute.tallies import requirement_tally, task_tally
from dxmon.store.db import transaction
from dxmon.store.tables import AuditEntry
from tests.factories import user_with_token
from tests.web.conftest import assert_error

STATUS = {"agency": "Hà Nội", "requirement": "steering_plan_2024_issued", "status": "done",
          "effective_on": "2024-06-20", "document": "123/KH-UBND", "done_on": "2024-06-12"}
TASKS = [{"plan": "kh_cds_2025", "task": "kh_cds_2025-01", "title": "Ban hành quy chế dữ liệu",
          "lead_agency": "P01", "deadline": "2025-06-30",
          "plan_title": "Kế hoạch chuyển đổi số năm 2025 (thử nghiệm)"},
         {"plan": "kh_cds_2025", "task": "kh_cds_2025-02", "title": "Kết nối nền tảng",
          "lead_agency": "", "deadline": "2025-09-30", "plan_title": ""}]


def test_requirement_status_through_the_api(api, engine):
    reporter = user_with_token(engine, "hn", "reporter", agency="P01")
    other = user_with_token(engine, "hcm", "reporter", agency="P79")
    assert_error(api.post("/api/v1/requirement-statuses", json={"rows": [STATUS]},
                          headers=other), 403, "ACCESS_FORBIDDEN")
    sent = api.post("/api/v1/requirement-statuses", json={"rows": [STATUS]}, headers=reporter)
    assert sent.json()["created"] == 1, sent.text
    again = api.post("/api/v1/requirement-statuses", json={"rows": [STATUS]}, headers=reporter)
    assert again.json()["unchanged"] == 1
    with transaction(engine) as session:
        states = service.requirement_states(session, as_of=date(2024, 6, 30))
        row = states[("steering_plan_2024_issued", "P01")]
        assert (row.status, row.document, row.done_on, row.period) == \
            ("done", "123/KH-UBND", date(2024, 6, 12), "2024-06")
        assert ("steering_plan_2024_issued", "P01") not in service.requirement_states(
            session, as_of=date(2024, 6, 19))
        tally = requirement_tally(session, requirement="steering_plan_2024_issued",
                                  period="2024-06", block="dia_phuong")
        assert [a.code for a in tally.done] == ["P01"]
        assert session.query(AuditEntry).filter_by(entity="requirement_status").count() == 1
    bad = {**STATUS, "status": "not_done", "requirement": "steering_plan_2042"}
    error = assert_error(api.post("/api/v1/requirement-statuses", json={"rows": [bad]},
                                  headers=reporter), 400, "CHANNEL_REQUIREMENT_UNKNOWN")
    assert {(d["row"], d["field"]) for d in error["details"]} == \
        {(1, "requirement"), (1, "done_on")}


def test_plans_and_tasks_through_the_api_and_import(api, engine, database_url, tmp_path):
    staff = user_with_token(engine, "analyst", "analyst")
    reporter = user_with_token(engine, "hn", "reporter", agency="P01")
    assert_error(api.post("/api/v1/tasks", json={"rows": TASKS[:1]}, headers=reporter),
                 403, "ACCESS_FORBIDDEN")
    sent = api.post("/api/v1/tasks", json={"rows": TASKS[:1]}, headers=staff)
    assert sent.json()["created"] == 1, sent.text
    assert "kh_cds_2025" in {p["code"] for p in api.get("/api/v1/plans").json()}
    update = {"task": "kh_cds_2025-01", "status": "done", "as_of": "2025-05-31",
              "completed_on": "2025-05-20"}
    assert api.post("/api/v1/task-statuses", json={"rows": [update]},
                    headers=reporter).json()["created"] == 1
    with transaction(engine) as session:
        assert task_tally(session, plan="kh_cds_2025", as_of=date(2025, 6, 30)).done == 0

    path = tmp_path / "nhiem-vu.csv"
    columns = list(TASKS[0])
    path.write_text("\n".join([",".join(columns)] + [",".join(t[c] for c in columns)
                                                    for t in TASKS]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "--database-url", database_url])
    assert result.exit_code == 0, result.output
    assert "tạo mới/created 1, cập nhật/updated 0, không đổi/unchanged 1" in result.output
    listed = api.get("/api/v1/plans/kh_cds_2025/tasks", params={"as_of": "2025-06-30"}).json()
    assert [(t["code"], t["status"]) for t in listed] == [("kh_cds_2025-01", None),
                                                          ("kh_cds_2025-02", None)]
    assert api.post("/api/v1/task-statuses/kh_cds_2025-01/2025-05-31/approve",
                    headers=staff).json()["outcome"] == "updated"
    with transaction(engine) as session:
        tally = task_tally(session, plan="kh_cds_2025", as_of=date(2025, 6, 30))
        assert (tally.total, tally.done, tally.due, tally.due_done) == (2, 1, 1, 1)
        assert len(plan_tasks(session, "ucqg_2024")) == 79
    unknown = {**TASKS[1], "task": "x-01", "plan": "khong_co", "deadline": "2025-13-01"}
    path.write_text(",".join(columns) + "\n" + ",".join(unknown[c] for c in columns) + "\n",
                    encoding="utf-8")
    refused = CliRunner().invoke(cli, ["import", str(path), "--database-url", database_url])
    assert refused.exit_code == 1
    assert "CHANNEL_PLAN_UNKNOWN" in refused.output and "CHANNEL_DATE_INVALID" in refused.output
