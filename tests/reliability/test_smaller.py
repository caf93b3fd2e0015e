"""Defect 13 of issue 16 (the smaller points fixed here)."""

import os
import subprocess
import sys

import pytest

from dxmon.collect import tabular, validation
from dxmon.errors import DxmonError


def _cli(*args: str, database: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXMON_DATABASE_URL": database}
    return subprocess.run([sys.executable, "-m", "dxmon.cli.app", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_short_password_is_refused_without_echoing_it(tmp_path):
    run = _cli("user", "add", "--username", "ana", "--role", "analyst", "--password", "S3cr!",
               database=f"sqlite:///{tmp_path / 'x.db'}")
    assert run.returncode == 1
    assert "USER_INVALID" in run.stderr and "password" in run.stderr
    assert "S3cr!" not in run.stdout + run.stderr


@pytest.mark.parametrize("text", ["1_000", "１２", "٣", "1 2_3"])
def test_only_plain_digits_are_numbers(text):
    with pytest.raises(ValueError):
        validation.parse_number(text)


@pytest.mark.parametrize(("comment", "reason"), [("x" * 5001, "long"), ("a\x00b", "control")])
def test_comments_are_bounded_and_printable(comment, reason):
    problems: list[tuple[str, str]] = []

    class Collect:
        def add(self, code: str, field_name: str, vi: str, en: str) -> None:
            problems.append((code, field_name))

    validation.check_values(None, {"value": "1", "comment": comment}, Collect())
    assert problems == [("IMPORT_COMMENT_INVALID", "comment")], reason


def test_an_unclosed_csv_quote_is_refused():
    with pytest.raises(DxmonError) as raised:
        tabular.read_rows(b'indicator,scope,period,value\nx,nation,2024,"1\n', "open.csv")
    assert raised.value.code == "IMPORT_CSV_MALFORMED"


def test_cli_imports_are_audited_under_the_os_user_or_the_actor(tmp_path):
    from dxmon.store.audit import list_entries
    from dxmon.store.db import make_engine, transaction

    database = f"sqlite:///{tmp_path / 'x.db'}"
    path = tmp_path / "one.csv"
    path.write_text("indicator,scope,period,value\ncommunity_digital_teams,agency:P01,2024-08,"
                    "12\n", encoding="utf-8")
    assert _cli("import", str(path), database=database).returncode == 0
    path.write_text(path.read_text().replace(",12", ",13"), encoding="utf-8")
    assert _cli("import", str(path), "--actor", "lan", database=database).returncode == 0
    engine = make_engine(database)
    with transaction(engine) as session:
        actors = [entry.actor for entry in list_entries(session, entity="import")]
    engine.dispose()
    assert actors[0] == "lan" and actors[1].startswith("os:") and "system" not in actors


def test_the_last_administrator_cannot_be_disabled(engine):
    from dxmon.access import service as access
    from dxmon.store.db import transaction
    from tests.factories import make_user

    make_user(engine, "root", "administrator")
    with pytest.raises(DxmonError) as raised, transaction(engine) as session:
        access.set_active(session, username="root", active=False, actor="root")
    assert raised.value.problems[0].field == "username"
    make_user(engine, "second", "administrator")
    with transaction(engine) as session:
        assert not access.set_active(session, username="root", active=False,
                                     actor="second").active


def test_a_viewer_gets_403_on_the_reporters_pages(engine, database_url):
    from fastapi.testclient import TestClient

    from dxmon.settings import Settings
    from dxmon.web.app import create_app
    from tests.factories import make_user
    from tests.web.conftest import web_login

    make_user(engine, "vera", "viewer")
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        web_login(client, "vera")
        assert client.get("/nhap-lieu", follow_redirects=False).status_code == 403


def test_sign_ins_are_audited(engine, database_url):
    from fastapi.testclient import TestClient

    from dxmon.settings import Settings
    from dxmon.store.audit import list_entries
    from dxmon.store.db import transaction
    from dxmon.web.app import create_app
    from tests.factories import PASSWORD, make_user

    make_user(engine, "ana", "analyst")
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        for password in ("wrong password", PASSWORD):
            client.post("/api/v1/auth/login", json={"username": "ana", "password": password})
    with transaction(engine) as session:
        actions = [e.action for e in list_entries(session, entity="session", actor="ana")]
    assert actions == ["sign_in_signed_in", "sign_in_refused"]


def test_a_denied_attempt_is_audited(engine, database_url):
    from fastapi.testclient import TestClient

    from dxmon.settings import Settings
    from dxmon.store.audit import list_entries
    from dxmon.store.db import transaction
    from dxmon.web.app import create_app
    from tests.factories import user_with_token

    headers = user_with_token(engine, "hanoi", "reporter", "P01")
    url = "/api/v1/observations/community_digital_teams/agency:P31/2024-08"
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        denied = client.put(url, headers=headers, json={"value": "3", "expected_revision": 0})
        anonymous = client.put(url, json={"value": "3", "expected_revision": 0})
    assert (denied.status_code, anonymous.status_code) == (403, 401)
    with transaction(engine) as session:
        rows = list_entries(session, entity="request")
    assert [(row.actor, row.action, row.key) for row in rows] == [("hanoi", "denied",
                                                                   f"PUT {url}")]
