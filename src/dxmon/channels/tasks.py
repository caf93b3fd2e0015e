"""Plans and their tasks (lead agency, deadline), and task status updates: a reporter reports
its own agency's tasks, staff approve; only approved updates count in figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.access import errors as access_errors
from dxmon.access.schemas import STAFF, Principal
from dxmon.access.service import ensure_role
from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Plan, Task
from dxmon.channels import errors as codes
from dxmon.channels.fields import RowReader
from dxmon.channels.kinds import Channel, Fact
from dxmon.channels.store import Actor, Outcome, latest, record
from dxmon.errors import DxmonError, Problem
from dxmon.store.tables import PlanRecord, PlanTask, TaskStatus

REPORTED, APPROVED = "reported", "approved"
TASK_STATES = {"done": "done", "in_progress": "in_progress", "not_started": "not_started",
               "đã hoàn thành": "done", "đang thực hiện": "in_progress",
               "chưa thực hiện": "not_started"}
TASK_COLUMNS = ("plan", "task", "title", "lead_agency", "deadline", "plan_title", "plan_year")
STATUS_COLUMNS = ("task", "status", "as_of", "completed_on", "comment")
STATUS_FACTS = ("status", "completed_on", "comment")


def _newest(session: Session, model: type[Any], key: str) -> list[Any]:
    newest = (select(getattr(model, key), func.max(model.revision).label("revision"))
              .group_by(getattr(model, key)).subquery())
    query = select(model).join(newest, (getattr(model, key) == newest.c[key])
                               & (model.revision == newest.c.revision))
    return list(session.scalars(query.order_by(model.id)))


def stored_plans(session: Session) -> dict[str, Plan]:
    return {row.code: Plan(code=row.code, name_vi=row.name_vi, name_en=row.name_vi,
                           year=row.year) for row in _newest(session, PlanRecord, "code")}


def all_plans(session: Session) -> dict[str, Plan]:
    """The catalogue's plans and those added through a channel."""
    return {**load_catalog().plans, **stored_plans(session)}


def plan_tasks(session: Session, plan: str | None = None) -> list[Task]:
    """The tasks of a plan (every plan when None): the catalogue's, then those added through
    a channel (a stored task never has a catalogue task's code)."""
    stored = [Task(plan=row.plan, code=row.code, title_vi=row.title_vi,
                   lead_agency=row.lead_agency, deadline=row.deadline, kind="channel",
                   named_in_source=True)
              for row in _newest(session, PlanTask, "code")]
    tasks = [*load_catalog().tasks.values(), *stored]
    return [task for task in tasks if plan is None or task.plan == plan]


def approved_statuses(session: Session, tasks: list[str], as_of: date) -> dict[str, TaskStatus]:
    """The newest approved status of each task known on ``as_of``."""
    rows = session.scalars(select(TaskStatus).where(TaskStatus.task.in_(tasks),
                                                    TaskStatus.as_of <= as_of,
                                                    TaskStatus.approval == APPROVED)
                           .order_by(TaskStatus.as_of, TaskStatus.revision))
    return {row.task: row for row in rows}  # the newest as_of and revision win


# --- plans and tasks ---------------------------------------------------------------------

def parse_task(reader: RowReader, session: Session, actor: Actor) -> Fact | None:
    plan = reader.text("plan", max_length=100)
    code = reader.text("task", max_length=100)
    title = reader.text("title", max_length=2000)
    deadline = reader.date("deadline")
    lead = reader.agency("lead_agency", as_of=deadline) if reader.raw("lead_agency") else None
    plan_title = reader.text("plan_title", required=False, max_length=2000)
    year = reader.number("plan_year") if reader.raw("plan_year") else None
    if code is not None and code in load_catalog().tasks:
        reader.problem(codes.TASK_IN_CATALOGUE, "task",
                       f"Nhiệm vụ '{code}' đã có trong danh mục; hãy sửa tệp danh mục.",
                       f"Task '{code}' is defined in the catalogue; edit the catalogue.")
    if plan is not None and plan_title is None and plan not in all_plans(session):
        reader.problem(codes.PLAN_UNKNOWN, "plan",
                       f"Không có kế hoạch '{plan}'; ghi plan_title để tạo kế hoạch mới.",
                       f"No plan '{plan}'; give plan_title to create it.")
    if reader.problems or None in (plan, code, title, deadline):
        return None
    assert deadline is not None
    return Fact(reader.row, ("task", code), {
        "plan": plan, "code": code, "title_vi": title, "lead_agency": lead,
        "deadline": deadline, "plan_title": plan_title,
        "plan_year": int(year) if year is not None else deadline.year})


