"""Check a hand-written report against stored data: each figure is matched to the stored
figure it states (indicator × scope × period × window) by the words around it and the
catalogue's names, and a stored value that disagrees is a finding with that value and its
source. A figure whose words match no indicator clearly, or whose indicator has no stored
value, is listed as unmatched: never guessed, never matched by its value.

Stored figures are read only through ``dxmon.compute.figures.FigureBook``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import pairwise

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Indicator, Unit
from dxmon.check.coverage import not_a_claim
from dxmon.check.document import MARKER, Document
from dxmon.check.figures import SCALES, Figure
from dxmon.check.findings import finding
from dxmon.check.schemas import DataMatch, DataUnmatched, Finding
from dxmon.compute.figures import Figure as StoredFigure
from dxmon.compute.figures import FigureBook
from dxmon.numbers import format_number, round_half_up
from dxmon.periods import Period
from dxmon.registry.service import all_agencies

SYLLABLE = re.compile(r"[^\W\d_]+")
MIN_SCORE = 2.5  # matched words' weight (rare words weigh more) below which nothing matches
MIN_MARGIN = 1.15  # the best indicator must beat the next one by this factor
CONFIDENT_COVERAGE = 0.6
CONFIDENT_MARGIN = 1.5
MIN_COVERAGE = 0.4  # share of the indicator's name (by weight) its words must hold
CONTEXT_AFTER = 160
WINDOWS = ("period", "ytd", "cumulative")
HEADING_CHARACTERS = 200
SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ])")
PERCENT_AFTER_END = re.compile(r"\s(?:và|trong khi|so với|tăng|giảm)\s|[,;.]")
CANDIDATES = 8  # the best-named indicators among which one with a stored figure is sought
SCOPES = (  # the words that name a scope, nearest to the figure wins
    (re.compile(r"cơ quan trung ương", re.IGNORECASE), "other:central_agencies"),
    (re.compile(r"bộ,? ngành|khối bộ|cấp bộ|các bộ|bộ, cơ quan", re.IGNORECASE), "block:bo_nganh"),
    (re.compile(r"địa phương|khối tỉnh|cấp tỉnh|tỉnh, thành phố", re.IGNORECASE),
     "block:dia_phuong"),
    (re.compile(r"cả nước|toàn quốc|quốc gia", re.IGNORECASE), "nation"),
)
NEGATION = re.compile(r"\b(?:chưa|không|còn lại)\b", re.IGNORECASE)
RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")
NOUN_SCOPE = re.compile(r"[\s*]*(?:tỉnh|địa phương|bộ|cơ quan)\b(?:[^\W\d_]|[ ,])*",
                        re.IGNORECASE)
BASELINE_YEAR = re.compile(r"(?:cuối\s+)?năm\s+(\d{4})\s+(?:là\s*)?\(?\s*$", re.IGNORECASE)
SAME_PERIOD = re.compile(r"cùng kỳ[^()%;]{0,40}\(\s*$", re.IGNORECASE)
CUMULATIVE = re.compile(r"lũy kế|tính đến nay|đến nay|tổng số đến", re.IGNORECASE)
YEAR_TO_DATE = re.compile(r"\d+\s+tháng\s+đầu\s+năm|từ đầu năm", re.IGNORECASE)
CHANGE = re.compile(r"(?:tăng|giảm|thêm)(?:\s+(?:khoảng|hơn|gần|trên|mạnh))?\s*$",
                    re.IGNORECASE)
GROWTH_NAME = re.compile(r"tăng trưởng|^tăng|tăng thêm|\bthêm\b", re.IGNORECASE)
TARGET = re.compile(r"(?:mục tiêu|kế hoạch năm|chỉ tiêu)\s*(?:\(\s*)?(?:là\s*)?$",
                    re.IGNORECASE)
APPROXIMATE = re.compile(r"(?:hơn|khoảng|gần|trên|xấp xỉ|ước)\s*$", re.IGNORECASE)
COMMON_WORDS = "của các và trong đã được là có số lượng tỷ lệ đạt với trên theo"
COMMON = frozenset(COMMON_WORDS.split())


# the abbreviations reports and the catalogue use for the same words
ABBREVIATIONS = {
    "tthc": "thủ tục hành chính", "dvc": "dịch vụ công", "dvctt": "dịch vụ công trực tuyến",
    "csdl": "cơ sở dữ liệu", "csdlqg": "cơ sở dữ liệu quốc gia", "httt": "hệ thống thông tin",
    "cntt": "công nghệ thông tin", "tmđt": "thương mại điện tử", "attt": "an toàn thông tin",
    "cccd": "căn cước công dân", "bhxh": "bảo hiểm xã hội", "bhyt": "bảo hiểm y tế",
    "cđs": "chuyển đổi số", "dn": "doanh nghiệp", "tt&tt": "thông tin và truyền thông",
    "ubqg": "ủy ban quốc gia", "bcđ": "ban chỉ đạo", "cqnn": "cơ quan nhà nước",
}
ABBREVIATION = re.compile(r"(?<![\w&])(" + "|".join(
    re.escape(key) for key in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])",
    re.IGNORECASE)


# one wording for phrases that say the same ("nhiệm vụ có thời hạn đến tháng 6" are due)
PHRASES = ((re.compile(r"có thời hạn đến|có thời hạn trước", re.IGNORECASE), "đến hạn"),
           (re.compile(r"trước thời hạn", re.IGNORECASE), "trước hạn"))


def _syllables(text: str) -> list[str]:
    text = ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], text)
    for pattern, wording in PHRASES:
        text = pattern.sub(wording, text)
    return [s.lower() for s in SYLLABLE.findall(text)]


def _terms(text: str) -> set[str]:
    """Syllables and syllable pairs ("trực tuyến", "toàn trình") of a text."""
    words = [w for w in _syllables(text) if w not in COMMON]
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def _vocabulary(indicator: Indicator) -> set[str]:
    texts = [indicator.name_vi, indicator.numerator_label_vi or "",
             indicator.denominator_label_vi or ""]
    return _terms(" ".join(texts))


@cache
def _index() -> tuple[dict[str, set[str]], dict[str, float], dict[str, Indicator]]:
    indicators = load_catalog().indicators
    vocabularies = {code: _vocabulary(ind) for code, ind in indicators.items()}
    counts = Counter(term for terms in vocabularies.values() for term in terms)
    weights = {term: math.log(len(vocabularies) / count) for term, count in counts.items()}
    return vocabularies, weights, dict(indicators)


def _fits(figure: Figure, indicator: Indicator, noun: list[str]) -> bool:
    """A percent states a percent indicator; a count or amount states one whose unit or name
    holds the noun written after it ("50.350 doanh nghiệp", "4.620 tỷ đồng")."""
    percent = indicator.unit == Unit.PERCENT
    if figure.kind == "percent" or percent:
        return figure.kind == "percent" and percent
    if not noun:
        return True
    money = noun[0] in ("đồng", "usd")
    if money != (indicator.unit in (Unit.BILLION_VND, Unit.BILLION_USD)):
        return False
    unit = _syllables(f"{indicator.unit_label_vi} {indicator.numerator_label_vi or ''}")
    if _counts_agencies(noun):  # "bộ", "tỉnh", "cơ quan", "địa phương" all count agencies
        return _counts_agencies(unit)
    return noun[0] in unit and not _counts_agencies(unit)


def _counts_agencies(words: list[str]) -> bool:
    return bool(words) and (words[0] in ("bộ", "tỉnh", "ngành")
                            or " ".join(words[:2]) in ("cơ quan", "địa phương", "thành phố"))


def _polarity_fits(document: Document, figure: Figure, indicator: Indicator) -> bool:
    """"30 bộ, ngành, địa phương chưa có kế hoạch" counts those that have not: only an
    indicator of those that have not can hold it, and the other way round."""
    after = re.split(r"[;.(]", document.plain[figure.end:figure.end + 40])[0]
    says_not = bool(NEGATION.search(after)) or bool(
        re.search(r"\bcòn(?: lại)?\s*$", document.plain[max(0, figure.start - 12):figure.start]))
    return says_not == bool(NEGATION.search(indicator.name_vi))


def _noun_after(document: Document, figure: Figure) -> list[str]:
    """The first words after a count: its unit ("doanh nghiệp", "tỷ đồng" → "đồng")."""
    text = re.split(r"[(),;:.]", document.plain[figure.end:figure.end + 30])[0]
    words = [w for w in _syllables(MARKER.sub(" ", text)) if w not in ("nghìn", "triệu", "tỷ")]
    return words[:2]


def _near_start(document: Document, figure: Figure, previous_end: int) -> int:
    """Where the words about this figure start: its clause, after the figure before it."""
    clause_start, _end = document.clause_of(figure.start)
    return max(clause_start, previous_end)


def _context(document: Document, figure: Figure, previous_end: int,
             following: Figure | None) -> str:
    before = document.plain[_near_start(document, figure, previous_end):figure.start]
    before = re.split(r"\(", before)[-1] if before.count("(") > before.count(")") else before
    if len([w for w in _syllables(before) if w not in COMMON]) < 4:
        # "; bộ, ngành đạt 61%", "; đạt tỷ lệ 28,6%": the paragraph's start says what
        line_start = document.line_start(document.line_column(figure.start)[0])
        before = document.plain[line_start:figure.start]
    return f"{before} {_after(document, figure, following)}"


def _after(document: Document, figure: Figure, following: Figure | None) -> str:
    """A percent's words come before it; what a count counts may come after it, past a
    parallel count ("12/22 bộ⁴ và 50/63 tỉnh⁵ đã ban hành Kế hoạch …"), up to a percent."""
    _start, clause_end = document.clause_of(figure.start)
    end = min(clause_end, figure.end + CONTEXT_AFTER)
    if following is not None and (figure.kind == "percent" or following.kind == "percent"):
        end = min(end, following.start)
    if figure.kind == "percent":  # "60% tổng kinh tế số", not the next claim's words
        stop = PERCENT_AFTER_END.search(document.plain, figure.end, end)
        end = min(end, figure.end + 30, stop.start() if stop else end)
    return re.sub(r"\([^)]*\)", " ", document.plain[figure.end:max(figure.end, end)])


def _heading(document: Document, figure: Figure) -> str:
    """The words of the heading the figure stands under ("2. Kết quả thực hiện các nhiệm vụ
    … của Ủy ban quốc gia 2024")."""
    line_start = document.line_start(document.line_column(figure.start)[0])
    heading = document.heading_before(line_start)
    if heading is None or heading[1] - heading[0] > HEADING_CHARACTERS:
        return ""  # a long numbered paragraph is no heading
    return document.plain[heading[0]:heading[1]]


def ranked_indicators(document: Document, figure: Figure, previous_end: int,
                      following: Figure | None = None) -> list[Ranked]:
    """Indicators by how much their names share the figure's words (rare words weigh more);
    the heading's words count half and cannot match an indicator alone."""
    vocabularies, weights, indicators = _index()
    context = _terms(_context(document, figure, previous_end, following))
    line_start = document.line_start(document.line_column(figure.start)[0])
    # the paragraph's earlier words and the heading's count half ("Kinh tế số ICT … chiếm 60%
    # tổng kinh tế số, ước tăng trưởng 26%": "ICT" is before the figure before)
    heading = (_terms(_heading(document, figure))
               | _terms(document.plain[line_start:figure.start])) - context
    noun = _noun_after(document, figure)
    scored = []
    for code, terms in vocabularies.items():
        if not _fits(figure, indicators[code], noun) or not _polarity_fits(
                document, figure, indicators[code]):
            continue
        local = sum(weights[t] for t in context & terms)
        above = sum(weights[t] for t in heading & terms)
        covered = (local + above) / sum(weights[t] for t in terms) if terms else 0.0
        if local >= MIN_SCORE and covered >= MIN_COVERAGE:
            scored.append(Ranked((local + above / 2) * (0.5 + covered), covered, indicators[code]))
    return sorted(scored, key=lambda ranked: ranked.score, reverse=True)


def _scopes(document: Document, figure: Figure, previous_end: int) -> list[str]:
    """The scopes the words name, nearest first; a rate after counts of ministries and of
    provinces ("19/21 bộ … và 63/63 tỉnh …, đạt tỷ lệ 97,6%") is of both blocks."""
    counted = NOUN_SCOPE.match(MARKER.sub(" ", document.plain[figure.end:figure.end + 40]))
    if figure.kind != "percent" and counted:  # "19/21 bộ, cơ quan ngang bộ": what is counted
        noun = counted.group(0).lower().strip(" *").split(" và ")[0][:40]
        return [_counted_scope(noun), "nation"]
    start, end = document.clause_of(figure.start)
    # "xác thực 97,6 triệu thông tin … trong CSDL do BHXH Việt Nam quản lý": before, then after
    named = [*_agencies_named(document.plain[start:figure.start]),
             *reversed(_agencies_named(document.plain[figure.end:min(end, figure.end + 200)]))]
    agencies = [f"agency:{code}" for code in named]
    return list(dict.fromkeys([*agencies, *_block_scopes(document, figure, previous_end)]))


def _counted_scope(noun: str) -> str:
    if "cơ quan trung ương" in noun or "cơ quan, trung ương" in noun:
        return "other:central_agencies"
    ministries = noun.startswith(("bộ", "ngành", "cơ quan"))
    provinces = "tỉnh" in noun or "địa phương" in noun
    if ministries and provinces:
        return "block:bo_nganh+dia_phuong"
    return "block:dia_phuong" if provinces else "block:bo_nganh"


@cache
def _agency_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {name.lower(): agency.code for agency in all_agencies()
             for name in (agency.name_vi, agency.short_name, *agency.aliases)
             if len(name) >= 4 and agency.kind not in ("province", "city")}
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), names


