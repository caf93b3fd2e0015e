"""The one place that sets and clears the browser's session cookies: ``dxmon_session``
(HttpOnly, SameSite=Lax) and ``dxmon_csrf`` (readable by the page's script for the
double-submit check, SameSite=Strict), both for the whole site and for the session's lifetime;
``Secure`` when the settings say so. The API login, the sign-in page and both sign-outs use it.
"""

from __future__ import annotations

from starlette.responses import Response

from dxmon.settings import Settings
from dxmon.web.deps import CSRF_COOKIE, SESSION_COOKIE


def set_session(response: Response, *, cookie: str, csrf_token: str,
                settings: Settings) -> None:
    """Start the browser session: the session cookie and its CSRF token."""
    max_age = settings.session_hours * 3600
    response.set_cookie(SESSION_COOKIE, cookie, max_age=max_age, httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")
    set_csrf(response, csrf_token, settings=settings, max_age=max_age)


def set_csrf(response: Response, token: str, *, settings: Settings | None = None,
             max_age: int | None = None) -> None:
    """The CSRF cookie alone: a session's, or the sign-in form's pre-session token (no
    ``max_age``: it lasts as long as the browser)."""
    secure = settings.secure_cookies if settings is not None else False
    response.set_cookie(CSRF_COOKIE, token, max_age=max_age, httponly=False,
                        samesite="strict", secure=secure, path="/")


def clear_session(response: Response) -> None:
    """End the browser session: both cookies removed."""
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
