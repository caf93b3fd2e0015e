"""Template calls built on ``compute``: requirement tallies with their footnote lists, task
tallies, grade distributions, document counts, charts, and the check of narrative blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from dxmon import numbers
from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import LegalDocument, Plan
from dxmon.catalog.service import targets_for
from dxmon.compute import tallies
from dxmon.compute.documents import count_documents
from dxmon.compute.facts import View
from dxmon.compute.figures import Figure
from dxmon.compute.ratios import Fraction
from dxmon.errors import Problem
from dxmon.periods import Period
from dxmon.registry.service import get_agency
from dxmon.report.context import MISSING, FigureView, FractionView, ReportContext, ReportMeta
from dxmon.scopes import MINISTRIES_SCOPE, PROVINCES_SCOPE, block_scope

DOCUMENT_LABELS_VI = {
    "luat": "Luật", "nghi_dinh": "Nghị định", "nghi_quyet": "Nghị quyết",
    "quyet_dinh": "Quyết định", "chi_thi": "Chỉ thị", "thong_tu": "Thông tư",
    "cong_dien": "Công điện", "cong_van": "Công văn", "van_ban": "Văn bản",
}
META_KEYS = {"meta.title": "title", "meta.issuer": "issuer", "meta.number": "number_line",
             "meta.place_date": "place_date_line"}
NUMBER_TOKEN = re.compile(r"(?<![\w/])\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|(?<![\w/])\d+(?:,\d+)?%?")
BAND = re.compile(r"\d+(?:,\d+)?\s*[-–]\s*\d+(?:,\d+)?")
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# dates, document numbers, years and enumerations are not figures
NOT_FIGURES = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b\d+(?:/\d{4})?/[A-ZĐ][\w&-]*"
                         r"|\b(?:19|20)\d{2}\b|\(\d+\)|^\s*\d+\.\s", re.M)


def pad(value: int) -> str:
    return numbers.format_count(value, pad=True)


@dataclass(frozen=True)
class TallyFractionView(FractionView):
    """x/y of a requirement tally that says how many of the y have not reported: an agency
    without a status is never counted as not done, and never silently either."""

    unreported: int = 0

    @property
    def frac(self) -> str:
        shown = super().frac
        if not self.unreported:
            return shown
        return f"{shown} ({numbers.format_count(self.unreported)} chưa báo cáo)"


@dataclass(frozen=True)
class RequirementView:
    """A requirement's x/y; without a single known status (or without the requirement in the
    catalogue for the period's year) every count prints the missing mark, never 00/63."""

    tally: tallies.RequirementTally | None

    @property
    def known(self) -> bool:
        return self.tally is not None and bool(self.tally.done or self.tally.not_done)

    @property
    def frac(self) -> FractionView:
        if not (self.known and self.tally):
            return FractionView(None)
        return TallyFractionView(self.tally.fraction, unreported=len(self.tally.unknown))

    @property
    def done(self) -> str:
        return pad(len(self.tally.done)) if self.known and self.tally else MISSING

    @property
    def total(self) -> str:
        return self.frac.total

    @property
    def missing_n(self) -> int | None:
        return len(self.tally.missing) if self.known and self.tally else None

    @property
    def missing_count(self) -> str:
        count = self.missing_n
        return MISSING if count is None else pad(count)

    def names(self, separator: str = "; ", last: str | None = None) -> str:
        if not self.known or self.tally is None:
            return ""
        names = [tallies.display_name(agency) for agency in self.tally.missing]
        if last and len(names) > 1:
            return separator.join(names[:-1]) + last + names[-1]
        return separator.join(names)

    @property
    def done_names(self) -> str:
        if not self.known or self.tally is None:
            return ""
        return "; ".join(tallies.display_name(agency) for agency in self.tally.done)

    @property
    def done_names_sentence(self) -> str:
        """"Hà Nội, Vĩnh Long và TP. Hồ Chí Minh." """
        if not self.known or self.tally is None:
            return ""
        names = [tallies.display_name(agency) for agency in self.tally.done]
        if len(names) < 2:
            return "".join(names) + "."
        return ", ".join(names[:-1]) + " và " + names[-1] + "."

    @property
    def complete(self) -> bool:
        return self.known and self.tally is not None and not self.tally.missing


