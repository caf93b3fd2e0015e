"""Notation: English separators in a Vietnamese text (1,928,311; 42.2%) and a decimal comma
with three digits before a scale word ("4,473 nghìn"), which reads as a thousands group."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding
from dxmon.numbers import format_number, round_half_up

ENGLISH_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])")
ENGLISH_DECIMAL_PERCENT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}\s*%")
THOUSAND_DECIMAL_SCALE = re.compile(r"(?<![\d.,])(\d{1,3}),(\d{3})\s+(nghìn|ngàn|triệu|tỷ)\b")


def check_notation(document: Document, _figures: list[Figure]) -> Iterator[Finding]:
    text = document.plain
    for match in ENGLISH_GROUPS.finditer(text):
        expected = match.group(0).replace(",", ".")
        yield finding(document, "notation", "error", match.start(), match.end(),
                      stated=match.group(0), expected=expected,
                      vi=f"Dấu phân cách kiểu tiếng Anh; viết {expected}.",
                      en=f"English thousands separators; Vietnamese writes {expected}.")
    for match in ENGLISH_DECIMAL_PERCENT.finditer(text):
        expected = match.group(0).replace(".", ",")
        yield finding(document, "notation", "error", match.start(), match.end(),
                      stated=match.group(0), expected=expected,
                      vi=f"Dấu thập phân kiểu tiếng Anh; viết {expected}.",
                      en=f"English decimal point; Vietnamese writes {expected}.")
    for match in THOUSAND_DECIMAL_SCALE.finditer(text):
        whole, part, scale = match.groups()
        plain = f"{whole}.{part}"
        short = format_number(round_half_up(Decimal(f"{whole}.{part}"), 1))
        yield finding(document, "notation", "warning", match.start(), match.end(),
                      stated=match.group(0), expected=f"{plain} hoặc/or {short} {scale}",
                      vi=f"“{whole},{part} {scale}” dễ đọc nhầm là {plain} {scale}; nếu là "
                         f"{plain} thì viết {plain}, nếu không thì bớt chữ số thập phân.",
                      en=f"“{whole},{part} {scale}” reads like {plain} {scale} (a thousands "
                         f"group); write {plain} if that is meant, else fewer decimals.")
