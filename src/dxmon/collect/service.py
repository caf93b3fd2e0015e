"""Record facts as revisions and read the current value or the whole history back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from dxmon.periods import Period
from dxmon.store.tables import Observation, RequirementStatus

Outcome = Literal["created", "updated", "unchanged"]
T = TypeVar("T", Observation, RequirementStatus)

OBSERVATION_KEY = ("indicator", "scope", "period", "window", "source")
OBSERVATION_FACTS = ("value", "numerator", "denominator", "qualifier", "comment", "status")
STATUS_KEY = ("requirement", "agency", "period")
STATUS_FACTS = ("status", "done_on", "document", "comment")


@dataclass(frozen=True)
class ObservationKey:
    indicator: str
    scope: str
    period: str
    window: str = "period"


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, Decimal | int | float) and isinstance(right, Decimal | int | float):
        return Decimal(str(left)) == Decimal(str(right))
    return bool(left == right)


def _latest(session: Session, model: type[T], key: dict[str, Any]) -> T | None:
    query = select(model).filter_by(**key).order_by(model.revision.desc()).limit(1)
    return session.scalars(query).first()


class Unknown:
    """Marks a current row not looked up yet (None means: looked up, there is none)."""


UNKNOWN = Unknown()


def _record(session: Session, model: type[T], key: dict[str, Any], facts: dict[str, Any],
            meta: dict[str, Any], current: T | Unknown | None = UNKNOWN,
            flush: bool = True) -> tuple[Outcome, T]:
    latest = _latest(session, model, key) if isinstance(current, Unknown) else current
    if latest is not None and all(_same(getattr(latest, k), v) for k, v in facts.items()):
        return "unchanged", latest
    revision = 1 if latest is None else latest.revision + 1
    row = model(**key, **facts, **meta, revision=revision)
    session.add(row)
    if flush:
        session.flush()
    return ("created" if latest is None else "updated"), row


def record_observation(
    session: Session,
    *,
    key: ObservationKey,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    qualifier: str | None = None,
    comment: str | None = None,
    status: str = "published",
    source: str = "reported",
    provenance: dict[str, object] | None = None,
    created_by: str = "system",
    current: Observation | Unknown | None = UNKNOWN,
    flush: bool = True,
) -> tuple[Outcome, Observation]:
    """Add a revision when the facts differ from the current ones; report what happened.
    Each source (reported, measured…) keeps its own revisions of the same key: a measurement
    never replaces what an agency reported. A batch passes the ``current`` row it read for
    many keys at once, and flushes once."""
    facts = {"value": value, "numerator": numerator, "denominator": denominator,
             "qualifier": qualifier, "comment": comment, "status": status}
    meta = {"provenance": provenance, "created_by": created_by}
    return _record(session, Observation, {**vars(key), "source": source}, facts, meta, current,
                   flush)


def record_requirement_status(
    session: Session,
    *,
    requirement: str,
    agency: str,
    period: str,
    status: str,
    done_on: Any = None,
    document: str | None = None,
    comment: str | None = None,
    effective_on: date | None = None,
    source: str = "reported",
    provenance: dict[str, object] | None = None,
    created_by: str = "system",
    current: RequirementStatus | Unknown | None = UNKNOWN,
) -> tuple[Outcome, RequirementStatus]:
    """A status as known for ``period``; it holds from ``effective_on`` (by default the
    period's end) until a newer one. A writer that checked a revision passes the ``current``
    row it read, so that the revision it writes is the next of the one it checked."""
    key = {"requirement": requirement, "agency": agency, "period": period}
    facts = {"status": status, "done_on": done_on, "document": document, "comment": comment,
             "effective_on": effective_on or Period.parse(period).end}
    meta = {"source": source, "provenance": provenance, "created_by": created_by}
    return _record(session, RequirementStatus, key, facts, meta, current)


def _current(model: type[T], key_columns: tuple[str, ...]) -> Select[Any]:
    columns = [getattr(model, name) for name in key_columns]
    latest = (select(*columns, func.max(model.revision).label("revision"))
              .group_by(*columns).subquery())
    join_on = and_(*(getattr(model, name) == latest.c[name] for name in key_columns),
                   model.revision == latest.c.revision)
    return select(model).join(latest, join_on)


def current_observations(
    session: Session,
    *,
    period: str | None = None,
    indicator: str | None = None,
    scope: str | None = None,
    window: str | None = None,
    source: str | None = None,
) -> list[Observation]:
    """The newest revision of each value, one per source unless ``source`` is given."""
    query = _current(Observation, OBSERVATION_KEY)
    filters = {"period": period, "indicator": indicator, "scope": scope, "window": window,
               "source": source}
    for name, wanted in filters.items():
        if wanted is not None:
            query = query.where(getattr(Observation, name) == wanted)
    query = query.order_by(Observation.indicator, Observation.scope, Observation.window)
    return list(session.scalars(query))


def data_version(session: Session) -> tuple[int, ...]:
    """A stamp that changes whenever a fact is added (every table here is append-only), so
    that pages built from the facts can be cached until the next write."""
    from dxmon.store.tables import (
        CriterionScore,
        EvaluationScore,
        LegalDocumentRecord,
        NarrativeBlock,
        PlanRecord,
        PlanTask,
        Submission,
        TaskStatus,
    )

    tables = (Observation, RequirementStatus, TaskStatus, EvaluationScore, Submission,
              NarrativeBlock, CriterionScore, PlanRecord, PlanTask, LegalDocumentRecord)
    return tuple(session.scalar(select(func.coalesce(func.max(t.id), 0))) or 0
                 for t in tables)


def observation_periods(session: Session) -> list[str]:
    """Every period that holds at least one observation."""
    return list(session.scalars(select(Observation.period).distinct()))


def observation_history(session: Session, key: ObservationKey,
                        source: str = "reported") -> list[Observation]:
    """Every revision of one value from one source, oldest first."""
    query = (select(Observation).filter_by(**vars(key), source=source)
             .order_by(Observation.revision))
    return list(session.scalars(query))


def current_requirement_statuses(
    session: Session, *, period: str | None = None, requirement: str | None = None
) -> list[RequirementStatus]:
    query = _current(RequirementStatus, STATUS_KEY)
    if period is not None:
        query = query.where(RequirementStatus.period == period)
    if requirement is not None:
        query = query.where(RequirementStatus.requirement == requirement)
    query = query.order_by(RequirementStatus.requirement, RequirementStatus.agency)
    return list(session.scalars(query))


def requirement_states(session: Session, *, as_of: date,
                       requirement: str | None = None) -> dict[tuple[str, str], RequirementStatus]:
    """The state of each (requirement, agency) at a date: the newest status effective on or
    before it, whatever period it was reported for (statuses carry forward in time)."""
    query = select(RequirementStatus).where(RequirementStatus.effective_on <= as_of)
    if requirement is not None:
        query = query.where(RequirementStatus.requirement == requirement)
    query = query.order_by(RequirementStatus.effective_on, RequirementStatus.id)
    return {(row.requirement, row.agency): row for row in session.scalars(query)}


def requirement_status_history(
    session: Session, *, requirement: str, agency: str, period: str
) -> list[RequirementStatus]:
    query = (select(RequirementStatus)
             .filter_by(requirement=requirement, agency=agency, period=period)
             .order_by(RequirementStatus.revision))
    return list(session.scalars(query))
