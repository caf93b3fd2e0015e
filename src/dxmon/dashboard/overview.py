"""Tổng quan (overview): a period's national figures grouped by pillar."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from dxmon.catalog.service import list_indicators
from dxmon.collect import service
from dxmon.compute.facts import View
from dxmon.compute.figures import FigureBook
from dxmon.dashboard.figures import PILLARS, FigureCard, card, histories, sort_periods
from dxmon.periods import Period


@dataclass
class PeriodChoice:
    id: str
    label_vi: str
    label_en: str


@dataclass
class PillarGroup:
    pillar: str
    label_vi: str
    label_en: str
    cards: list[FigureCard] = field(default_factory=list)


@dataclass
class OverviewPage:
    """The national ("nation" scope, whole-period window) figures of one period, by pillar,
    each with its change against the comparison period and its trend; the periods to pick."""

    period: str
    period_label_vi: str
    period_label_en: str
    periods: list[PeriodChoice]
    groups: list[PillarGroup]
    draft: bool = False  # a staff preview that uses unpublished values

    @property
    def figure_count(self) -> int:
        return sum(len(group.cards) for group in self.groups)


def period_choices(session: Session) -> list[PeriodChoice]:
    """Periods with data, newest first."""
    periods = sort_periods(service.observation_periods(session))
    return [PeriodChoice(p, Period.parse(p).label_vi(), Period.parse(p).label_en())
            for p in reversed(periods)]


def resolve_period(session: Session, period: str | None) -> str:
    """The period asked for (any accepted form), else the newest with data."""
    if period:
        return Period.parse(period).id
    choices = period_choices(session)
    return choices[0].id if choices else Period.parse("2024S1").id


def overview(session: Session, *, period: str | None = None,
             view: View = View.PUBLISHED) -> OverviewPage:
    """Every indicator's national figure of the period that ``view`` may see: stored, or
    rolled up from the agencies (with its coverage)."""
    period_id = resolve_period(session, period)
    history = histories(session, scope="nation", view=view)
    groups = {code: PillarGroup(code, vi, en) for code, (vi, en) in PILLARS.items()}
    book = FigureBook(session, view)
    for indicator in list_indicators():
        figure = book.get(indicator.code, "nation", period_id)
        if figure is not None:
            groups[str(indicator.pillar)].cards.append(
                card(figure, indicator, history.get(indicator.code, {})))
    parsed = Period.parse(period_id)
    return OverviewPage(period=period_id, period_label_vi=parsed.label_vi(),
                        period_label_en=parsed.label_en(), periods=period_choices(session),
                        groups=[group for group in groups.values() if group.cards],
                        draft=book.drafts_used)
