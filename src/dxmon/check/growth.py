"""A total growth rate against its weighted parts: "Tăng trưởng kinh tế số khoảng 22,4%" with
"Kinh tế số ICT chiếm khoảng 60% tổng kinh tế số, ước tăng trưởng 26%" and "… ngành, lĩnh vực
chiếm khoảng 40% tổng kinh tế số, ước tăng trưởng 21,5%" gives 0,6 × 26 + 0,4 × 21,5 = 24,2%.

Shares may be of the base period (Σ s·g) or of the current one (1 / Σ(s / (1 + g)) − 1); every
figure may be anything that rounds to what is written. Only a total outside both ranges is
reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import product

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding, percent_text
from dxmon.check.schemas import Finding

SHARE_BEFORE = re.compile(r"chiếm\s+(?:khoảng\s+|gần\s+|hơn\s+)?$", re.IGNORECASE)
GROWTH_BEFORE = re.compile(r"tăng(?:\s+trưởng)?\s+(?:khoảng\s+|đạt\s+|ước đạt\s+)?$",
                           re.IGNORECASE)
WHOLE_AFTER = re.compile(r"\s*(?:tổng\s+|của\s+)?([^,;.()\d]+)")
APPROXIMATE = re.compile(r"\b(?:khoảng|ước|gần|xấp xỉ)\b[^\d]{0,15}$", re.IGNORECASE)
LOOK_BACK_LINES = 4
PART_LINES_APART = 4
Part = tuple[Figure, Figure]  # share, growth


def check_growth(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    groups: list[tuple[str, list[Part]]] = []  # parts of one whole, stated close together
    for index, share in enumerate(figures):
        if share.kind != "percent" or not _after(document, share, SHARE_BEFORE):
            continue
        growth = _growth_after(document, figures, index)
        named = WHOLE_AFTER.match(document.plain, share.end)
        if growth is None or named is None:
            continue
        whole = named.group(1).strip().lower()
        near = [group for group in groups if group[0] == whole and _lines_apart(
            document, group[1][-1][0], share) <= PART_LINES_APART]
        if near:
            near[-1][1].append((share, growth))
        else:
            groups.append((whole, [(share, growth)]))
    for whole, parts in groups:
        if 2 <= len(parts) <= 4:
            yield from _judge(document, figures, whole, parts)


def _lines_apart(document: Document, first: Figure, second: Figure) -> int:
    return document.line_column(second.start)[0] - document.line_column(first.start)[0]


def _after(document: Document, figure: Figure, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(document.plain[max(0, figure.start - 30):figure.start]))


def _growth_after(document: Document, figures: list[Figure], index: int) -> Figure | None:
    _start, end = document.clause_of(figures[index].start)
    for figure in figures[index + 1:]:
        if figure.start >= end:
            return None
        if figure.kind == "percent" and _after(document, figure, GROWTH_BEFORE):
            return figure
    return None


def _total(document: Document, figures: list[Figure], whole: str, first: Figure) -> Figure | None:
    line, _column = document.line_column(first.start)
    earliest = document.line_start(max(1, line - LOOK_BACK_LINES))
    for figure in reversed([f for f in figures if earliest <= f.start < first.start]):
        clause_start, clause_end = document.clause_of(figure.start)
        clause = document.plain[clause_start:clause_end].lower()
        if (figure.kind == "percent" and "chiếm" not in clause and whole in clause
                and re.search(r"tăng trưởng", clause)):
            return figure
    return None


def _range(written: Figure) -> tuple[Decimal, Decimal]:
    half = Decimal(5).scaleb(-written.decimals - 1)
    return written.value - half, written.value + half


def _weighted(parts: list[Part]) -> tuple[Decimal, Decimal]:
    """The least and most overall growth the written shares and growths allow."""
    intervals = [bound for share, growth in parts for bound in (_range(share), _range(growth))]
    results = []
    for pick in product((0, 1), repeat=len(intervals)):
        ends = [interval[side] for interval, side in zip(intervals, pick, strict=True)]
        shares, growths = ends[0::2], ends[1::2]
        total = sum(shares, Decimal(0))
        results.append(sum((s * g for s, g in zip(shares, growths, strict=True)),
                           Decimal(0)) / total)
        base = sum((s / (100 + g) for s, g in zip(shares, growths, strict=True)), Decimal(0))
        results.append(total / base - 100)
    return min(results), max(results)


def _judge(document: Document, figures: list[Figure], whole: str,
           parts: list[Part]) -> Iterator[Finding]:
    share_sum = sum((s.value for s, _g in parts), Decimal(0))
    if not 98 <= share_sum <= 102:
        return
    total = _total(document, figures, whole, parts[0][0])
    if total is None:
        return
    document.mark(total.start, *(f.start for part in parts for f in part), kind="growth_parts")
    low, high = _weighted(parts)
    stated_low, stated_high = _range(total)
    if stated_high >= low and stated_low <= high:
        return
    written = " + ".join(
        f"{percent_text(s.value, s.decimals)} × {percent_text(g.value, g.decimals)}"
        for s, g in parts)
    middle = (low + high) / 2
    # "chiếm khoảng 60%": an approximate share is a weight nobody can hold the writer to
    approximate = any(_after(document, share, APPROXIMATE) for share, _growth in parts)
    yield finding(document, "growth_parts", "warning" if approximate else "error",
                  total.start, total.end,
                  stated=percent_text(total.value, total.decimals),
                  expected=percent_text(middle, total.decimals),
                  vi=f"Tăng trưởng chung phải nằm trong {percent_text(low, 1)}–"
                     f"{percent_text(high, 1)} theo các phần ({written}).",
                  en=f"The overall growth must lie in {percent_text(low, 1)}–"
                     f"{percent_text(high, 1)} given its parts ({written}).")
