"""Boards across agencies: rankings and grades (A–E) by block, the requirement board (x/y with
the agencies missing) and the plan task board (by status, overdue first, filterable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.compute.grades import agency_totals, block_ranking, distribution, evaluation_for
from dxmon.compute.tallies import requirement_tally, task_statuses
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
    synthetic: bool = False  # a demo score, labelled as such


@dataclass
class BlockRanking:
    block: str
    label_vi: str
    label_en: str
    agencies: list[RankedAgency]
    distribution: dict[str, int]


@dataclass
class RankingsPage:
    """An evaluation's scores ranked within each block, with the A–E distribution; each year
    has its own evaluation (2025: 17 ministries and 34 provinces)."""

    evaluation: str
    evaluation_vi: str
    blocks: list[BlockRanking]
    year: int | None = None
    evaluations: list[tuple[str, str]] = field(default_factory=list)  # (code, name) to choose
    synthetic: bool = False  # some scores are synthetic demo data


def rankings(session: Session, *, year: int | None = None,
             evaluation: str | None = None) -> RankingsPage:
    """The evaluation asked for, else the one of ``year``, else the newest that has scores."""
    catalog = load_catalog().evaluations
    chosen = evaluation_for(year or 0, evaluation) if (year or evaluation) else None
    if chosen is None:
        scored = [e for e in catalog.values() if agency_totals(session, evaluation=e.code)]
        chosen = max(scored or catalog.values(), key=lambda e: e.year)
    blocks = []
    for block, vi, en in BLOCKS:
        ranked = block_ranking(session, evaluation=chosen, block=block)
        agencies = [RankedAgency(r.rank, r.agency, get_agency(r.agency).short_name,
                                 format_number(r.total, 1), r.grade, r.synthetic)
                    for r in ranked]
        blocks.append(BlockRanking(block, vi, en, agencies, distribution(ranked)))
    return RankingsPage(chosen.code, chosen.name_vi, blocks, chosen.year,
                        [(e.code, e.name_vi) for e in catalog.values()],
                        any(a.synthetic for b in blocks for a in b.agencies))


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
