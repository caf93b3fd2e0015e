"""The reporting workflow of one agency for one period, and reporting timeliness.

States: ``draft`` (opened by the first write through the API) → ``submitted`` →
``approved`` or ``returned`` (with a reason) → ``published``; a returned report is corrected
and submitted again. A published report is locked for every writer and every channel until
an administrator reopens it with a reason (``reopen``: published → returned, audited).
Every transition is a new ``submissions`` row (nothing is overwritten), is audited, and sets
the status of the agency's current values of that period to the new state, so that
``published`` is what the public sees.

Due dates: a report is due a few days after its data window closes (``DUE_GRACE_DAYS``):
monthly reports, whose window runs to the 20th, on the 22nd of the month; quarterly and
half-yearly reports on the 10th day after the period; yearly reports on 15 January.
A report is on time when it was first submitted by the end of its due date, Vietnam time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.access.schemas import STAFF, Principal, Role
from dxmon.access.service import ensure_can_write, ensure_role
from dxmon.collect import service
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period, PeriodKind
from dxmon.scopes import agency_scope
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import Submission

VIETNAM = timezone(timedelta(hours=7))
DUE_GRACE_DAYS = {PeriodKind.MONTH: 2, PeriodKind.QUARTER: 10, PeriodKind.HALF: 10,
                  PeriodKind.YEAR: 15}


class State(StrEnum):
    """Where a report stands (the ``status`` of its submissions and of its values); a member
    equals its text, as stored."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    PUBLISHED = "published"


Action = Literal["submit", "approve", "return", "publish", "reopen"]
TRANSITIONS: dict[str, tuple[tuple[State, ...], State]] = {
    "submit": ((State.DRAFT, State.RETURNED), State.SUBMITTED),
    "approve": ((State.SUBMITTED,), State.APPROVED),
    "return": ((State.SUBMITTED, State.APPROVED), State.RETURNED),
    "publish": ((State.APPROVED,), State.PUBLISHED),
    # an administrator reopens a published report, with a reason, for a correction
    "reopen": ((State.PUBLISHED,), State.RETURNED),
}
NEEDS_REASON = ("return", "reopen")
EDITABLE = (State.DRAFT, State.RETURNED)
PUBLISHED = State.PUBLISHED
WAITING_FOR_STAFF = (State.SUBMITTED, State.APPROVED, State.RETURNED)
STATE_CONFLICT = "SUBMISSION_STATE_CONFLICT"
PUBLISHED_LOCKED = "SUBMISSION_PUBLISHED_LOCKED"
REQUIRED_MISSING = "SUBMISSION_REQUIRED_MISSING"
REASON_MISSING = "SUBMISSION_REASON_MISSING"
REVISION_CONFLICT = "SUBMISSION_REVISION_CONFLICT"


def due_date(period: str | Period) -> date:
    """The last day on which a report of ``period`` is on time."""
    parsed = Period.parse(period)
    return parsed.reporting_window()[1] + timedelta(days=DUE_GRACE_DAYS[parsed.kind])


def due_moment(period: str | Period) -> datetime:
    """The end of the due date in Vietnam, as an aware datetime."""
    return datetime.combine(due_date(period) + timedelta(days=1), time(), tzinfo=VIETNAM)


def history(session: Session, *, agency: str, period: str) -> list[Submission]:
    query = (select(Submission).filter_by(agency=agency, period=period)
             .order_by(Submission.revision))
    return list(session.scalars(query))


def latest(session: Session, *, agency: str, period: str) -> Submission | None:
    query = (select(Submission).filter_by(agency=agency, period=period)
             .order_by(Submission.revision.desc()).limit(1))
    return session.scalars(query).first()


def state(session: Session, *, agency: str, period: str) -> str | None:
    """The current state, or None when the agency never started this period's report."""
    row = latest(session, agency=agency, period=period)
    return None if row is None else row.status


def states(session: Session, *, period: str) -> dict[str, str]:
    """The current state of every agency that has one for ``period``."""
    rows = session.scalars(select(Submission).filter_by(period=period)
                           .order_by(Submission.agency, Submission.revision))
    return {row.agency: row.status for row in rows}


def _conflict(code: str, vi: str, en: str, field: str | None = None) -> DxmonError:
    return DxmonError(Problem(code=code, message_vi=vi, message_en=en, field=field))


