"""``dxmon dossiers ingest``, ``dxmon synth dossiers`` and ``dxmon measure``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import (
    ArgumentsCommand,
    DatabaseOption,
    echo_problems,
    open_store,
    reports_errors,
)
from dxmon.scopes import MINISTRIES_SCOPE, PROVINCES_SCOPE

if TYPE_CHECKING:
    from dxmon.measure.schemas import IngestSummary, MeasureResult

LandingOption = Annotated[
    Path | None,
    typer.Option("--landing", envvar="DXMON_LANDING_DIR", metavar="DIR",
                 help="Thư mục vùng tiếp nhận hồ sơ / landing area of dossier records "
                      "(mặc định/default: landing)."),
]
HEADLINE = ("nation", MINISTRIES_SCOPE, PROVINCES_SCOPE)

app = typer.Typer()
dossiers_app = typer.Typer(help="Hồ sơ thủ tục hành chính / administrative dossier records.",
                           no_args_is_help=True)
synth_app = typer.Typer(help="Dữ liệu tổng hợp / synthetic data.", no_args_is_help=True)


def _landing(value: Path | None) -> Path:
    from dxmon.settings import Settings

    return value if value is not None else Settings().landing_dir


def _print_ingest(summary: IngestSummary) -> None:
    verb = "Đã nhập/ingested" if summary.written else "Không thay đổi/nothing written"
    typer.echo(f"{verb}: {summary.records} bản ghi/records — mới/accepted {summary.accepted}, "
               f"thay thế/replaced {summary.replaced}, không đổi/unchanged {summary.unchanged}, "
               f"bị từ chối/rejected {summary.rejected}; tháng/months: "
               f"{', '.join(summary.months) or '-'}")
    echo_problems(summary.problems)


def _print_headline(result: MeasureResult) -> None:
    typer.echo(f"Kỳ/period {result.period} ({result.engine}); tháng đã đọc/months scanned: "
               f"{', '.join(result.months_scanned) or '-'} ({result.rows_scanned} rows)")
    if result.months_without_records:
        typer.secho(f"  Không có hồ sơ, không đo/no records, nothing measured: "
                    f"{', '.join(result.months_without_records)}", fg=typer.colors.YELLOW,
                    err=True)
    for value in result.values:
        if value.period == result.period and value.scope in HEADLINE:
            fraction = (f" = {value.numerator}/{value.denominator}"
                        if value.denominator is not None else "")
            typer.echo(f"  {value.indicator:34} {value.scope:18} {value.value}{fraction}")


@dossiers_app.command("ingest", cls=ArgumentsCommand)
@reports_errors
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(
        exists=True, dir_okay=False, readable=True, metavar="FILE...",
        help="Tệp Parquet, CSV hoặc JSON lines / files.")],
    landing: LandingOption = None,
    partial: Annotated[bool, typer.Option(
        "--partial", help="Nhận các bản ghi hợp lệ dù có bản ghi lỗi / keep good records "
                          "when some are bad.")] = False,
) -> None:
    """Nhập hồ sơ vào vùng tiếp nhận (không trùng lặp) / ingest dossiers (idempotent)."""
    from dxmon.measure import service

    summary = service.ingest_paths(paths=paths, landing=_landing(landing), partial=partial)
    _print_ingest(summary)
    if summary.problems:
        raise typer.Exit(1)


@synth_app.command("dossiers")
@reports_errors
def synth_command(
    rows: Annotated[int, typer.Option("--rows", min=1, metavar="N",
                                      help="Số bản ghi / number of records.")],
    out: Annotated[Path, typer.Option("--out", file_okay=False, metavar="DIR",
                                      help="Thư mục kết quả / output folder.")],
    seed: Annotated[int, typer.Option("--seed", metavar="N",
                                      help="Hạt giống ngẫu nhiên / random seed.")] = 2024,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="PERIOD",
        help="Kỳ (mặc định: 6 tháng đầu 2024) / period (default: 2024S1): 2025-08, 2024Q3…"
    )] = None,
) -> None:
    """Sinh hồ sơ tổng hợp cho một kỳ / generate synthetic dossiers for a period (the units
    in force then)."""
    from dxmon.measure.synth import synth_dossiers

    for path in synth_dossiers(rows=rows, out=out, seed=seed, period=period):
        typer.echo(f"Đã ghi/written: {path}")


@app.command("measure")
@reports_errors
def measure_command(
    period: Annotated[str, typer.Option("--period", metavar="PERIOD",
                                        help="Kỳ / period: 2024-06, 2024S1…")],
    engine: Annotated[str, typer.Option(
        "--engine", metavar="duckdb|spark",
        help="Bộ máy tính / engine (spark: pip install \"dxmon[spark]\").")] = "duckdb",
    spark_master: Annotated[str | None, typer.Option(
        "--spark-master", metavar="URL",
        help="Spark master: local[2], spark://host:7077, sc://host:15002 (Spark Connect)."
    )] = None,
    store: Annotated[bool, typer.Option(
        "--store", help="Lưu kết quả vào cơ sở dữ liệu / store as observations.")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", dir_okay=False, metavar="FILE",
        help="Ghi ra tệp .csv hoặc .parquet / write a file.")] = None,
    landing: LandingOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Đo các chỉ tiêu từ hồ sơ / measure indicators from dossier records."""
    from dxmon.measure import service
    from dxmon.store.db import transaction

    result = service.measure_period(period=period, landing=_landing(landing),
                                    engine=engine, spark_master=spark_master)
    _print_headline(result)
    if out is not None:
        service.write_results(result=result, out=out)
        typer.echo(f"Đã ghi/written: {out}")
    if store:
        with open_store(database_url) as db, transaction(db) as session:
            outcomes = service.store_results(session, result=result)
        typer.echo("Đã lưu/stored: " + ", ".join(f"{k} {v}" for k, v in outcomes.items()))


def register(root: typer.Typer) -> None:
    """Mount ``dxmon measure``, ``dxmon dossiers`` and ``dxmon synth`` on the root app."""
    root.add_typer(app)
    root.add_typer(dossiers_app, name="dossiers")
    root.add_typer(synth_app, name="synth")
