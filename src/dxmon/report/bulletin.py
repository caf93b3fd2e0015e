"""Agency bulletins (bản tin): one or two pages per ministry or province for a period — its
figures against its block, the nation and the same period last year, its requirement statuses,
its tasks, its grade and rank, and a chart. Every number comes from ``compute``.

The figures of a period that every bulletin shares (block and national figures, requirement
states, rankings) are resolved once in :class:`PeriodSources`, so that the bulletins of all
agencies of a period cost little more than one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from dxmon.catalog.loader import is_valid, load_catalog
from dxmon.catalog.schemas import Indicator, Unit
from dxmon.collect.service import requirement_states
from dxmon.compute import grades, tallies
from dxmon.compute.changes import Change
from dxmon.compute.facts import View, visible_observations
from dxmon.compute.figures import FigureBook, FigureKey, Missing
from dxmon.compute.timeliness import timeliness_tally
from dxmon.errors import DxmonError, Problem
from dxmon.numbers import format_count, format_date, format_number
from dxmon.periods import Period
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import get_agency, reporting_units
from dxmon.report import annex
from dxmon.report.context import MISSING, ChangeView, FigureView, PeriodView
from dxmon.scopes import MINISTRIES_SCOPE, PROVINCES_SCOPE, agency_scope

BLOCK_SCOPES = {"bo_nganh": MINISTRIES_SCOPE, "dia_phuong": PROVINCES_SCOPE}
BLOCK_NAMES = {"bo_nganh": "khối bộ, ngành", "dia_phuong": "khối địa phương"}
STATUS_VI = {"done": "đã thực hiện", "not_done": "chưa thực hiện"}
TIMELINESS_VI = {"on_time": "đã gửi đúng hạn", "late": "đã gửi muộn", "missing": "chưa gửi"}
TASK_STATUS_VI = {"done": "hoàn thành", "in_progress": "đang thực hiện",
                  "not_started": "chưa bắt đầu", "open": "chưa có báo cáo tiến độ"}
MILLION = Decimal(10) ** 6


def _text(view: FigureView, indicator: Indicator) -> str:
    """A figure as the reports print it, with its unit."""
    decimals = indicator.decimals
    if indicator.unit == Unit.PERCENT:
        return view.pct(decimals)
    if view.value is not None and abs(view.value) >= MILLION:
        return view.scaled()
    return view.num(decimals)


@dataclass(frozen=True)
class FigureLine:
    """One indicator of the agency beside its block, the nation and last year."""

    name: str
    own: str
    block: str
    nation: str
    last_year: str
    change_word: str
    change: str
    percent: bool = False
    values: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None)


@dataclass(frozen=True)
class RequirementLine:
    name: str
    status: str  # đã thực hiện / chưa thực hiện / the missing mark
    block: str  # done/owed in the agency's block


@dataclass(frozen=True)
class TaskLine:
    title: str
    deadline: str
    status: str
    overdue: bool


@dataclass(frozen=True)
class GradeLine:
    """The agency's grade and rank in its block; every part missing when not evaluated."""

    evaluation: str
    grade: str = MISSING
    total: str = MISSING
    rank: str = MISSING
    synthetic: bool = False
    distribution: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.grade != MISSING