def _agencies_named(text: str) -> list[str]:
    """Ministries and government agencies a clause names, nearest last first ("trong CSDL do
    BHXH Việt Nam quản lý" → BHXH)."""
    pattern, names = _agency_names()
    found = [names[m.group(0).lower()] for m in pattern.finditer(text)]
    return list(dict.fromkeys(reversed(found)))


def _block_scopes(document: Document, figure: Figure, previous_end: int) -> list[str]:
    before = document.plain[_near_start(document, figure, previous_end):figure.start]
    start, end = document.clause_of(figure.start)
    clause = document.plain[start:figure.start]
    if not any(pattern.search(before) for pattern, _scope in SCOPES):
        before = clause
    if not any(pattern.search(before) for pattern, _scope in SCOPES):
        # "100% các bộ, ngành đã sử dụng": the scope after the figure, nearest first
        after = sorted((m.start(), scope) for pattern, scope in SCOPES
                       for m in pattern.finditer(document.plain, figure.end, end))
        return [*[scope for _at, scope in after[:1]], "nation"]
    nearest = sorted(((m.end(), scope) for pattern, scope in SCOPES
                      for m in pattern.finditer(before)), reverse=True)
    scopes = list(dict.fromkeys(scope for _end, scope in nearest)) or ["nation"]
    named = {scope for pattern, scope in SCOPES if pattern.search(clause)}
    if figure.kind == "percent" and {"block:bo_nganh", "block:dia_phuong"} <= named:
        scopes.insert(0, "block:bo_nganh+dia_phuong")
    return scopes


