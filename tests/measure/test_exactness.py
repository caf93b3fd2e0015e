"""Measured figures equal hand-computed values on a small record set."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from dxmon.measure import service
from tests.measure.conftest import figures

JUNE = {
    # P01: received A1, A2, A4; A4 replaced by version 2 (finished on time, paid online).
    ("dossiers_received", "agency:P01"): (3, None),
    ("online_fullprocess_dossier_rate", "agency:P01"): (2, 3),
    ("online_partial_dossier_rate", "agency:P01"): (0, 3),
    ("online_payment_rate", "agency:P01"): (2, 2),  # A2 has no fee
    ("ontime_rate", "agency:P01"): (2, 3),  # A1, A4 on time; A3 (received in May) late
    ("overdue_unfinished_eom", "agency:P01"): (1, None),  # A5
    ("dossiers_received", "agency:BTTTT"): (3, None),
    ("online_fullprocess_dossier_rate", "agency:BTTTT"): (2, 3),
    ("online_partial_dossier_rate", "agency:BTTTT"): (1, 3),
    ("online_payment_rate", "agency:BTTTT"): (1, 2),
    ("ontime_rate", "agency:BTTTT"): (1, 1),  # B2 finished in July
    ("overdue_unfinished_eom", "agency:BTTTT"): (2, None),  # B2, B3
    ("dossiers_received", "block:dia_phuong"): (3, None),
    ("online_fullprocess_dossier_rate", "block:dia_phuong"): (2, 3),
    ("online_fullprocess_dossier_rate", "block:bo_nganh"): (2, 3),
    ("dossiers_received", "nation"): (6, None),
    ("online_fullprocess_dossier_rate", "nation"): (4, 6),
    ("online_partial_dossier_rate", "nation"): (1, 6),
    ("online_payment_rate", "nation"): (3, 4),
    ("ontime_rate", "nation"): (3, 4),
    ("overdue_unfinished_eom", "nation"): (3, None),
}


def test_june_figures_match_hand_computation(hand_landing: Path) -> None:
    result = service.measure_period(period="2024-06", landing=hand_landing)
    got = figures(result.values, "2024-06")
    for key, expected in JUNE.items():
        assert got[key] == expected, key
    # P02 sent no record at all: unknown, so no figure — never a zero (issue 12)
    assert not [key for key in got if key[1] == "agency:P02"]
    assert {v.period for v in result.values} == {"2024-06"}


def test_may_figures_and_null_fee(hand_landing: Path) -> None:
    got = figures(service.measure_period(period="2024-05", landing=hand_landing).values,
                  "2024-05")
    assert got[("dossiers_received", "agency:P01")] == (2, None)  # A3 at 23:59:59, A5
    assert got[("online_partial_dossier_rate", "agency:P01")] == (1, 2)
    assert got[("online_payment_rate", "agency:P01")] == (0, 1)  # A3's null fee: no fee
    assert ("ontime_rate", "agency:P01") not in got  # nothing finished in May
    assert got[("overdue_unfinished_eom", "agency:P01")] == (1, None)
    # BTTTT sent no record for May: nothing is measured for it there, never a zero
    assert not [key for key in got if key[1] == "agency:BTTTT"]


def test_half_year_is_ratio_of_sums_and_stock_at_end(hand_landing: Path) -> None:
    result = service.measure_period(period="2024S1", landing=hand_landing)
    got = figures(result.values, "2024S1")
    assert got[("dossiers_received", "nation")] == (8, None)
    assert got[("online_fullprocess_dossier_rate", "nation")] == (4, 8)
    assert got[("online_payment_rate", "agency:P01")] == (2, 3)
    assert got[("ontime_rate", "nation")] == (3, 4)
    assert got[("overdue_unfinished_eom", "nation")] == (3, None)  # at the end of June
    value = {(v.indicator, v.scope): v.value for v in result.values if v.period == "2024S1"}
    assert value[("online_fullprocess_dossier_rate", "nation")] == Decimal("50")
    assert value[("online_partial_dossier_rate", "block:dia_phuong")] == Decimal("20")
    assert figures(result.values, "2024-06") == figures(
        service.measure_period(period="2024-06", landing=hand_landing).values, "2024-06")


def test_block_rate_is_not_an_average_of_rates(tmp_path: Path) -> None:
    from tests.measure.conftest import write_csv

    rows = [[f"X{i}", "P01", "1", "online_full", "2024-06-02 08:00:00", "2024-06-09", "", "1",
             "0", "false"] for i in range(3)]
    rows += [["Y1", "P02", "1", "offline", "2024-06-02 08:00:00", "2024-06-09", "", "1", "0",
              "false"]]
    landing = tmp_path / "landing"
    service.ingest_paths(paths=[write_csv(tmp_path / "r.csv", rows)], landing=landing)
    result = service.measure_period(period="2024-06", landing=landing)
    rate = {v.scope: v.value for v in result.values
            if v.indicator == "online_fullprocess_dossier_rate"}
    assert rate["block:dia_phuong"] == Decimal("75")  # 3/4, not (100 + 0) / 2


def test_a_month_without_records_gets_no_value_and_is_named(hand_landing: Path) -> None:
    """Regression (issue 12): months without dossier files got published zeros. The records
    were received in May and June 2024; April holds none."""
    result = service.measure_period(period="2024Q2", landing=hand_landing)
    assert result.months_without_records == ["2024-04"]
    assert not [v for v in result.values if v.period == "2024-04"]
    assert {v.period for v in result.values} == {"2024-05", "2024-06", "2024Q2"}
