"""Ingestion: status-version replacement, idempotency, rejection by line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dxmon.errors import DxmonError
from dxmon.measure import service
from dxmon.measure.ingest import landing_files
from tests.measure.conftest import HAND_RECORDS, write_csv

GOOD = ["G1", "P01", "1", "online_full", "2024-06-02 08:00:00", "2024-06-09", "", "1", "0",
        "false"]


def _stored(landing: Path) -> dict[str, tuple[int, str]]:
    rows = {}
    for files in landing_files(landing).values():
        for path in files:
            for row in pq.read_table(path).to_pylist():
                rows[row["dossier_id"]] = (row["status_version"], path.parent.name)
    return rows


def test_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    source = write_csv(tmp_path / "a.csv", HAND_RECORDS)
    first = service.ingest_paths(paths=[source], landing=landing)
    before = {p: p.stat().st_mtime_ns for fs in landing_files(landing).values() for p in fs}
    second = service.ingest_paths(paths=[source], landing=landing)
    after = {p: p.stat().st_mtime_ns for fs in landing_files(landing).values() for p in fs}
    assert (first.accepted, first.written) == (8, True)
    assert (second.accepted, second.replaced, second.unchanged, second.written) == (0, 0, 8, False)
    assert before == after
    assert sorted(landing_files(landing)) == ["2024-05", "2024-06"]


def test_higher_version_replaces_lower_and_lower_is_ignored(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    v2 = [*GOOD[:6], "2024-06-05 10:00:00", "2", *GOOD[8:]]
    v1_moved = ["G1", "P01", "1", "online_full", "2024-05-30 08:00:00", "2024-06-09", "", "1",
                "0", "false"]
    service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", [v1_moved])], landing=landing)
    summary = service.ingest_paths(paths=[write_csv(tmp_path / "b.csv", [v2])], landing=landing)
    assert (summary.replaced, summary.months) == (1, ["2024-05", "2024-06"])
    assert _stored(landing) == {"G1": (2, "month=2024-06")}  # moved: May emptied
    late = service.ingest_paths(paths=[write_csv(tmp_path / "c.csv", [GOOD])], landing=landing)
    assert (late.unchanged, late.written) == (1, False)


def test_duplicates_in_one_batch_keep_the_highest_version(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    rows = [[*GOOD[:7], "3", *GOOD[8:]], GOOD, [*GOOD[:7], "2", *GOOD[8:]]]
    summary = service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", rows)], landing=landing)
    assert (summary.accepted, summary.unchanged) == (1, 2)
    assert _stored(landing) == {"G1": (3, "month=2024-06")}


BAD = [
    (["", "P01", "1", "offline", "2024-06-02", "2024-06-09", "", "1", "0", "false"],
     "dossier_id"),
    (["E2", "P99", "1", "offline", "2024-06-02", "2024-06-09", "", "1", "0", "false"],
     "agency_code"),
    (["E3", "P01", "1", "fax", "2024-06-02", "2024-06-09", "", "1", "0", "false"], "channel"),
    (["E4", "P01", "1", "offline", "2024-13-02", "2024-06-09", "", "1", "0", "false"],
     "received_at"),
    (["E5", "P01", "1", "offline", "2024-06-02", "2024-06-01", "", "1", "0", "false"], "due_at"),
    (["E6", "P01", "1", "offline", "2024-06-02", "2024-06-09", "2024-06-01", "1", "0", "false"],
     "finished_at"),
    (["E7", "P01", "1", "offline", "2024-06-02", "2024-06-09", "", "x", "0", "false"],
     "status_version"),
    (["E8", "P01", "1", "offline", "2024-06-02", "2024-06-09", "", "1", "-5", "false"],
     "fee_vnd"),
    (["E9", "P01", "1", "offline", "2024-06-02", "2024-06-09", "", "1", "0", "maybe"],
     "paid_online"),
]


def test_bad_records_are_named_by_line_and_field_and_nothing_is_written(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    rows = [GOOD] + [row for row, _ in BAD]
    summary = service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", rows)], landing=landing)
    found = [(p.row, p.field, p.code) for p in summary.problems]
    expected = [(line, field, "MEASURE_RECORD_INVALID")
                for line, (_, field) in enumerate(BAD, start=3)]  # header is line 1, GOOD 2
    assert found == expected
    assert summary.rejected == len(BAD)
    assert not summary.written and landing_files(landing) == {}
    assert "due_at" in summary.problems[4].message_en


def test_partial_acceptance_keeps_the_good_records(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    rows = [GOOD, BAD[1][0]]
    summary = service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", rows)], landing=landing,
                                   partial=True)
    assert (summary.accepted, summary.rejected, len(summary.problems)) == (1, 1, 1)
    assert list(_stored(landing)) == ["G1"]


def test_json_lines_and_parquet_are_accepted(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    record = dict(zip(["dossier_id", "agency_code", "procedure_code", "channel", "received_at",
                       "due_at", "finished_at", "status_version", "fee_vnd", "paid_online"],
                      ["J1", "BCA", "9", "online_full", "2024-06-02T08:00:00", "2024-06-09",
                       None, 1, 5000, True], strict=True))
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps(record) + "\n\n" + "not json\n", encoding="utf-8")
    summary = service.ingest_paths(paths=[lines], landing=landing)
    assert [(p.row, p.field) for p in summary.problems] == [(3, "record")]
    summary = service.ingest_paths(paths=[lines], landing=landing, partial=True)
    assert summary.accepted == 1
    month = landing_files(landing)["2024-06"][0]
    copy = tmp_path / "copy.parquet"
    pq.write_table(pq.read_table(month).drop_columns(["rm", "dm", "fm", "on_time"]), copy)
    again = service.ingest_paths(paths=[copy], landing=landing)
    assert (again.unchanged, again.written) == (1, False)


def test_missing_columns_and_unknown_format(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    bad = tmp_path / "a.csv"
    bad.write_text("dossier_id,agency_code\nX,P01\n", encoding="utf-8")
    summary = service.ingest_paths(paths=[bad], landing=landing)
    assert summary.problems[0].code == "MEASURE_FILE_COLUMNS_MISSING"
    other = tmp_path / "a.xlsx"
    other.write_bytes(b"x")
    with pytest.raises(DxmonError) as caught:
        service.ingest_paths(paths=[other], landing=landing)
    assert caught.value.code == "MEASURE_FILE_FORMAT_UNKNOWN"
