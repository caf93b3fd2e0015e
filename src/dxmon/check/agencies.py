"""Names of agencies in the body of a report that the registry does not know ("Bộ Tài chánh"),
or that had ceased before the report's year (a body merged away): the registry knows every
agency, so the finding suggests the closest names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process

from dxmon.check.document import Document
from dxmon.check.figures import Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding
from dxmon.registry.resolver import normalise
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import all_agencies, successors_of

PREFIX = re.compile(r"\b(Bộ|[Tt]ỉnh|[Tt]hành phố|TP\.)[ \t]+")
NAME_TEXT = re.compile(r"[^.;:()\d\n]{1,80}")
NAME_WORDS = 8
SUGGEST_SCORE = 88.0
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@cache
def _known() -> dict[str, AgencyRead]:
    names: dict[str, AgencyRead] = {}
    for agency in all_agencies():
        for name in (agency.name_vi, agency.short_name, agency.name_en, *agency.aliases):
            names.setdefault(normalise(name), agency)
    return names


def check_agency_names(document: Document, _figures: list[Figure]) -> Iterator[Finding]:
    first_day = _report_year_start(document)
    for match in PREFIX.finditer(document.plain):
        text = NAME_TEXT.match(document.plain, match.end())
        if text is None or not text.group(0)[0].isupper():
            continue
        if document.in_footnote_definition(match.start()):
            continue  # footnote lists are names.py's
        words = text.group(0).split()[:NAME_WORDS]
        agency = _longest_known(match.group(1), words)
        if agency is None:
            yield from _unknown(document, match, words)
        elif first_day and agency.valid_to and agency.valid_to < first_day:
            yield _ended(document, match, agency, first_day)


def _longest_known(prefix: str, words: list[str]) -> AgencyRead | None:
    for size in range(len(words), 0, -1):
        agency = _known().get(normalise(f"{prefix} {' '.join(words[:size])}"))
        if agency is not None:
            return agency
    return None


def _unknown(document: Document, match: re.Match[str], words: list[str]) -> Iterator[Finding]:
    """A name within a few letters of a known one (by plain ratio: "Bộ Công" is a prefix of
    "Bộ Công an", not a misspelling of it)."""
    best: tuple[float, str, AgencyRead] | None = None
    for size in range(1, min(len(words), 6) + 1):
        name = f"{match.group(1)} {' '.join(words[:size])}".strip(" ,")
        found = process.extractOne(normalise(name), list(_known()), scorer=fuzz.ratio)
        if found and found[1] >= SUGGEST_SCORE and (best is None or found[1] > best[0]):
            best = (found[1], name, _known()[found[0]])
    if best is None:
        return
    _score, name, agency = best
    text = f"{agency.name_vi} ({agency.code})"
    yield finding(document, "unknown_name", "warning", match.start(), match.start() + len(name),
                  stated=name, expected=text,
                  vi=f"Không có cơ quan '{name}' trong danh mục. Có phải: {text}?",
                  en=f"'{name}' is not an agency of the registry. Did you mean: {text}?")


def _ended(document: Document, match: re.Match[str], agency: AgencyRead,
           first_day: date) -> Finding:
    after = ", ".join(a.name_vi for a in successors_of(agency.code)) or "—"
    end = match.end() + len(agency.name_vi) - len(match.group(1)) - 1
    return finding(document, "unknown_name", "warning", match.start(), end,
                   stated=agency.name_vi, expected=after,
                   vi=f"{agency.name_vi} đã thôi hoạt động từ {agency.valid_to:%d/%m/%Y}, "
                      f"trước năm {first_day.year} của báo cáo; nay là: {after}.",
                   en=f"{agency.name_en} ceased on {agency.valid_to}, before the report's year "
                      f"{first_day.year}; now: {after}.")


def _report_year_start(document: Document) -> date | None:
    """1 January of the year the report names most often."""
    years = Counter(YEAR.findall(document.plain[:20_000]))
    return date(int(years.most_common(1)[0][0]), 1, 1) if years else None
