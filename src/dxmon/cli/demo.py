"""``dxmon load-demo`` and ``dxmon demo``: the seed reports' facts, loaded and reported."""

from __future__ import annotations

import typer

from dxmon.cli.common import DatabaseOption, open_store, reports_errors, settings_for
from dxmon.cli.report import write_report

DEMO_REPORTS = (("2024S1", "bao-cao-6-thang-dau-nam-2024"), ("2024-08", "bao-cao-thang-8-2024"))
FORMATS = ("md", "html", "docx", "pdf")

SEVERITY_COLOURS = {"error": typer.colors.RED, "warning": typer.colors.YELLOW,
                    "note": typer.colors.BLUE}

app = typer.Typer()


def _load(database_url: str | None) -> None:
    from dxmon import demo as demo_data
    from dxmon.store.db import transaction

    with open_store(database_url) as engine, transaction(engine) as session:
        load = demo_data.load_demo(session)
    counts = ", ".join(f"{key} {value}" for key, value in sorted(load.counts.items()))
    typer.echo(f"Đã nạp dữ liệu mẫu/demo data loaded: {counts}")
    for name in sorted(set(load.unresolved)):
        typer.secho(f"  Không nhận ra tên cơ quan/unresolved agency name: {name}",
                    fg=typer.colors.YELLOW, err=True)


def print_warnings(database_url: str | None, period: str | None = None,
                   err: bool = False) -> None:
    """The data-quality warnings recorded for the sources (all, or one period's); reads only."""
    from dxmon import demo as demo_data
    from dxmon.store.db import transaction

    with open_store(database_url, migrate=False) as engine, transaction(engine) as session:
        warnings = demo_data.data_quality_warnings(session, period)
        lines = [(w.severity, f"[{w.severity}] {w.code} ({w.source}): {w.message_vi}\n"
                              f"    {w.message_en}") for w in warnings]
    typer.secho(f"\nCảnh báo chất lượng dữ liệu / data-quality warnings: {len(lines)}",
                bold=True, err=err)
    for severity, line in lines:
        typer.secho(line, fg=SEVERITY_COLOURS.get(severity), err=err)


@app.command("load-demo")
@reports_errors
def load_demo_command(database_url: DatabaseOption = None) -> None:
    """Nạp dữ liệu mẫu từ hai báo cáo gốc / load the demo data from the seed reports."""
    _load(database_url)
    print_warnings(database_url)


@app.command("demo")
@reports_errors
def demo_command(database_url: DatabaseOption = None) -> None:
    """Chạy toàn bộ bản trình diễn / run the whole demo: load the data, print the
    data-quality warnings, write the reports into ./out/."""
    settings = settings_for(database_url)
    _load(database_url)
    print_warnings(database_url)
    typer.echo("")
    for period, name in DEMO_REPORTS:
        write_report(database_url, period=period,
                     formats={fmt: settings.out_dir / f"{name}.{fmt}" for fmt in FORMATS})
    typer.echo(f"\nThư mục kết quả/output folder: {settings.out_dir.resolve()}")


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
