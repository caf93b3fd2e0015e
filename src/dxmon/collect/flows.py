"""Import and export: file → rows → validated facts → revisions, all or nothing.

Import is atomic (one bad row and nothing is stored) and idempotent (a fact equal to the current
one adds no revision). Every rejection names the row, the field and the reason in Vietnamese and
English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.collect import service, tabular, validation
from dxmon.collect.tabular import SourceRow
from dxmon.collect.workflow import State
from dxmon.errors import DxmonError, Problem
from dxmon.numbers import format_count
from dxmon.periods import Period
from dxmon.registry.resolver import resolve
from dxmon.registry.service import get_agency
from dxmon.scopes import agency_code, agency_scope, is_agency_scope
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import ImportBatch, Observation
from dxmon.suggest import did_you_mean, hint_text

REQUIREMENT_PREFIX = "req:"
BLOCKS = ("bo_nganh", "dia_phuong", "bo_nganh+dia_phuong", "khac")
WINDOWS = {"period": "period", "month": "period", "": "period", "ytd": "ytd",
           "cumulative": "cumulative"}
SOURCES = ("reported", "measured", "computed")
STATUSES = tuple(State)
REQUIREMENT_VALUES = {"done": "done", "1": "done", "not_done": "not_done", "0": "not_done",
                      "unknown": "unknown", "": "unknown"}


@dataclass
class ImportSummary:
    """What an import did (or would do, on a dry run)."""

    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "rows": self.rows, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged,
                "rejected": self.rejected, "dry_run": self.dry_run,
                "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True)
class ParsedFact:
    row: int
    kind: str  # observation | requirement
    values: dict[str, Any]

    def key(self) -> tuple[Any, ...]:
        if self.kind == "requirement":
            return ("req", self.values["requirement"], self.values["agency"],
                    self.values["period"])
        return ("obs", self.values["indicator"], self.values["scope"], self.values["period"],
                self.values["window"])


class RowProblems:
    """Collects the problems of one row, each naming the row and the field."""

    def __init__(self, where: str, row: int) -> None:
        self.where, self.row, self.items = where, row, list[Problem]()

    def add(self, code: str, field_name: str, vi: str, en: str) -> None:
        self.items.append(Problem(code=code, message_vi=vi, message_en=en, where=self.where,
                                  row=self.row, field=field_name))


def _scope(text: str, problems: RowProblems, period: str | None) -> str | None:
    kind, _, name = text.partition(":")
    if text == "nation":
        return text
    if kind == "block" and name in BLOCKS:
        return text
    if kind == "other" and name:
        return text
    if kind == "agency" and name:
        code = _agency_code(name, problems, period)
        if code is not None and period is not None:
            validation.check_agency_in_force(code, period, problems)
        return agency_scope(code) if code is not None else None
    problems.add("IMPORT_SCOPE_INVALID", "scope",
                 f"Phạm vi '{text}' không hợp lệ; dùng nation, block:bo_nganh, "
                 "block:dia_phuong hoặc agency:<mã hoặc tên cơ quan>.",
                 f"Invalid scope '{text}'; use nation, block:bo_nganh, block:dia_phuong or "
                 "agency:<agency code or name>.")
    return None


def _agency_code(name: str, problems: RowProblems, period: str | None) -> str | None:
    """An agency's code, written as a code or as a name (as of the period's end)."""
    try:
        return get_agency(name).code
    except DxmonError:
        pass
    try:
        return resolve(name, as_of=Period.parse(period).end if period else None)
    except DxmonError as error:
        problem = error.problems[0]
        problems.add("IMPORT_AGENCY_UNKNOWN", "scope", problem.message_vi, problem.message_en)
        return None


def _period(text: str, problems: RowProblems) -> str | None:
    try:
        return Period.parse(text).id
    except DxmonError as error:
        problem = error.problems[0]
        problems.add("IMPORT_PERIOD_INVALID", "period", problem.message_vi, problem.message_en)
        return None


def _parse_requirement(row: SourceRow, code: str, problems: RowProblems,
                       scope: str | None, period: str | None) -> ParsedFact | None:
    requirements = load_catalog().requirements
    if code not in requirements:
        hints = hint_text(did_you_mean(code, requirements))
        problems.add("IMPORT_REQUIREMENT_UNKNOWN", "indicator",
                     f"Không có yêu cầu '{code}'. Gợi ý: {hints}.",
                     f"Unknown requirement '{code}'. Did you mean: {hints}?")
    if scope is not None and not is_agency_scope(scope):
        problems.add("IMPORT_SCOPE_INVALID", "scope",
                     "Trạng thái yêu cầu phải gắn với một cơ quan (agency:<mã>).",
                     "A requirement status belongs to one agency (agency:<code>).")
    value = row.cells.get("value", "").lower()
    if value not in REQUIREMENT_VALUES:
        problems.add("IMPORT_STATUS_INVALID", "value",
                     f"Trạng thái '{value}' không hợp lệ; dùng done, not_done hoặc unknown.",
                     f"Invalid status '{value}'; use done, not_done or unknown.")
    if problems.items or scope is None or period is None:
        return None
    return ParsedFact(row.number, "requirement", {
        "requirement": code, "agency": agency_code(scope), "period": period,
        "status": REQUIREMENT_VALUES[value], "comment": row.cells.get("comment") or None})


def _parse_observation(row: SourceRow, code: str, problems: RowProblems,
                       scope: str | None, period: str | None) -> ParsedFact | None:
    indicators = load_catalog().indicators
    indicator = indicators.get(code)
    if indicator is None:
        hints = hint_text(did_you_mean(code, indicators))
        problems.add("IMPORT_INDICATOR_UNKNOWN", "indicator",
                     f"Không có chỉ tiêu '{code}'. Gợi ý: {hints}.",
                     f"Unknown indicator '{code}'. Did you mean: {hints}?")
    window = WINDOWS.get(row.cells.get("window", "").lower())
    if window is None:
        problems.add("IMPORT_WINDOW_INVALID", "window",
                     "Cửa sổ thời gian phải là period, ytd hoặc cumulative.",
                     "The window must be period, ytd or cumulative.")
    numbers = validation.check_values(indicator, row.cells, problems)
    source = row.cells.get("source") or "reported"
    status = row.cells.get("status") or State.PUBLISHED
    if source not in SOURCES:
        problems.add("IMPORT_SOURCE_INVALID", "source", f"Nguồn '{source}' không hợp lệ.",
                     f"Invalid source '{source}'.")
    if status not in STATUSES:
        problems.add("IMPORT_STATUS_INVALID", "status", f"Trạng thái '{status}' không hợp lệ.",
                     f"Invalid status '{status}'.")
    if problems.items or scope is None or period is None:
        return None
    return ParsedFact(row.number, "observation", {
        "indicator": code, "scope": scope, "period": period, "window": window, **numbers,
        "qualifier": row.cells.get("qualifier") or None,
        "comment": row.cells.get("comment") or None, "source": source, "status": status})


def parse_row(row: SourceRow, where: str) -> tuple[ParsedFact | None, list[Problem]]:
    problems = RowProblems(where, row.number)
    code = row.cells.get("indicator", "")
    if not code:
        problems.add("IMPORT_FIELD_REQUIRED", "indicator", "Thiếu mã chỉ tiêu.",
                     "The indicator code is missing.")
    period = _period(row.cells.get("period", ""), problems)
    scope = _scope(row.cells.get("scope", ""), problems, period)
    if code.startswith(REQUIREMENT_PREFIX):
        fact = _parse_requirement(row, code.removeprefix(REQUIREMENT_PREFIX), problems, scope,
                                  period)
    else:
        fact = _parse_observation(row, code, problems, scope, period)
    return fact, problems.items


def validate_rows(rows: list[SourceRow], where: str) -> tuple[list[ParsedFact], list[Problem]]:
    facts: list[ParsedFact] = []
    problems: list[Problem] = []
    first_row_of: dict[tuple[Any, ...], int] = {}
    for row in rows:
        fact, row_problems = parse_row(row, where)
        problems.extend(row_problems)
        if fact is None:
            continue
        if fact.key() in first_row_of:
            problems.append(Problem(
                code="IMPORT_DUPLICATE_ROW", where=where, row=row.number, field="indicator",
                message_vi=f"Trùng với dòng {first_row_of[fact.key()]} (cùng chỉ tiêu, phạm vi, "
                           "kỳ).",
                message_en=f"Duplicates row {first_row_of[fact.key()]} (same indicator, scope, "
                           "period)."))
            continue
        first_row_of[fact.key()] = row.number
        facts.append(fact)
    return facts, problems


def change_problems(session: Session, facts: list[ParsedFact], where: str) -> list[Problem]:
    """Values that moved beyond their indicator's threshold without a comment."""
    found = (validation.change_problem(session, fact.values, where, fact.row)
             for fact in facts if fact.kind == "observation")
    return [problem for problem in found if problem is not None]


