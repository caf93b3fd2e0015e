"""Rendering a page template (Jinja2, autoescaped) into an HTML response, with the words of
the visitor's language (``t``), the navigation and the signed-in user's CSRF token."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from dxmon.web.i18n import language, translator

NAVIGATION = (("/", "overview"), ("/chi-so", "indicators"), ("/co-quan", "agencies"),
              ("/xep-hang", "rankings"), ("/yeu-cau", "requirements"), ("/nhiem-vu", "tasks"),
              ("/bao-cao", "reports"), ("/kiem-tra", "check"), ("/nhap-lieu", "collect"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("dxmon.web", "templates"),
                       autoescape=select_autoescape(["html", "j2"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(request: Request, template: str, context: dict[str, Any],
           status: int = 200) -> HTMLResponse:
    lang = language(request)
    common = {"request": request, "lang": lang, "t": translator(lang),
              "navigation": NAVIGATION, "path": request.url.path,
              "csrf_cookie": request.cookies.get("dxmon_csrf", ""),
              "signed_in": "dxmon_session" in request.cookies}
    html = environment().get_template(template).render(**common, **context)
    return HTMLResponse(html, status_code=status)
