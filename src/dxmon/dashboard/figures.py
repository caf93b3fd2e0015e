"""A stored figure as the dashboard prints it: value in Vietnamese notation with its unit,
the change against a comparison period, and its trend over the periods that hold it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.catalog.schemas import Indicator, Unit
from dxmon.catalog.service import get_indicator, list_indicators
from dxmon.compute.changes import Change
from dxmon.compute.facts import View, visible_observations
from dxmon.compute.figures import Figure, source_order
from dxmon.errors import DxmonError
from dxmon.numbers import format_number, format_scaled, round_half_up
from dxmon.periods import Period
from dxmon.scopes import Scope

PILLARS = {
    "the_che": ("Thể chế", "Institutions"),
    "lanh_dao_dieu_hanh": ("Lãnh đạo, điều hành", "Leadership"),
    "du_lieu_so": ("Dữ liệu số", "Digital data"),
    "ha_tang_so": ("Hạ tầng số", "Digital infrastructure"),
    "chinh_phu_so": ("Chính phủ số", "Digital government"),
    "kinh_te_so": ("Kinh tế số", "Digital economy"),
    "xa_hoi_so": ("Xã hội số", "Digital society"),
    "an_toan_thong_tin": ("An toàn thông tin", "Information security"),
}
MILLION = Decimal(10) ** 6
UNIT_SUFFIX = {Unit.PERCENT: "%", Unit.BILLION_VND: " tỷ đồng", Unit.BILLION_USD: " tỷ USD",
               Unit.MEGAWATT: " MW", Unit.YEARS: " năm", Unit.HOURS: " giờ"}


def indicators_by_code() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in list_indicators()}


def value_text(value: Decimal, indicator: Indicator) -> str:
    """The value as the reports print it: at the precision it was stored with, millions and
    more in "triệu" (2,5 triệu), with its unit."""
    if indicator.unit == Unit.COUNT and abs(value) >= MILLION:
        return format_scaled(value, 1)
    return format_number(value) + UNIT_SUFFIX.get(indicator.unit, "")


def shown_value(figure: Figure, indicator: Indicator) -> Decimal:
    """The value as a page prints it: stored values at the precision they were stored with,
    values computed here (roll-ups, ratios of sums) at the catalogue's precision."""
    if figure.source != "computed":
        return figure.value
    return round_half_up(figure.value, indicator.decimals or 0)


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Oldest first by end date; at the same end, the longer period first (2024 before Q4)."""
    parsed = [Period.parse(p) for p in set(periods)]
    return [p.id for p in sorted(parsed, key=lambda p: (p.end, -(p.end - p.start).days))]


@dataclass(frozen=True)
class ChangeText:
    against: str  # the comparison period's id
    against_label_vi: str
    text: str  # "+13 điểm %" or "+4,9%"
    direction: str  # up, down, flat
    good: bool | None  # None when the indicator has no preferred direction


@dataclass
class FigureCard:
    """One indicator at one scope and period, with where it comes from: its source, its
    coverage (x/y agencies) when rolled up, the other sources' values where they differ, and
    whether it uses a draft (staff previews only)."""

    indicator: str
    name_vi: str
    name_en: str
    pillar: str
    scope: str
    period: str
    value: Decimal
    text: str
    source: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    change: ChangeText | None = None
    trend: list[Decimal] = field(default_factory=list)
    trend_periods: list[str] = field(default_factory=list)
    coverage: str | None = None
    draft: bool = False
    differences: list[str] = field(default_factory=list)

    @property
    def href(self) -> str:
        return f"/chi-so/{self.indicator}?period={self.period}"


def comparison(history: dict[str, Decimal], period: Period) -> str | None:
    """End of the previous year, else the same period last year, else the previous period."""
    for candidate in (period.end_of_previous_year(), period.same_period_last_year(),
                      period.previous()):
        if candidate.id in history:
            return candidate.id
    return None


def change_text(indicator: Indicator, current: Decimal, earlier: Decimal,
                against: str) -> ChangeText:
    change = Change(current, earlier)
    if indicator.unit == Unit.PERCENT:
        text = f"{format_number(abs(change.absolute), 1)} điểm %"
    else:
        relative = change.relative_percent
        text = (f"{format_number(round_half_up(abs(relative), 1))}%" if relative is not None
                else format_number(abs(change.absolute)))
    direction = "up" if change.absolute > 0 else "down" if change.absolute < 0 else "flat"
    sign = {"up": "+", "down": "−", "flat": "±"}[direction]
    wanted = str(indicator.direction)
    good = None if wanted == "none" or direction == "flat" else direction == wanted
    return ChangeText(against, Period.parse(against).label_vi(), f"{sign}{text}", direction, good)


def card(figure: Figure, indicator: Indicator, history: dict[str, Decimal]) -> FigureCard:
    history = {**history, figure.period: figure.value}
    periods = sort_periods(history)
    against = comparison(history, Period.parse(figure.period))
    return FigureCard(
        indicator=figure.indicator, name_vi=indicator.name_vi, name_en=indicator.name_en,
        pillar=str(indicator.pillar), scope=figure.scope, period=figure.period,
        value=figure.value, text=value_text(shown_value(figure, indicator), indicator),
        source=figure.source,
        numerator=figure.numerator, denominator=figure.denominator,
        change=(change_text(indicator, figure.value, history[against], against)
                if against else None),
        trend=[history[p] for p in periods], trend_periods=periods,
        coverage=figure.coverage.text if figure.coverage else None, draft=figure.draft,
        differences=[f"{d.source}: {value_text(d.value, indicator)}"
                     for d in figure.differences])


def histories(session: Session, *, scope: str, view: View) -> dict[str, dict[str, Decimal]]:
    """indicator → period → value of the visible 'period' figures stored for one scope, the
    catalogue's preferred source where several are stored."""
    parsed = Scope.parse(scope)
    found: dict[str, dict[str, tuple[int, Decimal]]] = {}
    for row in visible_observations(session, view, scope=scope, window="period"):
        indicator = known_indicator(row.indicator)
        if row.value is None or indicator is None:
            continue
        order = source_order(indicator, parsed)
        rank = order.index(row.source) if row.source in order else len(order)
        held = found.setdefault(row.indicator, {})
        if row.period not in held or rank < held[row.period][0]:
            held[row.period] = (rank, row.value)
    return {code: {period: value for period, (_rank, value) in periods.items()}
            for code, periods in found.items()}


def known_indicator(code: str) -> Indicator | None:
    try:
        return get_indicator(code)
    except DxmonError:  # an observation of an indicator no longer in the catalogue
        return None
