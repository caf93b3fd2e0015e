"""Rates and roll-ups: always from numerators and denominators, never averages of rates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from dxmon.numbers import Number, percent_of, to_decimal


@dataclass(frozen=True)
class Fraction:
    """x/y with its exact percentage."""

    numerator: Decimal
    denominator: Decimal

    @classmethod
    def of(cls, numerator: Number, denominator: Number) -> Fraction:
        return cls(to_decimal(numerator), to_decimal(denominator))

    @property
    def percent(self) -> Decimal | None:
        if self.denominator == 0:
            return None
        return percent_of(self.numerator, self.denominator)

    @property
    def remainder(self) -> Decimal:
        return self.denominator - self.numerator


def pooled(fractions: Iterable[Fraction]) -> Fraction:
    """Ratio of sums: 19/21 and 63/63 pool to 82/84 (97,6%), not the mean of 90,5% and 100%."""
    parts = list(fractions)
    return Fraction(sum((f.numerator for f in parts), Decimal(0)),
                    sum((f.denominator for f in parts), Decimal(0)))


def attainment(value: Number, target: Number) -> Decimal:
    """Progress against a target in percent: 50.350 of 48.000 → 104,9…%."""
    return percent_of(value, target)
