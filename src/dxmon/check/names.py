"""Counts of agencies against the footnote that names them: "12/22 bộ, cơ quan ngang bộ⁴"
with "⁴ Các bộ, ngành chưa ban hành gồm: …" must name 22 − 12 = 10 agencies; every name
is resolved through the registry, which also catches unknown or misspelled names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache

from dxmon.check.document import Document, Footnote
from dxmon.check.figures import Figure, parse
from dxmon.check.findings import finding
from dxmon.check.schemas import Finding
from dxmon.errors import DxmonError
from dxmon.registry.resolver import resolve_list, suggest
from dxmon.registry.service import get_agency, list_agencies

PREDICATE = re.compile(r"\b(?:chưa|không|đã|đang)\b")
COMPLEMENT = re.compile(r"\b(chưa|còn lại|còn|không)\b", re.IGNORECASE)
NOUNS = (  # what the count counts, by the noun after it; first match wins
    (re.compile(r"^\W*(tỉnh|địa phương|thành phố)", re.IGNORECASE), {"province", "city"}),
    (re.compile(r"^\W*bộ, cơ quan ngang bộ", re.IGNORECASE), {"ministry", "ministerial_agency"}),
    (re.compile(r"^\W*(bộ|cơ quan|ngành)", re.IGNORECASE),
     {"ministry", "ministerial_agency", "government_agency"}),
)
# the whole a bare count ("15 bộ, ngành⁷") is taken out of, by its noun
BARE_WHOLES = ((re.compile(r"^\W*(tỉnh|địa phương|thành phố)", re.IGNORECASE),
                {"province", "city"}),
               (re.compile(r"^\W*bộ\b", re.IGNORECASE), {"ministry", "ministerial_agency"}))
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
OWN_COUNT = re.compile(r"^\s*(?:Còn\s+(?:lại\s+)?)?(\d+)\s+(\w+(?:\s\w+)?)", re.IGNORECASE)
AGENCY_UNITS = ("bộ", "cơ quan", "tỉnh", "địa phương", "đơn vị", "bộ,")


def check_counts(document: Document, figures: list[Figure]) -> Iterator[Finding]:
    for position, key in document.markers(0, len(document.text)):
        footnote = document.footnotes.get(key)
        if footnote is None or document.in_footnote_definition(position):
            continue
        claim = _claim(document, figures, position)
        if claim is not None:
            yield from _judge(document, claim, footnote)


def _claim(document: Document, figures: list[Figure], position: int) -> Figure | None:
    start, _end = document.clause_of(position)
    before = [f for f in figures if start <= f.start < position and f.kind != "percent"]
    return before[-1] if before else None


def _expected(document: Document, claim: Figure, footnote: Footnote) -> Decimal | None:
    lead = footnote.text.split(":")[0]
    complement = bool(COMPLEMENT.search(lead))
    if not complement:
        return claim.value
    if claim.denominator is None:
        whole = bare_whole(document, claim)
        return None if whole is None else whole - claim.value
    if claim.value == claim.denominator and not re.search(r"\bchưa\b", lead, re.IGNORECASE):
        return None  # "21/21¹⁰" + "VPCP không có hệ thống": the note explains the whole
    return claim.denominator - claim.value


def bare_whole(document: Document, claim: Figure) -> Decimal | None:
    """"15 bộ, ngành⁷" with a footnote of those that have not: out of the 22 ministries and
    ministerial-level agencies (63 provinces) in force in the report's year."""
    noun = document.plain[claim.end:claim.end + 30]
    kinds = next((kinds for pattern, kinds in BARE_WHOLES if pattern.match(noun)), None)
    if kinds is None:
        return None
    return Decimal(len(list_agencies(as_of=_report_day(document), kinds=kinds)))


def _report_day(document: Document) -> date:
    """The last day of the year a report names most often (its own year)."""
    years = Counter(YEAR.findall(document.plain[:20_000]))
    year = int(years.most_common(1)[0][0]) if years else date.today().year
    return date(min(year, date.today().year), 12, 31)


