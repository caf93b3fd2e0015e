"""The ``dxmon`` command: one Typer app, one module per command group."""

from __future__ import annotations

import typer

from dxmon import __version__
from dxmon.cli import (
    access,
    agencies,
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
)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"dxmon {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="In phiên bản / print the version."),
) -> None:
    """dxmon: giám sát chuyển đổi số quốc gia / national digital-transformation monitoring."""


for module in (db, agencies, data, demo, report, measure, serve, access, check, timeliness):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":  # python -m dxmon.cli.app
    main()
