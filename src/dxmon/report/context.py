"""What a report template sees: a ReportContext built only from ``compute``.

Templates and narrative blocks hold words; every number they print comes through the views
here, which format with ``dxmon.numbers`` (Vietnamese notation, one rounding rule).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from dxmon import numbers
from dxmon.compute.changes import Change
from dxmon.compute.figures import Figure, FigureBook
from dxmon.compute.ratios import Fraction, attainment, pooled
from dxmon.errors import Problem
from dxmon.periods import Period

MISSING = "(chưa có số liệu)"
"""What a figure without data prints: marked, never 0 (highlighted in HTML, DOCX and PDF)."""


@dataclass(frozen=True)
class ReportMeta:
    """The document's frame: who issues it, its number and date, who signs."""

    title: str
    issuer: str
    number_line: str
    place_date_line: str
    signature_lines: tuple[str, ...]
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodView:
    """A period with the labels and comparison periods the report sentences need."""

    period: Period

    @property
    def id(self) -> str:
        return self.period.id

    @property
    def year(self) -> str:
        return str(self.period.year)

    @property
    def month(self) -> str:
        return str(self.period.last_month)

    @property
    def label(self) -> str:
        return self.period.label_vi()

    @property
    def label_padded(self) -> str:
        """"06 tháng đầu năm 2024": the seeds pad the number of months."""
        return self.label.replace("6 tháng", "06 tháng", 1)

    @property
    def span_plain(self) -> str:
        """:attr:`span` with the number of months unpadded ("6 tháng đầu năm")."""
        return self.span.replace("06 tháng", "6 tháng", 1)

    @property
    def label_long(self) -> str:
        """"tháng 9 năm 2024", "quý III năm 2024": a label for a title line."""
        return self.label_padded.replace("/", " năm ")

    @property
    def span(self) -> str:
        """The period without its year: "06 tháng đầu năm", "06 tháng cuối năm", "năm",
        "quý III", "tháng 9"."""
        period = self.period
        if period.kind == "year":
            return "năm"
        if period.kind == "half":
            return "06 tháng đầu năm" if period.index == 1 else "06 tháng cuối năm"
        if period.kind == "quarter":
            return f"quý {numbers.roman(period.index)}"
        return f"tháng {period.index}"

    @property
    def title(self) -> str:
        """The report's subtitle: "Sơ kết 06 tháng đầu năm 2024", "Tổng kết năm 2024"…"""
        if self.period.kind == "year":
            return f"Tổng kết năm {self.year}"
        if self.period.kind == "half" and self.period.index == 1:
            return f"Sơ kết {self.label_padded}"
        return f"Kết quả {self.label_padded}"

    @property
    def is_year(self) -> bool:
        return self.period.kind == "year"

    @property
    def ytd_span(self) -> str:
        """The months from 1 January: "8 tháng đầu năm", "06 tháng đầu năm", "cả năm"."""
        if self.period.last_month == 12:
            return "cả năm"
        return f"{self.period.last_month} tháng đầu năm"

    @property
    def month_count(self) -> str:
        return numbers.format_count(self.period.last_month - self.period.first_month + 1,
                                    pad=True)

    @property
    def next_label(self) -> str:
        """"06 tháng cuối năm": the next period's label, without its year when it is the
        same year."""
        following = PeriodView(self.period.next())
        if following.year != self.year:
            return following.label_padded
        return following.span

    @property
    def previous(self) -> PeriodView:
        return PeriodView(self.period.previous())

    @property
    def same_last_year(self) -> PeriodView:
        return PeriodView(self.period.same_period_last_year())

    @property
    def end_prev_year(self) -> PeriodView:
        return PeriodView(self.period.end_of_previous_year())

    @property
    def window_start(self) -> str:
        return numbers.format_date(self.period.reporting_window()[0], pad=True)

    @property
    def window_end(self) -> str:
        return numbers.format_date(self.period.reporting_window()[1], pad=True)

    @property
    def ytd_start(self) -> str:
        return numbers.format_date(self.period.year_to_date_window()[0], pad=True)

    @property
    def ytd_end(self) -> str:
        return numbers.format_date(self.period.year_to_date_window()[1], pad=True)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class FractionView:
    """x/y with its percentage, printed the way the seeds print them."""

    fraction: Fraction | None
    decimals: int = 1

    @property
    def ok(self) -> bool:
        return self.fraction is not None

    @property
    def done(self) -> str:
        if self.fraction is None:
            return MISSING
        return numbers.format_count(self.fraction.numerator, pad=True)

    @property
    def total(self) -> str:
        if self.fraction is None:
            return MISSING
        return numbers.format_count(self.fraction.denominator)

    @property
    def rest(self) -> str:
        if self.fraction is None:
            return MISSING
        return numbers.format_count(self.fraction.remainder, pad=True)

    @property
    def frac(self) -> str:
        return MISSING if self.fraction is None else f"{self.done}/{self.total}"

    @property
    def rest_frac(self) -> str:
        return MISSING if self.fraction is None else f"{self.rest}/{self.total}"

    def pct(self, decimals: int | None = None) -> str:
        percent = self.pct_value
        if percent is None:
            return MISSING
        return numbers.format_percent(percent, self.decimals if decimals is None else decimals)

    @property
    def pct_value(self) -> Decimal | None:
        return None if self.fraction is None else self.fraction.percent

    def rest_pct(self, decimals: int | None = None) -> str:
        if self.fraction is None:
            return MISSING
        rest = Fraction(self.fraction.remainder, self.fraction.denominator).percent
        if rest is None:
            return MISSING
        return numbers.format_percent(rest, self.decimals if decimals is None else decimals)

    def __str__(self) -> str:
        return self.frac


