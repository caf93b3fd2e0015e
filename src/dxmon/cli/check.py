"""``dxmon check``: list every figure of a report's text that does not add up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import ArgumentsCommand, reports_errors

if TYPE_CHECKING:
    from dxmon.check.schemas import CheckResult, Finding

COLOURS = {"error": typer.colors.RED, "warning": typer.colors.YELLOW, "note": typer.colors.CYAN}
LABELS = {"error": "lỗi/error", "warning": "cảnh báo/warning", "note": "ghi chú/note"}

app = typer.Typer()


def echo_text(result: CheckResult) -> None:
    for finding in result.findings:
        echo_finding(result.name, finding)
    typer.echo(f"{result.name}: {result.error_count} lỗi/errors, {result.warning_count} cảnh "
               f"báo/warnings, {result.note_count} ghi chú/notes")


def echo_finding(name: str, finding: Finding) -> None:
    head = f"{name}:{finding.line}:{finding.column}: {LABELS[finding.severity]} [{finding.kind}]"
    typer.secho(head, fg=COLOURS[finding.severity], bold=True)
    typer.echo(f"    {finding.excerpt}")
    typer.echo(f"    nêu/stated: {finding.stated} · đúng ra/expected: {finding.expected}")
    typer.echo(f"    {finding.message_vi}")
    typer.echo(f"    {finding.message_en}")


@app.command("check", cls=ArgumentsCommand)
@reports_errors
def check_command(
    files: Annotated[list[Path], typer.Argument(
        exists=True, dir_okay=False, metavar="FILE...",
        help="Báo cáo (.txt, .md, .docx) / report files.")],
    fmt: Annotated[str, typer.Option("--format", metavar="text|json",
                                     help="Định dạng / output format.")] = "text",
) -> None:
    """Kiểm tra số liệu của báo cáo / check that a report's figures add up.

    Exit status 1 when any file has an error-severity finding.
    """
    from dxmon.check.service import check_path

    if fmt not in ("text", "json"):
        raise typer.BadParameter("text | json", param_hint="--format")
    results = [check_path(path) for path in files]
    if fmt == "json":
        typer.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            echo_text(result)
    if any(result.error_count for result in results):
        raise typer.Exit(1)


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
