"""Percents that claim a ratio: "x/y … (z%)", "19/21 … và 63/63 … đạt tỷ lệ 97,6%",
"z% (tương đương x/y)", "N …/mục tiêu M … (đạt tỷ lệ z%)", "đạt z% kế hoạch năm (là M)"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import agrees, finding, percent_text, ratio
from dxmon.check.schemas import Finding
from dxmon.numbers import format_number, round_half_up

CHANGE_BEFORE = re.compile(r"(tăng|giảm|cao hơn|thấp hơn)(\s+(khoảng|hơn|gần|trên))?\s*$")
TARGET_WORDS = re.compile(r"mục tiêu|chỉ tiêu|kế hoạch", re.IGNORECASE)
TARGET_AFTER = re.compile(
    r"^\s*(?:của\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)[^()\d%]{0,30}\(\s*(?:là\s+)?$",
    re.IGNORECASE)
RATIO_LEAD = re.compile(r"(\(|đạt|tỷ lệ|tương đương|chiếm|bằng|:)\s*(?:khoảng\s+)?$",
                        re.IGNORECASE)
EQUIVALENT_AFTER = re.compile(r"^\s*\(?\s*(tương đương|tức là|gồm)\s*$")


def is_change(document: Document, figure: Figure) -> bool:
    return bool(CHANGE_BEFORE.search(document.plain[max(0, figure.start - 25):figure.start]))


def _states_ratio(document: Document, percent: Figure) -> bool:
    """"(57%)", "đạt tỷ lệ 81,1%", "tương đương 76,5%": the percent is the ratio itself."""
    return bool(RATIO_LEAD.search(document.plain[max(0, percent.start - 20):percent.start]))


LEAD_ONLY = re.compile(r"^[\s,(]*(?:đạt|tương đương|bằng|chiếm)?\s*(?:tỷ lệ|khoảng)?\s*$",
                       re.IGNORECASE)


def _fractions_before(document: Document, figures: list[Figure], index: int) -> list[Figure]:
    """The fractions of the clause that lead to the percent at ``index``; a clause that is only
    "; đạt tỷ lệ z%" continues the one before it ("256/tổng số 896 thôn; đạt tỷ lệ 28,6%")."""
    percent = figures[index]
    clause_start, _end = document.clause_of(percent.start)
    if clause_start > 0 and document.plain[clause_start - 1] == ";" and LEAD_ONLY.match(
            document.plain[clause_start:percent.start]):
        clause_start, _end = document.clause_of(clause_start - 2)
    found: list[Figure] = []
    for position in range(index - 1, -1, -1):  # no copy of figures[:index]: linear in all
        figure = figures[position]
        if figure.start < clause_start or figure.kind == "percent":
            break
        if figure.kind == "fraction":
            found.append(figure)
    return found[::-1]


def _fraction_after(document: Document, figures: list[Figure], index: int) -> list[Figure]:
    following = figures[index + 1] if index + 1 < len(figures) else None
    if following is None or following.kind != "fraction":
        return []
    between = document.plain[figures[index].end:following.start]
    return [following] if EQUIVALENT_AFTER.match(between) else []


def check_fraction_percents(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    for index, percent in enumerate(figures):
        if percent.kind != "percent" or not _states_ratio(document, percent):
            continue
        fractions = (_fractions_before(document, figures, index)
                     or _fraction_after(document, figures, index))
        if fractions:
            yield from _judge(document, percent, fractions)


def _judge(document: Document, percent: Figure, fractions: list[Figure]) -> Iterator[Finding]:
    assert all(f.denominator is not None for f in fractions)
    last = fractions[-1]
    candidates = [(ratio(last.value, last.denominator or Decimal(0)), "fraction_percent")]
    if len(fractions) > 1:
        top = sum((f.value for f in fractions), Decimal(0))
        bottom = sum((f.denominator or Decimal(0) for f in fractions), Decimal(0))
        candidates.append((ratio(top, bottom), "combined_fraction"))
    document.mark(percent.start, *(f.start for f in fractions), kind="fraction_percent")
    verdicts = [(agrees(exact, percent.value, percent.decimals), exact, kind)
                for exact, kind in candidates if exact is not None]
    if not verdicts or any(verdict == "rounded" for verdict, _exact, _kind in verdicts):
        return
    start = fractions[0].start
    for verdict, exact, kind in verdicts:
        if verdict == "truncated":
            yield finding(document, kind, "note", start, percent.end,
                          stated=percent_text(percent.value, percent.decimals),
                          expected=percent_text(exact, percent.decimals + 1),
                          vi="Tỷ lệ được cắt bớt chữ số thay vì làm tròn.",
                          en="The percent is cut off rather than rounded half up.")
            return
    exact, kind = verdicts[-1][1], verdicts[-1][2]
    written = " + ".join(f"{format_number(f.value)}/{format_number(f.denominator or 0)}"
                         for f in fractions)
    yield finding(document, kind, "error", start, percent.end,
                  stated=percent_text(percent.value, percent.decimals),
                  expected=percent_text(round_half_up(exact, percent.decimals), percent.decimals),
                  vi=f"Tỷ lệ không khớp với phân số {written}: tính ra "
                     f"{percent_text(exact, percent.decimals + 2)}.",
                  en=f"The percent does not match {written}, which gives "
                     f"{percent_text(exact, percent.decimals + 2)}.")


def check_targets(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    """A percent of a plan or target: numerator and target given as plain numbers."""
    for index, percent in enumerate(figures):
        if percent.kind != "percent" or is_change(document, percent):
            continue
        if _fractions_before(document, figures, index) or _fraction_after(document, figures,
                                                                           index):
            continue
        pair = _target_pair(document, figures, index)
        if pair is None:
            continue
        value, target = pair
        exact = ratio(value.scaled, target.scaled)
        document.mark(value.start, target.start, percent.start, kind="target_ratio")
        if exact is None or agrees(exact, percent.value, percent.decimals):
            continue
        yield finding(document, "target_ratio", "error", min(value.start, percent.start),
                      max(target.end, percent.end),
                      stated=percent_text(percent.value, percent.decimals),
                      expected=percent_text(round_half_up(exact, percent.decimals),
                                            percent.decimals),
                      vi=f"{format_number(value.value)} so với {format_number(target.value)} "
                         f"là {percent_text(exact, percent.decimals + 2)}, không phải "
                         f"{percent_text(percent.value, percent.decimals)}.",
                      en=f"{format_number(value.value)} against {format_number(target.value)} "
                         f"is {percent_text(exact, percent.decimals + 2)}, not "
                         f"{percent_text(percent.value, percent.decimals)}.")


def _numbers_back_to(figures: list[Figure], index: int, start: int) -> list[Figure]:
    """The last two numbers before ``figures[index]`` that begin at or after ``start``: the
    figures are in reading order, so walk back only that far, never over the whole text."""
    found: list[Figure] = []
    position = index - 1
    while position >= 0 and figures[position].start >= start and len(found) < 2:
        if figures[position].kind == "number":
            found.append(figures[position])
        position -= 1
    return found[::-1]


def _target_pair(document: Document, figures: list[Figure],
                 index: int) -> tuple[Figure, Figure] | None:
    percent = figures[index]
    clause_start, _clause_end = document.clause_of(percent.start)
    before = _numbers_back_to(figures, index, clause_start)
    following = figures[index + 1] if index + 1 < len(figures) else None
    if before and following is not None and following.kind == "number" and TARGET_AFTER.match(
            document.plain[percent.end:following.start]):
        return before[-1], following
    if len(before) >= 2 and TARGET_WORDS.search(document.plain[before[-2].end:before[-1].start]):
        between = document.plain[before[-1].end:percent.start]
        if re.search(r"đạt", between):
            return before[-2], before[-1]
    return None
