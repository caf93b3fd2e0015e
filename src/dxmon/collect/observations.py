"""One value at a time, as people and systems edit it: checked for permission, workflow state
and concurrent edits, recorded as a revision and audited in the same transaction.

Two writers of the same value both name the revision they edited (``expected_revision``, 0
for a value that does not exist yet); the second one gets ``OBSERVATION_REVISION_CONFLICT``
(HTTP 409) carrying the current version, never a silent overwrite. This holds under real
concurrency too: the unique (key, revision) constraint turns a lost race into the same 409.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.access.service import can_read, ensure_can_read, ensure_can_write
from dxmon.collect import service, workflow
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.scopes import Scope, ScopeLevel, agency_of_scope, invalid_scope
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import Observation

REVISION_CONFLICT = "OBSERVATION_REVISION_CONFLICT"
SCOPE_INVALID = "OBSERVATION_SCOPE_INVALID"
STATUS_FORBIDDEN = "ACCESS_FORBIDDEN"
STATUSES = tuple(workflow.State)
SNAPSHOT = ("value", "numerator", "denominator", "qualifier", "comment", "status", "revision",
            "source", "created_by")


class RevisionConflict(DxmonError):
    """A write that named an old revision; ``current`` is the value as it is now."""

    def __init__(self, problem: Problem, current: dict[str, Any] | None) -> None:
        super().__init__(problem)
        self.current = current


@dataclass(frozen=True)
class Facts:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    qualifier: str | None = None
    comment: str | None = None
    status: str | None = None  # staff only; otherwise the report's state decides


def current_version(session: Session, key: service.ObservationKey) -> Observation | None:
    rows = session.scalars(select(Observation).filter_by(**vars(key), source="reported")
                           .order_by(Observation.revision.desc()).limit(1))
    return rows.first()


def snapshot(row: Observation | None) -> dict[str, Any] | None:
    if row is None:
        return None
    data: dict[str, Any] = {name: getattr(row, name) for name in SNAPSHOT}
    data.update(indicator=row.indicator, scope=row.scope, period=row.period, window=row.window)
    return data


def check_key(key: service.ObservationKey) -> service.ObservationKey:
    """A canonical key: a known indicator, a valid scope (known agency) and period id."""
    from dxmon.catalog.service import get_indicator
    from dxmon.registry.history import ensure_in_force
    from dxmon.registry.service import get_agency

    get_indicator(key.indicator)
    period = Period.parse(key.period).id
    scope = Scope.parse(key.scope)
    if scope.level is ScopeLevel.OTHER:  # groups outside the registry are loaded, not written
        raise invalid_scope(key.scope)
    if scope.agency_code is not None:
        ensure_in_force(get_agency(scope.agency_code).code, period)
    if key.window not in ("period", "ytd", "cumulative"):
        raise DxmonError(Problem(code=SCOPE_INVALID, field="window",
                                 message_vi="Cửa sổ phải là period, ytd hoặc cumulative.",
                                 message_en="The window must be period, ytd or cumulative."))
    return service.ObservationKey(key.indicator, key.scope, period, key.window)


class _Problems:
    """Collects the problems of the one value being written (validation.Collector)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, field_name: str, vi: str, en: str) -> None:
        self.items.append(Problem(code=code, field=field_name, message_vi=vi, message_en=en))


def validate(session: Session, key: service.ObservationKey, facts: Facts) -> None:
    """The catalogue's rules, as for imports and data value sets: numbers, numerator ≤
    denominator for shares, ranges, and a comment for a change beyond the declared limit."""
    from dxmon.catalog.service import get_indicator
    from dxmon.collect import validation

    indicator = get_indicator(key.indicator)
    problems = _Problems()
    cells = {name: "" if number is None else format(number, "f") for name, number in
             (("value", facts.value), ("numerator", facts.numerator),
              ("denominator", facts.denominator))}
    validation.check_values(indicator, {**cells, "comment": facts.comment or ""}, problems)
    values = {**vars(key), "value": facts.value, "comment": facts.comment}
    change = validation.change_problem(session, values, "api", 0)
    if change is not None:
        problems.items.append(replace(change, where=None, row=None))
    if problems.items:
        raise DxmonError(problems.items)


def _conflict(current: Observation | None) -> RevisionConflict:
    revision = 0 if current is None else current.revision
    problem = Problem(
        code=REVISION_CONFLICT, field="expected_revision",
        message_vi=f"Giá trị đã được người khác sửa (phiên bản hiện tại {revision}); "
                   "hãy tải lại rồi sửa tiếp.",
        message_en=f"The value was changed by someone else (current revision {revision}); "
                   "reload it and edit again.")
    return RevisionConflict(problem, jsonable_snapshot(current))


