"""Extract the figures a report states, in their notation, to compare a generated report with
a seed. Dates, document numbers, years, enumerators and footnote markers are not figures.

The seeds' "x,yyy nghìn" (a thousands separator misread as a decimal comma: "4,473 nghìn dịch
vụ" = 4.473) is compared in its correct Vietnamese notation ("4.473"), the one dxmon writes.
"""

from __future__ import annotations

import re

NOT_FIGURES = [
    r"<sup>\d+</sup>", r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", r"https?://\S+",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",  # dates
    r"\b\d{1,4}(?:/\d{4})?/[A-ZĐ][\wĐđ&\-]*",  # document numbers 06/QĐ-TTg, 09/2024/TT-BTNMT
    r"\b(?:tháng|Quý|quý)\s+\d{1,2}/\d{4}\b", r"\b\d{1,2}/\d{4}\b",  # month labels
    r"\b(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}\b", r"\b221-2030\b",  # year ranges
    r"\b(?:19|20)\d{2}\b",  # years
    r"\(\d\)",  # enumerations (1) (2)
    r"^\s*(?:#+\s*)?(?:\*\*)?\d+\.\s", r"^\s*[a-z]\)\s",  # numbered items and headings
    r"\b\d+G\b", r"IPv6", r"Đề án 06", r"\bmốc [\d/ -]+",
]
FIGURE = re.compile(
    r"\d+(?:[.,]\d+)*(?:/(?:tổng số )?\d+(?:[.,]\d+)*)?%?(?:\s(?:triệu|nghìn))?")


def _strip(text: str) -> str:
    text = text.replace("**", "")
    text = re.sub(r"\[\^\d+\]:?", " ", text)
    for pattern in NOT_FIGURES:
        text = re.sub(pattern, " ", text, flags=re.M)
    return text


def canonical(token: str) -> str:
    token = token.replace("tổng số ", "")
    misread = re.fullmatch(r"(\d{1,3}),(\d{3}) nghìn", token)
    if misread:
        return f"{misread.group(1)}.{misread.group(2)}"
    return token.removesuffix(" triệu").removesuffix(" nghìn")


def figures(text: str) -> set[str]:
    return {canonical(token) for token in FIGURE.findall(_strip(text))}
