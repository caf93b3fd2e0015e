"""``dxmon agencies``: the agencies in force on a date."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from dxmon.cli.common import reports_errors

if TYPE_CHECKING:
    from dxmon.registry.schemas import AgencyRead

COLUMNS = ["code", "official_code", "name_vi", "name_en", "short_name", "kind", "block",
           "valid_from", "valid_to", "successor", "level", "parent"]
LEVELS = ("central", "province", "commune")
FORMATS = ("table", "csv", "json")

app = typer.Typer()


def _row(agency: AgencyRead) -> dict[str, str]:
    data = agency.model_dump(mode="json")
    return {column: "" if data.get(column) is None else str(data[column]) for column in COLUMNS}


def _table(rows: list[dict[str, str]]) -> str:
    shown = ["code", "name_vi", "short_name", "kind", "block", "valid_to", "successor"]
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) if rows else len(c) for c in shown}
    lines = ["  ".join(c.ljust(widths[c]) for c in shown),
             "  ".join("-" * widths[c] for c in shown)]
    lines += ["  ".join(r[c].ljust(widths[c]) for c in shown) for r in rows]
    return "\n".join(lines)


def render_agencies(agencies: list[AgencyRead], fmt: str) -> str:
    rows = [_row(agency) for agency in agencies]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    return _table(rows)


def _provinces_last(agencies: list[AgencyRead]) -> list[AgencyRead]:
    from unidecode import unidecode

    def key(agency: AgencyRead) -> tuple[bool, str]:
        local = str(agency.block) == "dia_phuong"
        return local, unidecode(agency.short_name) if local else ""

    return sorted(agencies, key=key)


@app.command("agencies")
@reports_errors
def agencies_command(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Ngày hiệu lực (mặc định: hôm nay) / in force on (default: today).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="table|csv|json",
                                     help="Định dạng / output format.")] = "table",
    level: Annotated[str | None, typer.Option(
        "--level", metavar="central|province|commune",
        help="Cấp (mặc định: trung ương và tỉnh) / level (default: central and province).")
    ] = None,
    province: Annotated[str | None, typer.Option(
        "--province", metavar="CODE",
        help="Chỉ xã, phường của tỉnh này / only this province's communes and wards "
             "(P01, P79.2025…).")] = None,
) -> None:
    """Liệt kê cơ quan còn hiệu lực vào một ngày / list the agencies in force on a date."""
    from dxmon.periods import parse_as_of
    from dxmon.registry.service import list_agencies

    if fmt not in FORMATS:
        raise typer.BadParameter(f"dùng/use {', '.join(FORMATS)}", param_hint="--format")
    if level is not None and level not in LEVELS:
        raise typer.BadParameter(f"dùng/use {', '.join(LEVELS)}", param_hint="--level")
    when = parse_as_of(as_of) if as_of is not None else date.today()
    found = list_agencies(as_of=when, level=level or ("commune" if province else None),
                          province=province)
    typer.echo(render_agencies(_provinces_last(found), fmt))


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
