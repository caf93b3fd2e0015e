"""Read and write dxmon's one tabular layout as CSV, XLSX or JSON.

The layout (documented in docs/data-formats.md): one row per fact with the columns
``indicator, scope, period, window, value, numerator, denominator, qualifier, comment,
source, status``. Requirement statuses use the same layout with ``indicator`` =
``req:<requirement code>``, an ``agency:<code>`` scope and ``value`` done / not_done / unknown.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxmon.errors import DxmonError, Problem

COLUMNS = ["indicator", "scope", "period", "window", "value", "numerator", "denominator",
           "qualifier", "comment", "source", "status"]
REQUIRED_COLUMNS = ["indicator", "scope", "period", "value"]
FORMATS = ("csv", "xlsx", "json")
MAX_XLSX_UNPACKED = 64 * 1024 * 1024  # bytes of XML; a 5 000-value sheet unpacks to < 2 MB
MAX_XLSX_ROWS = 100_000
MAX_XLSX_COLUMNS = 64


@dataclass(frozen=True)
class SourceRow:
    """One data row of a file; ``number`` is what a person sees (header is row 1 in CSV/XLSX)."""

    number: int
    cells: dict[str, str]


def _problem(code: str, vi: str, en: str, *, where: str, row: int | None = None,
             field: str | None = None) -> Problem:
    return Problem(code=code, message_vi=vi, message_en=en, where=where, row=row, field=field)


def format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise DxmonError(_problem(
            "IMPORT_FORMAT_UNKNOWN",
            f"Không đọc được tệp dạng '.{suffix}'; dùng CSV, XLSX hoặc JSON.",
            f"Cannot read a '.{suffix}' file; use CSV, XLSX or JSON.", where=filename))
    return suffix


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unescaped(str(value).strip())


# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?")


def escaped(text: str) -> str:
    """A text cell for CSV: one a spreadsheet would run as a formula gets a leading ``'``
    (numbers such as ``-5`` stay as they are)."""
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescaped(text: str) -> str:
    """What ``escaped`` wrote, as it was typed: exports re-import unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def append_as_text(sheet: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl sheet; a text that looks like a formula stays text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _rows_from_table(header: list[Any], body: Iterable[tuple[int, list[Any]]],
                     where: str, required: Sequence[str] = REQUIRED_COLUMNS) -> list[SourceRow]:
    names = [_text(name).lower() for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise DxmonError(_problem(
            "IMPORT_COLUMNS_MISSING",
            f"Thiếu cột bắt buộc: {', '.join(missing)}.",
            f"Required columns missing: {', '.join(missing)}.", where=where, row=1))
    rows = []
    for number, values in body:
        cells = {name: _text(value) for name, value in zip(names, values, strict=False) if name}
        if any(cells.values()):
            rows.append(SourceRow(number, cells))
    return rows


def csv_table(data: bytes, where: str) -> list[list[str]]:
    """The cells of a UTF-8 CSV file (an empty file is an error)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DxmonError(_problem(
            "IMPORT_ENCODING_INVALID",
            f"Tệp CSV không phải UTF-8 (byte {error.start}).",
            f"The CSV file is not UTF-8 (byte {error.start}).", where=where)) from None
    try:
        table = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as error:
        raise DxmonError(_problem("IMPORT_CSV_MALFORMED", f"CSV lỗi: {error}.",
                                  f"Malformed CSV: {error}.", where=where)) from None
    if not table:
        raise DxmonError(_problem("IMPORT_FILE_EMPTY", "Tệp rỗng.", "The file is empty.",
                                  where=where))
    return table


def read_csv(data: bytes, where: str,
             required: Sequence[str] = REQUIRED_COLUMNS) -> list[SourceRow]:
    table = csv_table(data, where)
    return _rows_from_table(table[0], enumerate(table[1:], start=2), where, required)


def _check_unpacked_size(data: bytes, where: str) -> None:
    """Refuse a deflate bomb before opening it: the members' declared sizes bound what
    ``zipfile`` will inflate (it stops at a member's declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DxmonError(_problem(
            "IMPORT_XLSX_MALFORMED", f"Không mở được tệp XLSX: {error}.",
            f"Cannot open the XLSX file: {error}.", where=where)) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise DxmonError(_problem(
            "IMPORT_XLSX_TOO_LARGE",
            f"Tệp XLSX giải nén ra {unpacked} byte, vượt giới hạn {MAX_XLSX_UNPACKED}.",
            f"The XLSX file unpacks to {unpacked} bytes, over the limit of "
            f"{MAX_XLSX_UNPACKED}.", where=where))


def _sheet_rows(sheet: Any, max_rows: int, where: str) -> list[list[Any]]:
    """The rows actually present (the declared dimension is ignored: a tiny file may declare
    a million rows), at most ``MAX_XLSX_COLUMNS`` wide, refused past ``max_rows``."""
    sheet.reset_dimensions()
    table: list[list[Any]] = []
    for row in sheet.iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True):
        if len(table) > max_rows:
            raise DxmonError(_problem(
                "IMPORT_XLSX_TOO_LARGE", f"Tệp XLSX có hơn {max_rows} dòng.",
                f"The XLSX file has more than {max_rows} rows.", where=where,
                row=len(table) + 1))
        table.append(list(row))
    return table


