"""Proving who one is: API tokens, password login with throttling, and browser sessions.

Tokens look like ``dxm_<token_id>_<secret>``; only their SHA-256 is stored, and ``token_id``
(12 hex digits) names a token in lists, logs and ``dxmon token revoke``. Sessions are random
cookies, stored hashed too, each with its own CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from dxmon.access import errors
from dxmon.access.passwords import verify_password
from dxmon.access.schemas import Principal, TokenCreated, TokenRead
from dxmon.access.service import find_user, get_user, principal_of
from dxmon.errors import DxmonError, Problem
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import ApiToken, LoginAttempt, User, WebSession

TOKEN_PREFIX = "dxm"


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _invalid(vi: str = "Thông tin xác thực không hợp lệ.",
             en: str = "The credentials are invalid.") -> DxmonError:
    return DxmonError(Problem(code=errors.AUTH_INVALID, message_vi=vi, message_en=en))


# Tokens


def _token_read(token: ApiToken, username: str) -> TokenRead:
    return TokenRead(token_id=token.token_id, username=username, label=token.label,
                     created_at=_aware(token.created_at),
                     revoked_at=_aware(token.revoked_at) if token.revoked_at else None)


def create_token(session: Session, *, username: str, actor: str,
                 label: str | None = None) -> TokenCreated:
    """A new token for ``username``; the secret is returned here and never again."""
    user = get_user(session, username)
    token_id = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}_{token_id}_{secrets.token_urlsafe(32)}"
    row = ApiToken(token_id=token_id, user_id=user.id, token_hash=sha256(secret),
                   label=label, created_at=now())
    session.add(row)
    session.flush()
    audit_record(session, actor=actor, action="create", entity="token", key=token_id,
                 before=None, after={"username": username, "label": label})
    return TokenCreated(token=secret, **_token_read(row, username).model_dump())


def token_id_of(token_or_id: str) -> str:
    """The id part of a full token, or the id itself."""
    parts = token_or_id.split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == TOKEN_PREFIX else token_or_id


def revoke_token(session: Session, *, token_or_id: str, actor: str) -> TokenRead:
    token_id = token_id_of(token_or_id.strip())
    row = session.scalars(select(ApiToken).where(ApiToken.token_id == token_id)).first()
    if row is None:
        raise DxmonError(Problem(code=errors.TOKEN_NOT_FOUND, field="token",
                                 message_vi=f"Không có mã truy cập {token_id!r}.",
                                 message_en=f"No token {token_id!r}."))
    user = session.get(User, row.user_id)
    username = user.username if user else "?"
    if row.revoked_at is None:
        row.revoked_at = now()
        session.flush()
        audit_record(session, actor=actor, action="revoke", entity="token", key=token_id,
                     before={"revoked": False}, after={"revoked": True, "username": username})
    return _token_read(row, username)


def list_tokens(session: Session, *, username: str | None = None) -> list[TokenRead]:
    query = select(ApiToken, User.username).join(User, User.id == ApiToken.user_id)
    if username is not None:
        query = query.where(User.username == username)
    rows = session.execute(query.order_by(ApiToken.id))
    return [_token_read(token, name) for token, name in rows]


def principal_for_token(session: Session, token: str) -> Principal:
    """The user behind a bearer token; AUTH_INVALID when unknown, revoked or inactive."""
    row = session.scalars(select(ApiToken).where(ApiToken.token_id == token_id_of(token))).first()
    if row is None or not hmac.compare_digest(row.token_hash, sha256(token)):
        raise _invalid("Mã truy cập API không hợp lệ.", "The API token is invalid.")
    if row.revoked_at is not None:
        raise _invalid("Mã truy cập API đã bị thu hồi.", "The API token has been revoked.")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise _invalid("Tài khoản đã bị khóa.", "The account is disabled.")
    return principal_of(user, via="token", token_id=row.token_id)


# Password login and throttling


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    session_lifetime: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class LoginResult:
    """A login's outcome: a session (cookie and CSRF token) or the problem to report."""

    principal: Principal | None = None
    cookie: str | None = None
    csrf_token: str | None = None
    problem: Problem | None = None


def recent_failures(session: Session, *, username: str, ip: str, policy: LoginPolicy) -> int:
    since = now() - policy.window
    last_success = (select(func.max(LoginAttempt.at))
                    .where(LoginAttempt.username == username, LoginAttempt.ip == ip,
                           LoginAttempt.succeeded.is_(True)).scalar_subquery())
    query = (select(func.count()).select_from(LoginAttempt)
             .where(LoginAttempt.username == username, LoginAttempt.ip == ip,
                    LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since,
                    or_(last_success.is_(None), LoginAttempt.at > last_success)))
    return int(session.scalar(query) or 0)


def _throttled(policy: LoginPolicy) -> Problem:
    minutes = int(policy.window.total_seconds() // 60)
    return Problem(code=errors.AUTH_THROTTLED,
                   message_vi=f"Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút.",
                   message_en=f"Too many failed logins; try again in {minutes} minutes.")


def _audit_sign_in(session: Session, *, username: str, ip: str, outcome: str) -> None:
    """Every sign-in, refused or not, in the audit log (who, from where, what happened)."""
    audit_record(session, actor=username[:80], action=f"sign_in_{outcome}", entity="session",
                 key=ip[:64], before=None, after={"outcome": outcome})


def _one_attempt_at_a_time(session: Session, *, username: str, ip: str) -> None:
    """Attempts of one username from one address are counted one after the other, or
    simultaneous guesses would all pass the check before any is recorded. SQLite's write
    transactions are already one at a time; PostgreSQL takes a transaction-scoped lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                        {"key": f"login\n{username}\n{ip}"})


def login(session: Session, *, username: str, password: str, ip: str,
          policy: LoginPolicy | None = None) -> LoginResult:
    """Check a password (throttled per username and address) and open a session.

    Returns the problem instead of raising it, so that the caller can commit the attempt.
    """
    policy = policy or LoginPolicy()
    _one_attempt_at_a_time(session, username=username, ip=ip)
    if recent_failures(session, username=username, ip=ip, policy=policy) >= policy.max_failures:
        _audit_sign_in(session, username=username, ip=ip, outcome="throttled")
        return LoginResult(problem=_throttled(policy))
    user = find_user(session, username)
    ok = verify_password(user.password_hash if user else None, password)
    ok = ok and user is not None and user.active
    session.add(LoginAttempt(username=username[:80], ip=ip[:64], at=now(), succeeded=ok))
    session.flush()
    _audit_sign_in(session, username=username, ip=ip, outcome="signed_in" if ok else "refused")
    if not ok or user is None:
        return LoginResult(problem=_invalid("Sai tên đăng nhập hoặc mật khẩu.",
                                            "Wrong username or password.").problems[0])
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(WebSession(session_hash=sha256(cookie), user_id=user.id, csrf_token=csrf,
                           created_at=now(), expires_at=now() + policy.session_lifetime))
    session.flush()
    return LoginResult(principal=principal_of(user, via="session"), cookie=cookie,
                       csrf_token=csrf)


def session_for_cookie(session: Session, cookie: str) -> tuple[Principal, str] | None:
    """The principal and CSRF token of a live session, or None."""
    row = session.scalars(select(WebSession)
                          .where(WebSession.session_hash == sha256(cookie))).first()
    if row is None or row.ended_at is not None or _aware(row.expires_at) <= now():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return principal_of(user, via="session"), row.csrf_token


def logout(session: Session, cookie: str) -> None:
    row = session.scalars(select(WebSession)
                          .where(WebSession.session_hash == sha256(cookie))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = now()
        session.flush()
