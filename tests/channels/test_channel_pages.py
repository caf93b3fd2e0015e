"""The staff page of the fact channels: upload a file, see the outcome or the problems,
approve a reported task update; reporters see only their channels."""

import re

from dxmon.store.db import transaction
from dxmon.store.tables import LegalDocumentRecord, TaskStatus
from tests.factories import make_user
from tests.web.conftest import web_login

DOCUMENTS = ("type,number,issued_on,issuer,title\n"
             "nghi_dinh,99/2024/NĐ-CP,20/05/2024,Chính phủ,Quy định thử nghiệm\n")


def _csrf(page_text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page_text)
    assert found, page_text
    return found.group(1)


def test_staff_upload_a_file_and_approve_an_update(api, engine):
    make_user(engine, "analyst", "analyst")
    make_user(engine, "btc", "reporter", agency="BTC")
    assert web_login(api, "btc").status_code == 303
    mine = api.get("/kenh-du-lieu.json").json()
    assert [c["name"] for c in mine["channels"]] == ["requirement_statuses", "task_statuses"]
    token = _csrf(api.get("/kenh-du-lieu").text)
    update = "task,status,as_of\nucqg_2024-32,in_progress,2024-06-30\n"
    sent = api.post("/kenh-du-lieu/task_statuses", data={"csrf_token": token},
                    files={"file": ("tien-do.csv", update.encode(), "text/csv")})
    assert sent.status_code == 200 and "mới 1" in sent.text, sent.text
    refused = api.post("/kenh-du-lieu/legal_documents", data={"csrf_token": token},
                       files={"file": ("van-ban.csv", DOCUMENTS.encode(), "text/csv")})
    assert refused.status_code == 403
    api.post("/dang-xuat", data={"csrf_token": token})
    api.cookies.clear()

    assert web_login(api, "analyst").status_code == 303
    page = api.get("/kenh-du-lieu")
    assert "ucqg_2024-32" in page.text and "btc" in page.text
    token = _csrf(page.text)
    bad = DOCUMENTS.replace("20/05/2024", "2024-02-31")
    shown = api.post("/kenh-du-lieu/legal_documents", data={"csrf_token": token},
                     files={"file": ("van-ban.csv", bad.encode(), "text/csv")})
    assert shown.status_code == 400 and "dòng 2 · issued_on" in shown.text
    saved = api.post("/kenh-du-lieu/legal_documents", data={"csrf_token": token},
                     files={"file": ("van-ban.csv", DOCUMENTS.encode(), "text/csv")})
    assert saved.status_code == 200 and "mới 1" in saved.text
    approved = api.post("/kenh-du-lieu/duyet", follow_redirects=False, data={
        "csrf_token": token, "task": "ucqg_2024-32", "as_of": "2024-06-30"})
    assert approved.status_code == 303
    assert api.get("/kenh-du-lieu.json").json()["pending"] == []
    with transaction(engine) as session:
        assert session.query(LegalDocumentRecord).count() == 1
        rows = session.query(TaskStatus).order_by(TaskStatus.revision).all()
        assert [(r.revision, r.approval) for r in rows] == [(1, "reported"), (2, "approved")]
