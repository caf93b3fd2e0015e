"""Users and API tokens (administrators only)."""

from __future__ import annotations

from fastapi import APIRouter

from dxmon.access import credentials
from dxmon.access import service as access
from dxmon.access.schemas import Role, TokenCreate, TokenCreated, TokenRead, UserCreate, UserRead
from dxmon.web.deps import CurrentUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["users and tokens"], responses=ERROR_RESPONSES)


@router.get("/users")
def list_users(user: CurrentUser, session: SessionDep) -> list[UserRead]:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return access.list_users(session)


@router.post("/users", status_code=201)
def create_user(body: UserCreate, user: CurrentUser, session: SessionDep) -> UserRead:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return access.create_user(session, data=body, actor=user.username)


@router.get("/users/{username}")
def get_user(username: str, user: CurrentUser, session: SessionDep) -> UserRead:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return access.to_read(access.get_user(session, username))


@router.post("/users/{username}:disable")
def disable_user(username: str, user: CurrentUser, session: SessionDep) -> UserRead:
    """Disable a user: its sessions and tokens stop working at once."""
    access.ensure_role(user, Role.ADMINISTRATOR)
    return access.set_active(session, username=username, active=False, actor=user.username)


@router.post("/users/{username}:enable")
def enable_user(username: str, user: CurrentUser, session: SessionDep) -> UserRead:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return access.set_active(session, username=username, active=True, actor=user.username)


@router.get("/tokens")
def list_tokens(user: CurrentUser, session: SessionDep,
                username: str | None = None) -> list[TokenRead]:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return credentials.list_tokens(session, username=username)


@router.post("/tokens", status_code=201)
def create_token(body: TokenCreate, user: CurrentUser, session: SessionDep) -> TokenCreated:
    """A new API token; the secret is in this answer only."""
    access.ensure_role(user, Role.ADMINISTRATOR)
    return credentials.create_token(session, username=body.username, label=body.label,
                                    actor=user.username)


@router.post("/tokens/{token_id}:revoke")
def revoke_token(token_id: str, user: CurrentUser, session: SessionDep) -> TokenRead:
    access.ensure_role(user, Role.ADMINISTRATOR)
    return credentials.revoke_token(session, token_or_id=token_id, actor=user.username)
