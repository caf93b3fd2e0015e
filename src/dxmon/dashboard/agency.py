"""Cơ quan (agency scorecard): an agency's figures against its block and the targets, its
requirements done and missing, its tasks, its grade and its reporting timeliness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.service import grade_for, targets_for
from dxmon.collect import service, workflow
from dxmon.compute.facts import View, visible_observations
from dxmon.compute.figures import Figure, FigureBook
from dxmon.compute.tallies import requirement_applies, scores, task_statuses
from dxmon.dashboard.figures import (
    ChangeText,
    change_text,
    known_indicator,
    shown_value,
    value_text,
)
from dxmon.dashboard.overview import resolve_period
from dxmon.numbers import format_date, format_number
from dxmon.periods import Period
from dxmon.registry.service import get_agency
from dxmon.scopes import MINISTRIES_SCOPE, PROVINCES_SCOPE, agency_scope

BLOCK_SCOPE = {"bo_nganh": MINISTRIES_SCOPE, "dia_phuong": PROVINCES_SCOPE}
TIMELINESS_VI = {"on_time": "đúng hạn", "late": "muộn", "missing": "chưa gửi"}


@dataclass
class AgencyFigure:
    indicator: str
    name_vi: str
    text: str
    block_text: str = ""
    target_text: str = ""
    draft: bool = False  # an unpublished value, shown in staff previews only
    last_year_text: str = ""  # same period last year (a merged unit: its predecessors')
    change: ChangeText | None = None


@dataclass
class RequirementLine:
    code: str
    name_vi: str
    status: str  # done, not_done, unknown


@dataclass
class TaskLine:
    code: str
    title_vi: str
    deadline: str
    status: str
    overdue: bool

    @property
    def status_vi(self) -> str:
        from dxmon.dashboard.boards import TASK_STATUS_VI

        return TASK_STATUS_VI.get(self.status, self.status)


@dataclass
class AgencyPage:
    """An agency in one period: who it is (and what replaced it), its figures beside its
    block's and the target's, requirement statuses, its tasks, its grade, its timeliness."""

    code: str
    name_vi: str
    name_en: str
    short_name: str
    kind: str
    block: str
    valid_from: str
    valid_to: str
    successor: str | None
    predecessors: list[str]
    period: str
    period_label_vi: str
    figures: list[AgencyFigure] = field(default_factory=list)
    requirements: list[RequirementLine] = field(default_factory=list)
    tasks: list[TaskLine] = field(default_factory=list)
    grade: str | None = None
    score: str | None = None
    evaluation_vi: str | None = None
    timeliness: str | None = None
    timeliness_due: str | None = None
    draft: bool = False  # a staff preview that uses unpublished values

    @property
    def requirements_done(self) -> int:
        return sum(1 for r in self.requirements if r.status == "done")


def agency_page(session: Session, code: str, *, period: str | None = None,
                view: View = View.PUBLISHED) -> AgencyPage:
    agency = get_agency(code)
    period_id = resolve_period(session, period)
    parsed = Period.parse(period_id)
    page = AgencyPage(
        code=agency.code, name_vi=agency.name_vi, name_en=agency.name_en,
        short_name=agency.short_name, kind=str(agency.kind), block=str(agency.block),
        valid_from=format_date(agency.valid_from) if agency.valid_from else "",
        valid_to=format_date(agency.valid_to) if agency.valid_to else "",
        successor=agency.successor, predecessors=list(agency.predecessors), period=period_id,
        period_label_vi=parsed.label_vi())
    page.figures = _figures(session, code, str(agency.block), parsed, view)
    page.draft = any(figure.draft for figure in page.figures)
    page.requirements = _requirements(session, code, parsed.end)
    page.tasks = _tasks(session, code, parsed.end)
    _grade(session, page)
    _timeliness(session, page)
    return page


def _figures(session: Session, code: str, block: str, period: Period,
             view: View) -> list[AgencyFigure]:
    """The agency's figures that ``view`` may see, beside its block's (stored or rolled up),
    the same period last year (for a unit formed by a merger, the ratio of sums of the units
    it was formed from) and the target of the period's year."""
    book = FigureBook(session, view)
    indicators = sorted({row.indicator for row in visible_observations(
        session, view, period=period.id, scope=agency_scope(code), window="period")})
    found = []
    for code_ in indicators:
        indicator = known_indicator(code_)
        figure = book.get(code_, agency_scope(code), period.id)
        if indicator is None or figure is None:
            continue
        block_figure = book.get(code_, BLOCK_SCOPE[block], period.id) \
            if block in BLOCK_SCOPE else None
        targets = targets_for(code_, period.year)
        earlier = book.resolver.same_period_last_year(code_, agency_scope(code), period.id)
        last_year = earlier if isinstance(earlier, Figure) else None
        found.append(AgencyFigure(
            indicator=code_, name_vi=indicator.name_vi,
            text=value_text(figure.value, indicator),
            block_text=(value_text(shown_value(block_figure, indicator), indicator)
                        if block_figure else ""),
            target_text=(value_text(Decimal(str(targets[0].value)), indicator)
                         if targets else ""),
            draft=figure.draft,
            last_year_text=(value_text(shown_value(last_year, indicator), indicator)
                            if last_year else ""),
            change=(change_text(indicator, figure.value, last_year.value, last_year.period)
                    if last_year else None)))
    return found


def _requirements(session: Session, code: str, as_of: date) -> list[RequirementLine]:
    """The agency's status of each requirement that applies to it, at a date (statuses carry
    forward until changed)."""
    agency = get_agency(code)
    statuses = {requirement: row.status for (requirement, holder), row in
                service.requirement_states(session, as_of=as_of).items() if holder == code}
    return [RequirementLine(r.code, r.name_vi, statuses.get(r.code, "unknown"))
            for r in load_catalog().requirements.values() if requirement_applies(r, agency)
            and r.code in statuses]


def _tasks(session: Session, code: str, as_of: date) -> list[TaskLine]:
    tasks = [t for t in load_catalog().tasks.values() if t.lead_agency == code]
    statuses = task_statuses(session, (t.code for t in tasks), as_of)
    lines = []
    for task in sorted(tasks, key=lambda t: t.deadline):
        status = statuses[task.code].status if task.code in statuses else "open"
        lines.append(TaskLine(task.code, task.title_vi, format_date(task.deadline), status,
                              overdue=status != "done" and task.deadline < as_of))
    return lines


def _grade(session: Session, page: AgencyPage) -> None:
    for evaluation in load_catalog().evaluations.values():
        score = scores(session, evaluation=evaluation.code).get(page.code)
        if score is not None:
            page.grade = str(grade_for(evaluation.code, score))
            page.score = format_number(score, 1)
            page.evaluation_vi = evaluation.name_vi


def _timeliness(session: Session, page: AgencyPage) -> None:
    rows = workflow.timeliness(session, period=page.period)
    mine = next((row for row in rows if row.agency == page.code), None)
    if mine is not None:
        page.timeliness = TIMELINESS_VI[mine.status]
        page.timeliness_due = format_date(mine.due)