def missing_total(*views: RequirementView) -> str:
    """How many agencies, over several tallies, have not done what they were asked."""
    counts = [view.missing_n for view in views]
    if any(count is None for count in counts):
        return MISSING
    return pad(sum(count for count in counts if count is not None))


@dataclass(frozen=True)
class TaskView:
    """A plan's task tally; without a plan for the period's year, or without any task status
    recorded, every part prints the missing mark."""

    tally: tallies.TaskTally | None

    def _fraction(self, part: str, whole: str, decimals: int = 1) -> FractionView:
        if self.tally is None:
            return FractionView(None, decimals)
        return FractionView(Fraction.of(getattr(self.tally, part), getattr(self.tally, whole)),
                            decimals)

    @property
    def done(self) -> FractionView:
        return self._fraction("done", "total")

    @property
    def due(self) -> str:
        return MISSING if self.tally is None else pad(self.tally.due)

    @property
    def due_done(self) -> FractionView:
        return self._fraction("due_done", "due", decimals=0)

    @property
    def due_open(self) -> FractionView:
        return self._fraction("due_open", "due", decimals=0)

    @property
    def early(self) -> str:
        return MISSING if self.tally is None else pad(self.tally.done_early)

    def early_by_agency(self) -> list[tuple[str, str]]:
        if self.tally is None:
            return []
        return [(pad(count), get_agency(code).name_vi)
                for code, count in self.tally.done_early_by_agency.items() if code]


@dataclass(frozen=True)
class GradesView:
    """Grades per block; with no agency scored, nothing is claimed (no "none reached A")."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def known(self) -> bool:
        return self.total > 0

    def frac(self, grade: str, padded: bool = True) -> str:
        if not self.known:
            return MISSING
        count = self.counts.get(grade, 0)
        return f"{pad(count) if padded else count}/{self.total}"

    def none_in(self, *grades: str) -> bool:
        return self.known and all(self.counts.get(grade, 0) == 0 for grade in grades)

    def present(self) -> list[str]:
        return [grade for grade, count in self.counts.items() if count]


def yearly(pattern: str, year: int) -> str | None:
    """The catalogue code for a year: ``yearly('steering_plan_{year}_issued', 2025)`` is the
    requirement, plan or evaluation of 2025, or None when the catalogue has none."""
    catalog = load_catalog()
    code = pattern.format(year=year)
    sections = (catalog.requirements, catalog.plans, catalog.evaluations)
    return code if any(code in section for section in sections) else None


def action_plan(year: int) -> Plan | None:
    """The National Committee's action plan of a year (the plan without a session label)."""
    plans = [plan for plan in load_catalog().plans.values()
             if plan.year == year and not plan.session_label]
    return plans[0] if plans else None


def session_plan(year: int) -> Plan | None:
    """The newest session-conclusion plan of a year (the last one in the catalogue)."""
    plans = [plan for plan in load_catalog().plans.values()
             if plan.year == year and plan.session_label]
    return plans[-1] if plans else None


def evaluation_of(stem: str, year: int) -> str | None:
    """The evaluation ``stem`` of a year (criteria and thresholds are data per year)."""
    found = [code for code, evaluation in load_catalog().evaluations.items()
             if code.startswith(stem) and evaluation.year == year]
    return found[0] if found else None


