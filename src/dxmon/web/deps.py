"""Dependencies shared by the routers: settings, a database session per request, and who is
asking (``CurrentUser``: 401 without valid credentials; ``OptionalUser``: None for anonymous).

Credentials are ``Authorization: Bearer <token>`` (systems) or the ``dxmon_session`` cookie
(browsers). A cookie-authenticated unsafe request (POST, PUT, PATCH, DELETE) must carry the
session's CSRF token in the ``X-CSRF-Token`` header or a ``csrf_token`` form field, equal to the
``dxmon_csrf`` cookie (double submit): otherwise 403 ``CSRF_FAILED``.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dxmon.access import credentials
from dxmon.access import errors as access_errors
from dxmon.access.schemas import STAFF, Principal
from dxmon.access.service import ensure_role, ensure_signed_in
from dxmon.compute.facts import View
from dxmon.errors import DxmonError, Problem
from dxmon.settings import Settings
from dxmon.store.db import session_factory

SESSION_COOKIE = "dxmon_session"
CSRF_COOKIE = "dxmon_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error.

    On SQLite, requests that may write take the app's write lock first: SQLite has one writer
    at a time, and two write transactions that both read first (a savepoint, then queries)
    deadlock, which SQLite answers at once with "database is locked" instead of waiting.
    PostgreSQL needs no such lock."""
    engine: Engine = request.app.state.engine
    writes = request.method not in SAFE_METHODS and engine.dialect.name == "sqlite"
    with (request.app.state.write_lock if writes else nullcontext()), \
            session_factory(engine)() as session, session.begin():
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_session)]


def login_policy(settings: Settings) -> credentials.LoginPolicy:
    return credentials.LoginPolicy(max_failures=settings.login_max_failures,
                                   window=timedelta(minutes=settings.login_window_minutes),
                                   session_lifetime=timedelta(hours=settings.session_hours))


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise DxmonError(Problem(code=access_errors.AUTH_INVALID, field="Authorization",
                                 message_vi="Tiêu đề Authorization phải là 'Bearer <mã>'.",
                                 message_en="The Authorization header must be 'Bearer <token>'."))
    return token.strip()


async def _sent_csrf(request: Request) -> str:
    sent = request.headers.get(CSRF_HEADER)
    if sent:
        return sent
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def _check_csrf(request: Request, expected: str) -> None:
    if request.method in SAFE_METHODS:
        return
    sent = await _sent_csrf(request)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (sent and hmac.compare_digest(sent, expected) and hmac.compare_digest(cookie, sent)):
        raise DxmonError(Problem(code=access_errors.CSRF_FAILED, field=CSRF_HEADER,
                                 message_vi="Thiếu hoặc sai mã chống giả mạo (CSRF).",
                                 message_en="The CSRF token is missing or wrong."))


async def optional_user(request: Request, session: SessionDep) -> Principal | None:
    """The signed-in user, or None; invalid bearer tokens are refused (401), never ignored.

    The lookups run in the thread pool, never on the event loop: a query waiting there for a
    pooled connection would stop every request, including those that would give one back."""
    token = _bearer(request)
    if token is not None:
        return await run_in_threadpool(credentials.principal_for_token, session, token)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = await run_in_threadpool(credentials.session_for_cookie, session, cookie)
    if found is None:
        return None
    principal, csrf = found
    await _check_csrf(request, csrf)
    return principal


def current_user(user: Annotated[Principal | None, Depends(optional_user)]) -> Principal:
    return ensure_signed_in(user)


OptionalUser = Annotated[Principal | None, Depends(optional_user)]
CurrentUser = Annotated[Principal, Depends(current_user)]


def figure_view(user: OptionalUser, preview: bool = Query(
        False, description="Include drafts (analysts and administrators only); what is "
                           "shown is then marked as a draft.")) -> View:
    """Published figures for everyone; drafts only for staff who ask for a preview."""
    if not preview:
        return View.PUBLISHED
    ensure_role(user, *STAFF)
    return View.PREVIEW


def page_view(user: OptionalUser) -> View:
    """Dashboard pages: signed-in staff see drafts (marked); everyone else published data."""
    return View.PREVIEW if user is not None and user.is_staff else View.PUBLISHED


FigureViewDep = Annotated[View, Depends(figure_view)]
PageViewDep = Annotated[View, Depends(page_view)]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
