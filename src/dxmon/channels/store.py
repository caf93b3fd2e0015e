"""Append-only records of channel facts: a new revision only when the facts differ, and an
audit row for each change, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import (
    CriterionScore,
    LegalDocumentRecord,
    PlanRecord,
    PlanTask,
    TaskStatus,
)

Outcome = Literal["created", "updated", "unchanged"]
Model = TypeVar("Model", CriterionScore, LegalDocumentRecord, PlanRecord, PlanTask, TaskStatus)


@dataclass(frozen=True)
class Actor:
    """Who sends the facts: a signed-in user, or ``None`` for the command line (which runs
    with the store's own rights, like ``dxmon import``)."""

    principal: Principal | None
    username: str = "system"

    @classmethod
    def of(cls, principal: Principal | None, cli_user: str = "system") -> Actor:
        return cls(principal, principal.username if principal else cli_user)

    @property
    def staff(self) -> bool:
        return self.principal is None or self.principal.is_staff

    @property
    def agency(self) -> str | None:
        return None if self.principal is None else self.principal.agency


def same(left: Any, right: Any) -> bool:
    if isinstance(left, Decimal | int | float) and isinstance(right, Decimal | int | float):
        return Decimal(str(left)) == Decimal(str(right))
    if isinstance(left, date) and isinstance(right, date):
        return left == right
    return bool(left == right)


def latest(session: Session, model: type[Model], key: dict[str, Any]) -> Model | None:
    query = select(model).filter_by(**key).order_by(model.revision.desc()).limit(1)
    return session.scalars(query).first()


def snapshot(row: Any, names: tuple[str, ...]) -> dict[str, Any] | None:
    return None if row is None else {name: getattr(row, name) for name in
                                     (*names, "revision", "created_by")}


def record(session: Session, model: type[Model], *, key: dict[str, Any],
           facts: dict[str, Any], actor: Actor, entity: str,
           provenance: dict[str, object], compared: tuple[str, ...] | None = None
           ) -> tuple[Outcome, Model]:
    """Add a revision when ``compared`` facts (all by default) differ from the current ones;
    audit it."""
    current = latest(session, model, key)
    names = tuple(facts) if compared is None else compared
    if current is not None and all(same(getattr(current, n), facts[n]) for n in names):
        return "unchanged", current
    row = model(**key, **facts, revision=1 if current is None else current.revision + 1,
                provenance=provenance, created_by=actor.username)
    session.add(row)
    session.flush()
    shown = (*key, *facts)
    audit_record(session, actor=actor.username, action="created" if current is None
                 else "updated", entity=entity, key="/".join(str(v) for v in key.values()),
                 before=snapshot(current, shown), after=snapshot(row, shown))
    return ("created" if current is None else "updated"), row
