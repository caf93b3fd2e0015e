"""Reading a data value set: one agency, one period, a list of values, from JSON, CSV or XLSX.

JSON: ``{"period": "2024S1", "agency": "P01", "values": [{"indicator", "value", "numerator",
"denominator", "comment"}]}``. CSV and XLSX: a header row naming the columns (``indicator``,
``value``, ``numerator``, ``denominator``, ``comment``, or their Vietnamese labels such as
``Mã chỉ tiêu (indicator)``, as in the XLSX templates); the agency and period come from the
rows above the header (``Mã đơn vị (agency) | P01``), from ``agency``/``period`` columns, or
from the request. Rows with no number and no comment are skipped (an unfilled template line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dxmon.collect import tabular
from dxmon.errors import DxmonError, Problem

FIELDS = ("indicator", "value", "numerator", "denominator", "comment")
META = ("agency", "period")
LABELS = {
    "mã chỉ tiêu": "indicator", "chỉ tiêu": "indicator", "giá trị": "value",
    "số liệu": "value", "tử số": "numerator", "mẫu số": "denominator", "ghi chú": "comment",
    "mã đơn vị": "agency", "đơn vị": "agency", "kỳ báo cáo": "period", "kỳ": "period",
}
KEY_IN_LABEL = re.compile(r"\(([a-z_]+)\)\s*$")
MAX_VALUES = 5000
HEADER_ROWS = 20  # a template's title, period, agency and column header lines
SHAPE = "DATAVALUES_SHAPE_INVALID"


@dataclass(frozen=True)
class DataValue:
    row: int  # the line a person sees: sheet row, CSV line, or position in the JSON list
    cells: dict[str, str]

    def is_blank(self) -> bool:
        return not any(self.cells.get(name) for name in FIELDS[1:])


@dataclass
class DataValueSet:
    where: str
    period: str = ""
    agency: str = ""
    values: list[DataValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows naming another agency/period


def _shape_error(where: str, vi: str, en: str, row: int | None = None) -> DxmonError:
    return DxmonError(Problem(code=SHAPE, where=where, row=row, message_vi=vi, message_en=en))


def _cell(value: Any) -> str:
    """Any JSON or sheet cell as text; what is not a string or number stays visibly wrong."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return json.dumps(value, ensure_ascii=False, default=str)[:200]
    if isinstance(value, float):
        # the shortest text that reads back as this float: a JSON or XLSX number 27.1 is
        # written with one decimal (not 27.100000, which would claim six)
        return format(Decimal(repr(value)), "f")
    return str(value)


def column_name(label: Any) -> str:
    """``Giá trị (value)`` → value; ``Tử số`` → numerator; ``comment`` → comment."""
    text = _cell(label).lower()
    match = KEY_IN_LABEL.search(text)
    if match and match.group(1) in FIELDS + META:
        return match.group(1)
    return LABELS.get(text, text)


def from_json(data: bytes, where: str) -> DataValueSet:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _shape_error(where, f"JSON lỗi: {error}.", f"Malformed JSON: {error}.") from None
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise _shape_error(where, 'Bộ số liệu phải là {"period", "agency", "values": [...]}.',
                           'A data value set is {"period", "agency", "values": [...]}.')
    found = DataValueSet(where, _cell(document.get("period")), _cell(document.get("agency")))
    for number, item in enumerate(document["values"], start=1):
        if not isinstance(item, dict):
            raise _shape_error(where, f"Phần tử {number} của values phải là một đối tượng.",
                               f"Item {number} of values must be an object.", number)
        found.values.append(DataValue(number, {name: _cell(item.get(name)) for name in FIELDS}))
    return found


def _header_at(table: list[list[Any]]) -> int:
    for index, cells in enumerate(table[:20]):
        if "indicator" in {column_name(cell) for cell in cells}:
            return index
    raise _shape_error("", "Không thấy dòng tiêu đề có cột 'Mã chỉ tiêu (indicator)'.",
                       "No header row with an 'indicator' column was found.")


def _meta(found: DataValueSet, cells: list[Any]) -> None:
    filled = [cell for cell in cells if _cell(cell)]
    if len(filled) >= 2 and column_name(filled[0]) in META:
        setattr(found, column_name(filled[0]), _cell(filled[1]))


def _row_meta(found: DataValueSet, number: int, cells: dict[str, str]) -> None:
    for name in META:
        given = cells.get(name, "")
        current = getattr(found, name)
        if given and not current:
            setattr(found, name, given)
        elif given and given != current:
            found.problems.append(Problem(
                code="DATAVALUES_ROW_OUTSIDE_SET", where=found.where, row=number, field=name,
                message_vi=f"Dòng ghi {name} '{given}', khác với bộ số liệu ('{current}').",
                message_en=f"The row says {name} '{given}', unlike the set ('{current}')."))


def from_table(table: list[list[Any]], where: str) -> DataValueSet:
    try:
        header = _header_at(table)
    except DxmonError as error:
        raise _shape_error(where, error.problems[0].message_vi,
                           error.problems[0].message_en) from None
    found = DataValueSet(where)
    for cells in table[:header]:
        _meta(found, cells)
    names = [column_name(cell) for cell in table[header]]
    for index, cells in enumerate(table[header + 1:], start=header + 2):
        row = {name: _cell(value) for name, value in zip(names, cells, strict=False)
               if name in FIELDS + META}
        if any(row.values()):
            _row_meta(found, index, row)
            found.values.append(DataValue(index, {name: row.get(name, "") for name in FIELDS}))
    return found


def read(data: bytes, fmt: str, where: str, *, period: str | None = None,
         agency: str | None = None) -> DataValueSet:
    """A data value set from a JSON, CSV or XLSX body; ``period``/``agency`` fill in for a
    file that does not name them."""
    if fmt == "json":
        found = from_json(data, where)
    elif fmt == "csv":
        found = from_table([list(row) for row in tabular.csv_table(data, where)], where)
    else:
        table, title = tabular.xlsx_table(data, where, max_rows=MAX_VALUES + HEADER_ROWS)
        found = from_table(table, f"{where} [{title}]")
    found.period = found.period or (period or "").strip()
    found.agency = found.agency or (agency or "").strip()
    if len(found.values) > MAX_VALUES:
        raise _shape_error(where, f"Tối đa {MAX_VALUES} giá trị mỗi lần gửi.",
                           f"At most {MAX_VALUES} values per submission.")
    found.values = [value for value in found.values if not value.is_blank()]
    return found
