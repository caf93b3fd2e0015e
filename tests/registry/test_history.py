"""The 2025 structure: successors, predecessors, and values refused for units not in force."""

from __future__ import annotations

from datetime import date

import pytest

from dxmon.collect import flows
from dxmon.collect.datavalues import check_agency
from dxmon.collect.observations import check_key
from dxmon.collect.service import ObservationKey
from dxmon.errors import DxmonError
from dxmon.registry.history import ensure_in_force, predecessors, successors, units_on
from dxmon.store.db import make_engine, transaction

AUGUST_2025 = date(2025, 8, 31)
AUGUST_2024 = date(2024, 8, 31)


def test_successors_follow_links_to_the_unit_in_force() -> None:
    assert successors("P48", on=AUGUST_2025) == ["P48.2025"]
    assert successors("BTTTT", on=AUGUST_2025) == ["BKHCN.2025"]
    assert successors("P46", on=AUGUST_2025) == ["P46.2025"]  # renamed 1 January 2025
    assert successors("P01", on=AUGUST_2025) == []  # unchanged: still in force
    assert successors("P49") == ["P48.2025"]


def test_predecessors_go_back_to_the_units_in_force() -> None:
    assert predecessors("P79.2025", on=AUGUST_2024) == ["P74", "P77", "P79"]
    assert predecessors("BKHCN.2025", on=AUGUST_2024) == ["BKHCN", "BTTTT"]
    assert predecessors("P46.2025", on=AUGUST_2024) == ["P46"]
    assert sorted(predecessors("P48.2025")) == ["P48", "P49"]
    assert units_on("P48", AUGUST_2025) == ["P48.2025"]
    assert units_on("P79.2025", AUGUST_2024) == ["P74", "P77", "P79"]


@pytest.mark.parametrize(("agency", "period", "named"), [
    ("P48", "2025-08", "P48.2025"),
    ("P49", "2025-08", "P48.2025"),
    ("BTTTT", "2025-08", "BKHCN.2025"),
    ("P79.2025", "2024-09", "P74"),
])
def test_every_channel_refuses_a_unit_not_in_force_naming_the_one_to_use(
        agency: str, period: str, named: str) -> None:
    with pytest.raises(DxmonError) as single:
        check_key(ObservationKey("online_fullprocess_dossier_rate", f"agency:{agency}", period))
    with pytest.raises(DxmonError) as value_set:
        check_agency(agency, period)
    for error in (single.value, value_set.value):
        assert error.code == "REGISTRY_AGENCY_NOT_IN_FORCE"
        assert named in error.problems[0].message_vi and named in error.problems[0].message_en
    assert ensure_in_force("P01", period).code == "P01"


def test_an_import_row_for_an_abolished_unit_is_refused_and_nothing_stored(
        database_url: str) -> None:
    text = ("indicator,scope,period,window,value,numerator,denominator\n"
            "online_fullprocess_dossier_rate,agency:P01,2025-08,,50,5,10\n"
            "online_fullprocess_dossier_rate,agency:P48,2025-08,,50,5,10\n"
            "online_fullprocess_dossier_rate,agency:P79.2025,2024-09,,50,5,10\n"
            "online_fullprocess_dossier_rate,agency:P48.2025,2025-08,,50,5,10\n")
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            summary = flows.import_bytes(session, text.encode(), "mergers.csv")
    except DxmonError as error:
        problems = error.problems
    else:
        problems = summary.problems
    finally:
        engine.dispose()
    refused = [(p.row, p.field, p.code) for p in problems]
    assert refused == [(3, "scope", "IMPORT_AGENCY_NOT_IN_FORCE"),
                       (4, "scope", "IMPORT_AGENCY_NOT_IN_FORCE")]
    assert "P48.2025" in problems[0].message_en and "P74" in problems[1].message_vi