@dataclass(frozen=True)
class FigureView:
    """A stored figure; ``str()`` prints it at the precision it was stored with."""

    figure: Figure | None

    @property
    def ok(self) -> bool:
        return self.figure is not None

    @property
    def value(self) -> Decimal | None:
        return None if self.figure is None else self.figure.value

    def _format(self, formatter: Callable[[Decimal], str]) -> str:
        return MISSING if self.figure is None else formatter(self.figure.value)

    def num(self, decimals: int | None = None) -> str:
        return self._format(lambda v: numbers.format_number(v, decimals))

    def pct(self, decimals: int | None = None) -> str:
        return self._format(lambda v: numbers.format_number(v, decimals) + "%")

    def pad(self) -> str:
        return self._format(lambda v: numbers.format_count(v, pad=True))

    def scaled(self, decimals: int = 1) -> str:
        return self._format(lambda v: numbers.format_scaled(v, decimals))

    def millions(self, decimals: int = 1) -> str:
        return self._format(lambda v: numbers.format_number(v / 1_000_000, decimals))

    def thousands(self, decimals: int = 1) -> str:
        return self._format(lambda v: numbers.format_number(v / 1_000, decimals))

    def money(self) -> str:
        return self._format(numbers.format_money_billion_vnd)

    @property
    def upper(self) -> FigureView:
        """The top of a range stored with the figure ("15% - 45%": 45), else missing."""
        provenance = (self.figure.provenance or {}) if self.figure else {}
        top = provenance.get("value_max")
        if self.figure is None or top is None:
            return FigureView(None)
        return FigureView(replace(self.figure, value=numbers.to_decimal(str(top))))

    @property
    def fraction(self) -> FractionView:
        """x/y of the figure; a missing figure (or one stored without its fraction) prints
        the missing mark in every part."""
        return FractionView(None if self.figure is None else self.figure.fraction)

    def __str__(self) -> str:
        return self.num()


def value_of(item: Any) -> Decimal | None:
    """The number behind a view: a stored figure's value, a fraction's numerator, a count."""
    if item is None:
        return None
    if isinstance(item, FigureView):
        return item.value
    if isinstance(item, FractionView):
        return None if item.fraction is None else item.fraction.numerator
    inner = getattr(item, "frac", None)
    if isinstance(inner, FractionView):
        return value_of(inner)
    if isinstance(item, str):
        return None  # a printed mark, not a number
    return numbers.to_decimal(item)


