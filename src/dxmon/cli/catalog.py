"""``dxmon catalog``: check a catalogue folder, show what the catalogue in use holds."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from dxmon.catalog.loader import catalog_version, configured_path
from dxmon.catalog.service import KINDS, records, validate_folder
from dxmon.cli.common import echo_problems, reports_errors

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


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Danh mục chỉ tiêu, yêu cầu, kế hoạch… / the catalogue.",
                        no_args_is_help=True)
    app.add_typer(group, name="catalog")

    @group.command("validate")
    @reports_errors
    def validate_command(
        folder: Path = typer.Argument(..., help="Thư mục danh mục / catalogue folder."),
    ) -> None:
        """Kiểm tra một thư mục danh mục / check a catalogue folder (exit 1 on error)."""
        problems = validate_folder(folder)
        if problems:
            typer.secho(f"{folder}: {len(problems)} lỗi/errors", fg=typer.colors.RED, err=True)
            echo_problems(problems)
            raise typer.Exit(1)
        typer.echo(f"{folder}: hợp lệ/valid")

    @group.command("show")
    @reports_errors
    def show_command(
        kind: list[str] | None = typer.Option(
            None, "--kind", help="indicators | requirements | plans | evaluations | targets | "
                                 "legal_documents (lặp lại được / repeatable; mặc định/"
                                 "default: all)."),
        fmt: str = typer.Option("table", "--format", help="table | json"),
    ) -> None:
        """Hiện danh mục đang dùng / show the catalogue in use (DXMON_CATALOG_DIR)."""
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
