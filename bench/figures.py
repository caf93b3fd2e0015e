"""Time to compute every figure of one period: each catalogue indicator at the nation, each
block and each agency that owes reports, rolled up at read time from the agencies' values.

Two registries: the 2024 one (22 ministries, 63 provinces; demo data plus synthetic agency
values for 2024-09) and the 2025 one with its communes (≈3,400 reporting units: 17
ministries, 34 provinces, 3,321 communes and wards, every commune reporting in 2025-08).
The baseline, measured in the same process, is reading the same stored values once (the
query every figure needs at least). Goals: under 0,1 s (2024) and 1 s (communes).

    python bench/figures.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from timing import best_of

from dxmon.catalog.loader import load_catalog
from dxmon.collect import service
from dxmon.compute.facts import View, visible_observations
from dxmon.compute.figures import FigureBook
from dxmon.demo import create_demo_database
from dxmon.registry.service import list_agencies, reporting_units
from dxmon.store.db import make_engine, transaction

GOALS = {"2024 registry, 2024-09": 0.1, "communes, 2025-08": 1.0}
SYNTHETIC = ("community_digital_teams", "infosys_level_approved_rate",
             "fibre_broadband_household_rate")


def _store_synthetic(session, units: list[str], period: str) -> None:  # type: ignore[no-untyped-def]
    for index, code in enumerate(units):
        for indicator in SYNTHETIC:
            ratio = indicator != "community_digital_teams"
            numerator, denominator = Decimal(40 + index % 50), Decimal(100)
            service.record_observation(
                session, key=service.ObservationKey(indicator, f"agency:{code}", period),
                value=numerator if ratio else Decimal(index % 17),
                numerator=numerator if ratio else None,
                denominator=denominator if ratio else None, flush=False)
    session.flush()


def every_figure(session, period: str, units: list[str]) -> int:  # type: ignore[no-untyped-def]
    book = FigureBook(session)
    scopes = ["nation", "block:bo_nganh", "block:dia_phuong", *(f"agency:{u}" for u in units)]
    for indicator in load_catalog().indicators:
        for scope in scopes:
            book.result(indicator, scope, period)
    return len(book.used)


def _measure(url: str, period: str, units: list[str], label: str, repeat: int) -> None:
    engine = make_engine(url)
    with transaction(engine) as session:
        figures = every_figure(session, period, units)
        baseline = best_of(repeat, lambda: visible_observations(session, View.PUBLISHED,
                                                                period=period))
        seconds = best_of(repeat, lambda: every_figure(session, period, units))
        rolled = best_of(repeat, lambda: every_figure(session, period, []))
    engine.dispose()
    print(f"{label}: the national and block figures alone ({3 * len(load_catalog().indicators)}"
          f" asked): {rolled:.3f} s")
    count = len(load_catalog().indicators) * (3 + len(units))
    goal = GOALS[label]
    print(f"{label}: {count} figures asked, {figures} found, {seconds:.3f} s "
          f"(baseline read {baseline:.3f} s, ratio {seconds / baseline:.1f}×; goal < {goal} s: "
          f"{'met' if seconds < goal else 'MISSED'})")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    repeat = arguments.parse_args().repeat
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        create_demo_database(url)
        units_2024 = [a.code for a in reporting_units(as_of=date(2024, 9, 30))]
        communes = [a.code for a in list_agencies(as_of=date(2025, 8, 31), level="commune")]
        units_2025 = [a.code for a in reporting_units(as_of=date(2025, 8, 31))]
        engine = make_engine(url)
        with transaction(engine) as session:
            _store_synthetic(session, units_2024, "2024-09")
            _store_synthetic(session, communes, "2025-08")
        engine.dispose()
        print(f"reporting units: 2024 {len(units_2024)}; 2025 {len(units_2025)} + "
              f"{len(communes)} communes and wards")
        _measure(url, "2024-09", units_2024, "2024 registry, 2024-09", repeat)
        _measure(url, "2025-08", units_2025, "communes, 2025-08", repeat)


if __name__ == "__main__":
    main()
