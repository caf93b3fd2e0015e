"""Stored figures as reports and pages see them: one indicator × scope × period × window."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.collect import service
from dxmon.compute.ratios import Fraction
from dxmon.periods import Period
from dxmon.store.tables import Observation


@dataclass(frozen=True)
class Figure:
    """A stored value with what is needed to print and trace it."""

    indicator: str
    scope: str
    period: str
    window: str
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    qualifier: str | None = None
    source: str = "reported"
    provenance: dict[str, object] | None = None

    @property
    def fraction(self) -> Fraction | None:
        if self.numerator is None or self.denominator is None:
            return None
        return Fraction(self.numerator, self.denominator)


def _figure(row: Observation) -> Figure | None:
    if row.value is None:
        return None
    return Figure(indicator=row.indicator, scope=row.scope, period=row.period,
                  window=row.window, value=row.value, numerator=row.numerator,
                  denominator=row.denominator, qualifier=row.qualifier, source=row.source,
                  provenance=row.provenance)


@dataclass
class FigureBook:
    """All current figures of some periods, loaded once; lookups record what was missing."""

    session: Session
    figures: dict[tuple[str, str, str, str], Figure] = field(default_factory=dict)
    missing: list[tuple[str, str, str, str]] = field(default_factory=list)
    used: dict[tuple[str, str, str, str], Figure] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)

    def _load(self, period: str) -> None:
        if period in self.loaded:
            return
        self.loaded.add(period)
        for row in service.current_observations(self.session, period=period):
            figure = _figure(row)
            if figure is not None:
                self.figures[(row.indicator, row.scope, row.period, row.window)] = figure

    def get(self, indicator: str, scope: str, period: str | Period,
            window: str = "period") -> Figure | None:
        period_id = Period.parse(period).id
        self._load(period_id)
        key = (indicator, scope, period_id, window)
        figure = self.figures.get(key)
        if figure is None and key not in self.missing:
            self.missing.append(key)
        if figure is not None:
            self.used[key] = figure
        return figure
