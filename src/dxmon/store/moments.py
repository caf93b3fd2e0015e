"""Moments as the store keeps them: UTC, which SQLite gives back without an offset."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator


def _utc(moment: datetime) -> datetime:
    """dxmon stores UTC; SQLite gives it back without an offset, so add it."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


UtcDateTime = Annotated[datetime, AfterValidator(_utc)]
