"""Parts against their total: "28 nhiệm vụ. Trong đó, đã hoàn thành: 16/28 …; chưa hoàn
thành: 12/28", grade distributions "05/21 đạt mức C, 01/21 đạt mức D, 15/21 đạt mức E"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding, Severity
from dxmon.numbers import format_number

IN_WHICH = re.compile(r"trong đó", re.IGNORECASE)
DONE = re.compile(r"\bđã\b", re.IGNORECASE)
NOT_DONE = re.compile(r"\bchưa\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"\.(?=\s+[A-ZĐÀ-Ỹ])")
NOUN = re.compile(r"\s+(\w+)")
GRADE = re.compile(r"^\s*đạt mức [A-E]\b")
REST = re.compile(r"^[^;.\d]{0,200}?\bcòn(?: lại)?\s*$", re.IGNORECASE)
AGENCY_NOUN = re.compile(r"\s*(tỉnh|địa phương|bộ|cơ quan|thành phố|đơn vị)", re.IGNORECASE)


def check_parts(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    lines: dict[int, list[Figure]] = {}
    for figure in figures:
        lines.setdefault(document.line_column(figure.start)[0], []).append(figure)
    for line_figures in lines.values():
        yield from _line_parts(document, line_figures)


def _line_parts(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    start, end = document.sentence_of(figures[0].start)
    text = document.plain
    grades = [f for f in figures if f.kind == "fraction" and GRADE.match(text[f.end:f.end + 20])]
    if len(grades) >= 2:
        # three or more grades of one whole are its whole distribution (every agency graded)
        yield from _sum(document, grades, exhaustive=len(grades) >= 3)
    yield from _rest(document, figures)
    split = IN_WHICH.search(text, start, end)
    if split is None:
        return
    sentence_end = _sentence_end(text, split.end(), end)
    after = [f for f in figures if split.start() < f.start < sentence_end]
    parts = [f for f in after if f.kind == "fraction"]
    if len(parts) >= 2 and len({p.denominator for p in parts}) == 1:
        yield from _total_vs_parts(document, figures, split.start(), parts)
        between = text[split.end():parts[-1].end]
        complementary = bool(DONE.search(between) and NOT_DONE.search(between))
        yield from _sum(document, parts, exhaustive=complementary)
    yield from _counted_parts(document, figures, split.start(), after)


def _rest(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    """"34/63 địa phương đã triển khai …, còn 29 địa phương chưa": 34 + 29 must be 63."""
    text = document.plain
    for done, rest in pairwise(figures):
        if (done.kind != "fraction" or rest.kind != "number" or done.denominator is None
                or not REST.match(text[done.end:rest.start])
                or not AGENCY_NOUN.match(text, rest.end) or not AGENCY_NOUN.match(text, done.end)):
            continue
        document.mark(done.start, rest.start, kind="parts_total")
        if done.value + rest.value == done.denominator:
            continue
        expected = done.denominator - done.value
        yield finding(document, "parts_total", "error", done.start, rest.end,
                      stated=format_number(rest.value), expected=format_number(expected),
                      vi=f"{format_number(done.value)}/{format_number(done.denominator)} thì còn "
                         f"{format_number(expected)}, không phải {format_number(rest.value)}.",
                      en=f"{format_number(done.value)}/{format_number(done.denominator)} leaves "
                         f"{format_number(expected)}, not {format_number(rest.value)}.")


def _sentence_end(text: str, start: int, limit: int) -> int:
    stop = SENTENCE_END.search(text, start, limit)
    return stop.start() if stop else limit


def _total_vs_parts(document: Document, figures: list[Figure], split: int,
                    parts: list[Figure]) -> Iterator[Finding]:
    """"28 nhiệm vụ. Trong đó … 16/28 … 12/28": the parts' denominator is the total."""
    total = [f for f in figures if f.kind == "number" and split - 30 < f.start < split]
    whole = total[-1] if total else None
    if whole is not None:
        document.mark(whole.start, kind="parts_total")
    if whole is None or parts[0].denominator == whole.value:
        return
    yield finding(document, "parts_total", "error", whole.start, parts[-1].end,
                  stated=format_number(parts[0].denominator or 0),
                  expected=format_number(whole.value),
                  vi=f"Tổng nêu là {format_number(whole.value)} nhưng các phần tính trên "
                     f"{format_number(parts[0].denominator or 0)}.",
                  en=f"The total is {format_number(whole.value)} but the parts are out of "
                     f"{format_number(parts[0].denominator or 0)}.")


def _counted_parts(document: Document, figures: list[Figure], split: int,
                   after: list[Figure]) -> Iterator[Finding]:
    """"63/63 tỉnh …, trong đó có 3 tỉnh …, 57 tỉnh …": parts counted with the total's noun."""
    text = document.plain
    total = [f for f in figures if f.kind in ("number", "fraction") and f.start < split]
    if not total:
        return
    whole = total[-1]
    noun = NOUN.match(text, whole.end)
    if noun is None:
        return
    same_noun = re.compile(rf"\s+{re.escape(noun.group(1))}\b")
    parts = [f for f in after if f.kind == "number" and same_noun.match(text, f.end)]
    if len(parts) < 2:
        return
    counted = sum((p.value for p in parts), Decimal(0))
    document.mark(whole.start, *(p.start for p in parts), kind="parts_total")
    written = " + ".join(format_number(p.value) for p in parts)
    severity: Severity
    if counted > whole.value:
        severity, vi, en = "error", "vượt quá", "exceed"
    elif counted < whole.value:
        severity, vi, en = "note", "chưa đủ", "fall short of"
    else:
        return
    yield finding(document, "parts_total", severity, whole.start, parts[-1].end,
                  stated=f"{written} = {format_number(counted)}",
                  expected=format_number(whole.value),
                  vi=f"Các phần ({written} = {format_number(counted)}) {vi} tổng "
                     f"{format_number(whole.value)}.",
                  en=f"The parts ({written} = {format_number(counted)}) {en} the total of "
                     f"{format_number(whole.value)}.")


def _sum(document: Document, parts: list[Figure], *, exhaustive: bool) -> Iterator[Finding]:
    denominators = {p.denominator for p in parts}
    if len(denominators) != 1:
        return
    whole = denominators.pop() or Decimal(0)
    total = sum((p.value for p in parts), Decimal(0))
    document.mark(*(p.start for p in parts), kind="parts_total")
    if total > whole or (exhaustive and total != whole):
        written = " + ".join(format_number(p.value) for p in parts)
        yield finding(document, "parts_total", "error", parts[0].start, parts[-1].end,
                      stated=f"{written} = {format_number(total)}",
                      expected=format_number(whole),
                      vi=f"Các phần ({written} = {format_number(total)}) không khớp tổng "
                         f"{format_number(whole)}.",
                      en=f"The parts ({written} = {format_number(total)}) do not add up to "
                         f"the total of {format_number(whole)}.")
