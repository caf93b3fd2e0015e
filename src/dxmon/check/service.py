"""Check a report's text: find its figures, run every rule, return the findings in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dxmon.check import (
    agencies,
    changes,
    coverage,
    growth,
    headings,
    names,
    notation,
    parts,
    periods,
    ratios,
    repeats,
    summaries,
)
from dxmon.check.document import Document
from dxmon.check.figures import Figure, scan
from dxmon.check.reading import read_bytes
from dxmon.check.schemas import SEVERITY_ORDER, CheckResult, Finding

Rule = Callable[[Document, list[Figure]], Iterable[Finding]]
RULES: tuple[Rule, ...] = (
    ratios.check_fraction_percents, ratios.check_targets, changes.check_changes,
    parts.check_parts, names.check_counts, notation.check_notation, periods.check_periods,
    headings.check_headings, repeats.check_repeats, summaries.check_summaries,
    growth.check_growth, agencies.check_agency_names,
)


def check_text(text: str, *, name: str = "<text>") -> CheckResult:
    """Every finding of a text (plain text or Markdown), in reading order."""
    document = Document(text.replace("\r\n", "\n"), name)
    figures = scan(document)
    findings = _unique(finding for rule in RULES for finding in rule(document, figures))
    findings.sort(key=lambda f: (f.line, f.column, SEVERITY_ORDER[f.severity], f.kind))
    return CheckResult(name=name, findings=findings,
                       coverage=coverage.measure(document, figures, findings))


def check_bytes(data: bytes, filename: str) -> CheckResult:
    """A file's content: ``.docx`` is read with its footnotes, anything else as UTF-8 text."""
    return check_text(read_bytes(data, filename), name=filename)


def check_path(path: Path) -> CheckResult:
    return check_bytes(path.read_bytes(), str(path))


def _unique(findings: Iterator[Finding]) -> list[Finding]:
    seen: dict[tuple[str, int, int], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.kind, finding.line, finding.column), finding)
    return list(seen.values())
