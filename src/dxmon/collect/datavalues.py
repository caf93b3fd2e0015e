"""Batch submission of a data value set (one agency, one period): checked, stored, summarised.

The rules are collect.validation's, the same as ``dxmon import``. Atomic by default: one bad
row and nothing is stored, the error naming every bad row (``atomic=False`` stores the good rows
and lists the rejected ones). Idempotent: values equal to the current ones add no revision. A
dry run checks and counts, and keeps nothing. The caller must be allowed to write the agency's
data, and the agency's report of the period must be editable (draft or returned) for reporters.
The summary's names follow DHIS2's import summary loosely (status, importCount, conflicts).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.access.service import ensure_can_write, ensure_signed_in
from dxmon.collect import flows, service, validation, workflow
from dxmon.collect.tabular import SourceRow
from dxmon.collect.valuesets import DataValueSet
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.registry.schemas import AgencyRead
from dxmon.scopes import agency_scope
from dxmon.store.audit import record as audit_record

REJECTED = "DATAVALUES_REJECTED"
PERIOD_UNKNOWN = "IMPORT_PERIOD_INVALID"
Status = Literal["OK", "WARNING", "ERROR"]


@dataclass
class ValueSetSummary:
    """What a data value set did (or would do, on a dry run)."""

    agency: str
    period: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    conflicts: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> Status:
        if self.conflicts:
            return "ERROR" if not (self.created or self.updated or self.unchanged) \
                else "WARNING"
        return "WARNING" if self.warnings else "OK"

    def as_dict(self) -> dict[str, Any]:
        def entry(problem: Problem) -> dict[str, Any]:
            return {"row": problem.row, "field": problem.field, "code": problem.code,
                    "reason": {"vi": problem.message_vi, "en": problem.message_en}}

        return {"status": self.status, "agency": self.agency, "period": self.period,
                "dryRun": self.dry_run,
                "importCount": {"created": self.created, "updated": self.updated,
                                "unchanged": self.unchanged, "rejected": self.rejected},
                "conflicts": [entry(p) for p in self.conflicts],
                "warnings": [entry(p) for p in self.warnings]}


class ValueSetRejected(DxmonError):
    """Bad rows in an atomic import: nothing was stored; ``summary`` says which and why."""

    def __init__(self, problems: list[Problem], summary: ValueSetSummary) -> None:
        first = Problem(code=REJECTED, where=problems[0].where,
                        message_vi=f"Không nhập gì: {summary.rejected} dòng có lỗi.",
                        message_en=f"Nothing imported: {summary.rejected} rows have errors.")
        super().__init__([first, *problems])
        self.summary = summary.as_dict()


def check_period(text: str) -> str:
    """A period id, or an error suggesting the nearest ones."""
    try:
        return Period.parse(text).id
    except DxmonError:
        hints = validation.suggest_periods(text)
        vi_hint = f" Gợi ý: {', '.join(hints)}." if hints else ""
        en_hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
        raise DxmonError(Problem(
            code=PERIOD_UNKNOWN, field="period",
            message_vi=f"Mã kỳ báo cáo '{text}' không hợp lệ; dùng 2024, 2024S1, 2024Q3 "
                       f"hoặc 2024-08.{vi_hint}",
            message_en=f"Invalid period id '{text}'; use 2024, 2024S1, 2024Q3 or 2024-08."
                       f"{en_hint}")) from None


def check_agency(text: str, period: str) -> AgencyRead:
    """An agency by code, or by name as of the period's end, in force at the period's end;
    unknown ones get suggestions, abolished ones (or not yet formed) the units to use."""
    from dxmon.registry.history import ensure_in_force

    return ensure_in_force(_find_agency(text, period).code, period)


def _find_agency(text: str, period: str) -> AgencyRead:
    from dxmon.registry.resolver import resolve
    from dxmon.registry.service import get_agency

    if not text:
        raise DxmonError(Problem(code="IMPORT_FIELD_REQUIRED", field="agency",
                                 message_vi="Thiếu mã đơn vị (agency).",
                                 message_en="The agency code is missing."))
    try:
        return get_agency(text)
    except DxmonError as unknown:
        try:
            return get_agency(resolve(text, as_of=Period.parse(period).end))
        except DxmonError:
            raise unknown from None


def _rows(found: DataValueSet, agency: str, period: str) -> list[SourceRow]:
    return [SourceRow(value.row, {**value.cells, "scope": agency_scope(agency), "period": period,
                                  "window": "period"}) for value in found.values]


def _value_required(found: DataValueSet) -> list[Problem]:
    return [Problem(code="IMPORT_FIELD_REQUIRED", where=found.where, row=value.row,
                    field="value", message_vi="Thiếu giá trị (value).",
                    message_en="The value is missing.")
            for value in found.values if not value.cells.get("value")]


def _store(session: Session, facts: list[flows.ParsedFact], summary: ValueSetSummary, *,
           state: str, actor: str, digest: str, agency: str, period: str) -> set[str]:
    """Store the set's values (the current ones read in one query, one flush at the end);
    return the indicators of the agency and period that have a value afterwards."""
    current = {(row.indicator, row.window): row for row in service.current_observations(
        session, period=period, scope=agency_scope(agency), source="reported")}
    for fact in facts:  # validate_rows let each indicator and window through once
        values = {**fact.values, "status": state, "source": "reported"}
        outcome = flows.store_fact(
            session, flows.ParsedFact(fact.row, fact.kind, values),
            {"via": "dataValueSets", "row": fact.row, "sha256": digest}, actor,
            current=current.get((values["indicator"], values["window"])), flush=False)
        setattr(summary, outcome, getattr(summary, outcome) + 1)
    session.flush()
    stored = {fact.values["indicator"] for fact in facts}  # every value here is a number
    return stored | {row.indicator for row in current.values() if row.value is not None}


def import_set(session: Session, found: DataValueSet, *, user: Principal | None,
               dry_run: bool = False, atomic: bool = True,
               digest: str | None = None) -> ValueSetSummary:
    """Check every value of the set, then store all of them (or, not atomic, the good ones)."""
    ensure_signed_in(user)
    period = check_period(found.period)
    agency = check_agency(found.agency, period)
    actor = ensure_can_write(user, agency.code)
    facts, problems = flows.validate_rows(_rows(found, agency.code, period), found.where)
    problems = found.problems + _value_required(found) + problems
    problems += flows.change_problems(session, facts, found.where)
    bad_rows = {problem.row for problem in problems}
    summary = ValueSetSummary(agency=agency.code, period=period, dry_run=dry_run,
                              rejected=len(bad_rows), conflicts=problems)
    if problems and atomic:
        raise ValueSetRejected(problems, summary)
    facts = [fact for fact in facts if fact.row not in bad_rows]
    with flows.kept_unless_dry_run(session, dry_run=dry_run):
        state = workflow.ensure_editable(session, user=actor, agency=agency.code, period=period)
        reported = _store(session, facts, summary, state=state, actor=actor.username,
                          digest=digest or "", agency=agency.code, period=period)
        summary.warnings = validation.required_problems(str(agency.kind), reported,
                                                        found.where, period)
        if summary.created or summary.updated:
            audit_record(session, actor=actor.username, action="import", entity="dataValueSet",
                         key=f"{agency.code}/{period}", before=None,
                         after={"sha256": digest, "created": summary.created,
                                "updated": summary.updated, "rejected": summary.rejected})
    return summary


def import_bytes(session: Session, data: bytes, fmt: str, *, user: Principal | None,
                 filename: str | None = None, period: str | None = None,
                 agency: str | None = None, dry_run: bool = False,
                 atomic: bool = True) -> ValueSetSummary:
    """Read a JSON, CSV or XLSX data value set and import it."""
    from dxmon.collect import valuesets

    where = filename or f"dataValueSet.{fmt}"
    found = valuesets.read(data, fmt, where, period=period, agency=agency)
    return import_set(session, found, user=user, dry_run=dry_run, atomic=atomic,
                      digest=hashlib.sha256(data).hexdigest())
