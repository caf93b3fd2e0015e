"""``dxmon timeliness``: which agencies reported a period on time, late, or not at all."""

from __future__ import annotations

import json

import typer

from dxmon.cli.common import DatabaseOption, open_store, reports_errors
from dxmon.collect import workflow
from dxmon.compute.timeliness import timeliness_tally
from dxmon.store.db import transaction

LABELS = {"on_time": "đúng hạn/on time", "late": "muộn/late", "missing": "chưa nộp/missing"}


def register(app: typer.Typer) -> None:
    @app.command("timeliness")
    @reports_errors
    def timeliness_command(
        period: str = typer.Option(..., "--period", help="Kỳ báo cáo / period (2024-08…)."),
        block: str | None = typer.Option(None, "--block",
                                         help="bo_nganh | dia_phuong (mặc định: cả hai)."),
        fmt: str = typer.Option("table", "--format", help="table | json."),
        database_url: DatabaseOption = None,
    ) -> None:
        """Tình hình nộp báo cáo của kỳ / reporting timeliness of a period."""
        with open_store(database_url) as engine, transaction(engine) as session:
            tally = timeliness_tally(session, period=period, block=block)
        if fmt == "json":
            typer.echo(json.dumps([{**vars(row), "due": row.due.isoformat(),
                                    "submitted_at": row.submitted_at.isoformat()
                                    if row.submitted_at else None} for row in tally.rows],
                                  ensure_ascii=False, indent=1))
            return
        typer.echo(f"Kỳ/period {tally.period}, hạn/due "
                   f"{workflow.due_date(tally.period):%d/%m/%Y}")
        for line in tally.blocks:
            typer.echo(f"{line.block}: {line.fraction_text} đã nộp/submitted "
                       f"({line.late} muộn/late)")
        for row in tally.late_or_missing:
            typer.echo(f"  {row.agency}\t{LABELS[row.status]}")