def store_fact(session: Session, fact: ParsedFact, provenance: dict[str, object],
               created_by: str, *, current: Observation | service.Unknown | None = service.UNKNOWN,
               flush: bool = True) -> service.Outcome:
    """Record one fact as a revision. A batch that read the current observations at once
    passes the fact's ``current`` one and flushes itself at the end."""
    values = dict(fact.values)
    if fact.kind == "requirement":
        outcome, _ = service.record_requirement_status(
            session, **values, provenance=provenance, created_by=created_by)
        return outcome
    key = service.ObservationKey(values.pop("indicator"), values.pop("scope"),
                                 values.pop("period"), values.pop("window"))
    outcome, _ = service.record_observation(session, key=key, **values,
                                            provenance=provenance, created_by=created_by,
                                            current=current, flush=flush)
    return outcome


@contextmanager
def kept_unless_dry_run(session: Session, *, dry_run: bool) -> Iterator[None]:
    """Work in a savepoint: undone on any error, and at the end of a dry run (which reports
    what would change and keeps nothing)."""
    savepoint = session.begin_nested()
    try:
        yield
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()


def check_size(data: bytes, filename: str, limit: int) -> None:
    if len(data) > limit:
        raise DxmonError(Problem(
            code="IMPORT_FILE_TOO_LARGE", where=filename,
            message_vi=(f"Tệp {format_count(len(data))} byte vượt giới hạn "
                        f"{format_count(limit)} byte."),
            message_en=f"The file has {len(data):,} bytes, over the limit of {limit:,}."))