@dataclass(frozen=True)
class ChangeView:
    change: Change | None

    def _size(self) -> Decimal | None:
        return None if self.change is None else abs(self.change.absolute)

    def pp(self, decimals: int | None = None, pad: bool = False) -> str:
        """Change of a rate in percentage points, printed as the seeds do ("2,6%")."""
        size = self._size()
        if size is None:
            return MISSING
        if pad and size == size.to_integral_value() and size < 10:
            return numbers.format_count(size, pad=True) + "%"
        return numbers.format_number(size, decimals) + "%"

    def abs(self, pad: bool = True) -> str:
        size = self._size()
        return MISSING if size is None else numbers.format_count(size, pad=pad)

    def num(self, decimals: int | None = None) -> str:
        size = self._size()
        return MISSING if size is None else numbers.format_number(size, decimals)

    def millions(self, decimals: int = 1) -> str:
        size = self._size()
        return MISSING if size is None else numbers.format_number(size / 1_000_000, decimals)

    def rel(self, decimals: int = 1) -> str:
        if self.change is None or self.change.relative_percent is None:
            return MISSING
        return numbers.format_percent(abs(self.change.relative_percent), decimals)

    @property
    def word(self) -> str:
        """tăng / giảm / không đổi, from the sign of the change (nothing when unknown: the
        size beside it prints the missing mark)."""
        return "" if self.change is None else self.change.direction


PLACEHOLDER = "(Nội dung do chuyên viên soạn)"
"""What an unwritten narrative block prints until an analyst writes it."""


def is_empty_note(text: str) -> bool:
    stripped = text.strip()
    return (MISSING in stripped or PLACEHOLDER in stripped or not re.search(r"\w", stripped)
            or re.search(r":\s*[.;]?$", stripped) is not None)


@dataclass
class Footnotes:
    """Numbered notes in order of first call; Markdown ``[^n]`` references."""

    notes: list[str] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)

    def add(self, text: str) -> str:
        """A note reference, or nothing when the note would be empty or carries a missing
        figure ("Các địa phương chưa ban hành: ." is not a note)."""
        if is_empty_note(text):
            return ""
        self.notes.append(text)
        number = len(self.notes)
        self.pending.append(number)
        return f"[^{number}]"

    def flush(self) -> str:
        """The definitions of the notes referenced since the last flush (end of a section)."""
        lines = [f"[^{number}]: {self.notes[number - 1]}" for number in self.pending]
        self.pending.clear()
        return "\n\n".join(lines)


@dataclass
class ReportContext:
    """Everything a template may call; built by :func:`dxmon.report.service.build_context`."""

    period: PeriodView
    meta: ReportMeta
    book: FigureBook
    footnotes: Footnotes
    helpers: dict[str, Callable[..., Any]]
    narratives: dict[str, str]
    charts: dict[str, bytes] = field(default_factory=dict)
    generated_on: date = field(default_factory=date.today)
    touched: set[str] = field(default_factory=set)  # requirements the report tallied
    findings: list[Problem] = field(default_factory=list)

    def fig(self, indicator: str, scope: str = "nation", period: Any = None,
            window: str = "period") -> FigureView:
        period_id = self.period.id if period is None else str(getattr(period, "id", period))
        return FigureView(self.book.get(indicator, scope, period_id, window))

    def change(self, current: Any, baseline: Any) -> ChangeView:
        now, base = value_of(current), value_of(baseline)
        if now is None or base is None:
            return ChangeView(None)
        return ChangeView(Change(now, base))

    def ratio(self, part: Any, whole: Any, decimals: int = 1) -> FractionView:
        numerator, denominator = value_of(part), value_of(whole)
        if numerator is None or denominator is None:
            return FractionView(None, decimals)
        return FractionView(Fraction(numerator, denominator), decimals)

    def attain(self, value: FigureView, target: Decimal | FigureView | None) -> str:
        goal = target.value if isinstance(target, FigureView) else target
        if value.value is None or goal is None:
            return MISSING
        return numbers.format_percent(attainment(value.value, goal))

    def frac(self, numerator: Any, denominator: Any, decimals: int = 1) -> FractionView:
        return FractionView(Fraction.of(numerator, denominator), decimals)

    def pool(self, *parts: FractionView, decimals: int = 1) -> FractionView:
        fractions = [part.fraction for part in parts]
        if any(fraction is None for fraction in fractions):
            return FractionView(None, decimals)
        return FractionView(pooled(f for f in fractions if f is not None), decimals)

    def footnote(self, text: str) -> str:
        return self.footnotes.add(text)

    def notes(self) -> str:
        return self.footnotes.flush()

    def globals(self) -> dict[str, Any]:
        names = {"period": self.period, "meta": self.meta, "fig": self.fig,
                 "change": self.change, "ratio": self.ratio, "attain": self.attain,
                 "frac": self.frac,
                 "pool": self.pool, "footnote": self.footnote, "notes": self.notes,
                 "charts": self.charts, "MISSING": MISSING}
        return names | self.helpers
