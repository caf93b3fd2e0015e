"""Results stored as measured observations (SQLite and PostgreSQL) and written to files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from dxmon.collect.service import current_observations
from dxmon.errors import DxmonError
from dxmon.measure import service
from dxmon.store.audit import list_entries
from dxmon.store.db import make_engine, transaction


def test_store_is_idempotent_and_marked_measured(hand_landing: Path, database_url: str) -> None:
    result = service.measure_period(period="2024S1", landing=hand_landing)
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            first = service.store_results(session, result=result)
        with transaction(engine) as session:
            second = service.store_results(session, result=result)
        with transaction(engine) as session:
            rows = current_observations(session, period="2024S1",
                                        indicator="online_fullprocess_dossier_rate",
                                        scope="nation")
            audited = list_entries(session, entity="measurement")
    finally:
        engine.dispose()
    assert first["created"] == len(result.values) and first["updated"] == 0
    assert second == {"created": 0, "updated": 0, "unchanged": len(result.values)}
    assert len(audited) == 1 and audited[0].after["outcomes"]["created"] == len(result.values)
    (row,) = rows
    assert (row.value, row.numerator, row.denominator, row.source) == (
        Decimal("50"), Decimal("4"), Decimal("8"), "measured")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_out_file_has_the_documented_columns(hand_landing: Path, tmp_path: Path,
                                             suffix: str) -> None:
    result = service.measure_period(period="2024-06", landing=hand_landing)
    out = tmp_path / f"out{suffix}"
    service.write_results(result=result, out=out)
    table = pq.read_table(out) if suffix == ".parquet" else pacsv.read_csv(out)
    assert table.column_names == ["scope", "period", "indicator", "value", "numerator",
                                  "denominator"]
    rows = {(r["scope"], r["indicator"]): r for r in table.to_pylist()}
    nation = rows[("nation", "online_fullprocess_dossier_rate")]
    assert (nation["numerator"], nation["denominator"]) == (4, 6)
    assert Decimal(str(nation["value"])) == Decimal("66.666667")


def test_unknown_output_and_empty_landing(hand_landing: Path, tmp_path: Path) -> None:
    result = service.measure_period(period="2024-06", landing=hand_landing)
    with pytest.raises(DxmonError):
        service.write_results(result=result, out=tmp_path / "out.xlsx")
    with pytest.raises(DxmonError) as caught:
        service.measure_period(period="2024-06", landing=tmp_path / "empty")
    assert caught.value.code == "MEASURE_NO_RECORDS"



def test_every_measured_indicator_is_catalogued_as_measured() -> None:
    from dxmon.catalog.loader import load_catalog
    from dxmon.measure.schemas import INDICATORS

    indicators = load_catalog().indicators
    assert [code for code in INDICATORS if code not in indicators] == []
    assert {str(indicators[code].source) for code in INDICATORS} == {"measured"}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_exported_measured_period_imports_unchanged(hand_landing: Path, database_url: str,
                                                      fmt: str) -> None:
    from dxmon.collect import flows

    result = service.measure_period(period="2024S1", landing=hand_landing)
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            service.store_results(session, result=result)
        with transaction(engine) as session:
            exported = flows.export_period(session, "2024S1", fmt)
        with transaction(engine) as session:
            again = flows.import_bytes(session, exported, f"measured.{fmt}")
    finally:
        engine.dispose()
    assert again.problems == []
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == again.rows > 0
    assert {"dossiers_received", "ontime_rate", "overdue_unfinished_eom"} <= {
        row.split(",")[0] for row in exported.decode().splitlines()} or fmt == "json"
