"""Observations: read what the caller may see, and edit one value with optimistic locking."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from dxmon.collect import observations
from dxmon.collect.service import ObservationKey
from dxmon.store.tables import Observation
from dxmon.web.api.fields import Number, UtcDateTime
from dxmon.web.deps import CurrentUser, OptionalUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["observations"], responses=ERROR_RESPONSES)
Window = Literal["period", "ytd", "cumulative"]
LIMIT = Decimal(10) ** 17
InputNumber = Annotated[Decimal | None, Field(ge=-LIMIT, le=LIMIT, decimal_places=6)]


class ObservationRead(BaseModel):
    indicator: str
    scope: str
    period: str
    window: str
    value: Number
    numerator: Number
    denominator: Number
    qualifier: str | None
    comment: str | None
    status: str
    revision: int
    source: str
    created_at: UtcDateTime | None
    created_by: str


class ObservationWrite(BaseModel):
    value: InputNumber = None
    numerator: InputNumber = None
    denominator: InputNumber = None
    qualifier: str | None = Field(None, max_length=40)
    comment: str | None = Field(None, max_length=5000)
    status: Literal["draft", "submitted", "approved", "returned", "published"] | None = Field(
        None, description="Analysts and administrators only; otherwise the report's state.")
    expected_revision: int = Field(
        ge=0, description="The revision being edited (0 for a new value); a newer one "
                          "answers 409 with the current version.")


class ObservationWritten(ObservationRead):
    outcome: Literal["created", "updated", "unchanged"]


def _read(row: Observation) -> ObservationRead:
    return ObservationRead.model_validate(row, from_attributes=True)


@router.get("/observations")
def list_observations(session: SessionDep, user: OptionalUser, period: str | None = None,
                      indicator: str | None = None, scope: str | None = None,
                      window: Window | None = None) -> list[ObservationRead]:
    """Current values: anonymous callers see published values only, a reporter also its own
    agency's drafts, analysts everything."""
    rows = observations.list_current(session, user=user, period=period, indicator=indicator,
                                     scope=scope, window=window)
    return [_read(row) for row in rows]


@router.get("/observations/{indicator}/{scope}/{period}/history")
def observation_history(indicator: str, scope: str, period: str, session: SessionDep,
                        user: OptionalUser,
                        window: Window = Query("period")) -> list[ObservationRead]:
    """Every revision of one value that the caller may see, oldest first."""
    key = ObservationKey(indicator, scope, period, window)
    return [_read(row) for row in observations.history(session, user=user, key=key)]


@router.put("/observations/{indicator}/{scope}/{period}")
def put_observation(indicator: str, scope: str, period: str, body: ObservationWrite,
                    session: SessionDep, user: CurrentUser,
                    window: Window = Query("period")) -> ObservationWritten:
    """Write one value (a new revision, audited). Reporters write their own agency's values
    while its report is a draft or returned; a stale ``expected_revision`` answers 409."""
    facts = observations.Facts(value=body.value, numerator=body.numerator,
                               denominator=body.denominator, qualifier=body.qualifier,
                               comment=body.comment, status=body.status)
    outcome, row = observations.write(session, user=user,
                                      key=ObservationKey(indicator, scope, period, window),
                                      facts=facts, expected_revision=body.expected_revision)
    return ObservationWritten(outcome=outcome, **_read(row).model_dump())
