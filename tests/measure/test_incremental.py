"""Measuring a month reads only partitions that changed; other months keep their figures."""

from __future__ import annotations

from pathlib import Path

from dxmon.measure import service
from tests.measure.conftest import figures, write_csv


def _march(number: int) -> list[str]:
    return [f"M{number}", "P04", "1", "online_full", "2024-03-05 08:00:00", "2024-03-10",
            "2024-03-08 08:00:00", "1", "0", "false"]


def _month(number: int, month: int) -> list[str]:
    return [f"N{number}", "BCA", "1", "offline", f"2024-{month:02d}-05 08:00:00",
            f"2024-{month:02d}-10", f"2024-{month:02d}-08 08:00:00", "1", "0", "false"]


def test_new_records_change_only_their_month(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    rows = [_month(i * 10 + m, m) for m in range(1, 7) for i in range(3)]
    service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", rows)], landing=landing)
    first = service.measure_period(period="2024S1", landing=landing)
    assert first.months_scanned == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
                                    "2024-06"]
    again = service.measure_period(period="2024S1", landing=landing)
    assert (again.months_scanned, again.values) == ([], first.values)

    service.ingest_paths(paths=[write_csv(tmp_path / "b.csv", [_march(1), _march(2)])],
                         landing=landing)
    after = service.measure_period(period="2024S1", landing=landing)
    assert after.months_scanned == ["2024-03"]
    assert after.rows_scanned == 5
    for month in ("2024-01", "2024-02", "2024-04", "2024-05", "2024-06"):
        assert figures(after.values, month) == figures(first.values, month), month
    march = figures(after.values, "2024-03")
    assert march[("dossiers_received", "nation")] == (5, None)
    assert march[("online_fullprocess_dossier_rate", "nation")] == (2, 5)
    assert figures(first.values, "2024-03")[("dossiers_received", "nation")] == (3, None)


def test_measuring_a_month_reads_only_that_month(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    rows = [_month(m, m) for m in range(1, 7)]
    service.ingest_paths(paths=[write_csv(tmp_path / "a.csv", rows)], landing=landing)
    service.measure_period(period="2024-05", landing=landing)  # builds cubes up to May
    service.ingest_paths(paths=[write_csv(tmp_path / "b.csv", [_month(99, 6)])],
                         landing=landing)
    june = service.measure_period(period="2024-06", landing=landing)
    assert june.months_scanned == ["2024-06"]
