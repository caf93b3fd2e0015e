"""What every command shares: settings, the database option and error reporting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from dxmon.errors import DxmonError, Problem
from dxmon.settings import Settings
from dxmon.store.db import is_busy, make_engine, upgrade

P = ParamSpec("P")
R = TypeVar("R")

DatabaseOption = Annotated[
    str | None,
    typer.Option("--database-url", envvar="DXMON_DATABASE_URL",
                 help="URL cơ sở dữ liệu / database URL (mặc định/default: sqlite:///dxmon.db)."),
]


def settings_for(database_url: str | None) -> Settings:
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings


@contextmanager
def open_store(database_url: str | None) -> Iterator[Engine]:
    """Migrate the database to the newest schema, then hand out an engine."""
    url = settings_for(database_url).database_url
    upgrade(url)
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


EXIT_RETRY = 75  # EX_TEMPFAIL: nothing was done, the same command may succeed later


def reports_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn domain errors into readable messages on stderr and exit status 1; a database kept
    busy by another process exits 75 (retry), never with a traceback."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except DxmonError as error:
            for problem in error.problems:
                typer.secho(f"Lỗi/Error {problem.render()}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from None
        except OperationalError as error:
            if not is_busy(error):
                raise
            typer.secho("Lỗi/Error [DATABASE_BUSY] Cơ sở dữ liệu đang bận (tiến trình khác đang "
                        "ghi); không có gì được lưu, hãy chạy lại. / The database is busy "
                        "(another process is writing); nothing was stored, run it again.",
                        fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_RETRY) from None

    return wrapper


def echo_problems(problems: Iterable[Problem], colour: str = typer.colors.RED) -> None:
    """One indented line per problem on stderr: code, location, Vietnamese / English."""
    for problem in problems:
        typer.secho(f"  {problem.render()}", fg=colour, err=True)
