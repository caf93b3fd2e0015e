"""Boards across agencies: rankings and grades (A–E) by block, the requirement board (x/y with
the agencies missing) and the plan task board (by status, overdue first, filterable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.service import grade_for
from dxmon.compute.tallies import GRADES, requirement_tally, scores, task_statuses
from dxmon.dashboard.overview import resolve_period
from dxmon.numbers import format_date, format_number, format_percent
from dxmon.periods import Period
from dxmon.registry.service import get_agency

BLOCKS = (("bo_nganh", "Bộ, ngành", "Ministries"), ("dia_phuong", "Địa phương", "Provinces"))
TASK_STATUS_VI = {"done": "Đã hoàn thành", "in_progress": "Đang thực hiện", "open": "Chưa có "
                  "báo cáo"}


@dataclass
class RankedAgency:
    rank: int
    code: str
    name: str
    score: str
    grade: str


@dataclass
class BlockRanking:
    block: str
    label_vi: str
    label_en: str
    agencies: list[RankedAgency]
    distribution: dict[str, int]


@dataclass
class RankingsPage:
    """An evaluation's scores ranked within each block, with the A–E distribution."""

    evaluation: str
    evaluation_vi: str
    blocks: list[BlockRanking]


def rankings(session: Session) -> RankingsPage:
    evaluation = next(iter(load_catalog().evaluations.values()))
    newest = scores(session, evaluation=evaluation.code)
    blocks = []
    for block, vi, en in BLOCKS:
        mine = sorted(((code, score) for code, score in newest.items()
                       if str(get_agency(code).block) == block), key=lambda item: -item[1])
        ranked = [RankedAgency(i + 1, code, get_agency(code).short_name,
                               format_number(score, 1), str(grade_for(evaluation.code, score)))
                  for i, (code, score) in enumerate(mine)]
        distribution = {grade: sum(1 for r in ranked if r.grade == grade) for grade in GRADES}
        blocks.append(BlockRanking(block, vi, en, ranked, distribution))
    return RankingsPage(evaluation.code, evaluation.name_vi, blocks)


@dataclass
class RequirementRow:
    code: str
    name_vi: str
    block: str
    block_vi: str
    done: int
    total: int
    percent: str
    missing: list[tuple[str, str]]  # (code, name)
    unknown: int


@dataclass
class RequirementsPage:
    """Each requirement per block in a period: x/y done and the agencies that have not."""

    period: str
    period_label_vi: str
    rows: list[RequirementRow] = field(default_factory=list)


def requirements_board(session: Session, *, period: str | None = None) -> RequirementsPage:
    period_id = resolve_period(session, period)
    page = RequirementsPage(period_id, Period.parse(period_id).label_vi())
    for requirement in load_catalog().requirements.values():
        for block, vi, _en in BLOCKS:
            tally = requirement_tally(session, requirement=requirement.code, period=period_id,
                                      block=block)
            total = len(tally.done) + len(tally.not_done) + len(tally.unknown)
            if not total or not (tally.done or tally.not_done):
                continue
            percent = tally.fraction.percent
            page.rows.append(RequirementRow(
                requirement.code, requirement.name_vi, block, vi, len(tally.done), total,
                format_percent(percent, 1) if percent is not None else "—",
                [(a.code, a.short_name) for a in tally.missing], len(tally.unknown)))
    return page


@dataclass
class TaskRow:
    code: str
    plan: str
    title_vi: str
    lead_agency: str
    lead_name: str
    deadline: str
    status: str
    status_vi: str
    overdue: bool


@dataclass
class TasksPage:
    """Plan tasks as of a date, grouped by status, overdue first; filters by lead agency and
    deadline."""

    as_of: str
    lead: str
    due_before: str
    leads: list[tuple[str, str]]
    columns: dict[str, list[TaskRow]]

    @property
    def overdue_count(self) -> int:
        return sum(1 for rows in self.columns.values() for row in rows if row.overdue)


def task_board(session: Session, *, as_of: date, lead: str = "",
               due_before: date | None = None) -> TasksPage:
    from dxmon.channels.tasks import plan_tasks

    tasks = plan_tasks(session)
    statuses = task_statuses(session, (t.code for t in tasks), as_of)
    leads = sorted({t.lead_agency for t in tasks if t.lead_agency})
    columns: dict[str, list[TaskRow]] = {status: [] for status in TASK_STATUS_VI}
    for task in tasks:
        if (lead and task.lead_agency != lead) or (due_before and task.deadline > due_before):
            continue
        status = statuses[task.code].status if task.code in statuses else "open"
        status = status if status in columns else "in_progress"
        columns[status].append(TaskRow(
            task.code, task.plan, task.title_vi, task.lead_agency or "",
            get_agency(task.lead_agency).short_name if task.lead_agency else "—",
            format_date(task.deadline), status, TASK_STATUS_VI[status],
            overdue=status != "done" and task.deadline < as_of))
    for rows in columns.values():
        rows.sort(key=lambda r: (not r.overdue, r.deadline))
    return TasksPage(format_date(as_of), lead, format_date(due_before) if due_before else "",
                     [(code, get_agency(code).short_name) for code in leads], columns)
