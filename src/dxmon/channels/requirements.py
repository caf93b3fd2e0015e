"""Requirement statuses: what an agency has done of a requirement, from an effective date."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dxmon.access.service import ensure_can_write
from dxmon.channels import errors as codes
from dxmon.channels.fields import RowReader
from dxmon.channels.kinds import Channel, Fact
from dxmon.channels.store import Actor, Outcome
from dxmon.collect import service, statuses, workflow
from dxmon.periods import Period
from dxmon.store.audit import record as audit_record

STATUSES = {"done": "done", "not_done": "not_done", "1": "done", "0": "not_done",
            "đã": "done", "chưa": "not_done"}
COLUMNS = ("agency", "requirement", "status", "effective_on", "document", "done_on", "period",
           "comment")


def _requirement(reader: RowReader) -> str | None:
    from dxmon.catalog.loader import load_catalog
    from dxmon.suggest import did_you_mean, hint_text

    code = reader.text("requirement", max_length=100)
    requirements = load_catalog().requirements
    if code is not None and code not in requirements:
        hints = hint_text(did_you_mean(code, requirements))
        reader.problem(codes.REQUIREMENT_UNKNOWN, "requirement",
                       f"Không có yêu cầu '{code}'. Gợi ý: {hints}.",
                       f"Unknown requirement '{code}'. Did you mean: {hints}?")
        return None
    return code


def parse(reader: RowReader, session: Session, actor: Actor) -> Fact | None:
    requirement = _requirement(reader)
    effective_on = reader.date("effective_on")
    agency = reader.agency("agency", as_of=effective_on)
    status = reader.choice("status", STATUSES)
    done_on = reader.date("done_on", required=False)
    document = reader.text("document", required=False)
    period = reader.period("period")
    if done_on and effective_on and done_on > effective_on:
        reader.problem(codes.DATES_INCONSISTENT, "done_on",
                       "Ngày hoàn thành sau ngày hiệu lực của trạng thái.",
                       "The date done is after the status's effective date.")
    if status == "not_done" and done_on is not None:
        reader.problem(codes.DATES_INCONSISTENT, "done_on",
                       "Trạng thái 'chưa hoàn thành' không có ngày hoàn thành.",
                       "A 'not_done' status has no date done.")
    if reader.problems or None in (requirement, agency, status, effective_on):
        return None
    assert effective_on is not None
    period = period or Period.parse(f"{effective_on.year}-{effective_on.month:02d}").id
    return Fact(reader.row, (requirement, agency, period), {
        "requirement": requirement, "agency": agency, "period": period, "status": status,
        "effective_on": effective_on, "done_on": done_on, "document": document,
        "comment": reader.text("comment", required=False, max_length=5000)})


def _check_access(session: Session, fact: Fact, actor: Actor) -> None:
    """A reporter writes its own agency's statuses while its report is editable."""
    if actor.principal is None:
        return
    ensure_can_write(actor.principal, fact.values["agency"])
    workflow.ensure_editable(session, user=actor.principal, agency=fact.values["agency"],
                             period=fact.values["period"])


def store(session: Session, fact: Fact, actor: Actor, provenance: dict[str, object]) -> Outcome:
    _check_access(session, fact, actor)
    values = fact.values
    history = service.requirement_status_history(
        session, requirement=values["requirement"], agency=values["agency"],
        period=values["period"])
    before = statuses.snapshot(history[-1] if history else None)
    outcome, row = service.record_requirement_status(
        session, **values, provenance=provenance, created_by=actor.username)
    if outcome != "unchanged":
        audit_record(session, actor=actor.username, action=outcome, entity="requirement_status",
                     key="/".join(fact.key), before=before,
                     after={**(statuses.snapshot(row) or {}), "effective_on": row.effective_on})
    return outcome


CHANNEL = Channel(
    name="requirement_statuses", title_vi="Trạng thái thực hiện yêu cầu",
    title_en="Requirement statuses", columns=COLUMNS,
    signature=frozenset({"requirement", "agency", "status"}), parse=parse, store=store,
    staff_only=False)
