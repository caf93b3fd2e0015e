"""Fixtures of measurement tests: small record files with hand-computed figures, Spark."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dxmon.measure import service

COLUMNS = ["dossier_id", "agency_code", "procedure_code", "channel", "received_at", "due_at",
           "finished_at", "status_version", "fee_vnd", "paid_online"]

# Agency P01 (province), BTTTT (ministry); P02 has no records at all.
HAND_RECORDS = [
    # A1: first second of June; finished on time; fee paid online.
    ["A1", "P01", "1.1", "online_full", "2024-06-01 00:00:00", "2024-06-05",
     "2024-06-04 10:00:00", "1", "20000", "true"],
    # A2: last second of June; open; due in July (not overdue at the end of June); no fee.
    ["A2", "P01", "1.1", "offline", "2024-06-30 23:59:59", "2024-07-03", "", "1", "0", "false"],
    # A3: last second of May; finished late in June; fee unknown (null).
    ["A3", "P01", "1.2", "online_partial", "2024-05-31 23:59:59", "2024-06-10 17:00:00",
     "2024-06-12 08:00:00", "1", "", ""],
    # A4 version 1 (open, unpaid); version 2 comes in a second file.
    ["A4", "P01", "1.2", "online_full", "2024-06-10 09:00:00", "2024-06-20", "", "1",
     "50000", "false"],
    # A5: May, open, overdue at the end of May and of June; fee not paid online.
    ["A5", "P01", "1.3", "offline", "2024-05-20 08:00:00", "2024-05-25", "", "1", "10000",
     "false"],
    # B1: due is a date: finished 18:00 on the due day is on time; no fee.
    ["B1", "BTTTT", "2.1", "online_full", "2024-06-15 08:00:00", "2024-06-20",
     "2024-06-20 18:00:00", "1", "0", "false"],
    # B2: overdue at the end of June although finished on 1 July; fee paid online.
    ["B2", "BTTTT", "2.1", "online_full", "2024-06-16 08:00:00", "2024-06-18 10:00:00",
     "2024-07-01 09:00:00", "1", "30000", "true"],
    # B3: due 30 June 23:00, open: overdue at the end of June; fee not paid online.
    ["B3", "BTTTT", "2.2", "online_partial", "2024-06-17 08:00:00", "2024-06-30 23:00:00",
     "", "1", "30000", "false"],
]
A4_VERSION_2 = ["A4", "P01", "1.2", "online_full", "2024-06-10 09:00:00", "2024-06-20",
                "2024-06-19 16:00:00", "2", "50000", "true"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


@pytest.fixture
def hand_landing(tmp_path: Path) -> Path:
    """The hand record set ingested in two files (A4's second version in the second)."""
    landing = tmp_path / "landing"
    first = write_csv(tmp_path / "first.csv", HAND_RECORDS)
    second = write_csv(tmp_path / "second.csv", [A4_VERSION_2])
    service.ingest_paths(paths=[first], landing=landing)
    summary = service.ingest_paths(paths=[second], landing=landing)
    assert (summary.accepted, summary.replaced) == (0, 1)
    return landing


def figures(values: list[Any], period: str) -> dict[tuple[str, str], tuple[Any, ...]]:
    """(indicator, scope) -> (numerator, denominator) for one period."""
    return {(v.indicator, v.scope): (v.numerator, v.denominator)
            for v in values if v.period == period}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from dxmon.measure.engines import spark_session

    session = spark_session("local[2]", driver_memory="1g", shuffle_partitions=4)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
