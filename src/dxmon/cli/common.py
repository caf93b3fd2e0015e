"""What every command shares: settings, the database option and error reporting.

Commands import their domain services inside the command body, never at module level, so
that ``dxmon --help`` and light commands start without loading SQLAlchemy, Ibis, pandas or
the web stack (``tests/cli/test_startup.py`` keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from dxmon.errors import DxmonError, Problem

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from dxmon.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")

DatabaseOption = Annotated[
    str | None,
    typer.Option("--database-url", envvar="DXMON_DATABASE_URL", metavar="URL",
                 help="URL cơ sở dữ liệu / database URL (mặc định/default: sqlite:///dxmon.db)."),
]


class _NamedArgument(TyperArgument):
    """An argument shown in help by its metavar alone (``FILE...``), not ``<list[Path]>``."""

    def display_type_rich(self, ctx: object) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self.display_name_raw

    def _usage_display_name(self) -> str:
        return self.display_name_raw


class ArgumentsCommand(TyperCommand):
    """A command whose positional arguments are named by their metavar in help and usage.

    Typer labels arguments with their Python type (``FILE... <list[Path]>``,
    ``{FILE}...``); the metavar already says what to give. Pass as ``cls=`` to
    ``app.command`` for commands with arguments; each argument must set ``metavar``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.__class__ = _NamedArgument


def settings_for(database_url: str | None) -> Settings:
    from dxmon.settings import Settings

    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings


@contextmanager
def open_store(database_url: str | None, *, migrate: bool = True) -> Iterator[Engine]:
    """An engine on the database; it is migrated to the newest schema first, unless
    ``migrate`` is false (read-only commands), when an outdated database is refused."""
    from dxmon.store.db import ensure_current, make_engine, upgrade

    url = settings_for(database_url).database_url
    if migrate:
        upgrade(url)
    else:
        ensure_current(url)
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
        except Exception as error:
            if not _busy(error):
                raise
            typer.secho("Lỗi/Error [DATABASE_BUSY] Cơ sở dữ liệu đang bận (tiến trình khác đang "
                        "ghi); không có gì được lưu, hãy chạy lại. / The database is busy "
                        "(another process is writing); nothing was stored, run it again.",
                        fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_RETRY) from None

    return wrapper


def _busy(error: Exception) -> bool:
    """A SQLite database still locked by another process after the busy timeout (imported
    only when something failed, so that light commands never load SQLAlchemy)."""
    from sqlalchemy.exc import OperationalError

    from dxmon.store.db import is_busy

    return isinstance(error, OperationalError) and is_busy(error)


def echo_problems(problems: Iterable[Problem], colour: str = typer.colors.RED) -> None:
    """One indented line per problem on stderr: code, location, Vietnamese / English."""
    for problem in problems:
        typer.secho(f"  {problem.render()}", fg=colour, err=True)
