"""Building findings, and the rounding test every ratio rule shares."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Literal

from dxmon.check.document import Document
from dxmon.check.schemas import Finding, Severity
from dxmon.numbers import format_number, round_half_up

Match = Literal["rounded", "truncated"] | None


def finding(document: Document, kind: str, severity: Severity, start: int, end: int, *,
            stated: str, expected: str, vi: str, en: str) -> Finding:
    line, column = document.line_column(start)
    end_line, end_column = document.line_column(max(start, end - 1))
    if end_line != line:
        end_column = len(document.line_text(line))
    return Finding(kind=kind, severity=severity, line=line, column=column,
                   end_column=end_column + 1, excerpt=document.text[start:end].strip(),
                   stated=stated, expected=expected, message_vi=vi, message_en=en)


def agrees(exact: Decimal, stated: Decimal, decimals: int) -> Match:
    """Does a stated figure agree with the exact one at the precision it is written with?

    The rule of dxmon's reports is half up; a figure cut off instead (57,9 for 57,96) is
    accepted as "truncated", which callers report as a note.
    """
    if round_half_up(exact, decimals) == stated:
        return "rounded"
    if exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN) == stated:
        return "truncated"
    return None


def percent_text(value: Decimal, decimals: int) -> str:
    return f"{format_number(value, max(decimals, 1), trim=False)}%"


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator * 100 / denominator if denominator else None
