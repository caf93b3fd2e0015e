"""Figures: one indicator × scope × period × window, as reports, pages and the API see them.

A figure at a scope may be reported (by the agency, or at block or national scope by the
secretariat), measured (from dossier records) or computed (rolled up from the agencies). Every
source's value is kept as its own fact; the indicator's ``precedence`` (catalogue) says which
stands at which level of scope, and the others are listed with the figure where they differ
at the printed precision. A figure that cannot be given is a ``Missing`` with its reason —
never a zero. Roll-ups are computed at read time, so a new approval shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Indicator, IndicatorSource, Requirement, Rollup
from dxmon.compute.facts import PUBLISHED, FactIndex, View
from dxmon.compute.ratios import Fraction
from dxmon.compute.rollups import (
    Coverage,
    Part,
    Rolled,
    applicable_units,
    requirement_roll_up,
    roll_up,
)
from dxmon.numbers import round_half_up
from dxmon.periods import Period
from dxmon.registry.schemas import AgencyRead, Level
from dxmon.registry.service import get_agency, list_agencies
from dxmon.scopes import Scope, ScopeLevel, agency_scope
from dxmon.store.tables import Observation

FigureKey = tuple[str, str, str, str]  # indicator, scope, period, window
COMMUNE_PREFIX = "X"  # registry codes of communes and wards: X + the 5-digit official code


class MissingReason(StrEnum):
    UNKNOWN_INDICATOR = "unknown_indicator"
    NO_DATA = "no_data"  # nothing stored, nothing to compute from
    NOT_REPORTED = "not_reported"  # none of the applicable agencies has reported
    NOT_ROLLED_UP = "not_rolled_up"  # the indicator does not add up over agencies


REASON_TEXT = {
    MissingReason.UNKNOWN_INDICATOR: ("chỉ tiêu không có trong danh mục",
                                      "the indicator is not in the catalogue"),
    MissingReason.NO_DATA: ("chưa có số liệu", "no data"),
    MissingReason.NOT_REPORTED: ("chưa cơ quan nào báo cáo", "no agency has reported"),
    MissingReason.NOT_ROLLED_UP: ("chỉ tiêu không tổng hợp được từ các cơ quan và chưa được "
                                  "báo cáo ở phạm vi này",
                                  "the indicator does not roll up over agencies and was not "
                                  "reported at this scope"),
}


@dataclass(frozen=True)
class Missing:
    """No figure, and why. Falsy, so that ``if figure:`` reads naturally."""

    indicator: str
    scope: str
    period: str
    window: str
    reason: MissingReason
    coverage: Coverage | None = None

    def __bool__(self) -> bool:
        return False

    @property
    def message_vi(self) -> str:
        text = REASON_TEXT[self.reason][0]
        return f"{text} (0/{self.coverage.applicable})" if self.coverage else text

    @property
    def message_en(self) -> str:
        text = REASON_TEXT[self.reason][1]
        return f"{text} (0/{self.coverage.applicable})" if self.coverage else text


@dataclass(frozen=True)
class SourceValue:
    """Another source's value of the same figure (shown where it differs)."""

    source: str
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Figure:
    """A value with what is needed to print and trace it."""

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
    status: str = PUBLISHED
    coverage: Coverage | None = None
    differences: tuple[SourceValue, ...] = ()

    @property
    def fraction(self) -> Fraction | None:
        if self.numerator is None or self.denominator is None:
            return None
        return Fraction(self.numerator, self.denominator)

    @property
    def draft(self) -> bool:
        return self.status != PUBLISHED


Result = Figure | Missing


def source_order(indicator: Indicator, scope: Scope) -> list[str]:
    """The catalogue's precedence of sources at the scope's level (a group outside the
    registry is read as the nation)."""
    level = "nation" if scope.level is ScopeLevel.OTHER else str(scope.level)
    return [str(source) for source in getattr(indicator.precedence, level)]


