"""Roll-ups: block and national figures from the values of the agencies in force at the
period's end, by the catalogue's rule — a sum, a ratio of sums (numerators and denominators
summed, never an average of rates), a count of agencies meeting a condition, or none.

Every roll-up carries its coverage: which of the applicable agencies it includes and which are
missing. A roll-up that includes no agency is not a zero: it is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dxmon.catalog.schemas import Indicator, Requirement, Rollup, Unit
from dxmon.numbers import percent_of
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import reporting_units
from dxmon.scopes import Scope


@dataclass(frozen=True)
class Coverage:
    """x/y: the applicable agencies a figure includes, and those it is missing."""

    included: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def reported(self) -> int:
        return len(self.included)

    @property
    def applicable(self) -> int:
        return len(self.included) + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def text(self) -> str:
        return f"{self.reported}/{self.applicable}"

    def as_dict(self) -> dict[str, object]:
        return {"reported": self.reported, "applicable": self.applicable,
                "included": list(self.included), "missing": list(self.missing)}


@dataclass(frozen=True)
class Part:
    """One agency's figure as a roll-up uses it."""

    agency: str
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    trace: dict[str, object]  # where the value comes from (source, revision, id)
    draft: bool = False


@dataclass(frozen=True)
class Rolled:
    """The result of a roll-up: a value (None when nothing was included) and its coverage."""

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    coverage: Coverage
    parts: tuple[Part, ...]
    rule: str


def applicable_units(indicator: Indicator, scope: Scope, as_of: date) -> list[AgencyRead]:
    """The agencies a block or national figure of ``indicator`` is owed by: the reporting
    units in force at ``as_of`` of the scope's blocks, narrowed to the kinds the catalogue
    requires the indicator of (when it says)."""
    rules = indicator.validation
    kinds = {str(kind) for kind in rules.required_for} if rules and rules.required_for else None
    return [agency for block in scope.blocks
            for agency in reporting_units(as_of=as_of, block=block)
            if kinds is None or str(agency.kind) in kinds]


def _ratio(indicator: Indicator, numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    if indicator.unit == Unit.PERCENT:
        return percent_of(numerator, denominator)
    return numerator / denominator


def _coverage(units: Sequence[AgencyRead], parts: Sequence[Part]) -> Coverage:
    included = {part.agency for part in parts}
    return Coverage(tuple(a.code for a in units if a.code in included),
                    tuple(a.code for a in units if a.code not in included))


def roll_up(indicator: Indicator, units: Sequence[AgencyRead],
            part_of: Callable[[str], Part | None]) -> Rolled:
    """Apply the indicator's rule to the parts the applicable ``units`` have."""
    found = [part_of(agency.code) for agency in units]
    parts = [part for part in found if part is not None]
    rule = str(indicator.rollup)
    if indicator.rollup == Rollup.RATIO_OF_SUMS:
        parts = [p for p in parts if p.numerator is not None and p.denominator is not None]
    coverage = _coverage(units, parts)
    if not parts:
        return Rolled(None, None, None, coverage, (), rule)
    if indicator.rollup == Rollup.RATIO_OF_SUMS:
        numerator = sum((p.numerator or Decimal(0) for p in parts), Decimal(0))
        denominator = sum((p.denominator or Decimal(0) for p in parts), Decimal(0))
        return Rolled(_ratio(indicator, numerator, denominator), numerator, denominator,
                      coverage, tuple(parts), rule)
    if indicator.rollup == Rollup.COUNT_MEETING:
        meeting = Decimal(sum(1 for p in parts if p.value > 0))
        return Rolled(meeting, meeting, Decimal(len(parts)), coverage, tuple(parts), rule)
    total = sum((p.value for p in parts), Decimal(0))
    return Rolled(total, None, None, coverage, tuple(parts), rule)


def requirement_roll_up(requirement: Requirement, units: Sequence[AgencyRead],
                        states: dict[str, str]) -> Rolled:
    """A count of agencies meeting a requirement: done / applicable, where an agency whose
    status is unknown is missing from the coverage, never counted as not done."""
    parts = [Part(agency.code, Decimal(1 if states[agency.code] == "done" else 0), None, None,
                  {"requirement": requirement.code, "status": states[agency.code]})
             for agency in units if states.get(agency.code) in ("done", "not_done")]
    coverage = _coverage(units, parts)
    done = Decimal(sum(1 for part in parts if part.value > 0))
    if not parts:
        return Rolled(None, None, None, coverage, (), "count_meeting")
    return Rolled(done, done, Decimal(coverage.applicable), coverage, tuple(parts),
                  "count_meeting")