def xlsx_table(data: bytes, where: str,
               max_rows: int = MAX_XLSX_ROWS) -> tuple[list[list[Any]], str]:
    """The cells of the first sheet of an XLSX file, and the sheet's title; bounded in
    unpacked size, rows and columns, and refusing DTDs and entities (defusedxml)."""
    from openpyxl import load_workbook

    _check_unpacked_size(data, where)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = _sheet_rows(sheet, max_rows, where)
    except DxmonError:
        raise
    except Exception as error:  # any fault of a hostile file's XML is the file's fault
        raise DxmonError(_problem(
            "IMPORT_XLSX_MALFORMED", f"Không mở được tệp XLSX: {type(error).__name__}.",
            f"Cannot open the XLSX file: {type(error).__name__}: {str(error)[:200]}.",
            where=where)) from None
    workbook.close()
    if not table:
        raise DxmonError(_problem("IMPORT_FILE_EMPTY", "Tệp rỗng.", "The file is empty.",
                                  where=where))
    return table, str(sheet.title)


def read_xlsx(data: bytes, where: str,
              required: Sequence[str] = REQUIRED_COLUMNS) -> list[SourceRow]:
    table, title = xlsx_table(data, where)
    return _rows_from_table(table[0], enumerate(table[1:], start=2), f"{where} [{title}]",
                            required)


def read_json(data: bytes, where: str,
              required: Sequence[str] = REQUIRED_COLUMNS) -> list[SourceRow]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:  # not UTF-8 or JSON, an integer of over
        line = getattr(error, "lineno", None)  # 4 300 digits, nesting deeper than Python's
        raise DxmonError(_problem(
            "IMPORT_JSON_MALFORMED", f"JSON lỗi: {error}.", f"Malformed JSON: {error}.",
            where=where, row=line)) from None
    records = document.get("rows") if isinstance(document, dict) else document
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DxmonError(_problem(
            "IMPORT_JSON_SHAPE",
            'JSON phải là một danh sách bản ghi hoặc {"rows": [...]}.',
            'JSON must be a list of records or {"rows": [...]}.', where=where))
    header = sorted({key for record in records for key in record})
    body = ((index, [record.get(key) for key in header])
            for index, record in enumerate(records, start=1))
    return _rows_from_table(header, body, where, required)


READERS: dict[str, Callable[[bytes, str, Sequence[str]], list[SourceRow]]] = {
    "csv": read_csv, "xlsx": read_xlsx, "json": read_json,
}


def read_rows(data: bytes, filename: str,
              required: Sequence[str] = REQUIRED_COLUMNS) -> list[SourceRow]:
    """The data rows of a file; the ``required`` columns must be in its header."""
    return READERS[format_of(filename)](data, filename, required)


def write_csv(records: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: escaped(text) for name, text in record.items()}
                     for record in records)
    return buffer.getvalue().encode("utf-8")


def write_xlsx(records: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "dxmon"
    sheet.append(COLUMNS)
    for record in records:
        append_as_text(sheet, [record.get(column, "") for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_json(records: list[dict[str, str]]) -> bytes:
    document = {"layout": "dxmon.tabular/1", "columns": COLUMNS, "rows": records}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


WRITERS: dict[str, Callable[[list[dict[str, str]]], bytes]] = {
    "csv": write_csv, "xlsx": write_xlsx, "json": write_json,
}
