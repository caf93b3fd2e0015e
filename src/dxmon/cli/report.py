"""``dxmon report``: write the summary report of a period in one format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxmon.cli.common import DatabaseOption, echo_problems, open_store, reports_errors

app = typer.Typer()


def write_report(database_url: str | None, *, period: str, formats: dict[str, Path],
                 template: str | None = None, template_dir: Path | None = None,
                 preview: bool = False) -> int:
    """Generate the report once and write it in each format asked for; return how many
    figures it could not find (each printed as a marked "(chưa có số liệu)")."""
    from dxmon.compute.facts import View
    from dxmon.numbers import format_count
    from dxmon.report import service
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        report = service.generate(session, period=period, template=template,
                                  template_dir=template_dir,
                                  with_charts=set(formats) != {"md"},
                                  view=View.of(preview))
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


@app.command("report")
@reports_errors
def report_command(
    period: Annotated[str, typer.Option("--period", metavar="PERIOD",
                                        help="Kỳ / period: 2024S1, 2024-08…")],
    out: Annotated[Path, typer.Option("--out", metavar="FILE",
                                      help="Tệp kết quả / output file.")],
    fmt: Annotated[str, typer.Option("--format", metavar="md|html|docx|pdf",
                                     help="Định dạng / file format.")] = "md",
    template: Annotated[str | None, typer.Option(
        "--template", metavar="NAME",
        help="Tên mẫu / template name (half_year, monthly).")] = None,
    template_dir: Annotated[Path | None, typer.Option(
        "--template-dir", exists=True, file_okay=False, metavar="DIR",
        help="Thư mục mẫu của bạn / your own template folder.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Thoát mã 1 nếu còn thiếu số liệu (bản phát hành) / exit 1 when any "
                         "figure is missing (release copy).")] = False,
    preview: Annotated[bool, typer.Option(
        "--preview", help="Gồm cả số liệu chưa công bố; báo cáo ghi BẢN NHÁP / include "
                          "unpublished figures; the report is marked DRAFT.")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Viết báo cáo tóm tắt của một kỳ / write a period's summary report (published figures
    unless --preview)."""
    missing = write_report(database_url, period=period, formats={fmt: out}, template=template,
                           template_dir=template_dir, preview=preview)
    if strict and missing:
        typer.secho("Báo cáo còn thiếu số liệu (--strict) / the report has missing figures "
                    "(--strict).", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
