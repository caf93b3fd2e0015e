"""Docs stay true: every setting is documented, and the README's commands are the scripts."""

from pathlib import Path

from dxmon.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented():
    documented = (ROOT / "docs" / "settings.md").read_text()
    for name in Settings.model_fields:
        assert f"DXMON_{name.upper()}" in documented, name


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in readme
    assert "exec bash scripts/test.sh" in ci
    assert "bash scripts/demo.sh" in readme


def test_readme_lists_every_command():
    from typer.main import get_command

    from dxmon.cli.app import app

    readme = (ROOT / "README.md").read_text()
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"dxmon {name}" in readme, name
