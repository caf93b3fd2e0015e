"""Docs stay true: every setting is documented, the README's commands are the scripts, the CLI
reference is generated from the CLI and the README's examples run."""

import re
import shlex
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


def test_cli_reference_is_generated_from_the_cli():
    """docs/cli-reference.md is what `python -m dxmon.cli.reference` prints now
    (DXMON_UPDATE_SNAPSHOTS=1 rewrites it)."""
    from dxmon.cli.app import app
    from dxmon.cli.reference import render
    from tests.snapshot import updating

    path = ROOT / "docs" / "cli-reference.md"
    generated = render(app)
    if updating():
        path.write_text(generated, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == generated, (
        "docs/cli-reference.md is out of date: python -m dxmon.cli.reference > "
        "docs/cli-reference.md")


def readme_examples() -> list[str]:
    """The `$ ` lines of the README's ``console`` blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    return [line[2:] for block in blocks for line in block.splitlines()
            if line.startswith("$ ")]


def test_readme_examples_run_on_a_temporary_database(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from dxmon.cli.app import app

    examples = readme_examples()
    assert len(examples) >= 10
    monkeypatch.chdir(tmp_path)
    for example in examples:
        words = shlex.split(example)
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            monkeypatch.setenv(name, value)
            continue
        assert words[0] == "dxmon", f"README example not runnable offline: {example}"
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, f"$ {example}\n{result.output}"
    assert (tmp_path / "scratch.db").exists()
