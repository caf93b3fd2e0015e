"""``dxmon agencies``: the agencies in force on a date."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import typer
from unidecode import unidecode

from dxmon.cli.common import reports_errors
from dxmon.periods import parse_as_of
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import list_agencies

COLUMNS = ["code", "official_code", "name_vi", "name_en", "short_name", "kind", "block",
           "valid_from", "valid_to", "successor", "level", "parent"]
LEVELS = ("central", "province", "commune")
FORMATS = ("table", "csv", "json")


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


def register(app: typer.Typer) -> None:
    @app.command("agencies")
    @reports_errors
    def agencies_command(
        as_of: str = typer.Option(date.today().isoformat(), "--as-of",
                                  help="Ngày hiệu lực / in force on (YYYY-MM-DD)."),
        fmt: str = typer.Option("table", "--format", help="table | csv | json"),
        level: str | None = typer.Option(
            None, "--level", help="central | province | commune (mặc định/default: central "
                                  "và/and province)."),
        province: str | None = typer.Option(
            None, "--province", help="Chỉ xã, phường của tỉnh này / only this province's "
                                     "communes and wards (P01, P79.2025…)."),
    ) -> None:
        """Liệt kê cơ quan còn hiệu lực vào một ngày / list the agencies in force on a date."""
        if fmt not in FORMATS:
            raise typer.BadParameter(f"dùng/use {', '.join(FORMATS)}", param_hint="--format")
        if level is not None and level not in LEVELS:
            raise typer.BadParameter(f"dùng/use {', '.join(LEVELS)}", param_hint="--level")
        level = level or ("commune" if province else None)
        agencies = list_agencies(as_of=parse_as_of(as_of), level=level, province=province)
        provinces_last = sorted(agencies, key=lambda a: (str(a.block) == "dia_phuong",
                                                         unidecode(a.short_name)
                                                         if str(a.block) == "dia_phuong"
                                                         else ""))
        typer.echo(render_agencies(provinces_last, fmt))