def import_bytes(session: Session, data: bytes, filename: str, *, dry_run: bool = False,
                 created_by: str = "system", max_bytes: int | None = None) -> ImportSummary:
    """Validate every row; store all of them as revisions, or none when any row is bad."""
    if max_bytes is not None:
        check_size(data, filename, max_bytes)
    rows = tabular.read_rows(data, filename, required=())
    columns = {name for row in rows for name in row.cells}
    if not set(tabular.REQUIRED_COLUMNS) <= columns:
        channel_summary = _import_channel_file(session, rows, columns, data, filename,
                                               dry_run=dry_run, created_by=created_by)
        if channel_summary is not None:
            return channel_summary
        rows = tabular.read_rows(data, filename)  # names the missing columns
    facts, problems = validate_rows(rows, filename)
    problems += change_problems(session, facts, filename)
    summary = ImportSummary(filename=filename, rows=len(rows), dry_run=dry_run,
                            problems=problems)
    if problems:
        summary.rejected = len({p.row for p in problems})
        return summary
    digest = hashlib.sha256(data).hexdigest()
    try:
        _store_all(session, facts, summary, digest, created_by, dry_run=dry_run)
    except LockedRows as locked:
        summary.problems = locked.problems
        summary.rejected = len({p.row for p in locked.problems})
        summary.created = summary.updated = summary.unchanged = 0
    return summary


