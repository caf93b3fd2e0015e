"""The reporter's desk: one agency's report of one period as the people who fill it in see it.

A desk lists the indicators the agency must report (its template's lines) with the values
stored or typed, what is still missing, the report's state in the workflow (and the reason it
was returned), its due date and timeliness, and what the user may do now: save values, upload
a filled-in template, submit, and (for staff) approve, return or publish. Saving and uploading
go through :mod:`dxmon.collect.datavalues`, so the form obeys the same rules, atomicity and audit
as the API's data value sets; workflow steps go through :mod:`dxmon.collect.workflow`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.access.schemas import STAFF, Principal, Role
from dxmon.access.service import ensure_can_write, ensure_role, ensure_signed_in, reporter_notice
from dxmon.collect import datavalues, templates, valuesets, workflow
from dxmon.collect.valuesets import DataValue, DataValueSet
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period, PeriodKind
from dxmon.registry.schemas import AgencyRead
from dxmon.store.tables import Submission

FORM_WHERE = "biểu mẫu nhập liệu / data entry form"
FORM_FIELDS = ("value", "numerator", "denominator", "comment")
GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")
OTHER_SET = "DESK_FILE_OTHER_REPORT"
Typed = dict[str, dict[str, str]]  # indicator code → field → the text typed in the form


def open_period(today: date | None = None) -> str:
    """The monthly report being collected now: the first month whose due date is not past."""
    today = today or datetime.now(workflow.VIETNAM).date()
    month = Period(today.year, PeriodKind.MONTH, today.month).previous()
    while workflow.due_date(month) < today:
        month = month.next()
    return month.id


def _text(number: Decimal | None) -> str:
    """A stored number as a Vietnamese reporter types it: 80,5 and 1200 (no grouping dots,
    which a single dot would make ambiguous)."""
    if number is None:
        return ""
    text = format(number.normalize(), "f") if number == number.to_integral_value() \
        else format(number, "f").rstrip("0")
    return text.replace(".", ",")


@dataclass(frozen=True)
class DeskLine:
    """One indicator of the form: its definition, the value shown, and what is wrong with it."""

    row: int
    code: str
    name_vi: str
    name_en: str
    unit: str
    required: bool
    ratio: bool
    rules: str
    cells: dict[str, str]
    problems: tuple[Problem, ...] = ()
    stored: bool = False  # a value is saved (the cells may show a rejected form as typed)

    @property
    def missing(self) -> bool:
        """Required and not saved: what the report lacks, whatever a refused form showed."""
        return self.required and not self.stored


@dataclass(frozen=True)
class Step:
    """One transition of the report's workflow, for its history table."""

    revision: int
    status: str
    at: datetime
    by: str
    reason: str | None


@dataclass
class Desk:
    """Everything the data-entry page of one agency and period shows."""

    agency: AgencyRead
    period: str
    period_label_vi: str
    period_label_en: str
    state: str | None
    revision: int
    reason: str | None
    due: date
    timeliness: str
    lines: list[DeskLine]
    editable: bool
    actions: tuple[str, ...]
    steps: list[Step] = field(default_factory=list)

    @property
    def missing(self) -> list[DeskLine]:
        return [line for line in self.lines if line.missing]


def _return_reason(steps: list[Step]) -> str | None:
    return steps[-1].reason if steps and steps[-1].status == workflow.State.RETURNED else None


def _actions(user: Principal, state: str | None, missing: int) -> tuple[str, ...]:
    """The workflow steps this user may take from ``state`` (a new report counts as a draft);
    submitting waits until nothing required is missing."""
    return tuple(action for action, (sources, _) in workflow.TRANSITIONS.items()
                 if (state or workflow.State.DRAFT) in sources
                 and (action != "submit" or not missing)
                 and (action == "submit" or user.role in STAFF))


