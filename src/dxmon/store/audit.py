"""The audit log: who changed what, when, and the value before and after.

``record`` adds its row to the caller's session, so it commits or rolls back with the change
it describes. Values are stored as JSON (decimals and dates as strings).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.store.tables import AuditEntry


def jsonable(value: Any) -> Any:
    """Decimals, dates and nested containers made JSON-safe (decimals as exact strings)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _utc(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:  # 0001-01-01 at +14:00 is before the first representable UTC time
        return datetime.min.replace(tzinfo=UTC)


def record(session: Session, *, actor: str, action: str, entity: str, key: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None) -> AuditEntry:
    """Append one audit row in the caller's transaction."""
    entry = AuditEntry(at=datetime.now(UTC), actor=actor, action=action, entity=entity,
                       key=key[:255], before=jsonable(before), after=jsonable(after))
    session.add(entry)
    session.flush()
    return entry


def list_entries(session: Session, *, entity: str | None = None, actor: str | None = None,
                 key: str | None = None, since: datetime | None = None,
                 limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    """Newest first, filtered by entity, actor, key (exact) or time."""
    query = select(AuditEntry)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if key is not None:
        query = query.where(AuditEntry.key == key)
    if since is not None:  # stored in UTC; SQLite keeps no offset, so compare in UTC
        since = _utc(since)
        query = query.where(AuditEntry.at >= since)
    query = query.order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(query))
