"""The shipped catalogue, the service functions and the loader's error reporting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dxmon.catalog import errors as codes
from dxmon.catalog.loader import Catalog, load_catalog
from dxmon.catalog.schemas import DocumentType, Pillar
from dxmon.catalog.service import (
    documents_counted_in,
    get_indicator,
    grade_for,
    list_indicators,
    targets_for,
)
from dxmon.errors import DxmonError, Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
H1_2024 = (date(2024, 1, 1), date(2024, 6, 30))
PM = "Thủ tướng Chính phủ"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


# --- the shipped catalogue ----------------------------------------------------------------------

def test_shipped_catalogue_loads(catalog: Catalog) -> None:
    assert catalog.version == "2024.1"
    assert load_catalog() is catalog  # the default catalogue is cached
    assert len(catalog.indicators) >= 173
    assert catalog.evaluations and catalog.plans and catalog.targets and catalog.legal_documents


def test_every_seed_indicator_is_catalogued(catalog: Catalog) -> None:
    ids = (FIXTURES / "seed_indicator_ids.txt").read_text(encoding="utf-8").split()
    assert len(ids) == len(set(ids)) == 173
    missing = [code for code in ids if code not in catalog.indicators]
    assert missing == []


def test_indicator_fields(catalog: Catalog) -> None:
    rate = get_indicator("online_fullprocess_dossier_rate")
    assert rate.pillar == Pillar.CHINH_PHU_SO
    assert rate.numerator_label_vi and rate.denominator_label_vi
    assert str(rate.rollup) == "ratio_of_sums"
    enterprises = catalog.indicators["digital_tech_enterprises"]
    assert enterprises.unit_label_vi == "doanh nghiệp" and enterprises.decimals == 0
    covered = catalog.indicators["dead_zone_villages_mobile_broadband_covered"]
    assert covered.numerator_label_vi == "thôn, bản có sóng"
    assert covered.denominator_label_vi == "thôn, bản lõm sóng có điện"
    assert catalog.indicators["adult_payment_account_rate"].decimals == 2
    for indicator in catalog.indicators.values():
        assert indicator.decimals is not None
        assert indicator.name_vi.strip() and indicator.name_en.strip()


def test_list_indicators_by_pillar(catalog: Catalog) -> None:
    everything = list_indicators()
    assert len(everything) == len(catalog.indicators)
    security = list_indicators(pillar="an_toan_thong_tin")
    assert security and all(i.pillar == Pillar.AN_TOAN_THONG_TIN for i in security)
    assert {i.code for p in Pillar for i in list_indicators(pillar=p)} == set(catalog.indicators)
    with pytest.raises(DxmonError):
        list_indicators(pillar="khong_co")


def test_unknown_indicator_suggests_neighbours() -> None:
    with pytest.raises(DxmonError) as caught:
        get_indicator("online_fullproces_dossier_rate")
    problem = caught.value.problems[0]
    assert problem.code == codes.CATALOG_INDICATOR_UNKNOWN
    assert "online_fullprocess_dossier_rate" in problem.message_vi
    assert "online_fullprocess_dossier_rate" in problem.message_en


def test_targets(catalog: Catalog) -> None:
    (target,) = targets_for("digital_tech_enterprises", 2024)
    assert target.value == 48000 and target.scope == "nation"
    assert targets_for("digital_tech_enterprises", 2023) == []
    assert [t.value for t in targets_for("sme_dx_programme_enterprise_visits", 2024)] == [1600000]
    assert [t.value for t in targets_for("sme_dx_programme_platform_users", 2024)] == [400000]
    assert [t.value for t in targets_for("essential_public_services_deployed", 2024)] == [53]


def test_requirements(catalog: Catalog) -> None:
    expected = {
        "essential_services_deployed", "emc_connected", "reporting_system_connected",
        "steering_plan_2024_issued", "inspection_plan_2024_issued", "fee_policy_issued",
        "time_reduction_policy_issued", "shared_db_catalogue_issued", "open_data_plan_issued",
        "fullprocess_procedure_list_published", "tthc_system_evaluated", "cadre_db_synced",
        "data_warehouse_connected", "civil_status_interlinked", "ict_infra_plan_issued",
        "data_strategy_plan_issued", "cashless_social_payment_plan_issued",
        "community_tech_teams_established",
    }
    assert expected <= set(catalog.requirements)
    emc = catalog.requirements["emc_connected"].applies_to[0]
    assert str(emc.block) == "bo_nganh" and emc.exclude == ["VPCP"] and emc.reason_vi
    published = catalog.requirements["fullprocess_procedure_list_published"].applies_to
    assert [scope.exclude for scope in published] == [["UBDT", "TTCP"]]


@pytest.mark.parametrize(("plan", "total", "due"), [
    ("ucqg_2024", 79, 28),
    ("ucqg_session8_2024", 34, 20),
])
def test_task_counts(catalog: Catalog, plan: str, total: int, due: int) -> None:
    tasks = catalog.tasks_of(plan)
    assert len(tasks) == total == catalog.plans[plan].task_count
    assert sum(task.deadline <= date(2024, 6, 30) for task in tasks) == due
    assert sum(task.deadline > date(2024, 6, 30) for task in tasks) == total - due


def test_tasks_done_early_have_their_lead_agencies(catalog: Catalog) -> None:
    leads = [catalog.tasks[f"ucqg_2024-{n}"].lead_agency for n in (29, 30, 31)]
    assert leads == ["NHNN", "BCA", "BTTTT"]
    assert catalog.plans["ucqg_2024"].issuing_document == "58/QĐ-UBQGCS"


@pytest.mark.parametrize(("score", "grade"), [
    (100, "A"), (90, "A"), (89.9, "B"), (80, "B"), (79.9, "C"), (65, "C"), (64.9, "D"),
    (50, "D"), (49.9, "E"), (0, "E"),
])
def test_grade_for(score: float, grade: str) -> None:
    assert grade_for("tthc_system_2024", score) == grade


def test_grade_for_rejects_unknown_evaluation_and_bad_scores() -> None:
    with pytest.raises(DxmonError) as caught:
        grade_for("tthc_system_2023", 70)
    assert caught.value.code == codes.CATALOG_EVALUATION_UNKNOWN
    with pytest.raises(DxmonError) as caught:
        grade_for("tthc_system_2024", 101)
    assert caught.value.code == codes.CATALOG_SCORE_INVALID


def test_evaluation_is_data(catalog: Catalog) -> None:
    evaluation = catalog.evaluations["tthc_system_2024"]
    assert {c.code: c.weight for c in evaluation.criteria} == {
        "functions": 50, "performance": 20, "security": 15, "layout": 5, "access": 5,
        "emc_connection": 5}
    assert evaluation.legal_basis in catalog.legal_documents


def _count(catalog: Catalog, kind: DocumentType, issuer: str, start: date, end: date) -> int:
    return sum(1 for d in catalog.legal_documents.values()
               if d.type == kind and d.issuer == issuer and d.issued_on is not None
               and start <= d.issued_on <= end)


def test_h1_2024_document_counts(catalog: Catalog) -> None:
    assert _count(catalog, DocumentType.NGHI_DINH, "Chính phủ", *H1_2024) == 10
    assert _count(catalog, DocumentType.QUYET_DINH, PM, *H1_2024) == 6
    assert _count(catalog, DocumentType.CHI_THI, PM, *H1_2024) == 2
    assert catalog.legal_documents["09/CT-TTg"].issued_on == date(2024, 2, 23)
    placeholders = [d for d in catalog.legal_documents.values() if not d.named_in_source]
    assert placeholders and all(d.number is None for d in placeholders)
    assert all(d.issued_on is not None and H1_2024[0] <= d.issued_on <= H1_2024[1]
               for d in placeholders)


def test_august_2024_documents_counted_by_the_report(catalog: Catalog) -> None:
    decisions = documents_counted_in("2024-08", types=["quyet_dinh"], issuers=[PM])
    circulars = documents_counted_in("2024-08", types=["thong_tu"])
    assert [d.code for d in decisions] == ["865/QĐ-TTg"]
    assert [d.code for d in circulars] == ["09/2024/TT-BTNMT"]
    assert circulars[0].issued_on == date(2024, 7, 31) and circulars[0].note
    # the 20/7–20/8 reporting window would give 3 decisions: not the report's count
    assert _count(catalog, DocumentType.QUYET_DINH, PM, date(2024, 7, 20), date(2024, 8, 20)) == 3


def test_named_documents_are_present(catalog: Catalog) -> None:
    for code in ("09/CT-TTg", "33/CĐ-TTg", "06/QĐ-TTg", "422/QĐ-TTg", "865/QĐ-TTg",
                 "09/2024/TT-BTNMT", "656/TTg-KSTT", "3182/BTTTT-CĐSQG", "3127/BTTTT-CĐSQG",
                 "82/2024/NĐ-CP", "13/2024/NĐ-CP", "950/QĐ-BGTVT", "4501/UBCK-CNTT",
                 "455/QĐ-VPCP", "83/CĐ-TTg", "791/QĐ-TTg", "715/QĐ-TTg", "805/QĐ-TTg",
                 "63/2024/NĐ-CP", "58/QĐ-UBQGCS", "2516/BTTTT-CATTT", "2517/BTTTT-CATTT"):
        assert code in catalog.legal_documents, code
    proposed = [d for d in catalog.legal_documents.values() if str(d.status) == "proposed"]
    assert sorted(d.title_vi for d in proposed) == ["Luật Công nghiệp công nghệ số", "Luật Dữ liệu"]


# --- bad files ----------------------------------------------------------------------------------

INDICATOR = """\
- code: {code}
  name_vi: Số doanh nghiệp công nghệ số
  name_en: Digital-technology enterprises
  pillar: kinh_te_so
  unit: count
  unit_label_vi: doanh nghiệp
  kind: count
  rollup: sum