def _period_and_window(document: Document, figure: Figure, period: Period) -> tuple[str, str]:
    before = document.plain[max(0, figure.start - 60):figure.start]
    year = BASELINE_YEAR.search(before)
    if year:
        return year.group(1), "period"
    if SAME_PERIOD.search(before):
        return period.same_period_last_year().id, "period"
    line_start = document.line_start(document.line_column(figure.start)[0])
    sentences = SENTENCE_END.split(document.plain[line_start:figure.start])
    clause = sentences[-1]  # "Tính đến nay, … 4,473 nghìn dịch vụ; hơn 353 triệu hồ sơ"
    if CUMULATIVE.search(clause):
        return period.id, "cumulative"
    if YEAR_TO_DATE.search(clause) and period.kind == "month":
        return period.id, "ytd"
    return period.id, "period"


def _levels_or_changes(document: Document, figure: Figure,
                       ranked: list[Ranked]) -> list[Ranked]:
    """"tăng 4,8 triệu tài khoản" states a change: only an indicator of growth or of what was
    added can hold it, never the level itself."""
    if not CHANGE.search(document.plain[max(0, figure.start - 20):figure.start]):
        return ranked
    return [each for each in ranked if GROWTH_NAME.search(each.indicator.name_vi)]


def _unmatched_reason(document: Document, figure: Figure, ranked: list[Ranked],
                      candidates: list[Candidate]) -> str | None:
    if TARGET.search(document.plain[max(0, figure.start - 25):figure.start]):
        return "target"  # "mục tiêu 48.000": a plan's target, not an observation
    if RANGE_BEFORE.search(document.plain[max(0, figure.start - 4):figure.start]):
        return "range"  # "2000-3000 lượt": the upper end of a range
    if not ranked:
        return "no_indicator"
    if not candidates:
        return "no_stored_value"
    best, others = candidates[0][0], [c[0] for c in candidates[1:]
                                      if c[0].indicator is not candidates[0][0].indicator]
    if others and best.score < others[0].score * MIN_MARGIN:
        return "ambiguous"
    return None


