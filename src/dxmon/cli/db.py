"""``dxmon db``: database migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from dxmon.cli.common import DatabaseOption, reports_errors, settings_for

app = typer.Typer(help="Cơ sở dữ liệu / database.", no_args_is_help=True)


@app.command("upgrade")
@reports_errors
def upgrade_command(
    database_url: DatabaseOption = None,
    revision: Annotated[str, typer.Option("--revision", metavar="REVISION",
                                          help="Phiên bản đích / target revision.")] = "head",
) -> None:
    """Nâng cấp lược đồ cơ sở dữ liệu / migrate the database schema."""
    from dxmon.store.db import current_revision, upgrade

    url = settings_for(database_url).database_url
    before = current_revision(url)
    upgrade(url, revision)
    after = current_revision(url)
    typer.echo(f"Cơ sở dữ liệu/database: {before or '(mới/new)'} → {after}")


@app.command("current")
@reports_errors
def current_command(database_url: DatabaseOption = None) -> None:
    """Phiên bản lược đồ hiện tại / current schema revision."""
    from dxmon.store.db import current_revision

    typer.echo(current_revision(settings_for(database_url).database_url) or "(trống/empty)")


def register(root: typer.Typer) -> None:
    """Mount ``dxmon db`` on the root app."""
    root.add_typer(app, name="db")