@dataclass
class PeriodSources:
    """What all the bulletins of one period share, resolved once."""

    session: Session
    period: Period
    view: View = View.PUBLISHED

    @cached_property
    def book(self) -> FigureBook:
        return FigureBook(self.session, self.view)

    @cached_property
    def states(self) -> dict[tuple[str, str], str]:
        return {key: row.status for key, row in
                requirement_states(self.session, as_of=self.period.end).items()}

    @cached_property
    def timeliness(self) -> dict[str, Any]:
        rows = timeliness_tally(self.session, period=self.period.id).rows
        return {row.agency: row for row in rows}

    @cached_property
    def snapshot(self) -> annex.Snapshot:
        return annex.snapshot(self.session)

    @cached_property
    def evaluation(self) -> Any:
        return grades.evaluation_for(self.period.year)

    def ranking(self, block: str) -> list[grades.Ranked]:
        return self._rankings.setdefault(block, [] if self.evaluation is None else
                                         grades.block_ranking(self.session,
                                                              evaluation=self.evaluation,
                                                              block=block))

    def block_tally(self, requirement: str, block: str) -> str:
        """"10/34 đã thực hiện, 24 chưa có số liệu" for the agency's block (the missing mark
        when no agency of the block has a known status)."""
        key = (requirement, block)
        if key not in self._tallies:
            tally = tallies.requirement_tally(self.session, requirement=requirement,
                                              period=self.period.id, block=block)
            owed = len(tally.done) + len(tally.not_done) + len(tally.unknown)
            text = MISSING
            if tally.done or tally.not_done:
                text = f"{format_count(len(tally.done))}/{format_count(owed)} đã thực hiện"
                if tally.unknown:
                    text += f", {format_count(len(tally.unknown))} chưa có số liệu"
            self._tallies[key] = text
        return self._tallies[key]

    _rankings: dict[str, list[grades.Ranked]] = field(default_factory=dict)
    _tallies: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class Bulletin:
    """What the ``agency`` template sees for one agency and period."""

    agency: AgencyRead
    period: PeriodView
    block_name: str
    figures: list[FigureLine]
    requirements: list[RequirementLine]
    tasks: list[TaskLine]
    grade: GradeLine
    timeliness: str
    timeliness_due: str
    missing: list[FigureKey]

    @property
    def figures_known(self) -> bool:
        """Whether any figure of the agency, its block or the nation is known."""
        return any(value is not None for line in self.figures for value in line.values)

    def chart(self) -> tuple[str, str, dict[str, Any]] | None:
        """The bulletin's chart: its rates beside its block's and the nation's, else the
        grades of its block; None when there is nothing to draw."""
        rates = [line for line in self.figures if line.percent and line.values[0] is not None]
        short = self.agency.short_name
        if rates:
            groups = {name: [line.values[i] for line in rates]
                      for i, name in enumerate((short, self.block_name.capitalize(),
                                                "Cả nước"))}
            return ("Tỷ lệ của " + short + " so với " + self.block_name + " và cả nước",
                    "comparison_bars",
                    {"title": "", "categories": [line.name for line in rates],
                     "groups": groups})
        if any(self.grade.distribution.values()):
            return (f"Xếp loại các cơ quan {self.block_name.removeprefix('khối ')} "
                    f"({self.grade.evaluation})", "grouped_bars",
                    {"title": "", "categories": list(self.grade.distribution),
                     "groups": {self.block_name.capitalize():
                                list(self.grade.distribution.values())},
                     "highlight": self.grade.grade if self.grade.ok else None})
        return None


def bulletin_agencies(period: Period) -> list[AgencyRead]:
    """The agencies that get a bulletin: the reporting units in force at the period's end."""
    return tallies.report_order(reporting_units(as_of=period.end))


def ensure_reporting(agency: AgencyRead, period: Period) -> None:
    """An agency not in force at the period's end has no bulletin; say which one replaced it."""
    if any(unit.code == agency.code for unit in reporting_units(as_of=period.end)):
        return
    after = f" (thay thế bởi / replaced by {agency.successor})" if agency.successor else ""
    raise DxmonError(Problem(
        code="REPORT_AGENCY_NOT_REPORTING", field="agency", where=agency.code,
        message_vi=f"Cơ quan {agency.code} ({agency.name_vi}) không phải đơn vị báo cáo vào "
                   f"ngày {format_date(period.end, pad=True)}{after}.",
        message_en=f"Agency {agency.code} ({agency.name_en}) is not a reporting unit on "
                   f"{period.end.isoformat()}{after}."))


def _indicators(sources: PeriodSources, agency: AgencyRead) -> list[Indicator]:
    """The indicators the agency must report, and those it has values for, in catalogue
    order."""
    held = {row.indicator for row in visible_observations(
        sources.session, sources.view, period=sources.period.id, scope=agency_scope(agency.code),
        window="period")}
    end = sources.period.end
    return [indicator for indicator in load_catalog().indicators.values()
            if indicator.code in held or (
                is_valid(indicator, end) and indicator.validation is not None
                and str(agency.kind) in {str(kind) for kind in indicator.validation.required_for})]


