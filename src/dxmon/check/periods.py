"""Impossible dates, months, quarters and year ranges: "31/6/2024", "tháng 13/2024",
"quý V/2024", "giai đoạn 2025-2021"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding

DAY_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
DAY_MONTH = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})(?![\d/])", re.IGNORECASE)
MONTH = re.compile(r"\btháng\s+(\d{1,2})(?=/\d{4}|\s+năm\b)", re.IGNORECASE)
QUARTER = re.compile(r"\bquý\s+(\d+|[IVX]+)\b(?=/|\s+năm|\s*\d{4})", re.IGNORECASE)
YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")
MONTHS_OF_YEAR = re.compile(r"\b(\d{1,2})\s+tháng\s+(?:đầu|cuối)\s+năm", re.IGNORECASE)
ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
PERIOD_WORDS = r"(?:giai đoạn|thời kỳ|niên độ|năm)"
# "thời kỳ 221-2030": a range of years after a period word, one side not a year
WORDED_YEAR_RANGE = re.compile(
    rf"\b{PERIOD_WORDS}\s+(\d{{1,5}})\s*[-–]\s*(\d{{1,5}})(?![\d/]|[.,]\d)", re.IGNORECASE)
# "năm 224", "năm 20244": a year with a digit missing or repeated
ODD_YEAR = re.compile(rf"\b{PERIOD_WORDS}\s+((?:19|2[0-2])\d|(?:19|20)\d{{3}})"
                      r"(?=\s*(?:[,.;:)]|$)|\s+(?:và|đến|tầm|của|trở|so với)\b)",
                      re.IGNORECASE | re.MULTILINE)


def check_periods(document: Document, _figures: list[Figure]) -> Iterator[Finding]:
    text = document.plain
    for match in DAY_MONTH_YEAR.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if not _valid(year, month, day):
            yield _bad(document, match, "ngày không tồn tại", "no such date")
    for match in DAY_MONTH.finditer(text):
        if not _valid(2024, int(match.group(2)), int(match.group(1))):  # 2024: leap year
            yield _bad(document, match, "ngày không tồn tại", "no such date")
    for match in MONTH.finditer(text):
        if not 1 <= int(match.group(1)) <= 12:
            yield _bad(document, match, "tháng không tồn tại", "no such month")
    for match in MONTHS_OF_YEAR.finditer(text):
        if not 1 <= int(match.group(1)) <= 12:
            yield _bad(document, match, "một năm chỉ có 12 tháng", "a year has 12 months")
    for match in QUARTER.finditer(text):
        quarter = match.group(1).upper()
        number = int(quarter) if quarter.isdigit() else ROMAN_QUARTERS.get(quarter, 0)
        if not 1 <= number <= 4:
            yield _bad(document, match, "quý không tồn tại", "no such quarter")
    for match in YEAR_RANGE.finditer(text):
        if int(match.group(1)) >= int(match.group(2)):
            yield _bad(document, match, "khoảng năm ngược hoặc rỗng",
                       "the year range runs backwards or is empty")
    yield from _impossible_years(document, text)


def _impossible_years(document: Document, text: str) -> Iterator[Finding]:
    for match in WORDED_YEAR_RANGE.finditer(text):
        if not all(_is_year(group) for group in match.groups()):
            yield _bad(document, match, "không phải năm", "not a year", match.start(1))
    for match in ODD_YEAR.finditer(text):
        yield _bad(document, match, "không phải năm", "not a year", match.start(1))


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2100


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _bad(document: Document, match: re.Match[str], vi: str, en: str,
         start: int | None = None) -> Finding:
    begin = match.start() if start is None else start
    stated = document.plain[begin:match.end()]
    return finding(document, "period", "error", begin, match.end(),
                   stated=stated, expected="", vi=f"“{stated}”: {vi}.", en=f"“{stated}”: {en}.")
