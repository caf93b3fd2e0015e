"""Sign-in, sign-out and the audit log as web pages.

``/dang-nhap`` (sign in): a password form protected against login CSRF by a pre-session
double-submit token; success sets the session and CSRF cookies like ``POST /api/v1/auth/login``.
``/dang-xuat`` (sign out, POST with the CSRF field). ``/nhat-ky`` (audit log, administrators)
renders :class:`AuditPage`; ``/nhat-ky.json`` is the same data as JSON. ``/nguoi-dung`` (users,
administrators) renders :class:`dxmon.access.desk.UsersPage` (JSON twin ``.json``), and its
form ``POST /nguoi-dung/chuyen-don-vi`` moves a reporter to another agency (CSRF field checked
by the user dependency; audited; an agency not in force is refused naming its successor).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from dxmon.access import credentials
from dxmon.access import desk as user_desk
from dxmon.access.schemas import Principal, Role
from dxmon.errors import DxmonError
from dxmon.store import audit
from dxmon.store.db import transaction
from dxmon.web import cookies
from dxmon.web.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    EngineDep,
    OptionalUser,
    SessionDep,
    SettingsDep,
    client_ip,
    login_policy,
)
from dxmon.web.errors import status_for
from dxmon.web.pages.rendering import render

router = APIRouter(include_in_schema=False)


@dataclass
class LoginPage:
    """The sign-in form: where to go next, the username typed, and what went wrong."""

    next: str = "/"
    username: str = ""
    csrf_token: str = ""
    error_vi: str | None = None
    error_en: str | None = None


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after signing in."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _login_form(request: Request, page: LoginPage, status: int = 200) -> Response:
    page.csrf_token = secrets.token_urlsafe(32)
    response = render(request, "access/login.html.j2", {"page": page}, status=status)
    cookies.set_csrf(response, page.csrf_token)
    return response


@router.get("/dang-nhap")
def login_page(request: Request, user: OptionalUser, next: str | None = None) -> Response:
    if user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_form(request, LoginPage(next=_safe_next(next)))


@router.post("/dang-nhap")
def login_submit(request: Request, engine: EngineDep, settings: SettingsDep,
                 username: Annotated[str, Form(max_length=80)] = "",
                 password: Annotated[str, Form(max_length=1024)] = "",
                 csrf_token: Annotated[str, Form(max_length=200)] = "",
                 next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    page = LoginPage(next=_safe_next(next), username=username)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (csrf_token and cookie and hmac.compare_digest(csrf_token, cookie)):
        page.error_vi, page.error_en = ("Phiên biểu mẫu đã hết hạn; hãy thử lại.",
                                        "The form expired; please try again.")
        return _login_form(request, page, status=403)
    with transaction(engine) as session:  # the attempt is kept even when the login fails
        result = credentials.login(session, username=username, password=password,
                                   ip=client_ip(request), policy=login_policy(settings))
    if result.problem is not None:
        page.error_vi, page.error_en = result.problem.message_vi, result.problem.message_en
        status = 429 if result.problem.code == "AUTH_THROTTLED" else 401
        return _login_form(request, page, status=status)
    assert result.cookie and result.csrf_token
    response = RedirectResponse(page.next, status_code=303)
    cookies.set_session(response, cookie=result.cookie, csrf_token=result.csrf_token,
                        settings=settings)
    return response


@router.post("/dang-xuat")
def logout_submit(request: Request, user: OptionalUser, session: SessionDep) -> Response:
    """Sign out (the CSRF form field is checked by the user dependency)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if user is not None and cookie:
        credentials.logout(session, cookie)
    response = RedirectResponse("/", status_code=303)
    cookies.clear_session(response)
    return response


@dataclass
class AuditRow:
    at: str
    actor: str
    action: str
    entity: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class AuditPage:
    """The audit log, newest first, with the filters applied and the next page's offset."""

    entity: str | None
    actor: str | None
    offset: int
    limit: int
    rows: list[AuditRow] = field(default_factory=list)
    next_offset: int | None = None
    csrf_token: str = ""