def stored_figure(row: Observation) -> Figure:
    assert row.value is not None
    return Figure(indicator=row.indicator, scope=row.scope, period=row.period,
                  window=row.window, value=row.value, numerator=row.numerator,
                  denominator=row.denominator, qualifier=row.qualifier, source=row.source,
                  provenance={**(row.provenance or {}), "id": row.id,
                              "revision": row.revision},
                  status=row.status)


def _differs(indicator: Indicator, one: Decimal, other: Decimal) -> bool:
    places = indicator.decimals or 0
    return round_half_up(one, places) != round_half_up(other, places)


@dataclass
class FigureResolver:
    """Resolves figures over one set of visible facts; remembers what it resolved."""

    session: Session
    view: View = View.PUBLISHED
    facts: FactIndex = field(init=False)
    indicators: dict[str, Indicator] = field(init=False)
    cache: dict[FigureKey, Result] = field(default_factory=dict)
    states: dict[date, dict[str, dict[str, str]]] = field(default_factory=dict)
    children: dict[date, dict[str, list[AgencyRead]]] = field(default_factory=dict)
    holders: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.facts = FactIndex(self.session, self.view)
        self.indicators = load_catalog().indicators  # one catalogue for the whole book

    def resolve(self, indicator: str, scope: str | Scope, period: str | Period,
                window: str = "period") -> Result:
        key = (indicator, str(scope), str(period), window)
        if key in self.cache:
            return self.cache[key]
        key = (indicator, str(_scope(str(scope))), Period.parse(period).id, window)
        if key not in self.cache:
            self.cache[key] = self._resolve(*key)
        return self.cache[key]

    def _resolve(self, code: str, scope_text: str, period: str, window: str) -> Result:
        definition = self.indicators.get(code)
        stored = self.facts.sources(code, scope_text, period, window)
        if definition is None:
            row = next(iter(stored.values()), None)
            return stored_figure(row) if row is not None else Missing(
                code, scope_text, period, window, MissingReason.UNKNOWN_INDICATOR)
        scope = _scope(scope_text)
        if (scope.level is ScopeLevel.AGENCY and not stored
                and scope.code not in self._holders(code, period, window)):
            return Missing(code, scope_text, period, window, MissingReason.NO_DATA)
        order = source_order(definition, scope)
        candidates: list[Result] = []
        for source in order:  # a stored "computed" value (derived upstream) comes first
            if source in stored:
                candidates.append(stored_figure(stored[source]))
            elif source == IndicatorSource.COMPUTED:
                candidates.append(self._computed(definition, scope, period, window))
        candidates += [stored_figure(row) for source, row in stored.items()
                       if source not in order]
        return self._choose(definition, candidates, scope_text, period, window)

    def _choose(self, definition: Indicator, candidates: list[Result], scope: str,
                period: str, window: str) -> Result:
        found = [c for c in candidates if isinstance(c, Figure)]
        if not found:
            missing = [c for c in candidates if isinstance(c, Missing)]
            return missing[0] if missing else Missing(definition.code, scope, period, window,
                                                      MissingReason.NO_DATA)
        chosen, others = found[0], found[1:]
        differences = tuple(SourceValue(o.source, o.value, o.numerator, o.denominator)
                            for o in others if _differs(definition, chosen.value, o.value))
        if not differences:
            return chosen
        return Figure(**{**vars(chosen), "differences": differences})

    def baseline(self, indicator: str, scope: str, period: str | Period,
                 against: str | Period) -> Result:
        """The figure of ``scope`` in an earlier period ``against`` (same period last year,
        end of the previous year…), across the 2025 mergers: an agency not in force then
        stands for the units it was formed from, rolled up by the indicator's rule (ratio
        of sums for rates), or for the unit it became."""
        earlier = Period.parse(against)
        parsed = Scope.parse(scope)
        definition = load_catalog().indicators.get(indicator)
        if parsed.level is not ScopeLevel.AGENCY or definition is None:
            return self.resolve(indicator, scope, earlier.id)
        from dxmon.registry.history import units_on

        units = units_on(parsed.code, earlier.end)
        if units == [parsed.code] or not units:
            return self.resolve(indicator, scope, earlier.id)
        if len(units) == 1:
            return self.resolve(indicator, agency_scope(units[0]), earlier.id)
        rolled = roll_up(definition, [get_agency(code) for code in units],
                         lambda agency: self._part(indicator, agency, earlier.id, "period"))
        result = _rolled_figure(definition, parsed, earlier.id, "period", rolled)
        if isinstance(result, Figure):
            provenance = {**(result.provenance or {}), "predecessors": units}
            return Figure(**{**vars(result), "provenance": provenance})
        return result

    def same_period_last_year(self, indicator: str, scope: str, period: str | Period
                              ) -> Result:
        return self.baseline(indicator, scope, period,
                             Period.parse(period).same_period_last_year())

    # --- computed figures ------------------------------------------------------------------
    def _computed(self, definition: Indicator, scope: Scope, period: str,
                  window: str) -> Result:
        as_of = Period.parse(period).end
        if scope.level is ScopeLevel.AGENCY:
            return self._from_communes(definition, scope, period, window, as_of)
        requirement = _requirement_counting(definition.code)
        if definition.rollup == Rollup.COUNT_MEETING and requirement is not None:
            rolled = self._requirement_rolled(requirement, scope, as_of)
        elif definition.rollup == Rollup.NONE:
            return Missing(definition.code, str(scope), period, window,
                           MissingReason.NOT_ROLLED_UP)
        else:
            units = applicable_units(definition, scope, as_of)
            present = self._holders(definition.code, period, window)
            rolled = roll_up(definition, units, lambda agency: self._part(
                definition.code, agency, period, window) if agency in present else None)
        return _rolled_figure(definition, scope, period, window, rolled)

    def _from_communes(self, definition: Indicator, scope: Scope, period: str, window: str,
                       as_of: date) -> Result:
        """A province's figure rolled up from its communes and wards (from 1 July 2025)."""
        present = self.facts.by_agency(definition.code, period, window)
        communes = self.communes(as_of).get(scope.code, [])
        if definition.rollup == Rollup.NONE or not communes:
            return Missing(definition.code, str(scope), period, window, MissingReason.NO_DATA)
        rolled = roll_up(definition, communes, lambda agency: self._part(
            definition.code, agency, period, window) if agency in present else None)
        return _rolled_figure(definition, scope, period, window, rolled)

    def communes(self, as_of: date) -> dict[str, list[AgencyRead]]:
        """province → its communes and wards in force at ``as_of`` (grouped once)."""
        if as_of not in self.children:
            grouped: dict[str, list[AgencyRead]] = {}
            for unit in list_agencies(as_of=as_of, level=Level.COMMUNE):
                if unit.parent:
                    grouped.setdefault(unit.parent, []).append(unit)
            self.children[as_of] = grouped
        return self.children[as_of]

    def _holders(self, indicator: str, period: str, window: str) -> set[str]:
        """The agencies with a value of their own or from their communes."""
        key = (indicator, period, window)
        if key not in self.holders:
            present = self.facts.by_agency(indicator, period, window)
            holders = set(present)
            for code in present:
                if code.startswith(COMMUNE_PREFIX):
                    parent = get_agency(code).parent
                    if parent:
                        holders.add(parent)
            self.holders[key] = holders
        return self.holders[key]

    def _part(self, indicator: str, agency: str, period: str, window: str) -> Part | None:
        figure = self.resolve(indicator, agency_scope(agency), period, window)
        if not isinstance(figure, Figure):
            return None
        trace = {"scope": figure.scope, "source": figure.source,
                 **{k: v for k, v in (figure.provenance or {}).items()
                    if k in ("id", "revision")}}
        return Part(agency, figure.value, figure.numerator, figure.denominator, trace,
                    figure.draft)

    def _requirement_rolled(self, requirement: Requirement, scope: Scope,
                            as_of: date) -> Rolled:
        from dxmon.compute.tallies import applicable_agencies

        units = [agency for block in scope.blocks
                 for agency in applicable_agencies(requirement.code, block, as_of)]
        return requirement_roll_up(requirement, units, self.requirement_states(as_of).get(
            requirement.code, {}))

    def requirement_states(self, as_of: date) -> dict[str, dict[str, str]]:
        """requirement → agency → status at ``as_of`` (read once per date)."""
        from dxmon.collect.service import requirement_states

        if as_of not in self.states:
            found: dict[str, dict[str, str]] = {}
            for (requirement, agency), row in requirement_states(self.session,
                                                                 as_of=as_of).items():
                found.setdefault(requirement, {})[agency] = row.status
            self.states[as_of] = found
        return self.states[as_of]


