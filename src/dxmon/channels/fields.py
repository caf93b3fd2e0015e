"""Reading the cells of one row into typed values, collecting a problem per bad field."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from dxmon.channels import errors as codes
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period

VI_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """ISO (2024-06-10, also with a time as XLSX cells give it) or Vietnamese 10/6/2024."""
    found = VI_DATE.match(text)
    try:
        if found:
            day, month, year = (int(part) for part in found.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


class RowReader:
    """The cells of one row and the problems found in them, each naming row and field."""

    def __init__(self, cells: dict[str, str], row: int, where: str) -> None:
        self.cells, self.row, self.where = cells, row, where
        self.problems: list[Problem] = []

    def problem(self, code: str, field: str, vi: str, en: str) -> None:
        self.problems.append(Problem(code=code, message_vi=vi, message_en=en, where=self.where,
                                     row=self.row, field=field))

    def raw(self, field: str) -> str:
        return self.cells.get(field, "").strip()

    def text(self, field: str, *, required: bool = True, max_length: int = 120) -> str | None:
        value = self.raw(field)
        if not value:
            if required:
                self.problem(codes.FIELD_REQUIRED, field, f"Thiếu '{field}'.",
                             f"'{field}' is missing.")
            return None
        if len(value) > max_length:
            self.problem(codes.FIELD_INVALID, field,
                         f"'{field}' dài quá {max_length} ký tự.",
                         f"'{field}' is longer than {max_length} characters.")
            return None
        return value

    def date(self, field: str, *, required: bool = True) -> dt.date | None:
        value = self.raw(field)
        if not value:
            self.text(field, required=required)
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(codes.DATE_INVALID, field,
                         f"Ngày '{value}' không hợp lệ; dùng YYYY-MM-DD hoặc DD/MM/YYYY.",
                         f"Invalid date '{value}'; use YYYY-MM-DD or DD/MM/YYYY.")
        return parsed

    def number(self, field: str) -> Decimal | None:
        value = self.raw(field)
        if not value:
            self.text(field)
            return None
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problem(codes.NUMBER_INVALID, field, f"'{value}' không phải là số.",
                         f"'{value}' is not a number.")
            return None
        return number

    def choice(self, field: str, choices: dict[str, str]) -> str | None:
        value = self.raw(field).lower()
        if value in choices:
            return choices[value]
        allowed = ", ".join(sorted(set(choices.values())))
        self.problem(codes.CHOICE_INVALID, field,
                     f"Giá trị '{value}' không hợp lệ; dùng: {allowed}.",
                     f"Invalid value '{value}'; use: {allowed}.")
        return None

    def period(self, field: str) -> str | None:
        value = self.raw(field)
        if not value:
            return None
        try:
            return Period.parse(value).id
        except DxmonError as error:
            found = error.problems[0]
            self.problem(codes.FIELD_INVALID, field, found.message_vi, found.message_en)
            return None

    def agency(self, field: str, *, as_of: dt.date | None = None) -> str | None:
        """An agency code, from its code or one of its names."""
        from dxmon.registry.resolver import resolve
        from dxmon.registry.service import get_agency

        value = self.text(field, max_length=200)
        if value is None:
            return None
        try:
            return get_agency(value).code
        except DxmonError:
            pass
        try:
            return resolve(value, as_of=as_of)
        except DxmonError as error:
            found = error.problems[0]
            self.problem(codes.AGENCY_UNKNOWN, field, found.message_vi, found.message_en)
            return None