def _figure_line(sources: PeriodSources, agency: AgencyRead, indicator: Indicator,
                 missing: list[FigureKey]) -> FigureLine:
    book, period = sources.book, sources.period.id

    def view(scope: str) -> FigureView:
        result = book.resolver.resolve(indicator.code, scope, period)
        if isinstance(result, Missing):
            missing.append((indicator.code, scope, period, "period"))
            return FigureView(None)
        return FigureView(result)

    own = view(agency_scope(agency.code))
    block_scope = BLOCK_SCOPES.get(str(agency.block))
    block = view(block_scope) if block_scope else FigureView(None)
    nation = view("nation")
    before = book.resolver.same_period_last_year(indicator.code, agency_scope(agency.code),
                                                 period)
    last_year = FigureView(None if isinstance(before, Missing) else before)
    change = ChangeView(None)
    if own.value is not None and last_year.value is not None:
        change = ChangeView(Change(own.value, last_year.value))
    change_text = (change.pp() if indicator.unit == Unit.PERCENT else change.num())
    return FigureLine(name=indicator.name_vi, own=_text(own, indicator),
                      block=_text(block, indicator), nation=_text(nation, indicator),
                      last_year=_text(last_year, indicator), change_word=change.word,
                      change=change_text if change.change is not None else "",
                      percent=indicator.unit == Unit.PERCENT,
                      values=(own.value, block.value, nation.value))


def _requirements(sources: PeriodSources, agency: AgencyRead) -> list[RequirementLine]:
    end = sources.period.end
    lines = []
    for requirement in load_catalog().requirements.values():
        if not is_valid(requirement, end) or not tallies.requirement_applies(requirement,
                                                                              agency):
            continue
        status = sources.states.get((requirement.code, agency.code))
        lines.append(RequirementLine(
            name=requirement.name_vi, status=STATUS_VI.get(status or "", MISSING),
            block=sources.block_tally(requirement.code, str(agency.block))))
    return lines


def _tasks(sources: PeriodSources, agency: AgencyRead) -> list[TaskLine]:
    end = sources.period.end
    leads = {agency.code, *agency.predecessors}
    found = sorted((task for task in load_catalog().tasks.values()
                    if task.lead_agency in leads and task.deadline.year == end.year),
                   key=lambda task: (task.deadline, task.code))
    statuses = tallies.task_statuses(sources.session, (task.code for task in found), end)
    lines = []
    for task in found:
        status = statuses[task.code].status if task.code in statuses else "open"
        lines.append(TaskLine(task.title_vi, format_date(task.deadline, pad=True),
                              TASK_STATUS_VI.get(status, status),
                              overdue=status != "done" and task.deadline < end))
    return lines


def _grade(sources: PeriodSources, agency: AgencyRead, missing: list[FigureKey]) -> GradeLine:
    evaluation = sources.evaluation
    name = evaluation.name_vi if evaluation is not None else f"năm {sources.period.year}"
    ranking = sources.ranking(str(agency.block))
    mine = next((row for row in ranking if row.agency == agency.code), None)
    if evaluation is None or mine is None:
        code = evaluation.code if evaluation is not None else f"đánh giá năm {sources.period.year}"
        missing.append((f"grades:{code}", agency_scope(agency.code), sources.period.id, ""))
        return GradeLine(evaluation=name, distribution=grades.distribution(ranking))
    return GradeLine(evaluation=name, grade=mine.grade, total=format_number(mine.total, 1),
                     rank=f"{mine.rank}/{len(ranking)}", synthetic=mine.synthetic,
                     distribution=grades.distribution(ranking))


def build_bulletin(sources: PeriodSources, agency: AgencyRead) -> Bulletin:
    missing: list[FigureKey] = []
    figures = [_figure_line(sources, agency, indicator, missing)
               for indicator in _indicators(sources, agency)]
    row = sources.timeliness.get(agency.code)
    return Bulletin(
        agency=agency, period=PeriodView(sources.period),
        block_name=BLOCK_NAMES.get(str(agency.block), str(agency.block)), figures=figures,
        requirements=_requirements(sources, agency), tasks=_tasks(sources, agency),
        grade=_grade(sources, agency, missing),
        timeliness=TIMELINESS_VI.get(row.status, MISSING) if row else MISSING,
        timeliness_due=format_date(row.due, pad=True) if row else "", missing=missing)


def agency_of(code: str, period: Period) -> AgencyRead:
    agency = get_agency(code)
    ensure_reporting(agency, period)
    return agency
