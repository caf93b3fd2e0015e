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


def bulletin_name(code: str, period: str, fmt: str) -> str:
    """The file of one agency's bulletin in an --all-agencies folder."""
    return f"ban-tin-{code}-{period}.{fmt}"


def write_bulletins(database_url: str | None, *, period: str, agency: str | None, out: Path,
                    fmt: str, template_dir: Path | None = None, preview: bool = False) -> int:
    """Write one agency's bulletin to ``out`` (a file), or every reporting unit's into
    ``out`` (a folder); return how many figures they could not find."""
    from dxmon.compute.facts import View
    from dxmon.numbers import format_count
    from dxmon.report import service
    from dxmon.store.db import transaction

    missing = written = 0
    with open_store(database_url) as engine, transaction(engine) as session:
        view, with_charts = View.of(preview), fmt != "md"
        reports = ([service.generate_bulletin(session, period=period, agency=agency,
                                              template_dir=template_dir,
                                              with_charts=with_charts, view=view)]
                   if agency else
                   service.generate_bulletins(session, period=period, template_dir=template_dir,
                                              with_charts=with_charts, view=view))
        for report in reports:
            target = out if agency else out / bulletin_name(
                report.template.removeprefix("agency-"), report.period, fmt)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(report.render(fmt))
            missing += report.missing_count
            written += 1
            if agency:
                typer.echo(f"Đã ghi/written {target}")
    if not agency:
        typer.echo(f"Đã ghi/written {format_count(written)} bản tin/bulletins in {out}")
    typer.echo(f"Số liệu còn thiếu/missing figures: {format_count(missing)} "
               "(xem Phụ lục: Tình trạng số liệu / see the data-status annex)")
    return missing


@app.command("report")
@reports_errors
def report_command(
    period: Annotated[str, typer.Option("--period", metavar="PERIOD",
                                        help="Kỳ / period: 2024S1, 2024-08…")],
    out: Annotated[Path, typer.Option(
        "--out", metavar="FILE|DIR",
        help="Tệp kết quả (thư mục với --all-agencies) / output file (a folder with "
             "--all-agencies).")],
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
    agency: Annotated[str | None, typer.Option(
        "--agency", metavar="CODE",
        help="Bản tin của một bộ, ngành, địa phương / one agency's bulletin.")] = None,
    all_agencies: Annotated[bool, typer.Option(
        "--all-agencies", help="Bản tin của mọi đơn vị báo cáo vào cuối kỳ, ghi vào thư mục "
                               "--out / every reporting unit's bulletin, into the --out "
                               "folder.")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Viết báo cáo tóm tắt của một kỳ, hoặc bản tin của cơ quan / write a period's summary
    report, or agency bulletins (published figures unless --preview)."""
    if agency and all_agencies:
        raise typer.BadParameter("--agency hoặc/or --all-agencies, không cả hai / not both")
    if agency or all_agencies:
        missing = write_bulletins(database_url, period=period, agency=agency, out=out,
                                  fmt=fmt, template_dir=template_dir, preview=preview)
    else:
        missing = write_report(database_url, period=period, formats={fmt: out},
                               template=template, template_dir=template_dir, preview=preview)
    if strict and missing:
        typer.secho("Báo cáo còn thiếu số liệu (--strict) / the report has missing figures "
                    "(--strict).", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
