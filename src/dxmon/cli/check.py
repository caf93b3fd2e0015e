"""``dxmon check``: list every figure of a report's text that does not add up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import ArgumentsCommand, DatabaseOption, open_store, reports_errors

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
    if result.coverage is not None:
        coverage = result.coverage
        typer.echo(f"    số liệu/numbers: {coverage.numbers}, đã kiểm tra/checked: "
                   f"{coverage.checked} {coverage.by_kind}; chưa/not: "
                   f"{coverage.unchecked_by_reason}")
    if result.data is not None:
        echo_data(result)


def echo_data(result: CheckResult) -> None:
    assert result.data is not None
    data = result.data
    typer.echo(f"    đối chiếu dữ liệu/against data ({data.period}): {len(data.matched)} khớp/"
               f"matched ({data.disagreeing} khác/disagree), {len(data.unmatched)} không khớp/"
               f"unmatched")
    for item in data.unmatched:
        typer.echo(f"    {result.name}:{item.line}:{item.column}: không khớp/unmatched "
                   f"{item.text} ({item.reason})")


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
    against_data: Annotated[bool, typer.Option(
        "--against-data",
        help="Đối chiếu với số liệu đã lưu / compare each figure with the stored data.")
    ] = False,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="PERIOD",
        help="Kỳ của báo cáo / the report's period (2024S1, 2024-08…).")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Kiểm tra số liệu của báo cáo / check that a report's figures add up.

    Exit status 1 when any file has an error-severity finding.
    """
    from dxmon.check.service import check_path

    if fmt not in ("text", "json"):
        raise typer.BadParameter("text | json", param_hint="--format")
    if against_data:
        results = _against_data(files, period, database_url)
    else:
        results = [check_path(path) for path in files]
    if fmt == "json":
        typer.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            echo_text(result)
    if any(result.error_count for result in results):
        raise typer.Exit(1)


def _against_data(files: list[Path], period: str | None,
                  database_url: str | None) -> list[CheckResult]:
    """Check each file against the published figures of the database (read only)."""
    from dxmon.check.service import AgainstData, check_path
    from dxmon.compute.figures import FigureBook
    from dxmon.errors import DxmonError, Problem
    from dxmon.store.db import transaction

    if period is None:
        raise DxmonError(Problem(
            code="CHECK_PERIOD_REQUIRED", field="period",
            message_vi="--against-data cần --period (kỳ của báo cáo, ví dụ 2024S1).",
            message_en="--against-data needs --period (the report's period, e.g. 2024S1)."))
    with open_store(database_url, migrate=False) as engine, transaction(engine) as session:
        against = AgainstData(FigureBook(session), period)
        return [check_path(path, against=against) for path in files]


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