def _audit_page(session: SessionDep, entity: str | None, actor: str | None, offset: int,
                limit: int) -> AuditPage:
    entries = audit.list_entries(session, entity=entity or None, actor=actor or None,
                                 limit=limit + 1, offset=offset)
    rows = [AuditRow(at=e.at.strftime("%Y-%m-%d %H:%M:%S UTC"), actor=e.actor,
                     action=e.action, entity=e.entity, key=e.key, before=e.before,
                     after=e.after) for e in entries[:limit]]
    return AuditPage(entity=entity, actor=actor, offset=offset, limit=limit, rows=rows,
                     next_offset=offset + limit if len(entries) > limit else None)


def _refuse(request: Request, user: Principal | None, path: str) -> Response | None:
    if user is None:
        return RedirectResponse(f"/dang-nhap?next={quote(path)}", status_code=303)
    if user.role is not Role.ADMINISTRATOR:
        return render(request, "access/forbidden.html.j2", {"user": user}, status=403)
    return None


@router.get("/nhat-ky")
def audit_page(request: Request, session: SessionDep, user: OptionalUser,
               entity: str | None = Query(None, max_length=60),
               actor: str | None = Query(None, max_length=80),
               offset: int = Query(0, ge=0, le=10**9),
               limit: int = Query(50, ge=1, le=500)) -> Response:
    refused = _refuse(request, user, "/nhat-ky")
    if refused is not None:
        return refused
    page = _audit_page(session, entity, actor, offset, limit)
    page.csrf_token = request.cookies.get(CSRF_COOKIE, "")
    return render(request, "access/audit.html.j2", {"page": page, "user": user})


@router.get("/nhat-ky.json")
def audit_page_json(session: SessionDep, user: OptionalUser,
                    entity: str | None = Query(None, max_length=60),
                    actor: str | None = Query(None, max_length=80),
                    offset: int = Query(0, ge=0, le=10**9),
                    limit: int = Query(50, ge=1, le=500)) -> Response:
    from dxmon.access.service import ensure_role

    ensure_role(user, Role.ADMINISTRATOR)
    page = _audit_page(session, entity, actor, offset, limit)
    return JSONResponse(asdict(page))


USERS_PATH = "/nguoi-dung"


def _users(request: Request, page: user_desk.UsersPage, status: int = 200) -> Response:
    page.csrf_token = request.cookies.get(CSRF_COOKIE, "")
    return render(request, "access/users.html.j2", {"page": page}, status=status)


@router.get(USERS_PATH)
def users_page(request: Request, session: SessionDep, user: OptionalUser,
               moved: str | None = Query(None, max_length=80)) -> Response:
    refused = _refuse(request, user, USERS_PATH)
    if refused is not None:
        return refused
    return _users(request, user_desk.users_page(session, user=user, moved=moved))


@router.get(USERS_PATH + ".json")
def users_page_json(session: SessionDep, user: OptionalUser) -> Response:
    page = user_desk.users_page(session, user=user)
    return JSONResponse(jsonable_encoder(asdict(page)))


@router.post(USERS_PATH + "/chuyen-don-vi")
def move_user(request: Request, session: SessionDep, user: OptionalUser,
              username: Annotated[str, Form(max_length=80)],
              agency: Annotated[str, Form(max_length=100)]) -> Response:
    """Move a reporter to another agency; a refused move (nothing changed) shows the page
    again with the reason."""
    refused = _refuse(request, user, USERS_PATH)
    if refused is not None:
        return refused
    try:
        moved = user_desk.move(session, user=user, username=username, agency=agency)
    except DxmonError as error:
        page = user_desk.users_page(session, user=user, problems=error.problems)
        return _users(request, page, status=status_for(error.problems[0].code))
    return RedirectResponse(f"{USERS_PATH}?moved={quote(moved.username)}", status_code=303)


__all__ = ["AuditPage", "HTMLResponse", "LoginPage", "router"]