def _confident(candidates: list[Candidate], window: str) -> bool:
    """Words that name one indicator and window clearly: enough to call a different value an
    error."""
    best, others = candidates[0][0], [c[0] for c in candidates[1:]
                                      if c[0].indicator is not candidates[0][0].indicator]
    return candidates[0][1].window == window and best.covered >= CONFIDENT_COVERAGE and (
        not others or best.score >= others[0].score * CONFIDENT_MARGIN)


def _written_value(figure: Figure, indicator: Indicator) -> Decimal:
    """The text's figure in the indicator's stored unit."""
    if indicator.unit in (Unit.BILLION_VND, Unit.BILLION_USD):
        return figure.scaled / SCALES["tỷ"] if figure.scale else figure.value
    return figure.scaled


def _stored_as_written(stored: StoredFigure, figure: Figure, indicator: Indicator) -> Decimal:
    value = stored.numerator if figure.kind == "fraction" and stored.numerator is not None \
        else stored.value
    written_unit = _written_value(figure, indicator) / figure.value if figure.value else 1
    return value / written_unit if written_unit else value


def _agrees(document: Document, figure: Figure, stored_value: Decimal) -> bool:
    if round_half_up(stored_value, figure.decimals) == figure.value:
        return True
    if APPROXIMATE.search(document.plain[max(0, figure.start - 12):figure.start]):
        return abs(stored_value - figure.value) <= Decimal(1).scaleb(-figure.decimals)
    return False


