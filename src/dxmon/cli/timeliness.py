"""``dxmon timeliness``: which agencies reported a period on time, late, or not at all.

It only reads: it never migrates the database.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import DatabaseOption, open_store, reports_errors

if TYPE_CHECKING:
    from dxmon.collect.workflow import Timeliness

LABELS = {"on_time": "đúng hạn/on time", "late": "muộn/late", "missing": "chưa nộp/missing"}

app = typer.Typer()


@app.command("timeliness")
@reports_errors
def timeliness_command(
    period: Annotated[str, typer.Option("--period", metavar="PERIOD",
                                        help="Kỳ báo cáo / period (2024-08…).")],
    block: Annotated[str | None, typer.Option(
        "--block", metavar="bo_nganh|dia_phuong",
        help="Khối (mặc định: cả hai) / block (default: both).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="table|json",
                                     help="Định dạng / output format.")] = "table",
    database_url: DatabaseOption = None,
) -> None:
    """Tình hình nộp báo cáo của kỳ / reporting timeliness of a period."""
    from dxmon.collect import workflow
    from dxmon.compute.timeliness import timeliness_tally
    from dxmon.store.db import transaction

    with open_store(database_url, migrate=False) as engine, transaction(engine) as session:
        tally = timeliness_tally(session, period=period, block=block)
    if fmt == "json":
        typer.echo(json.dumps([_as_json(row) for row in tally.rows], ensure_ascii=False,
                              indent=1))
        return
    typer.echo(f"Kỳ/period {tally.period}, hạn/due {workflow.due_date(tally.period):%d/%m/%Y}")
    for line in tally.blocks:
        typer.echo(f"{line.block}: {line.fraction_text} đã nộp/submitted "
                   f"({line.late} muộn/late)")
    for row in tally.late_or_missing:
        typer.echo(f"  {row.agency}\t{LABELS[row.status]}")


def _as_json(row: Timeliness) -> dict[str, object]:
    return {**vars(row), "due": row.due.isoformat(),
            "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None}


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