def _lines(session: Session, user: Principal, agency: str, period: str,
           typed: Typed | None, problems: list[Problem]) -> list[DeskLine]:
    by_row: dict[int, list[Problem]] = {}
    for problem in problems:
        by_row.setdefault(problem.row or 0, []).append(problem)
    result = []
    for row, line in enumerate(templates.lines(session, user=user, agency=agency,
                                               period=period), start=1):
        stored = line.current
        cells = {"value": _text(stored.value) if stored else "",
                 "numerator": _text(stored.numerator) if stored else "",
                 "denominator": _text(stored.denominator) if stored else "",
                 "comment": (stored.comment or "") if stored else ""}
        if typed is not None:
            cells = {name: typed.get(line.indicator.code, {}).get(name, "").strip()
                     for name in FORM_FIELDS}
        indicator = line.indicator
        result.append(DeskLine(row=row, code=indicator.code, name_vi=indicator.name_vi,
                               name_en=indicator.name_en, unit=indicator.unit_label_vi,
                               required=line.required,
                               ratio=indicator.numerator_label_vi is not None,
                               rules=templates.rule_text(indicator), cells=cells,
                               problems=tuple(by_row.get(row, ())),
                               stored=stored is not None and stored.value is not None))
    return result


def open_desk(session: Session, *, user: Principal | None, agency: str, period: str,
              typed: Typed | None = None, problems: list[Problem] | None = None) -> Desk:
    """The desk of ``agency`` for ``period``; only users who may write its data open it.
    ``typed`` and ``problems`` show a rejected form again as it was typed, errors in place."""
    period = datavalues.check_period(period)
    found = datavalues.check_agency(agency, period)
    actor = ensure_can_write(user, found.code)
    history = workflow.history(session, agency=found.code, period=period)
    steps = [Step(row.revision, row.status, row.created_at, row.created_by, row.reason)
             for row in history]
    state = steps[-1].status if steps else None
    lines = _lines(session, actor, found.code, period, typed, problems or [])
    missing = sum(line.missing for line in lines)
    parsed = Period.parse(period)
    return Desk(agency=found, period=period, period_label_vi=parsed.label_vi(),
                period_label_en=parsed.label_en(), state=state,
                revision=steps[-1].revision if steps else 0, reason=_return_reason(steps),
                due=workflow.due_date(parsed),
                timeliness=workflow.timeliness_status(history, parsed), lines=lines,
                editable=workflow.can_edit(actor, state),
                actions=_actions(actor, state, missing), steps=steps)


def as_typed_in_vietnam(text: str) -> str:
    """On the form, dots that group thousands are thousands: ``1.200`` is 1200 (a machine file
    reads a single dot as a decimal point; a person typing on a Vietnamese form does not)."""
    return text.replace(".", "") if GROUPED.fullmatch(text) else text


def form_set(agency: str, period: str, order: list[str], typed: Typed) -> DataValueSet:
    """The typed form as a data value set; a value's row is its line on the form."""
    found = DataValueSet(FORM_WHERE, period=period, agency=agency)
    for row, code in enumerate(order, start=1):
        entered = typed.get(code, {})
        cells = {"indicator": code, "comment": entered.get("comment", "").strip(),
                 **{name: as_typed_in_vietnam(entered.get(name, "").strip())
                    for name in FORM_FIELDS if name != "comment"}}
        value = DataValue(row, cells)
        if not value.is_blank():
            found.values.append(value)
    return found


def save_form(session: Session, *, user: Principal | None, agency: str, period: str,
              typed: Typed) -> datavalues.ValueSetSummary:
    """Store the form's values, all or nothing (rules, revisions and audit of data value sets).
    Raises :class:`datavalues.ValueSetRejected` naming the form's lines that are wrong."""
    desk = open_desk(session, user=user, agency=agency, period=period)
    order = [line.code for line in desk.lines]
    found = form_set(desk.agency.code, desk.period, order, typed)
    digest = hashlib.sha256(repr(sorted(typed.items())).encode()).hexdigest()
    return datavalues.import_set(session, found, user=user, digest=digest)


def _other_report(field_name: str, given: str, expected: str) -> DxmonError:
    return DxmonError(Problem(
        code=OTHER_SET, field=field_name,
        message_vi=f"Tệp là số liệu của {field_name} '{given}', không phải '{expected}' của "
                   "trang này; không nhập gì.",
        message_en=f"The file holds the data of {field_name} '{given}', not this page's "
                   f"'{expected}'; nothing was imported."))