@lru_cache(maxsize=8192)
def _scope(text: str) -> Scope:
    return Scope.parse(text)


def _requirement_counting(indicator: str) -> Requirement | None:
    return next((r for r in load_catalog().requirements.values() if r.indicator == indicator),
                None)


def _rolled_figure(definition: Indicator, scope: Scope, period: str, window: str,
                   rolled: Rolled) -> Result:
    if rolled.value is None:
        reason = MissingReason.NOT_REPORTED if rolled.coverage.applicable else \
            MissingReason.NO_DATA
        return Missing(definition.code, str(scope), period, window, reason, rolled.coverage)
    draft = any(part.draft for part in rolled.parts)
    return Figure(indicator=definition.code, scope=str(scope), period=period, window=window,
                  value=rolled.value, numerator=rolled.numerator,
                  denominator=rolled.denominator, source=str(IndicatorSource.COMPUTED),
                  provenance={"rule": rolled.rule,
                              "facts": [dict(p.trace, agency=p.agency) for p in rolled.parts]},
                  status="draft" if draft else PUBLISHED, coverage=rolled.coverage)


@dataclass
class FigureBook:
    """The figures a report or page uses: resolved once, with what was used and missing."""

    session: Session
    view: View = View.PUBLISHED
    resolver: FigureResolver = field(init=False)
    missing: list[FigureKey] = field(default_factory=list)
    reasons: dict[FigureKey, Missing] = field(default_factory=dict)
    used: dict[FigureKey, Figure] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.resolver = FigureResolver(self.session, self.view)

    @property
    def figures(self) -> dict[FigureKey, Figure]:
        """Every figure stored for the periods looked at so far (the chosen source of each)."""
        found: dict[FigureKey, Figure] = {}
        for period, index in self.resolver.facts.periods.items():
            for (indicator, scope, window) in index:
                result = self.resolver.resolve(indicator, scope, period, window)
                if isinstance(result, Figure):
                    found[(indicator, scope, period, window)] = result
        return found

    def result(self, indicator: str, scope: str, period: str | Period,
               window: str = "period") -> Result:
        key = (indicator, str(scope), Period.parse(period).id, window)
        result = self.resolver.resolve(*key)
        if isinstance(result, Missing):
            if key not in self.reasons:
                self.missing.append(key)
                self.reasons[key] = result
        else:
            self.used[key] = result
        return result

    def get(self, indicator: str, scope: str, period: str | Period,
            window: str = "period") -> Figure | None:
        result = self.result(indicator, scope, period, window)
        return result if isinstance(result, Figure) else None

    @property
    def drafts_used(self) -> bool:
        return any(figure.draft for figure in self.used.values())


def figure_record(result: Result) -> dict[str, object]:
    """A figure or a missing result as plain data (the API's and exports' shape)."""
    base: dict[str, object] = {"indicator": result.indicator, "scope": result.scope,
                               "period": result.period, "window": result.window}
    if isinstance(result, Missing):
        return {**base, "value": None, "numerator": None, "denominator": None,
                "missing": {"reason": str(result.reason), "message_vi": result.message_vi,
                            "message_en": result.message_en},
                "coverage": result.coverage.as_dict() if result.coverage else None,
                "source": None, "status": None, "provenance": None, "differences": []}
    return {**base, "value": result.value, "numerator": result.numerator,
            "denominator": result.denominator, "missing": None,
            "coverage": result.coverage.as_dict() if result.coverage else None,
            "source": result.source, "status": result.status, "provenance": result.provenance,
            "differences": [vars(d) for d in result.differences]}