"""


def _write(folder: Path, **files: str) -> Path:
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(DxmonError) as caught:
        load_catalog(folder)
    return caught.value.problems


def test_small_valid_catalogue(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="digital_tech_enterprises"))
    (tmp_path / "VERSION").write_text("test.1\n", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.version == "test.1"
    assert catalog.indicators["digital_tech_enterprises"].decimals == 0
    assert catalog.tasks == {} and catalog.targets == {}


def test_version_key(tmp_path: Path) -> None:
    body = INDICATOR.format(code="a_b").replace("\n", "\n  ").rstrip()
    _write(tmp_path, indicators=f"version: '9.9'\nindicators:\n  {body}\n")
    assert load_catalog(tmp_path).version == "9.9"


def test_malformed_yaml(tmp_path: Path) -> None:
    _write(tmp_path, indicators="- code: a\n  name_vi: [unclosed\n  name_en: x\n")
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_YAML_MALFORMED
    assert problem.where == "indicators.yaml" and problem.row is not None and problem.row >= 2
    assert "YAML" in problem.message_vi and "YAML" in problem.message_en


def test_missing_folder_and_file(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nowhere")[0].code == codes.CATALOG_FILE_MISSING
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_FILE_MISSING and problem.where == "indicators.yaml"


def test_missing_field(tmp_path: Path) -> None:
    text = INDICATOR.format(code="x_one") + INDICATOR.format(code="x_two").replace(
        "  unit_label_vi: doanh nghiệp\n", "")
    _write(tmp_path, indicators=text)
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_FIELD_MISSING
    assert (problem.where, problem.row, problem.field) == ("indicators.yaml", 9, "unit_label_vi")
    assert "unit_label_vi" in problem.message_vi and "missing" in problem.message_en
    assert "indicators.yaml" in problem.render() and "9" in problem.render()


def test_wrong_enum(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one").replace(
        "pillar: kinh_te_so", "pillar: kinh_te"))
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_FIELD_INVALID
    assert (problem.where, problem.row, problem.field) == ("indicators.yaml", 4, "pillar")
    assert "kinh_te" in problem.message_vi and "kinh_te_so" in problem.message_vi
    assert "kinh_te_so" in problem.message_en


def test_duplicate_code(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one") * 2)
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_DUPLICATE_CODE
    assert (problem.where, problem.row, problem.field) == ("indicators.yaml", 9, "code")
    assert "x_one" in problem.message_vi and "dòng 1" in problem.message_vi
    assert "line 1" in problem.message_en


def test_duplicate_key_in_a_record(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one") + "  kind: amount\n")
    problems = _problems(tmp_path)
    assert [(p.code, p.row, p.field) for p in problems] == [
        (codes.CATALOG_DUPLICATE_KEY, 9, "kind")]


def test_unknown_indicator_in_targets(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="digital_tech_enterprises"), targets="""\
- indicator: digital_tech_enterprises
  scope: nation
  plan_year: 2024
  value: 48000
