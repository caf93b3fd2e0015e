"""Scopes: where a figure holds — the nation, a block of agencies, or one agency.

Stored as text (``nation``, ``block:dia_phuong``, ``agency:P01``); everywhere else a ``Scope``
value, parsed once, so that no module splits scope strings by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dxmon.errors import DxmonError, Problem

SCOPE_INVALID = "OBSERVATION_SCOPE_INVALID"


class ScopeLevel(StrEnum):
    NATION = "nation"
    BLOCK = "block"
    AGENCY = "agency"
    OTHER = "other"  # a named group outside the registry (telecom operators, the world…)


BLOCKS = ("bo_nganh", "dia_phuong", "bo_nganh+dia_phuong")
BLOCK_LABELS = {"bo_nganh": ("Bộ, ngành", "Ministries"),
                "dia_phuong": ("Địa phương", "Provinces"),
                "bo_nganh+dia_phuong": ("Bộ, ngành và địa phương", "Ministries and provinces")}


@dataclass(frozen=True, order=True)
class Scope:
    """``nation``, ``block:<block>`` or ``agency:<code>``."""

    level: ScopeLevel
    code: str = ""

    @classmethod
    def parse(cls, text: str | Scope) -> Scope:
        if isinstance(text, Scope):
            return text
        if text == "nation":
            return NATION
        level, _, code = text.partition(":")
        if level == "block" and code in BLOCKS:
            return cls(ScopeLevel.BLOCK, code)
        if level == "agency" and code:
            return cls(ScopeLevel.AGENCY, code)
        if level == "other" and code:
            return cls(ScopeLevel.OTHER, code)
        raise invalid_scope(str(text))

    @classmethod
    def agency(cls, code: str) -> Scope:
        return cls(ScopeLevel.AGENCY, code)

    @classmethod
    def block(cls, block: str) -> Scope:
        return cls.parse(f"block:{block}")

    @property
    def agency_code(self) -> str | None:
        return self.code if self.level is ScopeLevel.AGENCY else None

    @property
    def blocks(self) -> tuple[str, ...]:
        """The agency blocks a nation or block scope covers."""
        if self.level is ScopeLevel.NATION:
            return ("bo_nganh", "dia_phuong")
        if self.level is ScopeLevel.BLOCK:
            return tuple(self.code.split("+"))
        return ()

    def label(self, language: str = "vi") -> str:
        index = 0 if language == "vi" else 1
        if self.level is ScopeLevel.NATION:
            return ("Toàn quốc", "Nation")[index]
        if self.level is ScopeLevel.BLOCK:
            return BLOCK_LABELS[self.code][index]
        if self.level is ScopeLevel.OTHER:
            return self.code.replace("_", " ")
        from dxmon.registry.service import get_agency

        agency = get_agency(self.code)
        return agency.short_name if index == 0 else agency.name_en

    def __str__(self) -> str:
        return "nation" if self.level is ScopeLevel.NATION else f"{self.level}:{self.code}"


NATION = Scope(ScopeLevel.NATION)
AGENCY_PREFIX = "agency:"
MINISTRIES_SCOPE = "block:bo_nganh"
PROVINCES_SCOPE = "block:dia_phuong"
BOTH_BLOCKS_SCOPE = "block:bo_nganh+dia_phuong"


def agency_scope(code: str) -> str:
    """``P01`` → ``agency:P01``, the stored form of an agency's scope."""
    return f"{AGENCY_PREFIX}{code}"


def block_scope(block: str) -> str:
    """``dia_phuong`` → ``block:dia_phuong``."""
    return f"block:{block}"


def agency_of_scope(scope: str) -> str | None:
    """``agency:P01`` → ``P01``; national, block and other scopes belong to no agency."""
    kind, _, code = scope.partition(":")
    return code if kind == "agency" and code else None


def is_agency_scope(scope: str) -> bool:
    return agency_of_scope(scope) is not None


def agency_code(scope: str) -> str:
    """The agency code of an agency scope (any other scope is returned unchanged)."""
    return scope.removeprefix(AGENCY_PREFIX)


def invalid_scope(text: str) -> DxmonError:
    return DxmonError(Problem(
        code=SCOPE_INVALID, field="scope",
        message_vi=f"Phạm vi '{text}' không hợp lệ; dùng nation, block:bo_nganh, "
                   "block:dia_phuong hoặc agency:<mã>.",
        message_en=f"Invalid scope '{text}'; use nation, block:bo_nganh, "
                   "block:dia_phuong or agency:<code>."))
