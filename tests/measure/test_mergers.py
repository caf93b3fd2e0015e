"""Measurement across the 2025 mergers: records count for the unit in force in their month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dxmon.measure import service
from dxmon.registry.service import list_agencies
from tests.measure.conftest import write_csv

# Old codes (P48 Đà Nẵng and P49 Quảng Nam, merged into P48.2025; BTTTT, into BKHCN.2025) and
# new ones, in August 2025; P48 also in June 2025, before the merger.
RECORDS = [
    ["M1", "P48", "1", "online_full", "2025-08-04 08:00:00", "2025-08-10", "", "1", "0", ""],
    ["M2", "P49", "1", "offline", "2025-08-05 08:00:00", "2025-08-10", "", "1", "0", ""],
    ["M3", "P48.2025", "1", "online_full", "2025-08-06 08:00:00", "2025-08-10", "", "1", "0",
     ""],
    ["M4", "P79.2025", "1", "online_full", "2025-08-06 08:00:00", "2025-08-10", "", "1", "0",
     ""],
    ["M5", "P74", "1", "offline", "2025-08-07 08:00:00", "2025-08-10", "", "1", "0", ""],
    ["M6", "BTTTT", "1", "online_full", "2025-08-07 08:00:00", "2025-08-10", "", "1", "0", ""],
    ["M7", "P48", "1", "online_full", "2025-06-07 08:00:00", "2025-06-10", "", "1", "0", ""],
]


# One August 2025 record for each of the 63 provinces, under its old (pre-merger) code.
OLD_CODES = [a.code for a in list_agencies(as_of=date(2025, 6, 30), block="dia_phuong")]
EVERY_OLD_PROVINCE = [[f"O{i}", code, "1", "offline", "2025-08-11 08:00:00", "2025-08-20",
                       "", "1", "0", ""] for i, code in enumerate(OLD_CODES)]


def _values(tmp_path: Path, period: str, records: list[list[str]] = RECORDS
            ) -> dict[tuple[str, str], tuple[int, int | None]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    landing = tmp_path / "landing"
    service.ingest_paths(paths=[write_csv(tmp_path / "records.csv", records)],
                         landing=landing)
    result = service.measure_period(period=period, landing=landing)
    return {(v.indicator, v.scope): (v.numerator, v.denominator) for v in result.values
            if v.period == period}


def test_all_34_provinces_get_figures_for_august_2025(tmp_path: Path) -> None:
    in_force = {a.code for a in list_agencies(as_of=date(2025, 8, 31), block="dia_phuong")}
    everywhere = _values(tmp_path / "all", "2025-08", RECORDS + EVERY_OLD_PROVINCE)
    provinces = {scope.removeprefix("agency:") for (indicator, scope) in everywhere
                 if indicator == "dossiers_received" and scope.startswith("agency:P")}
    assert len(provinces) == 34 and provinces == in_force
    values = _values(tmp_path, "2025-08")
    # a unit without records is unknown: no figure, never a zero (issue 12)
    assert {scope for (indicator, scope) in values
            if indicator == "dossiers_received" and scope.startswith("agency:P")} == {
        "agency:P48.2025", "agency:P79.2025"}
    assert values[("dossiers_received", "agency:P48.2025")] == (3, None)  # P48 + P49 + new
    assert values[("dossiers_received", "agency:P79.2025")] == (2, None)  # new code + P74
    assert values[("online_fullprocess_dossier_rate", "agency:P48.2025")] == (2, 3)
    assert values[("dossiers_received", "agency:BKHCN.2025")] == (1, None)
    assert ("dossiers_received", "agency:P48") not in values
    assert ("dossiers_received", "agency:BTTTT") not in values
    assert values[("dossiers_received", "nation")] == (6, None)


def test_before_the_merger_the_63_provinces_are_measured(tmp_path: Path) -> None:
    values = _values(tmp_path, "2025-06")
    provinces = {scope for (indicator, scope) in values
                 if indicator == "dossiers_received" and scope.startswith("agency:P")}
    assert provinces == {"agency:P48"}
    assert values[("dossiers_received", "agency:P48")] == (1, None)
    assert ("dossiers_received", "agency:P48.2025") not in values
