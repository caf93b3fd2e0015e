from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from dxmon.access import credentials
from dxmon.access import service as access
from dxmon.access.schemas import Principal, Role, UserCreate
from dxmon.errors import DxmonError
from dxmon.store import audit
from dxmon.store.db import transaction
from dxmon.store.tables import ApiToken, LoginAttempt, User
from tests.factories import PASSWORD, make_token, make_user


def principal(role: Role, agency: str | None = None) -> Principal:
    return Principal(user_id=1, username="u", role=role, agency=agency)


def test_passwords_are_hashed_with_argon2_and_tokens_with_sha256(engine):
    make_user(engine, "ana", "analyst")
    token = make_token(engine, "ana")
    with transaction(engine) as session:
        user = session.scalars(select(User)).one()
        stored = session.scalars(select(ApiToken)).one()
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    assert token.startswith(f"dxm_{stored.token_id}_")
    assert stored.token_hash == credentials.sha256(token) and token not in stored.token_hash


def test_reporter_must_name_a_known_agency_and_only_reporters_do(engine):
    with transaction(engine) as session:
        for role, agency in (("reporter", None), ("analyst", "P01"), ("reporter", "ZZZ")):
            with pytest.raises(DxmonError):
                access.create_user(session, data=UserCreate(
                    username=f"x{role}", password=PASSWORD, role=role, agency=agency),
                    actor="test")
        access.create_user(session, data=UserCreate(username="hn", password=PASSWORD,
                                                    role="reporter", agency="P01"), actor="test")
        with pytest.raises(DxmonError) as duplicate:
            access.create_user(session, data=UserCreate(username="hn", password=PASSWORD,
                                                        role="viewer"), actor="test")
    assert duplicate.value.code == "USER_EXISTS_CONFLICT"


def test_permission_rules():
    reporter, viewer = principal(Role.REPORTER, "P01"), principal(Role.VIEWER)
    assert access.can_read(None, "P01", "published")
    assert not access.can_read(None, "P01", "approved")
    assert access.can_read(reporter, "P01", "draft")
    assert not access.can_read(reporter, "P79", "draft")
    assert access.can_read(reporter, "P79", "published")
    assert access.can_read(viewer, "P79", "approved")
    assert not access.can_read(viewer, "P79", "draft")
    assert access.can_read(principal(Role.ANALYST), "P79", "draft")
    access.ensure_can_write(reporter, "P01")
    access.ensure_can_write(principal(Role.ANALYST), None)
    for user, agency, code in ((reporter, "P79", "ACCESS_FORBIDDEN"),
                               (reporter, None, "ACCESS_FORBIDDEN"),
                               (viewer, "P01", "ACCESS_FORBIDDEN"),
                               (None, "P01", "AUTH_REQUIRED")):
        with pytest.raises(DxmonError) as refused:
            access.ensure_can_write(user, agency)
        assert refused.value.code == code


def test_revoked_token_stops_working(engine):
    make_user(engine, "bot", "reporter", "P01")
    token = make_token(engine, "bot")
    with transaction(engine) as session:
        assert credentials.principal_for_token(session, token).agency == "P01"
        credentials.revoke_token(session, token_or_id=token, actor="test")
    with transaction(engine) as session, pytest.raises(DxmonError) as refused:
        credentials.principal_for_token(session, token)
    assert refused.value.code == "AUTH_INVALID"
    with transaction(engine) as session, pytest.raises(DxmonError):
        credentials.principal_for_token(session, token[:-1] + ("A" if token[-1] != "A" else "B"))


def test_login_is_throttled_per_username_and_address(engine):
    make_user(engine, "ana", "analyst")
    policy = credentials.LoginPolicy(max_failures=3, window=timedelta(minutes=15))

    def attempt(password: str, ip: str = "10.0.0.1") -> credentials.LoginResult:
        with transaction(engine) as session:
            return credentials.login(session, username="ana", password=password, ip=ip,
                                     policy=policy)

    assert attempt(PASSWORD).cookie
    for _ in range(3):
        assert attempt("wrong").problem.code == "AUTH_INVALID"
    assert attempt(PASSWORD).problem.code == "AUTH_THROTTLED"  # even the right password
    assert attempt(PASSWORD, ip="10.0.0.2").cookie  # another address is not locked out
    with transaction(engine) as session:  # the failures age out of the window
        for row in session.scalars(select(LoginAttempt)):
            row.at = datetime.now(UTC) - timedelta(minutes=16)
    assert attempt(PASSWORD).cookie


def test_session_cookie_expires_and_ends(engine):
    make_user(engine, "ana", "analyst")
    with transaction(engine) as session:
        result = credentials.login(session, username="ana", password=PASSWORD, ip="x")
    assert result.cookie and result.csrf_token
    with transaction(engine) as session:
        found = credentials.session_for_cookie(session, result.cookie)
        assert found is not None and found[1] == result.csrf_token
        credentials.logout(session, result.cookie)
    with transaction(engine) as session:
        assert credentials.session_for_cookie(session, result.cookie) is None


def test_user_and_token_writes_are_audited(engine):
    make_user(engine, "ana", "analyst")
    token = make_token(engine, "ana")
    with transaction(engine) as session:
        credentials.revoke_token(session, token_or_id=credentials.token_id_of(token), actor="adm")
        entries = audit.list_entries(session)
    assert [(e.entity, e.action, e.actor) for e in entries] == [
        ("token", "revoke", "adm"), ("token", "create", "test"), ("user", "create", "test")]
    assert entries[-1].after == {"username": "ana", "role": "analyst", "agency": None,
                                 "active": True}
    assert entries[0].before == {"revoked": False}


def test_audit_row_rolls_back_with_its_change(engine):
    with pytest.raises(RuntimeError), transaction(engine) as session:
        access.create_user(session, data=UserCreate(username="gone", password=PASSWORD,
                                                    role="viewer"), actor="test")
        raise RuntimeError("the change fails after the audit row was written")
    with transaction(engine) as session:
        assert audit.list_entries(session) == []
        assert access.find_user(session, "gone") is None
