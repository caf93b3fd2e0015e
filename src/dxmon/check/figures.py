"""The figures a text states: plain numbers (with their scale word), fractions and percents.

Vietnamese notation: ``.`` groups thousands and ``,`` marks decimals (1.928.311; 42,2%).
Dates (17/8/2024), months (tháng 6/2024), quarters (Quý 3/2024) and document numbers
(865/QĐ-TTg) are not fractions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from dxmon.check.document import MARKER, Document, in_spans

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
NUMBER = re.compile(rf"(?<![\d.,/])(?<!\d,){_NUMBER}(?![\d/])")
FRACTION = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)/(\d{1,3}(?:\.\d{3})+|\d+)"
                      r"(?![\d/])")
# "256/tổng số 896", "4.068 HTTT trên tổng số 7.206": a fraction written with words
WORDED_FRACTION = re.compile(
    r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?:\s*/\s*|(?:\s+[^\W\d]+){0,4}?\s+(?:trên|trong)\s+)"
    r"tổng\s+số\s+(?:\*\*)?(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/,])")
PERCENT_SIGN = re.compile(r"\s*%")
SCALE = re.compile(r"\s*(nghìn tỷ|nghìn|ngàn|triệu|tỷ)\b")
SCALES = {"nghìn": Decimal(10) ** 3, "ngàn": Decimal(10) ** 3, "triệu": Decimal(10) ** 6,
          "tỷ": Decimal(10) ** 9, "nghìn tỷ": Decimal(10) ** 12}
DATE_WORDS = re.compile(r"(ngày|tháng|quý|số|mốc|trước|đến|từ|hết|năm|hạn|kỳ)\s*$", re.IGNORECASE)

Kind = Literal["number", "fraction", "percent"]


@dataclass(frozen=True)
class Figure:
    kind: Kind
    start: int
    end: int
    value: Decimal  # the number; for a fraction, the numerator
    decimals: int = 0  # digits after the decimal comma, as written
    denominator: Decimal | None = None
    scale: str | None = None

    @property
    def scaled(self) -> Decimal:
        return self.value * SCALES[self.scale] if self.scale else self.value


def parse(integer: str, decimals: str | None) -> Decimal:
    return Decimal(integer.replace(".", "") + ("." + decimals if decimals else ""))


def _is_fraction(plain: str, match: re.Match[str]) -> bool:
    numerator, denominator = parse(match.group(1), None), parse(match.group(2), None)
    before = plain[max(0, match.start() - 14):match.start()]
    if DATE_WORDS.search(before) and (1900 <= denominator <= 2100 or denominator <= 12):
        return False
    if numerator <= 12 and 1900 <= denominator <= 2100:
        return False  # a month of a year
    return not (numerator <= 31 and denominator <= 12 and DATE_WORDS.search(before))


def scan(document: Document) -> list[Figure]:
    """Every figure of the text outside footnote definitions, in reading order."""
    plain = document.plain
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in WORDED_FRACTION.finditer(plain):
        figures.append(Figure("fraction", match.start(), match.end(),
                              parse(match.group(1), None), denominator=parse(match.group(2), None)))
        taken.append((match.start(), match.end()))
    for match in FRACTION.finditer(plain):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if _is_fraction(plain, match):
            figures.append(Figure("fraction", match.start(), match.end(),
                                  parse(match.group(1), None),
                                  denominator=parse(match.group(2), None)))
        taken.append((match.start(), match.end()))
    for match in NUMBER.finditer(plain):
        if in_spans(taken, match.start()):
            continue
        figure = _number(plain, match)
        if not _is_year(figure, match):
            figures.append(figure)
    markers = [(m.start(), m.end()) for m in MARKER.finditer(plain)]
    figures = [f for f in figures if not document.in_footnote_definition(f.start)
               and not in_spans(markers, f.start)]
    return sorted(figures, key=lambda figure: figure.start)


def _is_year(figure: Figure, match: re.Match[str]) -> bool:
    """A bare 4-digit year (2023) is a label, not a figure."""
    return (figure.kind == "number" and figure.scale is None and match.group(2) is None
            and len(match.group(1)) == 4 and 1900 <= figure.value <= 2100)


def _number(plain: str, match: re.Match[str]) -> Figure:
    value = parse(match.group(1), match.group(2))
    decimals = len(match.group(2) or "")
    percent = PERCENT_SIGN.match(plain, match.end())
    if percent:
        return Figure("percent", match.start(), percent.end(), value, decimals)
    scale = SCALE.match(plain, match.end())
    if scale:
        return Figure("number", match.start(), scale.end(), value, decimals,
                      scale=scale.group(1))
    return Figure("number", match.start(), match.end(), value, decimals)
