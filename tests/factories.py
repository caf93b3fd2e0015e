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


def fill_required(engine: Engine, agency: str, period: str, *, skip: str = "") -> None:
    """Draft values for every indicator the agency must report (a report is submitted only
    when none is missing); ``skip`` leaves one out (the test writes it itself)."""
    from decimal import Decimal

    from dxmon.catalog.schemas import IndicatorKind
    from dxmon.collect import service
    from dxmon.collect.validation import required_indicators
    from dxmon.periods import Period
    from dxmon.registry.service import get_agency

    period_id = Period.parse(period).id
    with transaction(engine) as session:
        for indicator in required_indicators(str(get_agency(agency).kind), period_id):
            if indicator.code == skip:
                continue
            ratio = indicator.kind == IndicatorKind.RATIO
            service.record_observation(
                session, key=service.ObservationKey(indicator.code, f"agency:{agency}",
                                                    period_id),
                value=Decimal(50 if ratio else 10),
                numerator=Decimal(50) if ratio else None,
                denominator=Decimal(100) if ratio else None, status="draft",
                created_by="test")
