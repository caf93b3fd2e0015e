"""A summary sentence against the counts of its section: "Tồn tại: … 15 bộ, ngành, địa phương
chưa ban hành danh mục CSDL" after "17 bộ, ngành và 54/63 địa phương … đã ban hành danh mục
CSDL" says 15 where the counts leave (22 − 17) + (63 − 54) = 14.

The statement a summary refers to is the one of its section that shares the most words with
what the summary says is not done; a tie, or fewer than two shared words, checks nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from dxmon.check.document import Document
from dxmon.check.figures import Figure, parse
from dxmon.check.findings import finding
from dxmon.check.names import bare_whole
from dxmon.check.schemas import Finding, Severity
from dxmon.numbers import format_number

SUMMARY_LINE = re.compile(r"^[ \t*_]*(?:Tồn tại|Hạn chế)\b.*$", re.IGNORECASE | re.MULTILINE)
NOUNS = r"(?:bộ|ngành|cơ quan|địa phương|tỉnh|thành phố)"
NOT_DONE = re.compile(rf"(?<![\d.,/])(\d+)\s+({NOUNS}(?:,?\s+{NOUNS})*)\s+(chưa\s[^;()]*?)"
                      r"(?=\s+và\s+\d|[;.)]|$)", re.IGNORECASE | re.MULTILINE)
STATEMENT_END = re.compile(r";|\.(?=\s|$)")
AGENCY_AFTER = re.compile(rf"[\s*⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:<sup>\d+</sup>)?[\s*]*{NOUNS}"
                          r"(?![^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹])",
                          re.IGNORECASE)
CHANGE_BEFORE = re.compile(r"(tăng|giảm)\s*(?:thêm\s*)?$", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
COMMON_WORDS = ("chưa đã có ban hành các bộ ngành địa phương tỉnh thành phố cơ quan và "
                "của theo được việc")
COMMON = frozenset(COMMON_WORDS.split())


def check_summaries(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    headings = [start for start, _end in document.headings]
    for line in SUMMARY_LINE.finditer(document.plain):
        section_start = max([h for h in headings if h < line.start()], default=0)
        statements = _statements(document, figures, section_start, line.start())
        for claim in NOT_DONE.finditer(document.plain, line.start(), line.end()):
            yield from _judge(document, figures, claim, statements)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - COMMON


def _statements(document: Document, figures: list[Figure], start: int,
                end: int) -> list[tuple[set[str], list[Figure]]]:
    """The section's statements that something is done, with the counts they give."""
    statements = []
    bounds = [start, *(m.end() for m in STATEMENT_END.finditer(document.plain, start, end)), end]
    for left, right in pairwise(bounds):
        text = "".join(document.plain[a:b] for a, b in _outside_footnotes(document, left, right))
        if not re.search(r"\bđã\b", text):
            continue
        counts = [f for f in figures if left <= f.start < right and f.kind != "percent"
                  and not document.in_footnote_definition(f.start)
                  and AGENCY_AFTER.match(document.plain, f.end)
                  and not CHANGE_BEFORE.search(document.plain[max(0, f.start - 12):f.start])]
        if counts:
            statements.append((_words(text), counts))
    return statements


def _outside_footnotes(document: Document, left: int, right: int) -> list[tuple[int, int]]:
    pieces, cursor = [], left
    for start, end in document.definition_spans:
        if end <= left or start >= right:
            continue
        pieces.append((cursor, max(cursor, start)))
        cursor = max(cursor, end)
    pieces.append((cursor, right))
    return pieces


def _judge(document: Document, figures: list[Figure], claim: re.Match[str],
           statements: list[tuple[set[str], list[Figure]]]) -> Iterator[Finding]:
    wanted = _words(claim.group(3))
    scored = sorted(((len(wanted & words), counts) for words, counts in statements),
                    key=lambda pair: pair[0], reverse=True)
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return
    counts = scored[0][1]
    missing = [_missing(document, count) for count in counts]
    if any(m is None for m in missing):
        return
    expected = sum((m for m in missing if m is not None), Decimal(0))
    stated = parse(claim.group(1), None)
    document.mark(*(c.start for c in counts), kind="summary_total")
    document.mark(*(f.start for f in figures if f.start == claim.start(1)), kind="summary_total")
    if expected == stated:
        return
    severity: Severity = "error" if all(c.kind == "fraction" for c in counts) else "warning"
    written = " + ".join(format_number(m or 0) for m in missing)
    yield finding(document, "summary_total", severity, claim.start(1), claim.end(2),
                  stated=format_number(stated), expected=format_number(expected),
                  vi=f"Các số liệu trước đó trong mục cho {written} = {format_number(expected)} "
                     f"cơ quan chưa thực hiện, không phải {format_number(stated)}.",
                  en=f"The counts earlier in the section leave {written} = "
                     f"{format_number(expected)} bodies that have not, not "
                     f"{format_number(stated)}.")


def _missing(document: Document, count: Figure) -> Decimal | None:
    if count.denominator is not None:
        return count.denominator - count.value
    whole = bare_whole(document, count)
    return None if whole is None else whole - count.value
