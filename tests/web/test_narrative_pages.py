"""The narrative editor pages (issue 13 point 5): staff write a report's narrative blocks
beside a preview of the report section; revisions are audited; errors are shown on the form
with nothing stored. Real app, SQLite and PostgreSQL, demo data."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from dxmon.demo import load_demo
from dxmon.report import editing, narratives
from dxmon.settings import Settings
from dxmon.store import audit
from dxmon.store.db import make_engine, transaction
from dxmon.web.app import create_app
from tests.factories import make_user
from tests.web.conftest import web_login

PERIOD = "2024-09"  # a month after the seeds: no block written yet
LIST = f"/bao-cao/{PERIOD}/van-ban"
BLOCK = f"{LIST}/I.2"
PLACEHOLDER = "(Nội dung do chuyên viên soạn)"


@pytest.fixture
def site(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as session:
        load_demo(session)
    make_user(engine, "ana", "analyst")
    make_user(engine, "admin", "administrator")
    make_user(engine, "rep", "reporter", agency="BTC")
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        yield client, engine
    engine.dispose()


def _stored(engine, key: str = "I.2") -> list[tuple[int, str]]:
    with transaction(engine) as session:
        return [(b.revision, b.text) for b in narratives.current_blocks(
            session, report="monthly", period=PERIOD) if b.key == key]


def _form(client, url: str, **fields: object):
    data = {"csrf_token": client.cookies.get("dxmon_csrf"), **fields}
    return client.post(url, data=data, follow_redirects=False)


def test_only_signed_in_staff_open_the_editor_and_reports_page_links_it(site):
    client, _engine = site
    assert "van-ban" not in client.get("/bao-cao").text
    for url in (LIST, BLOCK):
        refused = client.get(url, follow_redirects=False)
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/dang-nhap?next=/bao-cao/")
    web_login(client, "rep")
    assert client.get(LIST).status_code == 403
    assert client.get(BLOCK).status_code == 403
    client.cookies.clear()
    for user in ("ana", "admin"):
        web_login(client, user)
        assert 'href="/bao-cao/2024-08/van-ban"' in client.get("/bao-cao").text
        assert client.get(LIST).status_code == 200
        client.cookies.clear()


def test_list_shows_every_block_of_the_template_unwritten_as_the_placeholder(site):
    client, _engine = site
    web_login(client, "ana")
    page = client.get(LIST)
    assert page.status_code == 200 and "Văn bản báo cáo" in page.text
    keys = editing.block_keys("monthly")
    assert {"attachment", "I.2", "III.recommendations"} <= set(keys)
    for key in keys:
        assert f'id="block-{key}"' in page.text
    assert page.text.count(f'<mark class="placeholder">{PLACEHOLDER}</mark>') == len(keys)
    assert "Report narratives" in client.get(LIST, params={"lang": "en"}).text
    missing = client.get(f"{LIST}/no.such.block")
    assert missing.status_code == 404 and "no.such.block" in missing.text


def test_preview_renders_the_typed_text_in_its_section_and_stores_nothing(site):
    client, engine = site
    web_login(client, "ana")
    form = client.get(BLOCK)
    assert form.status_code == 200 and "<textarea" in form.text
    assert 'name="expected_revision" value="0"' in form.text
    assert f'name="csrf_token" value="{client.cookies.get("dxmon_csrf")}"' in form.text
    assert f'<mark class="placeholder">{PLACEHOLDER}</mark>' in form.text  # the preview
    text = ("Trong tháng, các bộ đã kết nối {{ fig('nothing_here').num() }} hệ thống. "
            "<script>alert(1)</script>")
    preview = _form(client, BLOCK, text=text, expected_revision=0, action="preview")
    assert preview.status_code == 200
    section = preview.text.split('class="report-preview">', 1)[1]
    assert "Trong tháng, các bộ đã kết nối" in section
    assert '<mark class="missing">(chưa có số liệu)</mark>' in section  # the mark, no failure
    assert "<script>alert" not in section and "&lt;script&gt;" in section
    assert re.search(r"<h\d>", section)  # the section's heading comes with it
    assert str(escape(text)) in preview.text  # the form keeps the typed text
    assert _stored(engine) == []


def test_save_stores_an_audited_revision_and_the_report_prints_it(site):
    client, engine = site
    web_login(client, "ana")
    text = "Các bộ, ngành tiếp tục hoàn thiện kết nối dữ liệu."
    saved = _form(client, BLOCK, text=text, expected_revision=0, action="save")
    assert saved.status_code == 303 and saved.headers["location"] == f"{BLOCK}?saved=1"
    assert "Đã lưu phiên bản 1" in client.get(saved.headers["location"]).text
    assert _stored(engine) == [(1, text)]
    with transaction(engine) as session:
        entries = audit.list_entries(session, entity="narrative", actor="ana")
    assert [e.key for e in entries] == [f"monthly/{PERIOD}/I.2"]
    assert text in client.get(LIST).text
    assert text in client.get(f"/api/v1/reports/{PERIOD}").text


def test_stale_revision_and_a_broken_block_are_shown_on_the_form_with_nothing_stored(site):
    client, engine = site
    web_login(client, "ana")
    assert _form(client, BLOCK, text="Bản thứ nhất.", expected_revision=0,
                 action="save").status_code == 303
    stale = _form(client, BLOCK, text="Bản sửa cũ.", expected_revision=0, action="save")
    assert stale.status_code == 409
    assert "Khối văn bản đã được sửa (phiên bản 1)" in stale.text
    assert "The block was changed meanwhile" in stale.text
    assert "Bản sửa cũ." in stale.text  # the form as typed
    broken = _form(client, BLOCK, text="Có {{ fig( }} hệ thống.", expected_revision=1,
                   action="save")
    assert broken.status_code == 400
    assert "Khối văn bản không hiển thị được" in broken.text
    assert "The block cannot be rendered" in broken.text
    assert _stored(engine) == [(1, "Bản thứ nhất.")]


def test_forms_need_the_csrf_token(site):
    client, engine = site
    web_login(client, "ana")
    forged = client.post(BLOCK, data={"csrf_token": "forged", "text": "x",
                                      "expected_revision": 0, "action": "save"})
    assert forged.status_code == 403
    assert _stored(engine) == []
