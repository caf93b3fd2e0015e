"""The reporting workflow per agency and period, and reporting timeliness."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from dxmon.access import service as access
from dxmon.access.schemas import Role
from dxmon.collect import workflow
from dxmon.compute.timeliness import timeliness_tally
from dxmon.periods import Period
from dxmon.store.tables import Submission
from dxmon.web.api.fields import UtcDateTime
from dxmon.web.deps import CurrentUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["workflow"], responses=ERROR_RESPONSES)


class TransitionRequest(BaseModel):
    reason: str | None = Field(None, max_length=5000,
                               description="Why the report is returned (required to return).")
    expected_revision: int | None = Field(
        None, ge=0, description="The state's revision being acted on; a newer one answers 409.")


class SubmissionRead(BaseModel):
    agency: str
    period: str
    status: str
    reason: str | None
    revision: int
    created_at: UtcDateTime
    created_by: str


class SubmissionState(BaseModel):
    agency: str
    period: str
    status: str
    revision: int
    due_date: date
    history: list[SubmissionRead]


def _read(row: Submission) -> SubmissionRead:
    return SubmissionRead.model_validate(row, from_attributes=True)


def _transition(action: workflow.Action, agency: str, period: str, body: TransitionRequest,
                user: CurrentUser, session: SessionDep) -> SubmissionRead:
    row = workflow.transition(session, user=user, agency=agency, period=period, action=action,
                              reason=body.reason, expected_revision=body.expected_revision)
    return _read(row)


@router.post("/submissions/{agency}/{period}:submit")
def submit(agency: str, period: str, body: TransitionRequest, user: CurrentUser,
           session: SessionDep) -> SubmissionRead:
    """draft or returned → submitted (the agency's reporter, or staff)."""
    return _transition("submit", agency, period, body, user, session)


@router.post("/submissions/{agency}/{period}:approve")
def approve(agency: str, period: str, body: TransitionRequest, user: CurrentUser,
            session: SessionDep) -> SubmissionRead:
    """submitted → approved (analysts and administrators)."""
    return _transition("approve", agency, period, body, user, session)


@router.post("/submissions/{agency}/{period}:return")
def return_(agency: str, period: str, body: TransitionRequest, user: CurrentUser,
            session: SessionDep) -> SubmissionRead:
    """submitted or approved → returned, with a reason (analysts and administrators)."""
    return _transition("return", agency, period, body, user, session)


@router.post("/submissions/{agency}/{period}:publish")
def publish(agency: str, period: str, body: TransitionRequest, user: CurrentUser,
            session: SessionDep) -> SubmissionRead:
    """approved → published: the values become public (analysts and administrators)."""
    return _transition("publish", agency, period, body, user, session)


@router.post("/submissions/{agency}/{period}:reopen")
def reopen(agency: str, period: str, body: TransitionRequest, user: CurrentUser,
           session: SessionDep) -> SubmissionRead:
    """published → returned, with a reason (administrators only; audited): the only way to
    change a published report, whose values are locked for every channel until then."""
    return _transition("reopen", agency, period, body, user, session)


@router.get("/submissions/{agency}/{period}")
def get_submission(agency: str, period: str, user: CurrentUser,
                   session: SessionDep) -> SubmissionState:
    """The state of one agency's report and every transition (its reporter, or staff and
    viewers)."""
    from dxmon.registry.service import get_agency

    period_id = Period.parse(period).id
    get_agency(agency)
    if user.role is Role.REPORTER:
        access.ensure_can_write(user, agency)
    rows = workflow.history(session, agency=agency, period=period_id)
    return SubmissionState(agency=agency, period=period_id,
                           status=rows[-1].status if rows else workflow.State.DRAFT,
                           revision=rows[-1].revision if rows else 0,
                           due_date=workflow.due_date(period_id),
                           history=[_read(row) for row in rows])


class TimelinessRead(BaseModel):
    agency: str
    block: str
    status: Literal["on_time", "late", "missing"]
    state: str | None
    submitted_at: UtcDateTime | None
    due: date


class BlockTimeliness(BaseModel):
    block: str
    agencies: int
    on_time: int
    late: int
    missing: int
    submitted: str = Field(description="«x/y»: agencies that submitted, of those due.")


class TimelinessReport(BaseModel):
    period: str
    due_date: date
    blocks: list[BlockTimeliness]
    agencies: list[TimelinessRead]


@router.get("/timeliness/{period}")
def get_timeliness(period: str, session: SessionDep, block: str | None = None
                   ) -> TimelinessReport:
    """Which agencies reported the period on time, late or not at all, with x/y per block."""
    tally = timeliness_tally(session, period=period, block=block)
    blocks = [BlockTimeliness(block=b.block, agencies=b.agencies, on_time=b.on_time,
                              late=b.late, missing=b.missing, submitted=b.fraction_text)
              for b in tally.blocks]
    return TimelinessReport(period=tally.period, due_date=workflow.due_date(tally.period),
                            blocks=blocks,
                            agencies=[TimelinessRead(**vars(row)) for row in tally.rows])
