"""Reading stored facts for the API with the access rules applied: requirement statuses
(public once their agency's report of the period is published, or when they never went
through the workflow, like the demo's facts from the published seed reports), task statuses
and evaluation scores (published results)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.access.service import can_read
from dxmon.collect import service, workflow
from dxmon.periods import Period
from dxmon.store.tables import EvaluationScore, RequirementStatus, TaskStatus

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


def task_statuses(session: Session, *, tasks: list[str], as_of: date) -> dict[str, TaskStatus]:
    """The newest approved status of each task known on ``as_of``."""
    from dxmon.channels.tasks import approved_statuses

    return approved_statuses(session, tasks, as_of)


@dataclass(frozen=True)
class Score:
    agency: str
    score: Decimal
    grade: str
    synthetic: bool


def evaluation_scores(session: Session, *, evaluation: str) -> list[Score]:
    """Each agency's total (its score sheet's sum, else its loaded total), with its grade."""
    from dxmon.catalog.service import get_evaluation, grade_for
    from dxmon.compute.grades import agency_totals

    get_evaluation(evaluation)
    rows = session.scalars(select(EvaluationScore).filter_by(evaluation=evaluation)
                           .order_by(EvaluationScore.revision))
    synthetic = {row.agency: row.synthetic for row in rows}
    totals = agency_totals(session, evaluation=evaluation)
    return [Score(agency=code, score=total, grade=grade_for(evaluation, total),
                  synthetic=synthetic.get(code, False)) for code, total in sorted(totals.items())]
