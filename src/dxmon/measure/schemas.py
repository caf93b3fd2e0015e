"""The dossier record schema, the landing schema, month keys, settings and result shapes.

A dossier record (one row per dossier and status version)::

    dossier_id      string   national dossier code, unique per dossier
    agency_code     string   registry code of the agency (P01…P96, BTTTT, BCA…)
    procedure_code  string   administrative procedure code
    channel         string   online_full | online_partial | offline
    received_at     timestamp  naive local time (ICT); ISO 8601 text in CSV/JSON
    due_at          timestamp  legal deadline; a date alone means the end of that day
    finished_at     timestamp  null while the dossier is open
    status_version  integer  higher versions of the same dossier replace lower ones
    fee_vnd         integer  fee in VND; null or 0 means no fee
    paid_online     boolean  the fee was paid online (null means false)

The landing area stores the same columns plus keys derived at ingest: ``rm``, ``dm``,
``fm`` (received, due and finished month as ``year*12 + month - 1``, int16; ``fm`` null
while open) and ``on_time`` (finished no later than due; null while open).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel, Field

from dxmon.errors import Problem

CHANNELS = ("online_full", "online_partial", "offline")
RECORD_COLUMNS = ("dossier_id", "agency_code", "procedure_code", "channel", "received_at",
                  "due_at", "finished_at", "status_version", "fee_vnd", "paid_online")
DERIVED_COLUMNS = ("rm", "dm", "fm", "on_time")

LANDING_SCHEMA = pa.schema([
    ("dossier_id", pa.string()), ("agency_code", pa.string()),
    ("procedure_code", pa.string()), ("channel", pa.string()),
    ("received_at", pa.timestamp("us")), ("due_at", pa.timestamp("us")),
    ("finished_at", pa.timestamp("us")), ("status_version", pa.int64()),
    ("fee_vnd", pa.int64()), ("paid_online", pa.bool_()),
    ("rm", pa.int16()), ("dm", pa.int16()), ("fm", pa.int16()), ("on_time", pa.bool_()),
])

INDICATORS = ("dossiers_received", "online_fullprocess_dossier_rate",
              "online_partial_dossier_rate", "online_payment_rate", "ontime_rate",
              "overdue_unfinished_eom")
COUNT_INDICATORS = frozenset({"dossiers_received", "overdue_unfinished_eom"})
STOCK_INDICATORS = frozenset({"overdue_unfinished_eom"})  # a level at month end, not a flow

EngineName = Literal["duckdb", "spark"]


def month_key(year: int, month: int) -> int:
    """The int16 month key stored in the landing area: 2024-06 → 24293."""
    return year * 12 + month - 1


def month_id(key: int) -> str:
    return f"{key // 12}-{key % 12 + 1:02d}"


def month_of_key(key: int) -> date:
    return date(key // 12, key % 12 + 1, 1)


@dataclass
class IngestSummary:
    """What one ingestion did: counts of records and the problems found."""

    records: int = 0
    accepted: int = 0  # dossiers new to the landing area
    replaced: int = 0  # higher status version replaced a stored one
    unchanged: int = 0  # not newer than the stored version (or a duplicate in the batch)
    rejected: int = 0
    months: list[str] = field(default_factory=list)  # month partitions rewritten
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    dossiers: list[str] = field(default_factory=list)  # "agency/id" written (for the audit)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "accepted": self.accepted, "replaced": self.replaced,
            "unchanged": self.unchanged, "rejected": self.rejected, "months": self.months,
            "written": self.written,
            "problems": [problem_detail(p) for p in self.problems],
        }


def problem_detail(problem: Problem) -> dict[str, Any]:
    return {"row": problem.row, "field": problem.field, "where": problem.where,
            "reason": {"vi": problem.message_vi, "en": problem.message_en}}


class DossierBatch(BaseModel):
    """Body of ``POST /api/v1/dossiers:batch``."""

    records: list[dict[str, Any]] = Field(min_length=1, max_length=100_000)
    partial: bool = False


@dataclass(frozen=True)
class MeasuredValue:
    """One measured figure: indicator × scope × period with its exact fraction."""

    indicator: str
    scope: str
    period: str
    value: Any  # Decimal | None
    numerator: int
    denominator: int | None


@dataclass
class MeasureResult:
    period: str
    engine: str
    values: list[MeasuredValue]
    months_scanned: list[str]  # month partitions whose records were read
    rows_scanned: int
    # months of the period that hold no dossier record: nothing is measured for them (a
    # month without records is unknown, never zero)
    months_without_records: list[str] = field(default_factory=list)
