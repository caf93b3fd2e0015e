"""Read-only commands (export, history, timeliness, agencies) never migrate the database.

An outdated database is refused with a clear error and left as it was; a SQLite file that does
not exist is not created. SQLite files and a real PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxmon.cli.app import app
from dxmon.store.db import current_revision, head_revision, upgrade

OLDER = "0004"
READ_ONLY = {
    "export": ["export", "--period", "2024S1", "--format", "csv"],
    "history": ["history", "--indicator", "online_fullprocess_dossier_rate",
                "--period", "2024S1"],
    "timeliness": ["timeliness", "--period", "2024-08"],
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def outdated_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database migrated only to an older revision."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("blank_postgres_url")
    upgrade(url, OLDER)
    yield url


def _run(arguments: list[str], url: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*arguments, "--database-url", url])


@pytest.mark.parametrize("command", sorted(READ_ONLY))
def test_read_only_commands_refuse_an_outdated_database_and_leave_it(
        command: str, outdated_url: str) -> None:
    result = _run(READ_ONLY[command], outdated_url)
    assert result.exit_code == 1, result.output
    assert "STORE_SCHEMA_NOT_CURRENT" in result.output
    assert "dxmon db upgrade" in result.output
    assert current_revision(outdated_url).startswith(OLDER)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", sorted(READ_ONLY))
def test_read_only_commands_create_no_sqlite_file(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = _run(READ_ONLY[command], f"sqlite:///{missing}")
    assert result.exit_code == 1
    assert "STORE_SCHEMA_NOT_CURRENT" in result.output
    assert not missing.exists()


def test_read_only_commands_read_a_current_database(database_url: str) -> None:
    assert current_revision(database_url) == head_revision(database_url)
    assert _run(READ_ONLY["timeliness"], database_url).exit_code == 0
    exported = _run(READ_ONLY["export"], database_url)
    assert exported.exit_code == 0, exported.output


def test_agencies_needs_no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["agencies", "--as-of", "2024-06-30"]).exit_code == 0
    assert list(tmp_path.iterdir()) == []
