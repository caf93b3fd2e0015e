"""The web application: ``create_app(settings)`` builds it; nothing is created at import."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from dxmon import __version__
from dxmon.catalog.loader import set_catalog_dir
from dxmon.settings import Settings
from dxmon.store.db import make_engine
from dxmon.web import cache, errors
from dxmon.web.api import (
    audit,
    auth,
    catalog,
    channels,
    check,
    datavaluesets,
    dossiers,
    figures,
    observations,
    registry,
    reports,
    submissions,
    users,
)
from dxmon.web.limits import BodyLimits
from dxmon.web.pages import access as access_pages
from dxmon.web.pages import channels as channel_pages
from dxmon.web.pages import collect as collect_pages
from dxmon.web.pages import dashboard as dashboard_pages
from dxmon.web.pages import narratives as narrative_pages


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.engine.dispose()


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="dxmon", version=__version__, lifespan=lifespan,
                  description="Giám sát và báo cáo chuyển đổi số quốc gia / national "
                              "digital-transformation monitoring and reporting.",
                  openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs",
                  redoc_url=None)
    app.state.settings = settings
    if settings.catalog_dir is not None:
        set_catalog_dir(settings.catalog_dir)
    app.state.engine = make_engine(settings.database_url)
    app.state.write_lock = threading.Lock()  # SQLite: one writing request at a time
    errors.install(app)
    cache.install(app)
    check_limit = min(settings.max_check_bytes, settings.max_upload_bytes)
    app.add_middleware(BodyLimits, max_bytes=settings.max_upload_bytes,
                       timeout_seconds=settings.body_timeout_seconds,
                       by_path={"/api/v1/check": (check_limit, "CHECK_TOO_LARGE")})
    for router in (reports.router, dossiers.router, auth.router, users.router, audit.router,
                   registry.router, channels.router, catalog.router, observations.router,
                   figures.router, submissions.router, check.router, datavaluesets.router,
                   access_pages.router, collect_pages.router, channel_pages.router,
                   narrative_pages.router):
        app.include_router(router)
    app.dependency_overrides[dossiers.landing_dir] = lambda: settings.landing_dir
    app.include_router(dashboard_pages.router)
    app.mount("/static", StaticFiles(packages=[("dxmon.web", "static")]), name="static")
    return app
