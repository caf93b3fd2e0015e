"""``dxmon report``: write the summary report of a period in one format."""

from __future__ import annotations

from pathlib import Path

import typer

from dxmon.cli.common import DatabaseOption, echo_problems, open_store, reports_errors
from dxmon.numbers import format_count
from dxmon.report import service
from dxmon.store.db import transaction


def write_report(database_url: str | None, *, period: str, formats: dict[str, Path],
                 template: str | None = None, template_dir: Path | None = None) -> int:
    """Generate the report once and write it in each format asked for; return how many
    figures it could not find (each printed as a marked "(chưa có số liệu)")."""
    with open_store(database_url) as engine, transaction(engine) as session:
        report = service.generate(session, period=period, template=template,
                                  template_dir=template_dir,
                                  with_charts=set(formats) != {"md"})
    for fmt, out in formats.items():
        data = report.render(fmt)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        typer.echo(f"Đã ghi/written {out} ({format_count(len(data))} byte)")
    for indicator, scope, missing_period, window in report.missing:
        typer.secho(f"  Thiếu số liệu/missing figure: {indicator} · {scope} · "
                    f"{missing_period} · {window}", fg=typer.colors.YELLOW, err=True)
    echo_problems(report.narrative_findings, typer.colors.YELLOW)
    typer.echo(f"Số liệu còn thiếu/missing figures: {format_count(report.missing_count)} "
               "(xem Phụ lục: Tình trạng số liệu / see the data-status annex)")
    return report.missing_count


def register(app: typer.Typer) -> None:
    @app.command("report")
    @reports_errors
    def report_command(
        period: str = typer.Option(..., "--period", help="Kỳ / period: 2024S1, 2024-08…"),
        fmt: str = typer.Option("md", "--format", help="md | html | docx | pdf"),
        out: Path = typer.Option(..., "--out", help="Tệp kết quả / output file."),
        template: str | None = typer.Option(
            None, "--template", help="Tên mẫu / template name (half_year, monthly)."),
        template_dir: Path | None = typer.Option(
            None, "--template-dir", exists=True, file_okay=False,
            help="Thư mục mẫu của bạn / your own template folder."),
        strict: bool = typer.Option(
            False, "--strict",
            help="Thoát mã 1 nếu còn thiếu số liệu (bản phát hành) / exit 1 when any figure "
                 "is missing (release copy)."),
        database_url: DatabaseOption = None,
    ) -> None:
        """Viết báo cáo tóm tắt của một kỳ / write a period's summary report."""
        missing = write_report(database_url, period=period, formats={fmt: out},
                               template=template, template_dir=template_dir)
        if strict and missing:
            typer.secho("Báo cáo còn thiếu số liệu (--strict) / the report has missing "
                        "figures (--strict).", fg=typer.colors.RED, err=True)
            raise typer.Exit(1)
