"""Reading stored facts for the API with the access rules applied: requirement statuses
(public once their agency's report of the period is published, or when they never went
through the workflow, like the demo's facts from the published seed reports), task statuses
and evaluation scores (published results)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.access.service import can_read
from dxmon.collect import service, workflow
from dxmon.periods import Period
from dxmon.store.tables import RequirementStatus

LEGACY_STATE = workflow.State.PUBLISHED  # facts that never went through the workflow


def requirement_statuses(session: Session, *, user: Principal | None, requirement: str,
                         period: str | None = None) -> list[tuple[RequirementStatus, str]]:
    """Current statuses the user may read, each with its report's workflow state."""
    period_id = Period.parse(period).id if period else None
    rows = service.current_requirement_statuses(session, period=period_id,
                                                requirement=requirement)
    states: dict[str, dict[str, str]] = {}
    result = []
    for row in rows:
        if row.period not in states:
            states[row.period] = workflow.states(session, period=row.period)
        state = states[row.period].get(row.agency, LEGACY_STATE)
        if can_read(user, row.agency, state):
            result.append((row, state))
    return result
