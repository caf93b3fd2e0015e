"""Communes and wards (from 1 July 2025) as reporting units under their provinces."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from dxmon.cli.app import app
from dxmon.collect.observations import check_key
from dxmon.collect.service import ObservationKey
from dxmon.errors import DxmonError
from dxmon.registry.resolver import resolve
from dxmon.registry.schemas import Level
from dxmon.registry.service import all_agencies, get_agency, list_agencies

AUGUST_2025 = date(2025, 8, 31)


def test_the_3321_communes_load_from_the_package_under_provinces_in_force() -> None:
    communes = list_agencies(as_of=AUGUST_2025, level="commune")
    assert len(communes) == 3321
    provinces = {a.code for a in list_agencies(as_of=AUGUST_2025, block="dia_phuong")}
    assert {commune.parent for commune in communes} == provinces
    assert all(c.level == Level.COMMUNE and c.code == f"X{c.official_code}" for c in communes)
    assert get_agency("X00004").name_vi == "Phường Ba Đình"
    assert get_agency("X00004").parent == "P01"
    assert list_agencies(as_of=date(2025, 6, 30), level="commune") == []


def test_by_default_list_agencies_returns_no_commune() -> None:
    for day in (date(2024, 8, 31), AUGUST_2025):
        listed = list_agencies(as_of=day)
        assert all(agency.level != Level.COMMUNE for agency in listed)
    assert len(list_agencies(as_of=AUGUST_2025, block="dia_phuong")) == 34
    assert len(list_agencies(as_of=date(2024, 8, 31), block="dia_phuong")) == 63
    every = list_agencies(as_of=AUGUST_2025, level=["central", "province", "commune"])
    assert len(every) == len(list_agencies(as_of=AUGUST_2025)) + 3321
    assert len(all_agencies()) > 3400


def test_the_province_filter_lists_its_communes() -> None:
    hcm = list_agencies(as_of=AUGUST_2025, level="commune", province="P79.2025")
    assert hcm and {c.parent for c in hcm} == {"P79.2025"}
    result = CliRunner().invoke(app, ["agencies", "--as-of", "2025-08-01", "--level", "commune",
                                      "--province", "P01", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {row["parent"] for row in rows} == {"P01"}
    assert {row["level"] for row in rows} == {"commune"}


def test_the_resolver_resolves_communes_without_taking_province_names() -> None:
    assert resolve("Phường Ba Đình", as_of=AUGUST_2025) == "X00004"
    assert resolve("phuong ba dinh, Ha Noi", as_of=AUGUST_2025) == "X00004"
    assert resolve("Hà Nội", as_of=AUGUST_2025) == "P01"
    assert resolve("Thái Bình", as_of=date(2024, 8, 1)) == "P34"


def test_a_commune_value_is_accepted_from_july_2025_only() -> None:
    key = check_key(ObservationKey("online_fullprocess_dossier_rate", "agency:X00004",
                                   "2025-08"))
    assert key.scope == "agency:X00004"
    with pytest.raises(DxmonError) as error:
        check_key(ObservationKey("online_fullprocess_dossier_rate", "agency:X00004", "2024-08"))
    assert error.value.code == "REGISTRY_AGENCY_NOT_IN_FORCE"
