"""Errors as data: a stable code, a severity, a location and messages in Vietnamese and English."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely enough to fix it."""

    code: str
    message_vi: str
    message_en: str
    severity: Severity = "error"
    where: str | None = None  # file name, sheet, "line 12", a key path…
    row: int | None = None
    field: str | None = None

    def location(self) -> str:
        parts = [p for p in (self.where, f"dòng/row {self.row}" if self.row else None,
                             f"trường/field {self.field}" if self.field else None) if p]
        return ", ".join(parts)

    def render(self) -> str:
        loc = self.location()
        prefix = f"[{self.code}] {loc}: " if loc else f"[{self.code}] "
        return f"{prefix}{self.message_vi} / {self.message_en}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "where": self.where,
            "row": self.row,
            "field": self.field,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


class DxmonError(Exception):
    """Base error of dxmon; carries one or more problems."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__("\n".join(p.render() for p in self.problems))

    @property
    def code(self) -> str:
        return self.problems[0].code if self.problems else "DXMON_ERROR"


@dataclass
class ProblemReport:
    """Problems collected while checking an input; ``valid`` when none is an error."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def raise_if_invalid(self) -> None:
        if not self.valid:
            raise DxmonError([p for p in self.problems if p.severity == "error"])