@dataclass(frozen=True)
class Ranked:
    score: float
    covered: float  # the share of the indicator's name (by weight) the words hold
    indicator: Indicator


Candidate = tuple[Ranked, StoredFigure]
Key = tuple[int, str, str, str, str]  # line, indicator, scope, period, window


def _candidates(document: Document, figure: Figure, previous_end: int, following: Figure | None,
                book: FigureBook,
                target: Period) -> tuple[list[Ranked], list[Candidate]]:
    """The indicators the words name, and those of them with a stored figure for a scope,
    period and window the words name (an unmarked window may be the period itself)."""
    period_id, window = _period_and_window(document, figure, target)
    scopes = _scopes(document, figure, previous_end)
    ranked = _levels_or_changes(document, figure,
                                ranked_indicators(document, figure, previous_end, following))
    found = [(each, stored) for each in ranked[:CANDIDATES] for scope in scopes
             if (stored := _whole(book.get(each.indicator.code, scope, period_id, window)))]
    if not found:
        # the words may not say the window the data keeps ("tính đến hết ngày 12/8" for a
        # year-to-date figure): another window of the same period, only ever to agree
        found = [(each, stored) for each in ranked[:CANDIDATES] for scope in scopes
                 for other in WINDOWS if other != window
                 if (stored := _whole(book.get(each.indicator.code, scope, period_id, other)))]
    return ranked, found


