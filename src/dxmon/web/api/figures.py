"""Figures: the one figure of an indicator at a scope and period, as reports and pages print it
(stored, or rolled up from the agencies with its coverage), or why it is missing."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from dxmon.catalog.service import get_indicator
from dxmon.compute.figures import FigureBook, figure_record
from dxmon.periods import Period
from dxmon.scopes import Scope
from dxmon.web.api.fields import Number
from dxmon.web.deps import FigureViewDep, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["figures"], responses=ERROR_RESPONSES)


class CoverageRead(BaseModel):
    reported: int
    applicable: int
    included: list[str]
    missing: list[str]


class MissingRead(BaseModel):
    reason: str
    message_vi: str
    message_en: str


class DifferenceRead(BaseModel):
    source: str
    value: Number
    numerator: Number = None
    denominator: Number = None


class FigureRead(BaseModel):
    """``value`` is null when the figure is missing; ``missing`` then says why."""

    indicator: str
    scope: str
    period: str
    window: str
    value: Number
    numerator: Number
    denominator: Number
    source: str | None
    status: str | None
    coverage: CoverageRead | None
    provenance: dict[str, Any] | None
    differences: list[DifferenceRead]
    missing: MissingRead | None


@router.get("/figures")
def get_figure(session: SessionDep, view: FigureViewDep, indicator: str,
               period: str, scope: str = "nation",
               window: Literal["period", "ytd", "cumulative"] = Query("period")) -> FigureRead:
    """One figure: published values only unless a signed-in analyst asks ``preview=true``
    (the figure's ``status`` then says ``draft`` where a draft was used)."""
    get_indicator(indicator)
    book = FigureBook(session, view)
    result = book.result(indicator, str(Scope.parse(scope)), Period.parse(period).id, window)
    return FigureRead.model_validate(figure_record(result))