def _authorise(user: Principal | None, action: str, agency: str) -> Principal:
    if action == "submit":
        return ensure_can_write(user, agency)
    if action == "reopen":
        return ensure_role(user, Role.ADMINISTRATOR)
    return ensure_role(user, *STAFF)


def _check(action: str, current: str, reason: str | None, expected: int | None,
           revision: int) -> None:
    allowed, target = TRANSITIONS[action]
    if expected is not None and expected != revision:
        raise _conflict(REVISION_CONFLICT,
                        f"Trạng thái đã thay đổi (phiên bản {revision}); hãy tải lại.",
                        f"The state changed meanwhile (revision {revision}); reload it.",
                        "expected_revision")
    if current not in allowed:
        raise _conflict(STATE_CONFLICT,
                        f"Không thể chuyển từ '{current}' sang '{target}'.",
                        f"Cannot go from '{current}' to '{target}'.", "status")
    if action in NEEDS_REASON and not (reason or "").strip():
        raise DxmonError(Problem(code=REASON_MISSING, field="reason",
                                 message_vi="Trả lại hoặc mở lại báo cáo phải nêu lý do.",
                                 message_en="Returning or reopening a report needs a reason."))


def _restamp_values(session: Session, *, agency: str, period: str, status: str,
                    actor: str) -> int:
    """Give the agency's current values of the period the new state (as new revisions)."""
    changed = 0
    for row in service.current_observations(session, period=period, scope=agency_scope(agency),
                                            source="reported"):
        key = service.ObservationKey(row.indicator, row.scope, row.period, row.window)
        outcome, _ = service.record_observation(
            session, key=key, value=row.value, numerator=row.numerator,
            denominator=row.denominator, qualifier=row.qualifier, comment=row.comment,
            status=status, source=row.source, provenance=row.provenance, created_by=actor)
        changed += outcome != "unchanged"
    return changed


def transition(session: Session, *, user: Principal | None, agency: str, period: str,
               action: Action, reason: str | None = None,
               expected_revision: int | None = None) -> Submission:
    """Move one agency's report of one period along the workflow (checked, audited)."""
    if action not in TRANSITIONS:
        raise _conflict(STATE_CONFLICT, f"Không có thao tác '{action}'.",
                        f"No action '{action}'.", "action")
    from dxmon.registry.service import get_agency

    period = Period.parse(period).id
    get_agency(agency)
    actor = _authorise(user, action, agency)
    before = latest(session, agency=agency, period=period)
    current, revision = (State.DRAFT, 0) if before is None else (before.status, before.revision)
    _check(action, current, reason, expected_revision, revision)
    if action == "submit":
        ensure_complete(session, agency=agency, period=period)
    target = TRANSITIONS[action][1]
    row = _append(session, agency=agency, period=period, status=target,
                  revision=revision + 1, actor=actor.username,
                  reason=reason if action in NEEDS_REASON else None)
    values = _restamp_values(session, agency=agency, period=period, status=target,
                             actor=actor.username)
    audit_record(session, actor=actor.username, action=action, entity="submission",
                 key=f"{agency}/{period}",
                 before={"status": current, "revision": revision},
                 after={"status": target, "revision": row.revision, "reason": row.reason,
                        "values_restamped": values})
    return row


def _append(session: Session, *, agency: str, period: str, status: str, revision: int,
            actor: str, reason: str | None = None) -> Submission:
    """A new state of the report, as a new row (nothing is overwritten)."""
    row = Submission(agency=agency, period=period, status=status, revision=revision,
                     reason=reason, created_at=datetime.now(UTC), created_by=actor)
    session.add(row)
    session.flush()
    return row


def follow_import(session: Session, *, agency: str, period: str, status: str,
                  actor: str) -> None:
    """An import that sets its values' state moves the report's workflow with it (audited), so
    that an imported "submitted" report can be approved. Imported published values of a report
    that has no workflow yet (historical loads) open none."""
    before = latest(session, agency=agency, period=period)
    if (before is None and status == PUBLISHED) or (before is not None
                                                    and before.status == status):
        return
    revision = 0 if before is None else before.revision
    _append(session, agency=agency, period=period, status=status, revision=revision + 1,
            actor=actor)
    audit_record(session, actor=actor, action="import", entity="submission",
                 key=f"{agency}/{period}",
                 before=None if before is None else {"status": before.status,
                                                     "revision": revision},
                 after={"status": status, "revision": revision + 1})


