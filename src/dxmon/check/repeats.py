"""The same measure stated twice with different values: "xác thực được hơn 97,6 triệu thông
tin nhân khẩu" in one paragraph and "đã xác thực hơn 96,8 triệu thông tin nhân khẩu" in another.

A measure is known by the words that lead to the figure (its verb or subject) and, for a plain
number, by its scale and the noun after it; two figures with the same words and different
values are reported where the second one stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding

WORD = re.compile(r"[^\W\d_]+")
TOKEN = re.compile(r"[^\W_]+")
STOP_WORDS = (
    "đạt được đã hơn khoảng gần trên chỉ mới là có ước tính với các của và trong tới lên xấp "
    "xỉ thêm mức con số tổng hiện nay đến cộng cả nước toàn quốc")
STOP = frozenset(STOP_WORDS.split())
# "tháng 7", "lần thứ 8", "số 3": the number names a time or a place in a list
DATE_WORD = re.compile(r"\b(?:ngày|tháng|quý|năm|lần|thứ|số|khóa)\s*$", re.IGNORECASE)
# a change ("tăng 3,1 triệu") or a baseline ("cuối năm 2023 là 17%") is not the measure itself
CHANGE_OR_BASELINE = re.compile(r"(?:tăng|giảm)(?:\s+(?:khoảng|hơn|gần|trên|thêm))?\s*$"
                                r"|(?:\d{4}|cuối năm|trước|so với[^()]*)\s+là\s*$", re.IGNORECASE)
# what the figure's sentence says about its time: a month's flow is not the running total
TIME_WORDS = re.compile(r"lũy kế|đến nay|tính đến|từ ngày|trong tháng|đầu năm|cùng kỳ|hết",
                        re.IGNORECASE)
SENTENCE_START = re.compile(r"(?:^|\.\s+|\n)(?=\S)")


def _before_words(document: Document, figure: Figure, *,
                  whole_line: bool = False) -> tuple[str, ...] | None:
    """The words of the figure's clause before it (after a ":" that opens a list); with
    ``whole_line``, everything the paragraph says before it ("…: đạt tỷ lệ 92,2%")."""
    clause_start, _end = document.clause_of(figure.start)
    start = document.line_start(document.line_column(figure.start)[0]) if whole_line else (
        clause_start)
    text = document.plain[start:figure.start]
    if CHANGE_OR_BASELINE.search(text) or DATE_WORD.search(text):
        return None
    if not whole_line:
        text = re.split(r"[;:]", text)[-1]
    # the other numbers of the clause belong to the words ("từ 5-10 triệu tài khoản")
    words = [w.lower() for w in TOKEN.findall(text)]
    return tuple(w for w in words if w not in STOP)


def _after_words(document: Document, figure: Figure) -> tuple[str, ...]:
    text = re.split(r"[(),;.:\d]", document.plain[figure.end:figure.end + 40])[0]
    return tuple(w.lower() for w in WORD.findall(text)[:4 if figure.kind == "number" else 3])


def _section(document: Document, figure: Figure) -> int:
    heading = document.heading_before(figure.start)
    return heading[0] if heading else 0


def _time_words(document: Document, figure: Figure) -> tuple[str, ...]:
    line_start = document.line_start(document.line_column(figure.start)[0])
    text = document.plain[line_start:figure.start]
    starts = [m.end() for m in SENTENCE_START.finditer(text)]
    sentence = text[starts[-1] if starts else 0:]
    return tuple(sorted({m.group(0).lower() for m in TIME_WORDS.finditer(sentence)}))


def _key(document: Document, figure: Figure) -> tuple[object, ...] | None:
    clause_start, _end = document.clause_of(figure.start)
    if figure.kind == "fraction" or "trong đó" in document.plain[clause_start:figure.start]:
        return None  # a part's words name it only together with its whole
    before = _before_words(document, figure)
    if before is None:
        return None
    after = _after_words(document, figure)
    if len(before) + len(after) < 4 or not (before or len(after) >= 3):
        before = _before_words(document, figure, whole_line=True) or ()
        if len(before) < 6:
            return None
        # words this weak name a measure only inside their section
        before = (*before, str(_section(document, figure)))
    return (figure.kind, figure.scale, before, after, _time_words(document, figure))


def check_repeats(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    seen: dict[tuple[object, ...], Figure] = {}
    for figure in figures:
        key = _key(document, figure)
        if key is None:
            continue
        first = seen.setdefault(key, figure)
        if first is figure:
            continue
        document.mark(first.start, figure.start, kind="repeated_measure")
        if first.scaled == figure.scaled:
            continue
        yield _finding(document, first, figure)


def _finding(document: Document, first: Figure, second: Figure) -> Finding:
    line, _column = document.line_column(first.start)
    was = " ".join(document.plain[first.start:first.end].split())
    now = " ".join(document.plain[second.start:second.end].split())
    return finding(document, "repeated_measure", "warning", second.start, second.end,
                   stated=now, expected=was,
                   vi=f"Cùng một chỉ tiêu đã nêu {was} ở dòng {line}, ở đây lại là {now}.",
                   en=f"The same measure is stated as {was} on line {line} and as {now} here.")

