"""Roles, the signed-in principal, and the Pydantic shapes of users and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from dxmon.store.moments import UtcDateTime


class Role(StrEnum):
    """What a user may do (see docs/api.md for the full table)."""

    ADMINISTRATOR = "administrator"
    ANALYST = "analyst"
    REPORTER = "reporter"  # bound to one agency
    VIEWER = "viewer"


STAFF = (Role.ADMINISTRATOR, Role.ANALYST)


Via = Literal["session", "token", "cli"]


@dataclass(frozen=True)
class Principal:
    """Who is making a request: a user, and how they proved it."""

    user_id: int
    username: str
    role: Role
    agency: str | None = None
    via: Via = "cli"
    token_id: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=8, max_length=1024)
    role: Role
    agency: str | None = Field(None, max_length=40,
                               description="Agency code; required for reporters only.")


class UserRead(BaseModel):
    id: int
    username: str
    role: Role
    agency: str | None
    active: bool
    created_at: UtcDateTime | None = None
    created_by: str


class TokenCreate(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    label: str | None = Field(None, max_length=120)


class TokenRead(BaseModel):
    token_id: str
    username: str
    label: str | None
    created_at: UtcDateTime
    revoked_at: UtcDateTime | None


class TokenCreated(TokenRead):
    token: str = Field(description="The secret token; shown once, only its hash is kept.")


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)
