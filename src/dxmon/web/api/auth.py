"""Signing in and out: ``POST /api/v1/auth/login`` sets the session and CSRF cookies."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from dxmon.access import credentials
from dxmon.access.schemas import LoginRequest, Principal, Role
from dxmon.access.service import reporter_notice
from dxmon.errors import DxmonError
from dxmon.store.db import transaction
from dxmon.web import cookies
from dxmon.web.deps import (
    SESSION_COOKIE,
    CurrentUser,
    EngineDep,
    SessionDep,
    SettingsDep,
    client_ip,
    login_policy,
)
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], responses=ERROR_RESPONSES)


class Me(BaseModel):
    username: str
    role: Role
    agency: str | None
    via: str
    notice_vi: str | None = Field(
        None, description="For a reporter of an agency no longer in force: its successor to "
                          "report under, and how an administrator moves the account.")
    notice_en: str | None = Field(None, description="The same notice in English.")


class LoginResponse(BaseModel):
    user: Me
    csrf_token: str


def _me(user: Principal) -> Me:
    notice = reporter_notice(user)
    return Me(username=user.username, role=user.role, agency=user.agency, via=user.via,
              notice_vi=notice[0] if notice else None, notice_en=notice[1] if notice else None)


@router.post("/login")
def login(body: LoginRequest, request: Request, response: Response, engine: EngineDep,
          settings: SettingsDep) -> LoginResponse:
    """Check the password (failed attempts per username and address are throttled) and set
    the ``dxmon_session`` (HttpOnly) and ``dxmon_csrf`` cookies."""
    with transaction(engine) as session:  # the attempt is kept even when the login fails
        result = credentials.login(session, username=body.username, password=body.password,
                                   ip=client_ip(request), policy=login_policy(settings))
    if result.problem is not None:
        raise DxmonError(result.problem)
    assert result.principal and result.cookie and result.csrf_token
    cookies.set_session(response, cookie=result.cookie, csrf_token=result.csrf_token,
                        settings=settings)
    return LoginResponse(user=_me(result.principal), csrf_token=result.csrf_token)


@router.post("/logout", status_code=204)
def logout(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """End the browser session (a token holder has nothing to end: revoke the token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and user.via == "session":
        credentials.logout(session, cookie)
    response = Response(status_code=204)
    cookies.clear_session(response)
    return response


@router.get("/me")
def me(user: CurrentUser) -> Me:
    """Who the credentials belong to."""
    return _me(user)