- indicator: digital_tech_enterprise
  scope: nation
  plan_year: 2024
  value: 48000
""")
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_UNKNOWN_REFERENCE
    assert (problem.where, problem.row, problem.field) == ("targets.yaml", 5, "indicator")
    assert "digital_tech_enterprise" in problem.message_vi


def test_unknown_plan_and_agency_in_tasks(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one"), tasks_p="""\
plan: p_2024
tasks:
  - code: p_2024-01
    title_vi: Nhiệm vụ 1
    lead_agency: BXYZ
    deadline: 2024-06-30
    kind: ke_hoach
""")
    problems = _problems(tmp_path)
    assert {(p.code, p.field, p.row) for p in problems} == {
        (codes.CATALOG_UNKNOWN_REFERENCE, "plan", 3),
        (codes.CATALOG_UNKNOWN_REFERENCE, "lead_agency", 5)}
    assert all(p.where == "tasks_p.yaml" for p in problems)


def test_task_count_mismatch(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one"), plans="""\
- code: p_2024
  name_vi: Kế hoạch
  name_en: Plan
  year: 2024
  task_count: 2
""", tasks_p="""\
plan: p_2024
tasks:
  - {code: p_2024-01, title_vi: Nhiệm vụ 1, deadline: 2024-06-30, kind: ke_hoach}
