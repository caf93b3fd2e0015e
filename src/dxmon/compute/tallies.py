"""Tallies: requirements done per block (x/y and who is missing), plan tasks, grades, documents.

Requirement denominators come from the registry (agencies in force at the period's end) and the
requirement's own scope (kinds, exclusions: 21 ministries with a procedure system, 20 providing
public services, 22 in all…), never from a typed-in number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from unidecode import unidecode

from dxmon.catalog.loader import is_valid, load_catalog
from dxmon.collect import service
from dxmon.compute import grades
from dxmon.compute.ratios import Fraction
from dxmon.periods import Period
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import list_agencies
from dxmon.store.tables import TaskStatus

GRADES = grades.GRADES


def _scopes(applies_to: Any) -> list[Any]:
    return list(applies_to) if isinstance(applies_to, list | tuple) else [applies_to]


def requirement_applies(definition: Any, agency: AgencyRead) -> bool:
    """Whether a catalogue requirement applies to an agency (block, kinds, exclusions)."""
    for scope in _scopes(definition.applies_to):
        block = getattr(scope, "block", None)
        if block is not None and str(block) != str(agency.block):
            continue
        kinds = [str(kind) for kind in (getattr(scope, "kinds", None) or [])]
        if kinds and str(agency.kind) not in kinds:
            continue
        return agency.code not in set(getattr(scope, "exclude", None) or [])
    return False


def applicable_agencies(requirement: str, block: str, as_of: date) -> list[AgencyRead]:
    definition = load_catalog().requirements[requirement]
    if not is_valid(definition, as_of):
        return []  # not owed outside its validity
    return [agency for agency in list_agencies(as_of=as_of)
            if str(agency.block) == block and requirement_applies(definition, agency)]


def display_name(agency: AgencyRead) -> str:
    """How reports name an agency: full name for central bodies, short name for provinces."""
    return agency.short_name if str(agency.block) == "dia_phuong" else agency.name_vi


def report_order(agencies: Iterable[AgencyRead]) -> list[AgencyRead]:
    """Central bodies in protocol order (the registry's), then provinces alphabetically as the
    reports list them (by name without diacritics: "Bình Định" before "Bình Dương")."""
    listed = list(agencies)
    central = [agency for agency in listed if str(agency.block) != "dia_phuong"]
    provinces = sorted((agency for agency in listed if str(agency.block) == "dia_phuong"),
                       key=lambda agency: unidecode(display_name(agency)).lower())
    return central + provinces


@dataclass(frozen=True)
class RequirementTally:
    """Who has done a requirement at a period's end (statuses carry forward in time): done,
    not done, and not reported — an agency that has not reported is never counted as not
    done."""

    requirement: str
    block: str
    done: tuple[AgencyRead, ...]
    not_done: tuple[AgencyRead, ...]
    unknown: tuple[AgencyRead, ...]

    @property
    def fraction(self) -> Fraction:
        return Fraction.of(len(self.done), len(self.done) + len(self.not_done)
                           + len(self.unknown))

    @property
    def missing(self) -> tuple[AgencyRead, ...]:
        return self.not_done

    @property
    def known(self) -> bool:
        return not self.unknown


def requirement_tally(session: Session, *, requirement: str, period: str,
                      block: str) -> RequirementTally:
    end = Period.parse(period).end
    agencies = applicable_agencies(requirement, block, end)
    statuses = {agency: row.status for (_r, agency), row in service.requirement_states(
        session, as_of=end, requirement=requirement).items()}
    groups: dict[str, list[AgencyRead]] = {"done": [], "not_done": [], "unknown": []}
    for agency in agencies:
        groups[statuses.get(agency.code, "unknown")
               if statuses.get(agency.code) in groups else "unknown"].append(agency)
    return RequirementTally(requirement, block, *(tuple(report_order(groups[name]))
                                                  for name in ("done", "not_done", "unknown")))


@dataclass(frozen=True)
class TaskTally:
    """done/total of a plan as of a date, the tasks due by then and those done early."""

    total: int
    done: int
    due: int
    due_done: int
    done_early_by_agency: dict[str, int]

    @property
    def due_open(self) -> int:
        return self.due - self.due_done

    @property
    def done_early(self) -> int:
        return sum(self.done_early_by_agency.values())


def task_statuses(session: Session, tasks: Iterable[str], as_of: date) -> dict[str, TaskStatus]:
    """The newest status of each task as of a date."""
    from dxmon.channels.tasks import approved_statuses  # only approved updates count

    return approved_statuses(session, list(tasks), as_of)


def task_tally(session: Session, *, plan: str, as_of: date) -> TaskTally:
    from dxmon.channels.tasks import plan_tasks  # the catalogue's and the stored ones

    tasks = plan_tasks(session, plan)
    statuses = task_statuses(session, (task.code for task in tasks), as_of)
    done = {code for code, row in statuses.items() if row.status == "done"}
    due = [task for task in tasks if task.deadline <= as_of]
    early: Counter[str] = Counter(
        task.lead_agency or "" for task in tasks if task.code in done and task.deadline > as_of)
    return TaskTally(total=len(tasks), done=len(done), due=len(due),
                     due_done=sum(1 for task in due if task.code in done),
                     done_early_by_agency=dict(sorted(early.items())))


def scores(session: Session, *, evaluation: str) -> dict[str, Decimal]:
    """The total of every agency evaluated: its score sheet's sum, else its loaded total."""
    from dxmon.compute.grades import agency_totals

    return agency_totals(session, evaluation=evaluation)


def grade_distribution(session: Session, *, evaluation: str, block: str) -> dict[str, int]:
    """Agencies of a block per grade (A–E), from their totals and the evaluation's
    thresholds (``compute.grades``)."""
    definition = load_catalog().evaluations[evaluation]
    return grades.distribution(grades.block_ranking(session, evaluation=definition,
                                                    block=block))