def store_task(session: Session, fact: Fact, actor: Actor,
               provenance: dict[str, object]) -> Outcome:
    values = dict(fact.values)
    plan_title, plan_year = values.pop("plan_title"), values.pop("plan_year")
    if plan_title is not None and values["plan"] not in load_catalog().plans:
        record(session, PlanRecord, key={"code": values["plan"]},
               facts={"name_vi": plan_title, "year": plan_year}, actor=actor, entity="plan",
               provenance=provenance)
    code = values.pop("code")
    outcome, _ = record(session, PlanTask, key={"code": code}, facts=values, actor=actor,
                        entity="plan_task", provenance=provenance)
    return outcome


# --- task status updates -----------------------------------------------------------------

def _forbidden(row: int, vi: str, en: str) -> DxmonError:
    return DxmonError(Problem(code=access_errors.ACCESS_FORBIDDEN, row=row, field="task",
                              message_vi=vi, message_en=en))


def parse_status(reader: RowReader, session: Session, actor: Actor) -> Fact | None:
    code = reader.text("task", max_length=100)
    task = next((t for t in plan_tasks(session) if t.code == code), None)
    if code is not None and task is None:
        reader.problem(codes.TASK_UNKNOWN, "task", f"Không có nhiệm vụ '{code}'.",
                       f"No task '{code}'.")
    status = reader.choice("status", TASK_STATES)
    as_of = reader.date("as_of")
    completed_on = reader.date("completed_on", required=False)
    if completed_on and (status != "done" or (as_of and completed_on > as_of)):
        reader.problem(codes.DATES_INCONSISTENT, "completed_on",
                       "Chỉ nhiệm vụ đã hoàn thành có ngày hoàn thành, không sau ngày báo cáo.",
                       "Only a done task has a completion date, not after the as-of date.")
    if task is not None and not actor.staff and task.lead_agency != actor.agency:
        raise _forbidden(reader.row, f"Chỉ cơ quan chủ trì cập nhật nhiệm vụ '{code}'.",
                         f"Only the lead agency reports on task '{code}'.")
    if reader.problems or None in (task, status, as_of):
        return None
    return Fact(reader.row, (code, as_of), {
        "task": code, "as_of": as_of, "status": status, "completed_on": completed_on,
        "comment": reader.text("comment", required=False, max_length=5000),
        "approval": APPROVED if actor.staff else REPORTED})


def store_status(session: Session, fact: Fact, actor: Actor,
                 provenance: dict[str, object]) -> Outcome:
    """A reporter re-sending what it reported (even once approved) changes nothing; staff
    sending the reported facts approve them."""
    values = dict(fact.values)
    key = {"task": values.pop("task"), "as_of": values.pop("as_of")}
    compared = (*STATUS_FACTS, "approval") if actor.staff else STATUS_FACTS
    outcome, _ = record(session, TaskStatus, key=key, facts=values, actor=actor,
                        entity="task_status", provenance=provenance, compared=compared)
    return outcome


def approve(session: Session, *, user: Principal | None, task: str, as_of: date) -> Outcome:
    """Staff approve the newest reported update of a task (a new, approved revision)."""
    principal = ensure_role(user, *STAFF)
    current = latest(session, TaskStatus, {"task": task, "as_of": as_of})
    if current is None:
        raise DxmonError(Problem(
            code=codes.TASK_STATUS_NOT_FOUND, field="task",
            message_vi=f"Không có cập nhật của nhiệm vụ '{task}' ngày {as_of.isoformat()}.",
            message_en=f"No update of task '{task}' as of {as_of.isoformat()}."))
    facts = {name: getattr(current, name) for name in STATUS_FACTS}
    outcome, _ = record(session, TaskStatus, key={"task": task, "as_of": as_of},
                        facts={**facts, "approval": APPROVED}, actor=Actor.of(principal),
                        entity="task_status", provenance={"via": "approval",
                                                          "revision": current.revision})
    return outcome


def pending(session: Session) -> list[TaskStatus]:
    """Updates reported and not yet approved (the newest revision of each task and date)."""
    newest = (select(TaskStatus.task, TaskStatus.as_of,
                     func.max(TaskStatus.revision).label("revision"))
              .group_by(TaskStatus.task, TaskStatus.as_of).subquery())
    query = (select(TaskStatus).join(newest, (TaskStatus.task == newest.c.task)
                                     & (TaskStatus.as_of == newest.c.as_of)
                                     & (TaskStatus.revision == newest.c.revision))
             .where(TaskStatus.approval == REPORTED).order_by(TaskStatus.as_of, TaskStatus.task))
    return list(session.scalars(query))


TASKS = Channel(name="plan_tasks", title_vi="Kế hoạch và nhiệm vụ", title_en="Plans and tasks",
                columns=TASK_COLUMNS, signature=frozenset({"plan", "task", "deadline"}),
                parse=parse_task, store=store_task)
STATUSES = Channel(name="task_statuses", title_vi="Cập nhật tiến độ nhiệm vụ",
                   title_en="Task status updates", columns=STATUS_COLUMNS,
                   signature=frozenset({"task", "status", "as_of"}), parse=parse_status,
                   store=store_status, staff_only=False)
