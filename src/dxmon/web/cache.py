"""A small cache of anonymous dashboard pages, valid until the next write of any fact.

Pages are built from append-only facts, so a page's HTML stays right until a fact is added:
the cache key holds ``collect.service.data_version`` (the newest id of every fact table),
read once per request. Only anonymous GET requests of dashboard pages are cached (a signed-in
visitor's layout carries their CSRF token); API routes, static files and forms are not.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from dxmon.collect.service import data_version
from dxmon.store.db import session_factory

CACHEABLE = ("/", "/index.json", "/chi-so", "/co-quan", "/xep-hang", "/yeu-cau", "/nhiem-vu",
             "/bao-cao")
NEVER = ("/api/", "/static/", "/nhap-lieu", "/dang-nhap", "/dang-xuat", "/kiem-tra",
         "/nhat-ky", "/ngon-ngu")
SIZE = 512


def _cacheable(request: Request) -> bool:
    path = request.url.path
    return (request.method == "GET" and "dxmon_session" not in request.cookies
            and not path.startswith(NEVER)
            and any(path == p or (p != "/" and path.startswith(p)) for p in CACHEABLE))


def install(app: FastAPI) -> None:
    pages: OrderedDict[tuple[object, ...], tuple[int, bytes, list[tuple[str, str]]]] = (
        OrderedDict())

    def version() -> tuple[int, ...]:
        with session_factory(app.state.engine)() as session:
            return data_version(session)

    @app.middleware("http")
    async def page_cache(request: Request,
                         call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not _cacheable(request):
            return await call_next(request)
        key = (str(request.url.path), str(request.url.query),
               request.cookies.get("dxmon_lang", ""), await run_in_threadpool(version))
        if key in pages:
            pages.move_to_end(key)
            status, body, headers = pages[key]
            return Response(body, status_code=status, headers=dict(headers))
        response = await call_next(request)
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        if response.status_code == 200 and "set-cookie" not in response.headers:
            pages[key] = (response.status_code, body, headers)
            if len(pages) > SIZE:
                pages.popitem(last=False)
        return Response(body, status_code=response.status_code, headers=dict(headers))