def template_helpers(session: Session, context: ReportContext) -> dict[str, Callable[..., Any]]:
    period = context.period.period

    def note_missing(kind: str, what: str, scope: str = "nation") -> None:
        context.book.missing.append((f"{kind}:{what}", scope, period.id, ""))

    def req(requirement: str | None, block: str, at: Any = None) -> RequirementView:
        period_id = period.id if at is None else str(getattr(at, "id", at))
        view = RequirementView(None if requirement is None else tallies.requirement_tally(
            session, requirement=requirement, period=period_id, block=block))
        if requirement is not None:
            context.touched.add(requirement)
        if not view.known:
            note_missing("req", requirement or "?", block_scope(block))
        return view

    def tasks(plan: Plan | str | None) -> TaskView:
        if plan is None:
            note_missing("tasks", f"kế hoạch năm {period.year}")
            return TaskView(None)
        code = plan if isinstance(plan, str) else plan.code
        tally = tallies.task_tally(session, plan=code, as_of=period.end)
        recorded = tally.done or tallies.task_statuses(
            session, (task.code for task in load_catalog().tasks_of(code)), period.end)
        if not recorded:
            note_missing("tasks", code)
        return TaskView(tally if recorded else None)

    def grades(evaluation: str | None, block: str) -> GradesView:
        view = GradesView({} if evaluation is None else tallies.grade_distribution(
            session, evaluation=evaluation, block=block))
        if not view.known:
            note_missing("grades", evaluation or f"đánh giá năm {period.year}", block_scope(block))
        return view

    def docs(*types: str, issuers: Iterable[str] | None = None) -> str:
        """How many documents of these types the report of this period counts as issued
        (the catalogue's and the stored ones); none known prints the missing mark."""
        count = count_documents(session, period.id, types=types, issuers=issuers)
        if not count:
            note_missing("docs", ", ".join(DOCUMENT_LABELS_VI.get(t, t) for t in types))
        return pad(count) if count else MISSING

    def target(indicator: str, scope: str = "nation") -> FigureView:
        found = targets_for(indicator, period.year, scope=scope)
        if not found:
            context.book.missing.append((f"target:{indicator}", scope, str(period.year), ""))
            return FigureView(None)
        return FigureView(Figure(indicator=indicator, scope=scope, period=str(period.year),
                                 window="target", value=Decimal(str(found[0].value))))

    def plan(code: str) -> Plan:
        return load_catalog().plans[code]

    def session_label() -> str:
        found = session_plan(period.year)
        return found.session_label or MISSING if found else MISSING

    def cite(code: str) -> str:
        """«Quyết định số 06/QĐ-TTg ngày 06/01/2022» from the legal-documents catalogue."""
        return citation(load_catalog().legal_documents[code])

    def excluded_note(requirement: str) -> str:
        reasons = [scope.reason_vi.strip().rstrip(".") for scope in
                   load_catalog().requirements[requirement].applies_to if scope.reason_vi]
        return "; ".join(reasons)

    def band(indicator: str) -> str:
        """The range an indicator is defined over, from its catalogue name ("5-10")."""
        found = load_catalog().indicators.get(indicator)
        match = BAND.search(found.name_vi) if found else None
        return match.group(0) if match else MISSING

    shown: list[str] = []

    def chart(name: str, caption: str) -> str:
        """The chart numbered in order ("Biểu đồ 1."), with its caption and source."""
        if f"chart:{name}" not in context.charts:
            return ""
        shown.append(name)
        return (f"![Biểu đồ {len(shown)}. {caption}](chart:{name})\n\n"
                f"{chart_caption(len(shown), caption, context.book.view)}")

    return {"req": req, "tasks": tasks, "grades": grades, "docs": docs, "chart": chart,
            "pad": pad, "target": target, "plan": plan, "cite": cite,
            "excluded_note": excluded_note, "missing_total": missing_total, "band": band,
            "yearly": lambda pattern: yearly(pattern, period.year),
            "action_plan": lambda: action_plan(period.year),
            "session_plan": lambda: session_plan(period.year),
            "session_label": session_label,
            "evaluation": lambda stem: evaluation_of(stem, period.year)}


def chart_caption(number: int, caption: str, view: View) -> str:
    """"*Biểu đồ 1. … Nguồn: …*": charts are numbered, captioned and sourced."""
    source = ("số liệu đã công bố" if view is View.PUBLISHED
              else "số liệu gồm cả số liệu chưa công bố")
    return (f"*Biểu đồ {number}. {caption}. Nguồn: dxmon, {source} của các bộ, ngành, "
            "địa phương.*")


