"""``docs/cli-reference.md``, generated from the CLI itself: every command's ``--help``.

    python -m dxmon.cli.reference > docs/cli-reference.md

``tests/test_docs.py`` fails when the file differs from what this prints.
"""

from __future__ import annotations

from collections.abc import Iterator

import typer
from typer.main import get_command

WIDTH = 100  # fixed, so that the text does not depend on the terminal that generates it
HEADER = """# dxmon command reference

Generated from the commands' own help by `python -m dxmon.cli.reference >
docs/cli-reference.md`; `tests/test_docs.py` checks that it is current. Every command also
answers `--help`. The database is chosen with `--database-url` or `DXMON_DATABASE_URL`
(see `docs/settings.md`).
"""


def _contexts(command: typer.core.TyperGroup | typer.core.TyperCommand,
              context: typer.Context) -> Iterator[typer.Context]:
    yield context
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _contexts(sub, typer.Context(sub, info_name=name, parent=context,
                                                terminal_width=WIDTH,
                                                max_content_width=WIDTH))


def render(app: typer.Typer) -> str:
    """Markdown: a section per command, its help text as printed by ``--help``."""
    root = get_command(app)
    top = typer.Context(root, info_name="dxmon", terminal_width=WIDTH, max_content_width=WIDTH)
    sections = [HEADER]
    for context in _contexts(root, top):  # type: ignore[arg-type]
        help_text = context.command.get_help(context).rstrip()
        sections.append(f"## `{context.command_path}`\n\n```text\n{help_text}\n```\n")
    return "\n".join(sections)


def main() -> None:
    from dxmon.cli.app import app

    print(render(app), end="")


if __name__ == "__main__":
    main()
