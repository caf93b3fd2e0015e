"""``dxmon import``, ``dxmon export`` and ``dxmon history``: the tabular layout in and out."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import typer

from dxmon.cli.common import (
    DatabaseOption,
    echo_problems,
    open_store,
    reports_errors,
    settings_for,
)
from dxmon.cli.demo import print_warnings
from dxmon.collect import flows, service
from dxmon.periods import Period
from dxmon.store.db import transaction


def os_user() -> str:
    """The operating-system user running the command (what the audit log names)."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (a bare container)
        return "os:unknown"


def _print_summary(summary: flows.ImportSummary) -> None:
    verb = "Kiểm tra thử (không lưu)/dry run (nothing saved)" if summary.dry_run else \
        "Đã nhập/imported"
    typer.echo(f"{verb}: {summary.filename} — {summary.rows} dòng/rows: "
               f"tạo mới/created {summary.created}, cập nhật/updated {summary.updated}, "
               f"không đổi/unchanged {summary.unchanged}, bị từ chối/rejected {summary.rejected}")
    echo_problems(summary.problems)


def register(app: typer.Typer) -> None:
    @app.command("import")
    @reports_errors
    def import_command(
        file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                    help="Tệp CSV, XLSX hoặc JSON / a CSV, XLSX or JSON file."),
        dry_run: bool = typer.Option(False, "--dry-run",
                                     help="Chỉ kiểm tra, không lưu / validate only."),
        actor: str | None = typer.Option(
            None, "--actor", help="Người nhập, ghi vào nhật ký / who imports, as audited "
                                  "(mặc định: người dùng hệ điều hành / default: the OS user)."),
        database_url: DatabaseOption = None,
    ) -> None:
        """Nhập số liệu (nguyên khối, không trùng lặp) / import data (atomic, idempotent)."""
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
        period: str = typer.Option(..., "--period", help="Kỳ / period: 2024S1, 2024-08…"),
        fmt: str = typer.Option("csv", "--format", help="csv | xlsx | json"),
        out: Path | None = typer.Option(None, "--out",
                                        help="Tệp kết quả (mặc định: stdout) / output file."),
        database_url: DatabaseOption = None,
    ) -> None:
        """Xuất số liệu hiện hành của một kỳ / export a period's current data."""
        with open_store(database_url) as engine, transaction(engine) as session:
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
        indicator: str = typer.Option(..., help="Mã chỉ tiêu / indicator code."),
        scope: str = typer.Option("nation", help="nation | block:X | agency:CODE"),
        period: str = typer.Option(..., help="Kỳ / period."),
        window: str = typer.Option("period", help="period | ytd | cumulative"),
        database_url: DatabaseOption = None,
    ) -> None:
        """Lịch sử các lần sửa một giá trị / every revision of one value."""
        key = service.ObservationKey(indicator, scope, Period.parse(period).id, window)
        with open_store(database_url) as engine, transaction(engine) as session:
            rows = service.observation_history(session, key)
            listing = [{"revision": r.revision, "value": str(r.value), "numerator":
                        str(r.numerator) if r.numerator is not None else None,
                        "denominator": str(r.denominator) if r.denominator is not None else None,
                        "source": r.source, "created_at": r.created_at.isoformat(),
                        "created_by": r.created_by, "provenance": r.provenance} for r in rows]
        if not listing:
            typer.echo("Không có giá trị nào / no value recorded.", err=True)
            raise typer.Exit(1)
        typer.echo(json.dumps(listing, ensure_ascii=False, indent=1))
