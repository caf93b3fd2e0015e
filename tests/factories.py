"""Test factories: users with roles and their API tokens, made through dxmon's own services."""

from __future__ import annotations

from sqlalchemy import Engine

from dxmon.access import credentials
from dxmon.access import service as access
from dxmon.access.schemas import Role, UserCreate
from dxmon.store.db import transaction

PASSWORD = "correct horse battery"


def make_user(engine: Engine, username: str, role: str | Role, agency: str | None = None,
              password: str = PASSWORD) -> None:
    with transaction(engine) as session:
        access.create_user(session, data=UserCreate(username=username, password=password,
                                                    role=Role(role), agency=agency),
                           actor="test")


def make_token(engine: Engine, username: str) -> str:
    with transaction(engine) as session:
        return credentials.create_token(session, username=username, actor="test").token


def user_with_token(engine: Engine, username: str, role: str | Role,
                    agency: str | None = None) -> dict[str, str]:
    """A new user and the ``Authorization`` header of a fresh token of theirs."""
    make_user(engine, username, role, agency)
    return {"Authorization": f"Bearer {make_token(engine, username)}"}