class LockedRows(Exception):
    """Rows that would change a published agency-period: the import is undone."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("locked rows")
        self.problems = problems


def _agency_period(fact: ParsedFact) -> tuple[str, str] | None:
    if fact.kind == "requirement":
        return fact.values["agency"], fact.values["period"]
    scope = str(fact.values["scope"])
    return (agency_code(scope), fact.values["period"]) \
        if is_agency_scope(scope) else None


def _locked_problem(fact: ParsedFact, where: str, agency: str, period: str) -> Problem:
    from dxmon.collect.workflow import locked_problem

    problem = locked_problem(agency, period)
    return Problem(code="IMPORT_PERIOD_PUBLISHED", where=where, row=fact.row, field="period",
                   message_vi=problem.message_vi, message_en=problem.message_en)


def _store_all(session: Session, facts: list[ParsedFact], summary: ImportSummary, digest: str,
               created_by: str, *, dry_run: bool) -> None:
    """Store every fact; a change to a published agency-period undoes the whole import."""
    from dxmon.collect import workflow

    filename = summary.filename
    locked: list[Problem] = []
    states: dict[tuple[str, str], str | None] = {}
    with kept_unless_dry_run(session, dry_run=dry_run):
        for fact in facts:
            provenance: dict[str, object] = {"file": filename, "row": fact.row,
                                             "sha256": digest}
            outcome = store_fact(session, fact, provenance, created_by)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            place = _agency_period(fact)
            if place is None or outcome == "unchanged":
                continue
            if place not in states:
                states[place] = workflow.state(session, agency=place[0], period=place[1])
            if states[place] == workflow.PUBLISHED:
                locked.append(_locked_problem(fact, filename, *place))
            elif fact.kind == "observation":
                workflow.follow_import(session, agency=place[0], period=place[1],
                                       status=fact.values["status"], actor=created_by)
        if locked:
            raise LockedRows(locked)
        session.add(ImportBatch(filename=filename, sha256=digest, created_by=created_by,
                                rows=summary.rows, created=summary.created,
                                updated=summary.updated, unchanged=summary.unchanged))
        session.flush()
        if summary.created or summary.updated:  # each value's revisions keep its before
            audit_record(session, actor=created_by, action="import", entity="import",
                         key=filename, before=None,
                         after={"sha256": digest, "rows": summary.rows,
                                "created": summary.created, "updated": summary.updated})


def _import_channel_file(session: Session, rows: list[SourceRow], columns: set[str],
                         data: bytes, filename: str, *, dry_run: bool,
                         created_by: str) -> ImportSummary | None:
    """A file of another kind of fact (requirement statuses, tasks, documents, score sheets:
    told by its columns) goes to its channel; None when no channel has these columns."""
    from dxmon.channels import service as channels  # channels build on this module

    channel = channels.channel_of_columns(columns)
    if channel is None:
        return None
    return channels.import_rows(session, channel, rows, data, filename, dry_run=dry_run,
                                created_by=created_by)


def import_file(session: Session, path: Path, *, dry_run: bool = False,
                created_by: str = "system", max_bytes: int | None = None) -> ImportSummary:
    return import_bytes(session, path.read_bytes(), path.name, dry_run=dry_run,
                        created_by=created_by, max_bytes=max_bytes)


def _number_text(number: Decimal | None) -> str:
    if number is None:
        return ""
    return format(number.normalize(), "f")


def export_records(session: Session, period: str) -> list[dict[str, str]]:
    period_id = Period.parse(period).id
    records = [{
        "indicator": row.indicator, "scope": row.scope, "period": row.period,
        "window": row.window, "value": _number_text(row.value),
        "numerator": _number_text(row.numerator), "denominator": _number_text(row.denominator),
        "qualifier": row.qualifier or "", "comment": row.comment or "", "source": row.source,
        "status": row.status,
    } for row in service.current_observations(session, period=period_id)]
    records += [{
        "indicator": REQUIREMENT_PREFIX + row.requirement, "scope": agency_scope(row.agency),
        "period": row.period, "window": "period", "value": row.status, "numerator": "",
        "denominator": "", "qualifier": "", "comment": row.comment or "", "source": row.source,
        "status": State.PUBLISHED.value,
    } for row in service.current_requirement_statuses(session, period=period_id)]
    return records


def export_period(session: Session, period: str, fmt: str) -> bytes:
    if fmt not in tabular.WRITERS:
        raise DxmonError(Problem(
            code="EXPORT_FORMAT_UNKNOWN", field="format",
            message_vi=f"Định dạng '{fmt}' không hỗ trợ; dùng csv, xlsx hoặc json.",
            message_en=f"Unsupported format '{fmt}'; use csv, xlsx or json."))
    return tabular.WRITERS[fmt](export_records(session, period))
