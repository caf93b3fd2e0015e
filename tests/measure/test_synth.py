"""The synthetic generator is calibrated to the seed reports' rates (42% / 61% / 17%)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dxmon.measure import service
from dxmon.measure.synth import synth_dossiers


def test_half_year_rates_are_about_the_seed_rates(tmp_path: Path) -> None:
    files = synth_dossiers(rows=120_000, out=tmp_path / "raw", seed=11)
    summary = service.ingest_paths(paths=files, landing=tmp_path / "landing")
    assert summary.records == 120_000 and summary.unchanged > 0  # older versions replaced
    result = service.measure_period(period="2024S1", landing=tmp_path / "landing")
    rate = {v.scope: float(v.value) for v in result.values
            if v.period == "2024S1" and v.indicator == "online_fullprocess_dossier_rate"}
    assert abs(rate["nation"] - 42) < 1.5
    assert abs(rate["block:bo_nganh"] - 61) < 1.5
    assert abs(rate["block:dia_phuong"] - 17) < 1.5
    received = {v.period: v.value for v in result.values
                if v.scope == "nation" and v.indicator == "dossiers_received"}
    assert received["2024-02"] < received["2024-01"]  # Tết


def test_synth_generates_any_period_with_the_units_in_force(tmp_path) -> None:
    """Regression (issue 12): only the first half of 2024 could be generated."""
    import pyarrow.parquet as pq

    from dxmon.measure.synth import synth_dossiers
    from dxmon.registry.service import reporting_units

    [path] = synth_dossiers(rows=3000, out=tmp_path, period="2025-08")
    assert path.name == "dossiers-2025-08.parquet"
    table = pq.read_table(path)
    codes = set(table.column("agency_code").to_pylist())
    in_force = {unit.code for unit in reporting_units(as_of=date(2025, 8, 1))}
    assert codes <= in_force and "P79.2025" in codes and "P49" not in codes
    received = table.column("received_at").to_pylist()
    assert min(received).date() >= date(2025, 8, 1) and max(received).date() <= date(2025, 8, 31)
