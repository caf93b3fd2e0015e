"""``dxmon serve``: the web application under uvicorn."""

from __future__ import annotations

import typer

from dxmon.cli.common import DatabaseOption, reports_errors, settings_for
from dxmon.store.db import upgrade


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @reports_errors
    def serve_command(
        host: str | None = typer.Option(None, help="Địa chỉ / address (mặc định 127.0.0.1)."),
        port: int | None = typer.Option(None, help="Cổng / port (mặc định 8000)."),
        database_url: DatabaseOption = None,
    ) -> None:
        """Chạy trang web và API / serve the web pages and the API."""
        import uvicorn

        from dxmon.web.app import create_app

        settings = settings_for(database_url)
        settings = settings.model_copy(update={"host": host or settings.host,
                                               "port": port or settings.port})
        upgrade(settings.database_url)
        typer.echo(f"dxmon: http://{settings.host}:{settings.port}/ (Ctrl+C để dừng/to stop)")
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                    log_level="warning")
