"""Changes against a baseline: percentage points for rates, relative change for amounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dxmon.numbers import Number, to_decimal


@dataclass(frozen=True)
class Change:
    current: Decimal
    baseline: Decimal

    @classmethod
    def of(cls, current: Number, baseline: Number) -> Change:
        return cls(to_decimal(current), to_decimal(baseline))

    @property
    def absolute(self) -> Decimal:
        """For a rate this is the change in percentage points."""
        return self.current - self.baseline

    @property
    def relative_percent(self) -> Decimal | None:
        if self.baseline == 0:
            return None
        return (self.current - self.baseline) * 100 / self.baseline

    @property
    def direction(self) -> str:
        if self.current > self.baseline:
            return "tăng"
        if self.current < self.baseline:
            return "giảm"
        return "không đổi"
