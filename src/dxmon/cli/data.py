"""``dxmon import``, ``dxmon export`` and ``dxmon history``: the tabular layout in and out.

``export`` and ``history`` only read: they never migrate the database.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import (
    ArgumentsCommand,
    DatabaseOption,
    echo_problems,
    open_store,
    reports_errors,
    settings_for,
)
from dxmon.cli.demo import print_warnings

if TYPE_CHECKING:
    from dxmon.collect.flows import ImportSummary
    from dxmon.store.tables import Observation

app = typer.Typer()

PeriodOption = Annotated[str, typer.Option("--period", metavar="PERIOD",
                                           help="Kỳ / period: 2024S1, 2024-08…")]


def os_user() -> str:
    """The operating-system user running the command (what the audit log names)."""
    import getpass

    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (a bare container)
        return "os:unknown"


def _print_summary(summary: ImportSummary) -> None:
    if summary.problems:
        verb = "Bị từ chối, không lưu gì/rejected, nothing saved"
    elif summary.dry_run:
        verb = "Kiểm tra thử (không lưu)/dry run (nothing saved)"
    else:
        verb = "Đã nhập/imported"
    typer.echo(f"{verb}: {summary.filename} — {summary.rows} dòng/rows: "
               f"tạo mới/created {summary.created}, cập nhật/updated {summary.updated}, "
               f"không đổi/unchanged {summary.unchanged}, bị từ chối/rejected {summary.rejected}")
    echo_problems(summary.problems)


@app.command("import", cls=ArgumentsCommand)
@reports_errors
def import_command(
    file: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True, metavar="FILE",
        help="Tệp CSV, XLSX hoặc JSON / a CSV, XLSX or JSON file.")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Chỉ kiểm tra, không lưu / validate only.")] = False,
    actor: Annotated[str | None, typer.Option(
        "--actor", metavar="NAME",
        help="Người nhập, ghi vào nhật ký / who imports, as audited (mặc định: người dùng hệ "
             "điều hành / default: the OS user).")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Nhập số liệu (nguyên khối, không trùng lặp) / import data (atomic, idempotent)."""
    from dxmon.collect import flows
    from dxmon.store.db import transaction

    limit = settings_for(database_url).max_upload_bytes
    with open_store(database_url) as engine, transaction(engine) as session:
        summary = flows.import_file(session, file, dry_run=dry_run, max_bytes=limit,
                                    created_by=actor or os_user())
    _print_summary(summary)
    if summary.problems:
        raise typer.Exit(1)


@app.command("export")
@reports_errors
def export_command(
    period: PeriodOption,
    fmt: Annotated[str, typer.Option("--format", metavar="csv|xlsx|json",
                                     help="Định dạng / file format.")] = "csv",
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE", help="Tệp kết quả (mặc định: stdout) / output file.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Xuất số liệu hiện hành của một kỳ / export a period's current data."""
    from dxmon.collect import flows
    from dxmon.periods import Period
    from dxmon.store.db import transaction

    with open_store(database_url, migrate=False) as engine, transaction(engine) as session:
        data = flows.export_period(session, period, fmt)
    if out is not None:
        out.write_bytes(data)
        typer.echo(f"Đã ghi/written: {out}", err=True)
    elif fmt == "xlsx":
        raise typer.BadParameter("XLSX cần --out FILE / XLSX needs --out FILE")
    else:
        sys.stdout.write(data.decode("utf-8"))
    # the warnings go to stderr, so that the exported file stays re-importable
    print_warnings(database_url, Period.parse(period).id, err=True)


@app.command("history")
@reports_errors
def history_command(
    indicator: Annotated[str, typer.Option("--indicator", metavar="CODE",
                                           help="Mã chỉ tiêu / indicator code.")],
    period: Annotated[str, typer.Option("--period", metavar="PERIOD", help="Kỳ / period.")],
    scope: Annotated[str, typer.Option("--scope", metavar="SCOPE",
                                       help="nation | block:X | agency:CODE")] = "nation",
    window: Annotated[str, typer.Option("--window", metavar="WINDOW",
                                        help="period | ytd | cumulative")] = "period",
    database_url: DatabaseOption = None,
) -> None:
    """Lịch sử các lần sửa một giá trị / every revision of one value."""
    from dxmon.collect import service
    from dxmon.periods import Period
    from dxmon.store.db import transaction

    key = service.ObservationKey(indicator, scope, Period.parse(period).id, window)
    with open_store(database_url, migrate=False) as engine, transaction(engine) as session:
        listing = [_revision(row) for row in service.observation_history(session, key)]
    if not listing:
        typer.echo("Không có giá trị nào / no value recorded.", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(listing, ensure_ascii=False, indent=1))


def _revision(row: Observation) -> dict[str, object]:
    return {"revision": row.revision, "value": str(row.value),
            "numerator": str(row.numerator) if row.numerator is not None else None,
            "denominator": str(row.denominator) if row.denominator is not None else None,
            "source": row.source, "created_at": row.created_at.isoformat(),
            "created_by": row.created_by, "provenance": row.provenance}


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
