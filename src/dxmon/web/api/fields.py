"""Field types shared by the API's response models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer

from dxmon.store.moments import UtcDateTime

# A stored number (exact Decimal) answered as a JSON number.
Number = Annotated[Decimal | None,
                   PlainSerializer(lambda v: None if v is None else float(v),
                                   return_type=float | None, when_used="json")]

__all__ = ["Number", "UtcDateTime"]
