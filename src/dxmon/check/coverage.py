"""Coverage: every number of a checked text is either part of a claim a rule checked (or that
was matched to stored data), or listed with the reason it was not: a date, a document number,
an ordinal or list number, a footnote marker, or no rule applies."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter

from dxmon.check.document import MARKER, Document
from dxmon.check.figures import Figure
from dxmon.check.schemas import Coverage, Finding, UncheckedNumber

NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
DATE_AROUND = re.compile(r"(?:\d{1,2}/)?\d{1,2}/(?:19|20)\d\d(?!\d)|(?:ngày|tháng|quý|năm)\s*$",
                         re.IGNORECASE)
DOCUMENT_NUMBER = re.compile(r"^\d+(?:/\d{4})?/[A-ZĐ]")
ORDINAL_BEFORE = re.compile(r"(?:thứ|lần|số|khóa|kỳ họp|phiên)\s*$|(?:^|\n)[ \t#*+-]*$|\(\s*$",
                            re.IGNORECASE)


def measure(document: Document, figures: list[Figure], findings: list[Finding],
            unmatched_at: set[tuple[int, int]] | None = None) -> Coverage:
    """``unmatched_at``: (line, column) of figures no stored figure was found for."""
    figure_at = {f.start: f for f in figures}
    spans = sorted((f.start, f.end, kind) for start, kind in document.checked.items()
                   if (f := figure_at.get(start)) is not None)
    flagged = {(f.line, f.column): f.kind for f in findings}
    markers = [(m.start(), m.end(), "marker") for m in MARKER.finditer(document.plain)]
    by_kind: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    unchecked: list[UncheckedNumber] = []
    total = 0
    for match in NUMBER.finditer(document.plain):
        if _checked_by(match.start(), markers):
            continue  # a footnote marker is not a number of the text
        total += 1
        kind = _checked_by(match.start(), spans) or _flagged(document, match.start(), flagged)
        if kind:
            by_kind[kind] += 1
            continue
        line, column = document.line_column(match.start())
        reason = _reason(document, match)
        if reason == "no_rule" and unmatched_at and (line, column) in unmatched_at:
            reason = "unmatched"
        reasons[reason] += 1
        unchecked.append(UncheckedNumber(line=line, column=column, text=match.group(0),
                                         reason=reason))
    return Coverage(numbers=total, checked=sum(by_kind.values()), by_kind=dict(by_kind),
                    unchecked_by_reason=dict(reasons), unchecked=unchecked)


def _checked_by(position: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The kind of the checked figure that holds ``position`` (figures never overlap)."""
    index = bisect_right(spans, (position, math.inf, "")) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index][2]
    return None


def _flagged(document: Document, position: int, flagged: dict[tuple[int, int], str]) -> str | None:
    return flagged.get(document.line_column(position))


def not_a_claim(document: Document, start: int, end: int) -> str | None:
    """Why the number at ``start`` states no figure (a date, an ordinal…), or None."""
    match = NUMBER.match(document.plain, start, end)
    if match is None:
        return None
    reason = _reason(document, match)
    return None if reason == "no_rule" else reason


def _reason(document: Document, match: re.Match[str]) -> str:
    text = document.plain
    before = text[max(0, match.start() - 12):match.start()]
    around = text[max(0, match.start() - 6):match.end() + 8]
    if document.in_footnote_definition(match.start()) and not text[match.end():match.end() + 1]:
        return "footnote"
    if DOCUMENT_NUMBER.match(text, match.start()) or re.search(r"\bsố\s*$", before):
        return "document_number"
    if re.search(r"(?:giai đoạn|thời kỳ)\s*$", before, re.IGNORECASE):
        return "date"  # "thời kỳ 221-2030": a period, even when mistyped
    if DATE_AROUND.search(before) or DATE_AROUND.search(around) or _is_year(match.group(0)):
        return "date"
    if re.match(r"\s*(?:tháng|năm|quý|ngày)\b", text[match.end():match.end() + 6], re.IGNORECASE):
        return "date"  # "06 tháng đầu năm": a length of time that names the period
    if ORDINAL_BEFORE.search(before) or re.match(r"\s*[.)]\s", text[match.end():match.end() + 2]):
        return "ordinal"
    if document.in_footnote_definition(match.start()):
        return "footnote"
    return "no_rule"


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100
