"""Headings numbered twice or out of order: "III. Kết quả …" then "III. Một số tồn tại"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding
from dxmon.numbers import roman

ROMAN_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?([IVXLC]+)\.[ \t]+\S", re.MULTILINE)
ROMAN_VALUES = {roman(n): n for n in range(1, 40)}


def check_headings(document: Document, _figures: list[Figure]) -> Iterator[Finding]:
    seen: set[int] = set()
    previous = 0
    for match in ROMAN_HEADING.finditer(document.text):
        number = ROMAN_VALUES.get(match.group(1))
        if number is None:
            continue
        start, end = match.start(1), match.end(1) + 1
        if number in seen:
            # a repeat stands for the next section: the second repeated "III." is V, not IV
            previous += 1
            yield finding(document, "heading", "error", start, end, stated=match.group(1),
                          expected=roman(previous),
                          vi=f"Mục {match.group(1)} được đánh số lại; mục này phải là "
                             f"{roman(previous)}.",
                          en=f"Section {match.group(1)} is numbered again; this one should be "
                             f"{roman(previous)}.")
            continue
        if number != previous + 1:
            yield finding(document, "heading", "warning", start, end, stated=match.group(1),
                          expected=roman(previous + 1),
                          vi=f"Mục {match.group(1)} đứng sau mục {roman(previous) or '—'}: "
                             f"thiếu hoặc sai thứ tự.",
                          en=f"Section {match.group(1)} follows section "
                             f"{roman(previous) or '—'}: one is missing or out of order.")
        seen.add(number)
        previous = max(previous, number)
