"""Changes against a baseline: "tăng a% so với cùng kỳ (B)", "đạt c% (tăng a% so với cuối
năm 2023 là b%)", "tăng N lên M, tương đương z%", "(tăng N so với …, tương đương z%)"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import agrees, finding, percent_text
from dxmon.check.schemas import Finding
from dxmon.numbers import format_number, round_half_up

CHANGE = re.compile(r"(tăng|giảm)(?:\s+(?:khoảng|hơn|gần|trên))?\s*$")
BASELINE_GAP = re.compile(r"^\s*so với[^()%;]{0,60}?(?:\(|\blà\b)\s*$")
EQUIVALENT = re.compile(r"tương đương(?:\s+(?:khoảng|với))?\s*$")
# "tăng 4,8 triệu tài khoản so với năm 2023 (11,6 triệu)": the unit may come before "so với"
NUMBER_BASELINE_GAP = re.compile(
    r"^\s*(?:[^\W\d]+,?\s+){0,4}?so với[^()%;]{0,60}?(?:\(|\blà\b)\s*$")
RISE_TO = re.compile(r"^\s*[^\d;]{0,30}?\blên\s*$")


def _before(document: Document, figure: Figure, pattern: re.Pattern[str]) -> re.Match[str] | None:
    return pattern.search(document.plain[max(0, figure.start - 30):figure.start])


def check_changes(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    for index, figure in enumerate(figures):
        if figure.kind == "number" and _before(document, figure, CHANGE):
            yield from _absolute_change(document, figures, index)
        if figure.kind != "percent":
            continue
        change = _before(document, figure, CHANGE)
        if change:
            yield from _against_baseline(document, figures, index, falls=change.group(1) == "giảm")
        elif _before(document, figure, EQUIVALENT):
            yield from _equivalent_share(document, figures, index)


def _in_clause(document: Document, figures: list[Figure], index: int) -> list[Figure]:
    start, end = document.sentence_of(figures[index].start)
    return [f for f in figures if start <= f.start < end]


def _against_baseline(document: Document, figures: list[Figure], index: int, *,
                      falls: bool) -> Iterator[Finding]:
    change = figures[index]
    following = figures[index + 1] if index + 1 < len(figures) else None
    if following is None or following.kind == "fraction" or not BASELINE_GAP.match(
            document.plain[change.end:following.start]):
        return
    baseline = following
    # "349 cuộc …, giảm 75,1% so với cùng kỳ (1,402 nghìn cuộc)": scales may differ
    line = [f for f in _in_clause(document, figures, index) if f.start < change.start
            and f.kind == baseline.kind]
    if not line:
        return
    current = line[-1]
    options = _change_options(current, baseline, falls)
    document.mark(current.start, change.start, baseline.start, kind="change_baseline")
    if not options or any(agrees(value, change.value, change.decimals) for value in options):
        return
    best = min(options, key=lambda value: abs(value - change.value))
    yield finding(document, "change_baseline", "error", current.start, baseline.end,
                  stated=percent_text(change.value, change.decimals),
                  expected=percent_text(round_half_up(best, change.decimals), change.decimals),
                  vi=f"Từ {format_number(baseline.scaled)} đến {format_number(current.scaled)} "
                     f"là thay đổi {percent_text(best, change.decimals + 2)}, không phải "
                     f"{percent_text(change.value, change.decimals)}.",
                  en=f"From {format_number(baseline.scaled)} to {format_number(current.scaled)} "
                     f"is a change of {percent_text(best, change.decimals + 2)}, not "
                     f"{percent_text(change.value, change.decimals)}.")


def _baseline_after(document: Document, figures: list[Figure], index: int) -> Figure | None:
    following = figures[index + 1] if index + 1 < len(figures) else None
    if following is None or following.kind == "fraction" or not NUMBER_BASELINE_GAP.match(
            document.plain[figures[index].end:following.start]):
        return None
    return following


def _absolute_change(document: Document, figures: list[Figure], index: int) -> Iterator[Finding]:
    """"16,4 triệu tài khoản, tăng 4,8 triệu … so với năm 2023 (11,6 triệu)": 16,4 − 11,6."""
    change = figures[index]
    baseline = _baseline_after(document, figures, index)
    if baseline is None or baseline.kind != "number":
        return
    line = [f for f in _in_clause(document, figures, index)
            if f.start < change.start and f.kind == "number"]
    if not line:
        return
    current = line[-1]
    falls = _before(document, change, CHANGE).group(1) == "giảm"  # type: ignore[union-attr]
    unit = change.scaled / change.value if change.value else Decimal(1)
    exact = (baseline.scaled - current.scaled if falls else current.scaled - baseline.scaled) / unit
    document.mark(current.start, change.start, baseline.start, kind="change_baseline")
    if exact <= 0 or round_half_up(exact, change.decimals) == change.value:
        return
    yield finding(document, "change_baseline", "error", current.start, baseline.end,
                  stated=format_number(change.value),
                  expected=format_number(round_half_up(exact, change.decimals)),
                  vi=f"Từ {format_number(baseline.value)} đến {format_number(current.value)} "
                     f"là thay đổi {format_number(exact)}, không phải "
                     f"{format_number(change.value)}.",
                  en=f"From {format_number(baseline.value)} to {format_number(current.value)} "
                     f"is a change of {format_number(exact)}, not {format_number(change.value)}.")


def _change_options(current: Figure, baseline: Figure, falls: bool) -> list[Decimal]:
    """Relative change; between two percents, the difference in points is accepted too."""
    sign = -1 if falls else 1
    difference = (current.scaled - baseline.scaled) * sign
    options = [difference * 100 / baseline.scaled] if baseline.scaled else []
    if current.kind == "percent":
        options.append(difference)
    return options


def _equivalent_share(document: Document, figures: list[Figure], index: int) -> Iterator[Finding]:
    """"tăng N lên M, tương đương z%" (z = N/(M−N)) or "C (tăng N …, tương đương z%)"."""
    share = figures[index]
    earlier = [f for f in _in_clause(document, figures, index) if f.start < share.start]
    after_percent = [i for i, f in enumerate(earlier) if f.kind == "percent"]
    if after_percent:
        earlier = earlier[after_percent[-1] + 1:]
    line = [f for f in earlier if f.kind == "number"]
    for position, rise in reversed(list(enumerate(line))):
        if not _before(document, rise, CHANGE):
            continue
        after = line[position + 1] if position + 1 < len(line) else None
        if after is not None and RISE_TO.match(document.plain[rise.end:after.start]):
            base = after.scaled - rise.scaled
        elif position > 0:
            base = line[position - 1].scaled - rise.scaled
        else:
            return
        if base <= 0:
            return
        exact = rise.scaled * 100 / base
        document.mark(rise.start, share.start, *(f.start for f in line), kind="change_baseline")
        if agrees(exact, share.value, share.decimals):
            return
        yield finding(document, "change_baseline", "error", rise.start, share.end,
                      stated=percent_text(share.value, share.decimals),
                      expected=percent_text(round_half_up(exact, share.decimals),
                                            share.decimals),
                      vi=f"Tăng {format_number(rise.value)} trên mức cũ "
                         f"{format_number(base / (rise.scaled / rise.value))} là "
                         f"{percent_text(exact, share.decimals + 2)}.",
                      en=f"A rise of {format_number(rise.value)} on a base of "
                         f"{format_number(base / (rise.scaled / rise.value))} is "
                         f"{percent_text(exact, share.decimals + 2)}.")
        return
