"""Check a report's text: find its figures, run every rule, return the findings in order."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

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
from dxmon.check.against_data import check_against_data
from dxmon.check.document import Document
from dxmon.check.figures import Figure, scan
from dxmon.check.reading import read_bytes
from dxmon.check.schemas import SEVERITY_ORDER, CheckResult, DataCheck, Finding
from dxmon.compute.figures import FigureBook
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.store.db import session_factory

Rule = Callable[[Document, list[Figure]], Iterable[Finding]]
RULES: tuple[Rule, ...] = (
    ratios.check_fraction_percents, ratios.check_targets, changes.check_changes,
    parts.check_parts, names.check_counts, notation.check_notation, periods.check_periods,
    headings.check_headings, repeats.check_repeats, summaries.check_summaries,
    growth.check_growth, agencies.check_agency_names,
)


@dataclass(frozen=True)
class AgainstData:
    """Check the text's figures against the stored figures of a period as well."""

    book: FigureBook
    period: str


def check_text(text: str, *, name: str = "<text>",
               against: AgainstData | None = None) -> CheckResult:
    """Every finding of a text (plain text or Markdown), in reading order; with ``against``,
    each figure is also matched to the stored figure it states."""
    document = Document(text.replace("\r\n", "\n"), name)
    figures = scan(document)
    findings = _unique(finding for rule in RULES for finding in rule(document, figures))
    data = None
    if against is not None:
        period = Period.parse(against.period).id
        mismatches, matched, unmatched = check_against_data(document, figures, against.book,
                                                            period)
        findings.extend(mismatches)
        data = DataCheck(period=period, matched=matched, unmatched=unmatched)
    annex = _data_status_annex_line(document.text)
    if annex is not None:  # the annex quotes its sources' slips on purpose, with the fix
        findings = [finding for finding in findings if finding.line < annex]
    findings.sort(key=lambda f: (f.line, f.column, SEVERITY_ORDER[f.severity], f.kind))
    unmatched_at = {(u.line, u.column) for u in data.unmatched} if data else set()
    return CheckResult(name=name, findings=findings, data=data,
                       coverage=coverage.measure(document, figures, findings, unmatched_at))


def check_bytes(data: bytes, filename: str, *, against: AgainstData | None = None) -> CheckResult:
    """A file's content: ``.docx`` is read with its footnotes, anything else as UTF-8 text."""
    return check_text(read_bytes(data, filename), name=filename, against=against)


def check_path(path: Path, *, against: AgainstData | None = None) -> CheckResult:
    return check_bytes(path.read_bytes(), str(path), against=against)


DATA_STATUS_ANNEX = re.compile(r"^\W*Phụ lục:\s*Tình trạng số liệu", re.IGNORECASE)


def _data_status_annex_line(text: str) -> int | None:
    """The line (1-based) where dxmon's data-status annex begins: it lists where the
    published text differs from the data, quoting the published slips, so nothing in it is
    a claim of the report."""
    for number, line in enumerate(text.splitlines(), start=1):
        if DATA_STATUS_ANNEX.match(line):
            return number
    return None


def _unique(findings: Iterator[Finding]) -> list[Finding]:
    seen: dict[tuple[str, int, int], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.kind, finding.line, finding.column), finding)
    return list(seen.values())


def check_text_against_store(engine: Engine, text: str, *, name: str = "<text>",
                             period: str | None) -> CheckResult:
    """``check_text`` against the stored figures of ``period``, read in a session of its own."""
    if not period:
        raise DxmonError(Problem(
            code="CHECK_PERIOD_REQUIRED", field="period",
            message_vi="Đối chiếu số liệu cần kỳ của báo cáo (ví dụ 2024S1, 2024-08).",
            message_en="Checking against data needs the report's period (e.g. 2024S1, 2024-08)."))
    with session_factory(engine)() as session, session.begin():
        return check_text(text, name=name, against=AgainstData(FigureBook(session), period))
