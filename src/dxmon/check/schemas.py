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


class UncheckedNumber(BaseModel):
    """A number of the text that no rule checked, and why."""

    line: int
    column: int
    text: str
    reason: str = Field(description="date, document_number, ordinal, footnote, no_rule, "
                                    "unmatched (against data: no stored figure found)")


class Coverage(BaseModel):
    """How many numbers of the text were part of a checked claim, per kind of rule."""

    numbers: int = Field(description="numbers in the text (footnote markers excluded)")
    checked: int = Field(description="numbers that are part of a checked claim")
    by_kind: dict[str, int] = Field(description="checked numbers per kind of rule")
    unchecked_by_reason: dict[str, int]
    unchecked: list[UncheckedNumber]


class DataMatch(BaseModel):
    """A figure of the text and the stored figure it states."""

    line: int
    column: int
    text: str = Field(description="the figure as written")
    indicator: str
    scope: str
    period: str
    window: str
    stored: str = Field(description="the stored value, written as the text writes it")
    source: str
    agrees: bool


class DataUnmatched(BaseModel):
    line: int
    column: int
    text: str
    reason: str = Field(description="no_indicator (the words name no indicator), ambiguous "
                                    "(two indicators fit the words as well), no_stored_value "
                                    "(nothing stored for it), target (a plan's target), "
                                    "range (the upper end of a range), "
                                    "uncertain (words too weak to call another value an "
                                    "error)")
    indicator: str | None = None


class DataCheck(BaseModel):
    """The figures of the text matched to stored data (``--against-data``), and the rest."""

    period: str
    matched: list[DataMatch]
    unmatched: list[DataUnmatched]

    @property
    def disagreeing(self) -> int:
        return sum(1 for match in self.matched if not match.agrees)


class CheckResult(BaseModel):
    """All findings of one text, in reading order."""

    name: str
    findings: list[Finding]
    coverage: Coverage | None = None
    data: DataCheck | None = None

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
                "findings": [finding.model_dump() for finding in self.findings],
                "findings_by_kind": self.findings_by_kind(),
                "coverage": self.coverage.model_dump() if self.coverage else None,
                "data": self._data_json()}

    def _data_json(self) -> dict[str, object] | None:
        if self.data is None:
            return None
        return {"matched_count": len(self.data.matched), "disagreeing_count":
                self.data.disagreeing, "unmatched_count": len(self.data.unmatched),
                **self.data.model_dump()}

    def findings_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return counts
