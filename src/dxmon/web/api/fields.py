"""Field types shared by the API's response models."""

from __future__ import annotations

from dxmon.store.moments import UtcDateTime

__all__ = ["UtcDateTime"]
