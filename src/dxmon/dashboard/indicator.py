"""Chỉ số (indicator page): definition and source, history, breakdown by agency with block
figures, the province tile map, and every stored value in a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Indicator
from dxmon.catalog.service import get_indicator
from dxmon.collect import service
from dxmon.compute.facts import View, visible_observations
from dxmon.compute.figures import Figure, FigureBook
from dxmon.dashboard.figures import PILLARS, shown_value, sort_periods, value_text
from dxmon.numbers import format_number
from dxmon.periods import Period
from dxmon.registry.service import get_agency, reporting_units
from dxmon.scopes import (
    MINISTRIES_SCOPE,
    PROVINCES_SCOPE,
    Scope,
    agency_code,
    agency_scope,
    is_agency_scope,
)
from dxmon.store.tables import Observation

BLOCK_SCOPES = ("nation", MINISTRIES_SCOPE, PROVINCES_SCOPE)
DONE_TEXT = {"done": "đã thực hiện", "not_done": "chưa thực hiện"}


@dataclass
class ValueRow:
    """One stored value: where, when, how much, from where."""

    scope: str
    scope_label: str
    period: str
    window: str
    value: Decimal
    text: str
    numerator: str = ""
    denominator: str = ""
    source: str = ""
    revision: int = 1
    provenance: str = ""
    href: str | None = None
    status: str = "published"
    coverage: str = ""  # x/y agencies, for a figure rolled up from them
    differences: str = ""  # other sources' values where they differ


@dataclass
class IndicatorPage:
    """An indicator: its catalogue definition, its national history, the breakdown by agency
    (values, or the requirement statuses that the indicator counts) with the block figures,
    the map of provinces (``map_values``: agency code → value and text) and every value."""

    code: str
    name_vi: str
    name_en: str
    pillar_vi: str
    unit_label_vi: str
    kind: str
    rollup: str
    direction: str
    numerator_label_vi: str | None
    denominator_label_vi: str | None
    description_vi: str | None
    source: str  # reported, measured (from dossier records) or computed
    period: str
    period_label_vi: str
    map_date: date
    history: list[ValueRow] = field(default_factory=list)
    blocks: list[ValueRow] = field(default_factory=list)
    breakdown: list[ValueRow] = field(default_factory=list)
    breakdown_source: str = "values"  # values | requirement:<code>
    map_values: dict[str, tuple[Decimal, str]] = field(default_factory=dict)
    rows: list[ValueRow] = field(default_factory=list)
    draft: bool = False  # a staff preview that uses unpublished values


def scope_label(scope: str) -> str:
    return Scope.parse(scope).label()


def _agency_link(scope: str) -> str | None:
    return f"/co-quan/{agency_code(scope)}" if is_agency_scope(scope) else None


def _number(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)


def _row(observation: Observation, indicator: Indicator) -> ValueRow:
    scope = observation.scope
    value = observation.value if observation.value is not None else Decimal(0)
    return ValueRow(
        scope=scope, scope_label=scope_label(scope), period=observation.period,
        window=observation.window, value=value, text=value_text(value, indicator),
        numerator=_number(observation.numerator),
        denominator=_number(observation.denominator),
        source=observation.source, revision=observation.revision,
        provenance=", ".join(f"{k}: {v}" for k, v in (observation.provenance or {}).items()),
        href=_agency_link(scope), status=observation.status)


def _figure_row(figure: Figure, indicator: Indicator) -> ValueRow:
    revision = (figure.provenance or {}).get("revision")
    return ValueRow(
        scope=figure.scope, scope_label=scope_label(figure.scope), period=figure.period,
        window=figure.window, value=figure.value,
        text=value_text(shown_value(figure, indicator), indicator),
        numerator=_number(figure.numerator), denominator=_number(figure.denominator),
        source=figure.source, revision=revision if isinstance(revision, int) else 0,
        provenance=(f"{figure.coverage.text} cơ quan/agencies" if figure.coverage else ""),
        href=_agency_link(figure.scope), status=figure.status,
        coverage=figure.coverage.text if figure.coverage else "",
        differences=", ".join(f"{d.source}: {value_text(d.value, indicator)}"
                              for d in figure.differences))


def indicator_page(session: Session, code: str, *, period: str | None = None,
                   view: View = View.PUBLISHED) -> IndicatorPage:
    indicator = get_indicator(code)
    rows = [_row(o, indicator) for o in visible_observations(session, view, indicator=code)]
    periods = sort_periods(r.period for r in rows) or ["2024S1"]
    chosen = Period.parse(period).id if period else periods[-1]
    parsed = Period.parse(chosen)
    page = IndicatorPage(
        code=code, name_vi=indicator.name_vi, name_en=indicator.name_en,
        pillar_vi=PILLARS[str(indicator.pillar)][0], unit_label_vi=indicator.unit_label_vi,
        kind=str(indicator.kind), rollup=str(indicator.rollup),
        direction=str(indicator.direction), numerator_label_vi=indicator.numerator_label_vi,
        denominator_label_vi=indicator.denominator_label_vi,
        description_vi=indicator.description_vi, source=str(indicator.source), period=chosen,
        period_label_vi=parsed.label_vi(), map_date=parsed.end,
        rows=sorted(rows, key=lambda r: (periods.index(r.period), r.scope, r.window)))
    book = FigureBook(session, view)
    page.history = [_figure_row(f, indicator) for f in
                    (book.get(code, "nation", p) for p in periods) if f is not None]
    page.blocks = [_figure_row(f, indicator) for f in
                   (book.get(code, scope, chosen) for scope in BLOCK_SCOPES) if f is not None]
    agencies = {r.scope for r in rows if r.period == chosen and is_agency_scope(r.scope)}
    agencies |= {agency_scope(a.code) for a in reporting_units(as_of=parsed.end)}
    page.breakdown = sorted((_figure_row(f, indicator) for f in
                             (book.get(code, scope, chosen) for scope in sorted(agencies))
                             if f is not None), key=lambda r: r.value, reverse=True)
    if not page.breakdown:
        _requirement_breakdown(session, page)
    page.map_values = {agency_code(r.scope): (r.value, r.text)
                       for r in page.breakdown}
    page.draft = book.drafts_used
    return page


def _requirement_breakdown(session: Session, page: IndicatorPage) -> None:
    """An indicator that counts agencies meeting a requirement: show each agency's status
    at the period's end (statuses carry forward until changed)."""
    requirement = next((r for r in load_catalog().requirements.values()
                        if r.indicator == page.code), None)
    if requirement is None:
        return
    states = service.requirement_states(session, as_of=page.map_date,
                                        requirement=requirement.code)
    page.breakdown_source = f"requirement:{requirement.code}"
    page.breakdown = [
        ValueRow(scope=agency_scope(row.agency), scope_label=get_agency(row.agency).short_name,
                 period=row.period, window="period",
                 value=Decimal(1 if row.status == "done" else 0),
                 text=DONE_TEXT.get(row.status, row.status), source="requirement",
                 revision=row.revision, href=f"/co-quan/{row.agency}")
        for row in states.values()]
    page.breakdown.sort(key=lambda r: (-r.value, r.scope_label))
