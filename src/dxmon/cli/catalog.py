"""``dxmon catalog``: check a catalogue folder, show what the catalogue in use holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dxmon.cli.common import ArgumentsCommand, echo_problems, reports_errors

FORMATS = ("table", "json")
TABLE_COLUMNS = ("code", "name_vi", "valid_from", "valid_to", "years")


def _row_key(record: dict[str, object]) -> str:
    if "code" in record:
        return str(record["code"])
    return f"{record.get('indicator')}/{record.get('scope')}/{record.get('plan_year')}"


def _table(kind: str, rows: list[dict[str, object]]) -> str:
    lines = [f"# {kind}: {len(rows)}"]
    for record in rows:
        name = record.get("name_vi") or record.get("title_vi") or record.get("value") or ""
        validity = " ".join(f"{key}={record[key]}" for key in ("valid_from", "valid_to", "years")
                            if key in record)
        lines.append("  ".join(part for part in (_row_key(record), str(name), validity) if part))
    return "\n".join(lines)


app = typer.Typer(name="catalog", no_args_is_help=True,
                  help="Danh mục chỉ tiêu, yêu cầu, kế hoạch… / the catalogue.")


@app.command("validate", cls=ArgumentsCommand)
@reports_errors
def validate_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR",
                                           help="Thư mục danh mục / catalogue folder.")],
) -> None:
    """Kiểm tra một thư mục danh mục / check a catalogue folder (exit 1 on error)."""
    from dxmon.catalog.service import validate_folder

    problems = validate_folder(folder)
    if problems:
        typer.secho(f"{folder}: {len(problems)} lỗi/errors", fg=typer.colors.RED, err=True)
        echo_problems(problems)
        raise typer.Exit(1)
    typer.echo(f"{folder}: hợp lệ/valid")


@app.command("show")
@reports_errors
def show_command(
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", metavar="KIND",
        help="indicators | requirements | plans | evaluations | targets | legal_documents "
             "(lặp lại được / repeatable; mặc định/default: all).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="table|json",
                                     help="Định dạng / output format.")] = "table",
) -> None:
    """Hiện danh mục đang dùng / show the catalogue in use (DXMON_CATALOG_DIR)."""
    from dxmon.catalog.loader import catalog_version, configured_path
    from dxmon.catalog.service import KINDS, records

    if fmt not in FORMATS:
        raise typer.BadParameter(f"dùng/use {', '.join(FORMATS)}", param_hint="--format")
    kinds = kind or list(KINDS)
    shown = {name: records(name) for name in kinds}
    if fmt == "json":
        typer.echo(json.dumps({"version": catalog_version(), "path": str(configured_path()),
                               **shown}, ensure_ascii=False, indent=1))
        return
    typer.echo(f"catalogue {catalog_version()} ({configured_path()})")
    for name, rows in shown.items():
        typer.echo(_table(name, rows))


def register(root: typer.Typer) -> None:
    """Mount this module's commands on the root app."""
    root.add_typer(app)