def jsonable_snapshot(row: Observation | None) -> dict[str, Any] | None:
    from dxmon.store.audit import jsonable

    data = snapshot(row)
    return None if data is None else dict(jsonable(data))


def _latest_committed(bind: Engine | Connection, key: service.ObservationKey
                      ) -> Observation | None:
    """After a lost race the session is unusable: read the winner on a fresh connection."""
    with Session(bind.engine if isinstance(bind, Connection) else bind) as fresh:
        return current_version(fresh, key)


def _status_for(session: Session, user: Principal, key: service.ObservationKey,
                wanted: str | None) -> str:
    agency = agency_of_scope(key.scope)
    if wanted is not None and not user.is_staff:
        raise DxmonError(Problem(code=STATUS_FORBIDDEN, field="status",
                                 message_vi="Chỉ chuyên viên tổng hợp đặt được trạng thái; "
                                            "hãy dùng quy trình nộp báo cáo.",
                                 message_en="Only analysts set a status; use the submission "
                                            "workflow."))
    if wanted is not None and wanted not in STATUSES:
        raise DxmonError(Problem(code="OBSERVATION_STATUS_INVALID", field="status",
                                 message_vi=f"Trạng thái '{wanted}' không hợp lệ.",
                                 message_en=f"Invalid status '{wanted}'."))
    if agency is None:
        return wanted or workflow.State.DRAFT
    state = workflow.ensure_editable(session, user=user, agency=agency, period=key.period)
    return wanted or state


def write(session: Session, *, user: Principal | None, key: service.ObservationKey,
          facts: Facts, expected_revision: int) -> tuple[service.Outcome, Observation]:
    """Add a revision of one value if ``expected_revision`` is still the current one."""
    key = check_key(key)
    actor = ensure_can_write(user, agency_of_scope(key.scope))
    validate(session, key, facts)
    try:  # a writer that lost a race meets a unique constraint: the same conflict
        status = _status_for(session, actor, key, facts.status)
        before = current_version(session, key)
        if expected_revision != (0 if before is None else before.revision):
            raise _conflict(before)
        before_data = snapshot(before)
        outcome, row = service.record_observation(
            session, key=key, value=facts.value, numerator=facts.numerator,
            denominator=facts.denominator, qualifier=facts.qualifier, comment=facts.comment,
            status=status, source="reported", created_by=actor.username,
            provenance={"via": actor.via}, current=before)
    except IntegrityError:
        raise _conflict(_latest_committed(session.get_bind(), key)) from None
    if outcome != "unchanged":
        audit_record(session, actor=actor.username, action=outcome, entity="observation",
                     key="/".join(vars(key).values()), before=before_data, after=snapshot(row))
    return outcome, row


def readable(user: Principal | None, rows: list[Observation]) -> list[Observation]:
    return [row for row in rows if can_read(user, agency_of_scope(row.scope), row.status)]


def list_current(session: Session, *, user: Principal | None, period: str | None = None,
                 indicator: str | None = None, scope: str | None = None,
                 window: str | None = None) -> list[Observation]:
    """The newest revision of each value that the user may see: the public sees the last
    published revision even while a correction is being drafted."""
    filters = {"period": Period.parse(period).id if period else None, "indicator": indicator,
               "scope": scope, "window": window}
    query = select(Observation)
    for name, wanted in filters.items():
        if wanted is not None:
            query = query.where(getattr(Observation, name) == wanted)
    newest: dict[tuple[str, ...], Observation] = {}
    for row in readable(user, list(session.scalars(query.order_by(Observation.revision)))):
        newest[(row.indicator, row.scope, row.period, row.window, row.source)] = row
    return sorted(newest.values(),
                  key=lambda r: (r.indicator, r.scope, r.period, r.window, r.source))


def history(session: Session, *, user: Principal | None,
            key: service.ObservationKey) -> list[Observation]:
    """Every revision of one value that the user may see, oldest first; a value with no
    revision the user may see answers 401 (anonymous) or 403 (another agency's draft)."""
    key = check_key(key)
    rows = service.observation_history(session, key)
    shown = readable(user, rows)
    if rows and not shown:  # it exists but is not the caller's to see: 401 or 403
        ensure_can_read(user, agency_of_scope(key.scope), rows[-1].status)
    return shown


