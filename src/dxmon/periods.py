"""Reporting periods: typed ids, Vietnamese labels, date ranges and navigation.

Ids: ``2024`` (year), ``2024S1``/``2024S2`` (half-year), ``2024Q1``..``2024Q4`` (quarter) and
``2024-08`` (month; ``202408`` is accepted and normalised). An as-of date ``2024-06-30`` is a
point in time, not a period; :func:`parse_as_of` reads it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from dxmon.errors import DxmonError, Problem

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTH_REPORT_CUTOFF_DAY = 20  # monthly reporting windows run from the 20th to the 20th


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


MONTHS_PER_KIND = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3,
                   PeriodKind.MONTH: 1}

_PATTERNS: list[tuple[re.Pattern[str], PeriodKind]] = [
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})S([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-?(0[1-9]|1[0-2])$"), PeriodKind.MONTH),
]


def period_error(text: str) -> DxmonError:
    return DxmonError(Problem(
        code="PERIOD_INVALID",
        field="period",
        message_vi=(f"Mã kỳ báo cáo '{text}' không hợp lệ; dùng 2024, 2024S1, 2024Q3, "
                    "2024-08 hoặc 202408."),
        message_en=(f"Invalid period id '{text}'; use 2024, 2024S1, 2024Q3, 2024-08 or 202408."),
    ))


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ``index`` is the half, quarter or month number (1 for a year)."""

    year: int
    kind: PeriodKind
    index: int = 1

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        if isinstance(text, Period):
            return text
        return _parse_text(str(text))

    @classmethod
    def _parse(cls, text: str) -> Period:
        cleaned = text.strip().upper()
        for pattern, kind in _PATTERNS:
            match = pattern.match(cleaned)
            if match:
                year = int(match.group(1))
                index = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
                if not 1900 <= year <= 2100:
                    break
                return cls(year, kind, index)
        raise period_error(text)

    @property
    def id(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}S{self.index}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def __str__(self) -> str:
        return self.id

    # --- calendar -----------------------------------------------------------------------
    @property
    def first_month(self) -> int:
        return (self.index - 1) * MONTHS_PER_KIND[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.first_month + MONTHS_PER_KIND[self.kind] - 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.last_month,
                    calendar.monthrange(self.year, self.last_month)[1])

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def reporting_window(self) -> tuple[date, date]:
        """The data window a report of this period covers.

        A monthly report covers the 20th of the previous month to the 20th of the month
        ("Từ ngày 20/7/2024 đến ngày 20/8/2024"); longer periods cover their calendar span.
        """
        if self.kind is PeriodKind.MONTH:
            previous = self.previous()
            return (date(previous.year, previous.index, MONTH_REPORT_CUTOFF_DAY),
                    date(self.year, self.index, MONTH_REPORT_CUTOFF_DAY))
        return self.start, self.end

    def year_to_date_window(self) -> tuple[date, date]:
        """"8 tháng đầu năm" runs from 1 January to the day before the month's cut-off."""
        end = self.reporting_window()[1]
        if self.kind is PeriodKind.MONTH:
            end = end - timedelta(days=1)
        return date(self.year, 1, 1), end

    # --- navigation ---------------------------------------------------------------------
    def shift(self, steps: int) -> Period:
        per_year = 12 // MONTHS_PER_KIND[self.kind]
        ordinal = self.year * per_year + (self.index - 1) + steps
        return Period(ordinal // per_year, self.kind, ordinal % per_year + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        """Cùng kỳ: the same period one year earlier."""
        return Period(self.year - 1, self.kind, self.index)

    def end_of_previous_year(self) -> Period:
        """Cuối năm trước: the previous year, whose stock values are those at 31 December."""
        return Period(self.year - 1, PeriodKind.YEAR)

    # --- labels -------------------------------------------------------------------------
    def label_vi(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"năm {self.year}"
        if self.kind is PeriodKind.HALF:
            half = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"quý {ROMAN_QUARTERS[self.index]}/{self.year}"
        return f"tháng {self.index}/{self.year}"

    def label_en(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"year {self.year}"
        if self.kind is PeriodKind.HALF:
            return f"{'first' if self.index == 1 else 'second'} half of {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.index} {self.year}"
        return f"{calendar.month_name[self.index]} {self.year}"


def parse_period(text: str | Period) -> Period:
    return Period.parse(text)


def parse_as_of(text: str | date) -> date:
    """Read an as-of date (``2024-06-30``); a clear error otherwise."""
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise DxmonError(Problem(
            code="AS_OF_INVALID", field="as_of",
            message_vi=f"Ngày '{text}' không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2024-06-30.",
            message_en=f"Invalid date '{text}'; use YYYY-MM-DD, for example 2024-06-30.",
        )) from None


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period:
    """Period ids are parsed once each (figures ask for the same few thousands of times)."""
    return Period._parse(text)
