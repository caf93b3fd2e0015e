"""The ``dxmon`` command: one root Typer app assembled from one module per command group.

Every command module defines module-level Typer apps (mounted by its ``register``) and
imports its services inside the commands, so building this app (and ``dxmon --help``) loads
no database, dataframe or web library. Help is plain text (``rich_markup_mode=None``): no
Rich import at start-up.
"""

from __future__ import annotations

from typing import Annotated

import typer

from dxmon import __version__
from dxmon.cli import (
    access,
    agencies,
    catalog,
    check,
    data,
    db,
    demo,
    measure,
    report,
    serve,
    timeliness,
)

app = typer.Typer(
    name="dxmon",
    help="dxmon — giám sát và báo cáo chuyển đổi số quốc gia / national digital-transformation "
         "monitoring and reporting.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"dxmon {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="In phiên bản / print the version.")] = False,
) -> None:
    """dxmon: giám sát chuyển đổi số quốc gia / national digital-transformation monitoring."""


for module in (agencies, catalog, data, demo, report, measure, serve, check, timeliness, db,
               access):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":  # python -m dxmon.cli.app
    main()
