"""Agencies, periods and indicators (public reads of the registry and the catalogue)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from dxmon.catalog import service as catalog
from dxmon.catalog.schemas import Indicator
from dxmon.collect.workflow import due_date
from dxmon.periods import Period, parse_as_of
from dxmon.registry import service as registry
from dxmon.registry.schemas import AgencyRead
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["registry"], responses=ERROR_RESPONSES)


@router.get("/agencies")
def list_agencies(as_of: str | None = None, block: str | None = None) -> list[AgencyRead]:
    """The agencies in force on ``as_of`` (default today), optionally of one block."""
    day = parse_as_of(as_of) if as_of else date.today()
    return registry.list_agencies(as_of=day, block=block)


@router.get("/agencies/{code}")
def get_agency(code: str) -> AgencyRead:
    return registry.get_agency(code)


class PeriodRead(BaseModel):
    id: str
    kind: str
    label_vi: str
    label_en: str
    start: date
    end: date
    reporting_window: tuple[date, date]
    due_date: date
    previous: str
    next: str
    same_period_last_year: str


@router.get("/periods/{period}")
def get_period(period: str) -> PeriodRead:
    """A period: its labels, data window, reporting due date and neighbours."""
    parsed = Period.parse(period)
    return PeriodRead(id=parsed.id, kind=str(parsed.kind), label_vi=parsed.label_vi(),
                      label_en=parsed.label_en(), start=parsed.start, end=parsed.end,
                      reporting_window=parsed.reporting_window(), due_date=due_date(parsed),
                      previous=parsed.previous().id, next=parsed.next().id,
                      same_period_last_year=parsed.same_period_last_year().id)


@router.get("/indicators")
def list_indicators(pillar: str | None = None) -> list[Indicator]:
    return catalog.list_indicators(pillar=pillar)


@router.get("/indicators/{code}")
def get_indicator(code: str) -> Indicator:
    return catalog.get_indicator(code)
