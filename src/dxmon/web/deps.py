"""Dependencies shared by the routers: settings, a database session per request, and who is
asking (``CurrentUser``: 401 without valid credentials; ``OptionalUser``: None for anonymous).

Credentials are ``Authorization: Bearer <token>`` (systems) or the ``dxmon_session`` cookie
(browsers). A cookie-authenticated unsafe request (POST, PUT, PATCH, DELETE) must carry the
session's CSRF token in the ``X-CSRF-Token`` header or a ``csrf_token`` form field, equal to the
``dxmon_csrf`` cookie (double submit): otherwise 403 ``CSRF_FAILED``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from contextlib import nullcontext, suppress
from datetime import timedelta
from typing import Annotated, TypeVar

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
from dxmon.store.db import session_factory, writing

SESSION_COOKIE = "dxmon_session"
CSRF_COOKIE = "dxmon_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
T = TypeVar("T")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def body_first(request: Request) -> None:
    """An unsafe request's body is received (bounded in size and time by ``limits``) before
    the request takes a database lock: a slow sender holds no lock while it trickles. It is
    kept as ``request.state.body`` for the handlers that parse it themselves."""
    if request.method in SAFE_METHODS:
        return
    with suppress(RuntimeError):  # already consumed by FastAPI's form parsing: read, then
        request.state.body = await request.body()


def get_session(request: Request,
                _body: Annotated[None, Depends(body_first)]) -> Iterator[Session]:
    """One transaction per request, committed when the handler returns and before the answer
    is sent (``scope="function"`` below): a failed commit is an error answer, never a 200
    for a lost write. Rolled back on error.

    On SQLite, requests that may write take the app's write lock first (one writer at a time
    in this process), and begin IMMEDIATE (one writer at a time across processes). PostgreSQL
    needs neither."""
    engine: Engine = request.app.state.engine
    writes = request.method not in SAFE_METHODS and engine.dialect.name == "sqlite"
    with (request.app.state.write_lock if writes else nullcontext()), \
            session_factory(writing(engine) if writes else engine)() as session, \
            session.begin():
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


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


def _look_up(engine: Engine, lookup: Callable[[Session, str], T], secret: str) -> T:
    with session_factory(engine)() as session, session.begin():
        return lookup(session, secret)


async def optional_user(request: Request) -> Principal | None:
    """The signed-in user, or None; invalid bearer tokens are refused (401), never ignored.

    Credentials are checked on their own short read transaction, before the request's body is
    read and before any write lock: an anonymous sender of a large body is refused first.
    The lookups run in the thread pool, never on the event loop: a query waiting there for a
    pooled connection would stop every request, including those that would give one back."""
    engine: Engine = request.app.state.engine
    token = _bearer(request)
    if token is not None:
        request.state.principal = await run_in_threadpool(
            _look_up, engine, credentials.principal_for_token, token)
        return request.state.principal  # type: ignore[no-any-return]
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = await run_in_threadpool(_look_up, engine, credentials.session_for_cookie, cookie)
    if found is None:
        return None
    principal, csrf = found
    request.state.principal = principal  # who was denied, for the audit (web.errors)
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