def citation(document: LegalDocument) -> str:
    label = DOCUMENT_LABELS_VI.get(str(document.type), "Văn bản")
    when = (f" ngày {numbers.format_date(document.issued_on, pad=True)}"
            if document.issued_on else "")
    return f"{label} số {document.number or document.code}{when}"


def report_meta(narratives: dict[str, str], default: ReportMeta) -> ReportMeta:
    """The document frame, with any of its parts overridden by narrative blocks."""
    overrides: dict[str, Any] = {field: narratives[key].strip()
                                 for key, field in META_KEYS.items() if key in narratives}
    if "meta.signature" in narratives:
        overrides["signature_lines"] = tuple(
            line.strip() for line in narratives["meta.signature"].splitlines() if line.strip())
    return ReportMeta(**{**default.__dict__, **overrides})


def _online_rate_chart(context: ReportContext) -> tuple[str, dict[str, Any]] | None:
    periods = [context.period.end_prev_year, context.period]
    series = {}
    for label, scope in (("Cả nước", "nation"), ("Bộ, ngành", MINISTRIES_SCOPE),
                         ("Địa phương", PROVINCES_SCOPE)):
        values = [context.fig("online_fullprocess_dossier_rate", scope, p).value
                  for p in periods]
        if any(value is not None for value in values):
            series[label] = values
    if not series:
        return None
    labels = [f"Cuối năm {p.year}" if p.period.kind == "year" else p.label for p in periods]
    return "line_chart", {"title": "Tỷ lệ hồ sơ trực tuyến toàn trình (%)", "labels": labels,
                          "series": series}


def _grades_chart(context: ReportContext) -> tuple[str, dict[str, Any]] | None:
    grade_of = context.helpers["grades"]
    evaluation = evaluation_of("tthc_system", context.period.period.year)
    groups = {"Bộ, ngành": grade_of(evaluation, "bo_nganh").counts,
              "Địa phương": grade_of(evaluation, "dia_phuong").counts}
    if not any(sum(counts.values()) for counts in groups.values()):
        return None
    return "grouped_bars", {"title": "Xếp loại Hệ thống thông tin giải quyết TTHC",
                            "categories": list(tallies.GRADES),
                            "groups": {name: [counts[g] for g in tallies.GRADES]
                                       for name, counts in groups.items()}}


CHARTS: dict[str, Callable[[ReportContext], tuple[str, dict[str, Any]] | None]] = {
    "online_rate": _online_rate_chart,
    "grades": _grades_chart,
}


def _held_figures(context: ReportContext) -> set[str]:
    held: set[str] = set()
    for (_indicator, _scope, period, _window), figure in context.book.figures.items():
        if Period.parse(period).id == context.period.id:
            held.add(numbers.format_number(figure.value))
            held.add(numbers.format_number(figure.value) + "%")
    return held


def _distinctive(token: str) -> bool:
    """A figure worth flagging: with decimals or thousands, or of three digits and more;
    "5" or "17" match too many things (days, ranks, list numbers) to mean anything."""
    digits = token.rstrip("%")
    return "," in digits or "." in digits or len(digits) >= 3


def typed_figures_in_narratives(context: ReportContext) -> list[Problem]:
    """Flag a figure typed into a narrative block when the stored data holds that figure."""
    held = _held_figures(context)
    problems = []
    for key, text in sorted(context.narratives.items()):
        if key.startswith("meta."):
            continue
        words = NOT_FIGURES.sub(" ", TEMPLATE_CODE.sub(" ", text))
        for token in sorted(set(NUMBER_TOKEN.findall(words))):
            if token in held and _distinctive(token):
                problems.append(Problem(
                    code="REPORT_NARRATIVE_TYPED_FIGURE", severity="warning", where=key,
                    message_vi=f"Khối văn bản '{key}' gõ tay số {token} mà dữ liệu đã có; hãy "
                               "dùng lời gọi số liệu.",
                    message_en=f"Narrative block '{key}' types the figure {token} that the "
                               "data holds; print it from the data instead."))
    return problems
