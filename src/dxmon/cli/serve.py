"""``dxmon serve``: the web application under uvicorn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from dxmon.cli.common import DatabaseOption, reports_errors, settings_for

if TYPE_CHECKING:
    from dxmon.settings import Settings

app = typer.Typer()


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn reads X-Forwarded-For only from the configured proxies (by default, from
    none: a client could otherwise pick the address its failed logins are counted under)."""
    proxies = settings.trusted_proxies.strip()
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or None}


@app.command("serve")
@reports_errors
def serve_command(
    host: Annotated[str | None, typer.Option(
        "--host", metavar="ADDRESS", help="Địa chỉ / address (mặc định 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(
        "--port", metavar="PORT", help="Cổng / port (mặc định 8000).")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Chạy trang web và API / serve the web pages and the API."""
    import uvicorn

    from dxmon.store.db import upgrade
    from dxmon.web.app import create_app

    settings = settings_for(database_url)
    settings = settings.model_copy(update={"host": host or settings.host,
                                           "port": port or settings.port})
    upgrade(settings.database_url)
    typer.echo(f"dxmon: http://{settings.host}:{settings.port}/ (Ctrl+C để dừng/to stop)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="warning", **proxy_options(settings))


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
