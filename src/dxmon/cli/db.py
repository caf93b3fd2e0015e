"""``dxmon db``: database migrations."""

from __future__ import annotations

import typer

from dxmon.cli.common import DatabaseOption, reports_errors, settings_for
from dxmon.store.db import current_revision, upgrade


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Cơ sở dữ liệu / database.", no_args_is_help=True)

    @group.command("upgrade")
    @reports_errors
    def upgrade_command(
        database_url: DatabaseOption = None,
        revision: str = typer.Option("head", help="Phiên bản đích / target revision."),
    ) -> None:
        """Nâng cấp lược đồ cơ sở dữ liệu / migrate the database schema."""
        url = settings_for(database_url).database_url
        before = current_revision(url)
        upgrade(url, revision)
        after = current_revision(url)
        typer.echo(f"Cơ sở dữ liệu/database: {before or '(mới/new)'} → {after}")

    @group.command("current")
    @reports_errors
    def current_command(database_url: DatabaseOption = None) -> None:
        """Phiên bản lược đồ hiện tại / current schema revision."""
        typer.echo(current_revision(settings_for(database_url).database_url) or "(trống/empty)")

    app.add_typer(group, name="db")
