"""One requirement status at a time (what an agency has done of a requirement), with the
same checks as values: permission, workflow state, optimistic locking, audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.access.service import ensure_can_write
from dxmon.collect import service, workflow
from dxmon.collect.observations import RevisionConflict
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.store.audit import jsonable
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import RequirementStatus

REVISION_CONFLICT = "REQUIREMENT_STATUS_REVISION_CONFLICT"
FIELDS = ("status", "done_on", "document", "comment", "revision", "created_by")


@dataclass(frozen=True)
class StatusFacts:
    status: str  # done | not_done | unknown
    done_on: date | None = None
    document: str | None = None
    comment: str | None = None


def snapshot(row: RequirementStatus | None) -> dict[str, Any] | None:
    return None if row is None else {name: getattr(row, name) for name in FIELDS}


def _latest(session: Session, requirement: str, agency: str,
            period: str) -> RequirementStatus | None:
    rows = service.requirement_status_history(session, requirement=requirement, agency=agency,
                                              period=period)
    return rows[-1] if rows else None


def _conflict(current: RequirementStatus | None) -> RevisionConflict:
    revision = 0 if current is None else current.revision
    data = snapshot(current)
    return RevisionConflict(Problem(
        code=REVISION_CONFLICT, field="expected_revision",
        message_vi=f"Trạng thái đã được người khác sửa (phiên bản {revision}); hãy tải lại.",
        message_en=f"The status was changed by someone else (revision {revision}); reload it."),
        None if data is None else dict(jsonable(data)))


def _check(requirement: str, agency: str, period: str) -> str:
    from dxmon.catalog.loader import load_catalog
    from dxmon.registry.service import get_agency

    if requirement not in load_catalog().requirements:
        raise DxmonError(Problem(code="REQUIREMENT_NOT_FOUND", field="requirement",
                                 message_vi=f"Không có yêu cầu '{requirement}'.",
                                 message_en=f"No requirement '{requirement}'."))
    get_agency(agency)
    return Period.parse(period).id


def write(session: Session, *, user: Principal | None, requirement: str, agency: str,
          period: str, facts: StatusFacts, expected_revision: int
          ) -> tuple[service.Outcome, RequirementStatus]:
    """Add a revision of an agency's status of a requirement (checked, locked, audited)."""
    period = _check(requirement, agency, period)
    actor = ensure_can_write(user, agency)
    try:  # a writer that lost a race meets a unique constraint: the same conflict
        workflow.ensure_editable(session, user=actor, agency=agency, period=period)
        before = _latest(session, requirement, agency, period)
        if expected_revision != (0 if before is None else before.revision):
            raise _conflict(before)
        before_data = snapshot(before)
        outcome, row = service.record_requirement_status(
            session, requirement=requirement, agency=agency, period=period,
            status=facts.status, done_on=facts.done_on, document=facts.document,
            comment=facts.comment, created_by=actor.username, provenance={"via": actor.via},
            current=before)
    except IntegrityError:
        raise _conflict(None) from None
    if outcome != "unchanged":
        audit_record(session, actor=actor.username, action=outcome,
                     entity="requirement_status", key=f"{requirement}/{agency}/{period}",
                     before=before_data, after=snapshot(row))
    return outcome, row
