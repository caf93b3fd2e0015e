"""A catalogue folder outside the code (DXMON_CATALOG_DIR), validity, versions, the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxmon.catalog.loader import (
    CATALOG_DIR_ENV,
    catalog_version,
    clear_cache,
    default_path,
    load_catalog,
    use_catalog,
)
from dxmon.cli.app import app
from dxmon.collect.validation import required_indicators
from dxmon.compute.tallies import applicable_agencies

NEW_INDICATOR = """
- code: commune_digital_plan_rate
  name_vi: Tỷ lệ xã có Kế hoạch chuyển đổi số
  name_en: Share of communes with a digital-transformation plan
  pillar: lanh_dao_dieu_hanh
  unit: percent
  unit_label_vi: '%'
  kind: ratio
  numerator_label_vi: xã có kế hoạch
  denominator_label_vi: xã
  rollup: ratio_of_sums
  source: reported
  valid_from: 2025-01-01
  validation: {min: 0, max: 100, required_for: [province, city]}
"""
NEW_REQUIREMENT = """
- code: dx_plan_2025_issued
  name_vi: Ban hành Kế hoạch chuyển đổi số năm 2025
  name_en: 2025 digital-transformation plan issued
  applies_to:
    - {block: dia_phuong}
  years: [2025]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped catalogue with a 2025 indicator and a 2025 requirement."""
    copy = tmp_path / "catalogue"
    shutil.copytree(default_path(), copy)
    with (copy / "indicators.yaml").open("a", encoding="utf-8") as handle:
        handle.write(NEW_INDICATOR)
    with (copy / "requirements.yaml").open("a", encoding="utf-8") as handle:
        handle.write(NEW_REQUIREMENT)
    return copy


@pytest.fixture
def configured(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CATALOG_DIR_ENV, str(folder))
    clear_cache()
    yield folder
    monkeypatch.delenv(CATALOG_DIR_ENV)
    clear_cache()


def _required_codes(period: str) -> set[str]:
    return {indicator.code for indicator in required_indicators("province", period)}


def test_the_environment_points_load_catalog_at_a_folder(configured: Path) -> None:
    catalog = load_catalog()
    assert catalog.path == configured.resolve()
    assert "commune_digital_plan_rate" in catalog.indicators
    assert load_catalog() is catalog  # cached


def test_a_2025_indicator_is_owed_in_2025_and_not_in_2024(configured: Path) -> None:
    assert "commune_digital_plan_rate" in _required_codes("2025-03")
    assert "commune_digital_plan_rate" not in _required_codes("2024-03")
    assert "commune_digital_plan_rate" not in _required_codes("2022-01")


def test_a_2025_requirement_applies_in_2025_and_not_in_2024(configured: Path) -> None:
    assert len(applicable_agencies("dx_plan_2025_issued", "dia_phuong", date(2025, 3, 31))) == 63
    assert len(applicable_agencies("dx_plan_2025_issued", "dia_phuong", date(2025, 8, 31))) == 34
    assert applicable_agencies("dx_plan_2025_issued", "dia_phuong", date(2024, 12, 31)) == []
    assert applicable_agencies("dx_plan_2025_issued", "dia_phuong", date(2026, 1, 31)) == []


def test_use_catalog_points_elsewhere_and_back(folder: Path) -> None:
    shipped = load_catalog()
    with use_catalog(folder) as catalog:
        assert load_catalog() is catalog and "dx_plan_2025_issued" in catalog.requirements
    assert load_catalog().path == shipped.path
    assert "dx_plan_2025_issued" not in load_catalog().requirements


def test_the_version_names_the_content(folder: Path) -> None:
    shipped = catalog_version()
    assert shipped.startswith("2024.1+")
    with use_catalog(folder):
        changed = catalog_version()
    assert changed.startswith("2024.1+") and changed != shipped


def test_validity_dates_in_the_wrong_order_are_refused(folder: Path) -> None:
    with (folder / "plans.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {code: plan_x, name_vi: X, name_en: X, year: 2025, "
                     "valid_from: 2025-12-01, valid_to: 2025-01-01}\n")
    result = CliRunner().invoke(app, ["catalog", "validate", str(folder)])
    assert result.exit_code == 1
    assert "plans.yaml, dòng/row 22, trường/field valid_to" in result.output
    assert "CATALOG_FIELD_INVALID" in result.output


def test_validate_names_file_record_and_field(folder: Path) -> None:
    (folder / "requirements.yaml").write_text(
        "- code: broken\n  name_vi: Thiếu\n  applies_to: [{block: dia_phuong}]\n  yeers: [2025]\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["catalog", "validate", str(folder)])
    assert result.exit_code == 1
    assert "requirements.yaml, dòng/row 4, trường/field yeers" in result.output
    assert "name_en" in result.output
    ok = CliRunner().invoke(app, ["catalog", "validate", str(default_path())])
    assert ok.exit_code == 0, ok.output


def test_show_lists_a_kind_as_json(configured: Path) -> None:
    result = CliRunner().invoke(app, ["catalog", "show", "--kind", "requirements",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["version"] == catalog_version()
    added = [r for r in shown["requirements"] if r["code"] == "dx_plan_2025_issued"]
    assert added and added[0]["years"] == [2025]
    table = CliRunner().invoke(app, ["catalog", "show", "--kind", "indicators"])
    assert "commune_digital_plan_rate" in table.output