def _judge(document: Document, claim: Figure, footnote: Footnote) -> Iterator[Finding]:
    expected = _expected(document, claim, footnote)
    if expected is not None:
        document.mark(claim.start, kind="count_names")
    own = OWN_COUNT.match(footnote.text)
    if own and expected is not None and parse(own.group(1), None) != expected:
        yield _count_finding(document, claim, footnote, parse(own.group(1), None), expected,
                             "the footnote's own count")
    if own and not own.group(2).lower().startswith(AGENCY_UNITS):
        return  # counts services or systems, not agencies: its names are not the count
    names, unknown = _names(footnote)
    for piece in unknown:
        yield _unknown_finding(document, footnote, piece)
    if names is None or expected is None or unknown:
        return
    noun = re.sub(r"<sup>.*?</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", document.plain[claim.end:claim.end + 40])
    kinds = next((kinds for pattern, kinds in NOUNS if pattern.match(noun)), None)
    listed = [code for code in names if kinds is None or get_agency(code).kind in kinds]
    if len(listed) != expected:
        yield _count_finding(document, claim, footnote, Decimal(len(listed)), expected,
                             "the names listed")


def _names(footnote: Footnote) -> tuple[list[str] | None, list[str]]:
    """The agencies a footnote lists, and the pieces that name no known agency."""
    return _names_of(footnote.text)


@lru_cache(maxsize=1024)
def _names_of(text: str) -> tuple[list[str] | None, list[str]]:
    if ":" not in text:
        try:
            return resolve_list(_strip(text)), []
        except DxmonError:
            return _names_with_predicates(text), []
    listing = _strip(text.split(":", 1)[1])
    codes: list[str] = []
    unknown: list[str] = []
    for piece in (p.strip() for p in listing.split(";")):
        if not piece:
            continue
        try:
            codes.extend(resolve_list(piece))
        except DxmonError:
            unknown.extend(_unknown_pieces(piece))
    return codes, unknown


def _names_with_predicates(text: str) -> list[str] | None:
    """"Bộ Tài chính chưa hoàn thành kết nối, Ủy ban dân tộc chưa kết nối": each piece is a
    name followed by what it has not done."""
    codes: list[str] = []
    for piece in re.split(r"[,;]", _strip(text)):
        name = PREDICATE.split(piece, maxsplit=1)[0].strip()
        try:
            codes.extend(resolve_list(name))
        except DxmonError:
            return None
    return codes or None


def _unknown_pieces(piece: str) -> list[str]:
    pieces = []
    for name in re.split(r",|\bvà\b", piece):
        try:
            resolve_list(name.strip())
        except DxmonError:
            pieces.append(name.strip())
    return pieces or [piece]


def _strip(text: str) -> str:
    return re.sub(r"\([^)]*\)", "", text).strip().rstrip(".")


def _count_finding(document: Document, claim: Figure, footnote: Footnote, listed: Decimal,
                   expected: Decimal, what: str) -> Finding:
    own_count = what.startswith("the footnote")
    vi = (f"chú thích tự nêu số {listed}" if own_count else f"chú thích liệt kê {listed} tên")
    en = (f"the footnote itself says {listed}" if own_count
          else f"the footnote lists {listed} {'name' if listed == 1 else 'names'}")
    return finding(document, "count_names", "error", claim.start, claim.end,
                   stated=f"{listed} ({what})", expected=str(expected),
                   vi=f"Chú thích {footnote.key}: {vi}, nhưng số liệu cho {expected}.",
                   en=f"Footnote {footnote.key}: {en}, but the figure gives {expected}.")


def _unknown_finding(document: Document, footnote: Footnote, piece: str) -> Finding:
    start = document.text.find(piece, footnote.start)
    hints = "; ".join(f"{name} ({code})" for name, code, _score in suggest(piece))
    return finding(document, "unknown_name", "warning", start, start + len(piece),
                   stated=piece, expected=hints,
                   vi=f"Không nhận ra cơ quan '{piece}' trong danh mục. Có phải: {hints}?",
                   en=f"'{piece}' is not an agency of the registry. Did you mean: {hints}?")