def _whole(stored: StoredFigure | None) -> StoredFigure | None:
    """A figure a text's total can be held against: stored, or rolled up from every agency
    it is owed by — a roll-up of part of them is not the total a report states."""
    if stored is None or (stored.coverage is not None and not stored.coverage.complete):
        return None
    return stored


def check_against_data(document: Document, figures: list[Figure], book: FigureBook,
                       period: str) -> tuple[list[Finding], list[DataMatch], list[DataUnmatched]]:
    target = Period.parse(period)
    findings: list[Finding] = []
    matches: list[DataMatch] = []
    unmatched: list[DataUnmatched] = []
    previous_end = 0
    claimed: set[Key] = set()  # one figure per stored figure and line
    for index, figure in enumerate(figures):
        if not_a_claim(document, figure.start, figure.end):
            continue
        line, column = document.line_column(figure.start)
        text = " ".join(document.plain[figure.start:figure.end].split())
        following = figures[index + 1] if index + 1 < len(figures) else None
        ranked, candidates = _candidates(document, figure, previous_end, following, book,
                                         target)
        previous_end = figure.end
        candidates = [c for c in candidates if _key(line, c[1]) not in claimed]
        reason = _unmatched_reason(document, figure, ranked, candidates)
        named = ranked[0].indicator.code if ranked else None
        if reason is not None:
            unmatched.append(DataUnmatched(line=line, column=column, text=text, reason=reason,
                                           indicator=named))
            continue
        best, stored = candidates[0]
        match, finding_ = _compare(document, figure, best.indicator, stored)
        _period, window = _period_and_window(document, figure, target)
        if finding_ is not None and not _confident(candidates, window):
            # weak words and another value: more likely another measure than an error
            unmatched.append(DataUnmatched(line=line, column=column, text=text,
                                           reason="uncertain", indicator=named))
            continue
        claimed.add(_key(line, stored))
        matches.append(match)
        findings.extend([finding_] if finding_ else [])
    return findings, matches, unmatched


def _key(line: int, stored: StoredFigure) -> Key:
    return (line, stored.indicator, stored.scope, stored.period, stored.window)


def _compare(document: Document, figure: Figure, indicator: Indicator,
             stored: StoredFigure) -> tuple[DataMatch, Finding | None]:
    line, column = document.line_column(figure.start)
    value = _stored_as_written(stored, figure, indicator)
    agrees = _agrees(document, figure, value)
    document.mark(figure.start, kind="against_data")
    shown = format_number(round_half_up(value, max(figure.decimals, 2)))
    match = DataMatch(line=line, column=column,
                      text=" ".join(document.plain[figure.start:figure.end].split()),
                      indicator=indicator.code, scope=stored.scope, period=stored.period,
                      window=stored.window, stored=shown, source=stored.source, agrees=agrees)
    return match, None if agrees else _mismatch(document, figure, indicator, stored, shown)


def _mismatch(document: Document, figure: Figure, indicator: Indicator, stored: StoredFigure,
              shown: str) -> Finding:
    scope, period = stored.scope, stored.period
    written = " ".join(document.plain[figure.start:figure.end].split())
    return finding(document, "data_mismatch", "error", figure.start, figure.end,
                   stated=written, expected=shown,
                   vi=f"Số liệu lưu trữ của “{indicator.name_vi}” ({scope}, {period}) là "
                      f"{shown}, nguồn: {stored.source}; văn bản ghi {written}.",
                   en=f"The stored figure of “{indicator.name_en}” ({scope}, {period}) is "
                      f"{shown}, source: {stored.source}; the text says {written}.")