def upload_file(session: Session, *, user: Principal | None, agency: str, period: str,
                data: bytes, filename: str) -> datavalues.ValueSetSummary:
    """Import a filled-in template (XLSX, CSV or JSON) into this desk's agency and period; a
    file that names another agency or period is refused rather than written elsewhere."""
    from dxmon.collect import tabular

    desk = open_desk(session, user=user, agency=agency, period=period)
    found = valuesets.read(data, tabular.format_of(filename), filename,
                           period=desk.period, agency=desk.agency.code)
    named_period = datavalues.check_period(found.period)
    named_agency = datavalues.check_agency(found.agency, named_period).code
    if named_agency != desk.agency.code:
        raise _other_report("agency", found.agency, desk.agency.code)
    if named_period != desk.period:
        raise _other_report("period", found.period, desk.period)
    return datavalues.import_set(session, found, user=user,
                                 digest=hashlib.sha256(data).hexdigest())


def act(session: Session, *, user: Principal | None, agency: str, period: str, action: str,
        reason: str | None, expected_revision: int | None) -> Submission:
    """One workflow step from the desk; ``expected_revision`` is the state the user saw, so
    that two people acting at once get a conflict instead of a silent double step. Submitting
    waits until no required indicator is missing (``workflow``, for every channel)."""
    return workflow.transition(session, user=user, agency=agency,
                               period=datavalues.check_period(period),
                               action=action,  # type: ignore[arg-type]
                               reason=reason, expected_revision=expected_revision)


@dataclass(frozen=True)
class ReportRow:
    """One report on the data-entry home page: an agency, a period and where it stands."""

    agency: str
    agency_name: str
    period: str
    period_label_vi: str
    period_label_en: str
    state: str | None
    reason: str | None
    due: date


def _report_row(agency: str, period: str, row: Submission | None) -> ReportRow:
    from dxmon.registry.service import get_agency

    parsed = Period.parse(period)
    return ReportRow(agency=agency, agency_name=get_agency(agency).name_vi, period=parsed.id,
                     period_label_vi=parsed.label_vi(), period_label_en=parsed.label_en(),
                     state=row.status if row else None,
                     reason=row.reason if row is not None and row.status == workflow.State.RETURNED
                     else None, due=workflow.due_date(parsed))


def _latest_rows(session: Session, agency: str | None) -> list[Submission]:
    query = select(Submission).order_by(Submission.agency, Submission.period,
                                        Submission.revision)
    if agency is not None:
        query = query.filter_by(agency=agency)
    latest: dict[tuple[str, str], Submission] = {}
    for row in session.scalars(query):
        latest[(row.agency, row.period)] = row
    return list(latest.values())


def _open_periods(agency: str, today: date | None) -> set[str]:
    """The open period, unless the agency is not in force then (abolished: nothing to open)."""
    from dxmon.registry.history import not_in_force_problem
    from dxmon.registry.service import get_agency

    period = open_period(today)
    return {period} if not_in_force_problem(get_agency(agency), period) is None else set()


def agency_notice(user: Principal, today: date | None = None) -> tuple[str, str] | None:
    """What a reporter of an abolished agency is told on its home page (vi, en): the successor
    to report under and that an administrator moves the account; None otherwise."""
    return reporter_notice(user, on=today or datetime.now(workflow.VIETNAM).date())


def reports_of(session: Session, *, user: Principal | None,
               today: date | None = None) -> list[ReportRow]:
    """A reporter's reports: the open period first, then every period it has a report of,
    newest first. Staff see the reports waiting for them (submitted, approved, returned)."""
    user = ensure_signed_in(user)
    if user.role is Role.REPORTER and user.agency:
        rows = {row.period: row for row in _latest_rows(session, user.agency)}
        periods = sorted(set(rows) | _open_periods(user.agency, today), key=Period.parse,
                         reverse=True)
        return [_report_row(user.agency, period, rows.get(period)) for period in periods]
    if user.role in STAFF:
        waiting = [row for row in _latest_rows(session, None)
                   if row.status in workflow.WAITING_FOR_STAFF]
        waiting.sort(key=lambda row: (Period.parse(row.period), row.agency), reverse=True)
        return [_report_row(row.agency, row.period, row) for row in waiting[:200]]
    ensure_role(user, Role.REPORTER, *STAFF)  # viewers: 403, as documented
    return []
