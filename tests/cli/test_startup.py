"""The CLI starts light: building it, ``--help`` and ``agencies`` load no heavy library.

Each check runs in a fresh interpreter, since the test process itself has imported much more.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("ibis", "pandas", "fastapi", "weasyprint", "matplotlib", "pyspark", "sqlalchemy",
         "pyarrow", "duckdb", "rich")
CHECK = """
import json, sys
{setup}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def _loaded_after(setup: str) -> set[str]:
    code = CHECK.format(setup=setup)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded_after("import dxmon.cli.app").isdisjoint(HEAVY)


@pytest.mark.parametrize("arguments", [["--help"], ["agencies", "--as-of", "2024-06-30"],
                                       ["measure", "--help"], ["check", "--help"]])
def test_light_commands_load_no_heavy_library(arguments: list[str]) -> None:
    run = ("from dxmon.cli.app import app\n"
           f"try:\n    app({arguments!r})\nexcept SystemExit as end:\n"
           "    assert not end.code, end.code")
    assert _loaded_after(run).isdisjoint(HEAVY)


def test_help_shows_no_raw_type_labels() -> None:
    from typer.main import get_command
    from typer.testing import CliRunner

    from dxmon.cli.app import app

    for path in _command_paths(get_command(app), ()):
        text = CliRunner().invoke(app, [*path, "--help"], catch_exceptions=False).output
        assert "Usage:" in text
        assert "<" not in text and "{" not in text, f"dxmon {' '.join(path)}:\n{text}"


def _command_paths(command, path):  # type: ignore[no-untyped-def]
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))
