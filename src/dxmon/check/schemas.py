"""What the checker reports: one ``Finding`` per problem, gathered in a ``CheckResult``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "note"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "note": 2}


class Finding(BaseModel):
    """One claim of the text that does not add up, located precisely enough to fix it."""

    kind: str = Field(description="fraction_percent, combined_fraction, target_ratio, "
                                  "change_baseline, parts_total, count_names, unknown_name, "
                                  "notation, period, heading")
    severity: Severity
    line: int = Field(ge=1, description="1-based line of the claim")
    column: int = Field(ge=1, description="1-based column where the excerpt starts")
    end_column: int = Field(ge=1, description="1-based column just after the excerpt")
    excerpt: str = Field(description="the text of the claim as written")
    stated: str = Field(description="what the text states")
    expected: str = Field(description="what the figures it rests on give")
    message_vi: str
    message_en: str


class CheckResult(BaseModel):
    """All findings of one text, in reading order."""

    name: str
    findings: list[Finding]

    @property
    def error_count(self) -> int:
        return self._count("error")

    @property
    def warning_count(self) -> int:
        return self._count("warning")

    @property
    def note_count(self) -> int:
        return self._count("note")

    def _count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "error_count": self.error_count,
                "warning_count": self.warning_count, "note_count": self.note_count,
                "findings": [finding.model_dump() for finding in self.findings]}
