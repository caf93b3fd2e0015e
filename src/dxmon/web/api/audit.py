"""The audit log (administrators only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from dxmon.access import service as access
from dxmon.access.schemas import Role
from dxmon.store import audit
from dxmon.web.api.fields import UtcDateTime
from dxmon.web.deps import CurrentUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["audit"], responses=ERROR_RESPONSES)


class AuditRead(BaseModel):
    id: int
    at: UtcDateTime
    actor: str
    action: str
    entity: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@router.get("/audit")
def list_audit(user: CurrentUser, session: SessionDep, entity: str | None = None,
               actor: str | None = None, key: str | None = None,
               since: datetime | None = None, limit: int = Query(100, ge=1, le=1000),
               offset: int = Query(0, ge=0, le=10**9)) -> list[AuditRead]:
    """Newest first: who changed what, when, before and after."""
    access.ensure_role(user, Role.ADMINISTRATOR)
    rows = audit.list_entries(session, entity=entity, actor=actor, key=key, since=since,
                              limit=limit, offset=offset)
    return [AuditRead.model_validate(row, from_attributes=True) for row in rows]