""")
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_TASK_COUNT_MISMATCH
    assert (problem.where, problem.row, problem.field) == ("plans.yaml", 5, "task_count")


def test_bad_evaluation_thresholds(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one"), evaluations="""\
- code: e_2024
  name_vi: Đánh giá
  name_en: Evaluation
  year: 2024
  legal_basis: 473/QĐ-BTTTT
  criteria: [{code: aa, name_vi: A, weight: 60}]
  grade_thresholds: [{grade: A, min: 90}, {grade: B, min: 0}]
  blocks: [bo_nganh]
""")
    problem = _problems(tmp_path)[0]
    assert problem.code == codes.CATALOG_FIELD_INVALID and problem.row == 1
    assert "60" in problem.message_vi and "60" in problem.message_en


def test_several_errors_in_one_file_are_all_reported(tmp_path: Path) -> None:
    text = (INDICATOR.format(code="x_one")  # lines 1-8: fine
            + INDICATOR.format(code="x_two").replace("unit: count", "unit: piece")  # 9-16
            + INDICATOR.format(code="x_one")  # 17-24: duplicate
            + INDICATOR.format(code="Bad-Code").replace("  rollup: sum\n", "")  # 25-31
            + "- just a string\n")  # 32
    _write(tmp_path, indicators=text)
    problems = _problems(tmp_path)
    found = {(p.code, p.row, p.field) for p in problems}
    assert found == {
        (codes.CATALOG_FIELD_INVALID, 13, "unit"),
        (codes.CATALOG_DUPLICATE_CODE, 17, "code"),
        (codes.CATALOG_FIELD_INVALID, 25, "code"),
        (codes.CATALOG_FIELD_MISSING, 25, "rollup"),
        (codes.CATALOG_RECORD_INVALID, 32, None),
    }
    assert all(p.where == "indicators.yaml" and p.message_vi and p.message_en for p in problems)


def test_unknown_field_is_named(tmp_path: Path) -> None:
    _write(tmp_path, indicators=INDICATOR.format(code="x_one") + "  pilar: kinh_te_so\n")
    (problem,) = _problems(tmp_path)
    assert (problem.code, problem.row, problem.field) == (
        codes.CATALOG_FIELD_UNKNOWN, 9, "pilar")


def test_top_level_must_be_a_list(tmp_path: Path) -> None:
    _write(tmp_path, indicators="code: x_one\n")
    (problem,) = _problems(tmp_path)
    assert problem.code == codes.CATALOG_YAML_MALFORMED and problem.field == "code"