def ensure_complete(session: Session, *, agency: str, period: str) -> None:
    """A report is submitted only when every indicator its agency must report has a value,
    whichever channel submits it (API, desk, import)."""
    from dxmon.collect.validation import missing_required
    from dxmon.registry.service import get_agency

    reported = {row.indicator for row in service.current_observations(
        session, period=period, scope=agency_scope(agency), source="reported")
        if row.value is not None}
    missing = missing_required(str(get_agency(agency).kind), reported, period)
    if missing:
        codes = ", ".join(indicator.code for indicator in missing)
        raise DxmonError(Problem(
            code=REQUIRED_MISSING, field="indicator",
            message_vi=f"Chưa gửi được: còn thiếu chỉ tiêu bắt buộc {codes}.",
            message_en=f"Cannot submit yet: required indicators are missing: {codes}."))


def can_edit(user: Principal, state: str | None) -> bool:
    """Reporters edit a report that is new, a draft or returned; staff may correct any that
    is not published (a published report is locked until an administrator reopens it)."""
    return state is None or state in EDITABLE or (user.role in STAFF and state != PUBLISHED)


def locked_problem(agency: str, period: str) -> Problem:
    return Problem(
        code=PUBLISHED_LOCKED, field="period",
        message_vi=f"Báo cáo kỳ {period} của {agency} đã công bố nên bị khóa; quản trị viên "
                   "phải mở lại (nêu lý do) trước khi sửa.",
        message_en=f"The {period} report of {agency} is published and locked; an "
                   "administrator must reopen it (with a reason) before any change.")


def ensure_not_published(session: Session, *, agency: str, period: str) -> None:
    """Every channel refuses a change to a published agency-period (HTTP 409)."""
    if state(session, agency=agency, period=period) == PUBLISHED:
        raise DxmonError(locked_problem(agency, period))


def ensure_editable(session: Session, *, user: Principal, agency: str, period: str) -> str:
    """The state a new value of the agency takes; reporters may only edit draft or returned
    reports (staff may correct any, the value keeping the report's state). The first write
    opens the report as a draft, so that what is written stays private until published."""
    row = latest(session, agency=agency, period=period)
    if row is None:
        _append(session, agency=agency, period=period, status=State.DRAFT, revision=1,
                actor=user.username)
    current = State.DRAFT if row is None else row.status
    if current == PUBLISHED:
        raise DxmonError(locked_problem(agency, period))
    if current in EDITABLE:
        return State.DRAFT
    if can_edit(user, current):
        return current
    raise _conflict(STATE_CONFLICT,
                    f"Báo cáo đang ở trạng thái '{current}'; chỉ sửa được khi nháp hoặc bị "
                    "trả lại.",
                    f"The report is '{current}'; it can only be edited as a draft or when "
                    "returned.", "status")


@dataclass(frozen=True)
class Timeliness:
    """Whether one agency reported a period on time, late, or not at all."""

    agency: str
    block: str
    status: Literal["on_time", "late", "missing"]
    state: str | None
    submitted_at: datetime | None
    due: date


def _first_submitted(rows: list[Submission]) -> datetime | None:
    for row in rows:
        if row.status == State.SUBMITTED:
            at = row.created_at
            return at if at.tzinfo else at.replace(tzinfo=UTC)
    return None


def timeliness_status(rows: list[Submission],
                      period: str | Period) -> Literal["on_time", "late", "missing"]:
    """On time, late or missing, from one report's transitions, oldest first."""
    sent = _first_submitted(rows)
    if sent is None:
        return "missing"
    return "on_time" if sent < due_moment(period) else "late"


def timeliness(session: Session, *, period: str, block: str | None = None) -> list[Timeliness]:
    """For every agency that owes the report (``registry.reporting_units``: in force at the
    period's end, of the block or both), in registry order."""
    from dxmon.registry.service import reporting_units

    parsed = Period.parse(period)
    rows = session.scalars(select(Submission).filter_by(period=parsed.id)
                           .order_by(Submission.revision))
    by_agency: dict[str, list[Submission]] = {}
    for row in rows:
        by_agency.setdefault(row.agency, []).append(row)
    due = due_date(parsed)
    result = []
    for agency in reporting_units(as_of=parsed.end, block=block):
        history_rows = by_agency.get(agency.code, [])
        result.append(Timeliness(agency=agency.code, block=str(agency.block),
                                 status=timeliness_status(history_rows, parsed),
                                 state=history_rows[-1].status if history_rows else None,
                                 submitted_at=_first_submitted(history_rows), due=due))
    return result
