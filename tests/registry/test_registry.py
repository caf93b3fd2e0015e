import json
from datetime import date
from pathlib import Path

import pytest

from dxmon.errors import DxmonError
from dxmon.registry.resolver import normalise, resolve, resolve_list, suggest
from dxmon.registry.service import get_agency, list_agencies, predecessors_of, successors_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_NAMES = json.loads((FIXTURES / "seed_agency_names.json").read_text("utf-8"))
H1_2024 = date(2024, 6, 30)


def _count(as_of, block, kinds):
    return len(list_agencies(as_of=as_of, block=block, kinds=kinds))


def test_counts_in_2024_and_after_the_2025_restructuring():
    ministries = ["ministry", "ministerial_agency"]
    assert _count(H1_2024, "dia_phuong", None) == 63
    assert _count(H1_2024, "bo_nganh", ministries) == 22
    assert _count(H1_2024, "bo_nganh", ["government_agency"]) == 8
    after = date(2025, 8, 1)
    assert _count(after, "dia_phuong", None) == 34
    assert _count(after, "bo_nganh", ministries) == 17
    assert _count(after, "bo_nganh", ["government_agency"]) == 5
    # between the two mergers: 17 ministries, still 63 provinces
    assert _count(date(2025, 4, 1), "dia_phuong", None) == 63


def test_successor_links():
    assert [a.code for a in successors_of("P02")] == ["P08.2025"]  # Hà Giang → Tuyên Quang
    assert successors_of("P36")[0].code == "P37.2025"  # Nam Định → Ninh Bình
    assert {a.code for a in predecessors_of("P37.2025")} == {"P35", "P36", "P37"}
    assert successors_of("BTTTT")[0].code == "BKHCN.2025"
    assert {a.code for a in predecessors_of("BNNMT")} == {"BNNPTNT", "BTNMT"}
    assert get_agency("P01").valid_to is None  # Hà Nội goes on unchanged
    assert get_agency("P01").in_force(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("name", "code"),
    [("TP. Hải Phòng", "P31"), ("Thừa Thiên - Huế", "P46"), ("Thua Thien Hue", "P46"),
     ("Bà Rịa-Vũng Tàu", "P77"), ("Ba Ria - Vung Tau", "P77"), ("Bộ LĐTBXH", "BLDTBXH"),
     ("Bộ Lao động, Thương binh và Xã hội", "BLDTBXH"), ("BHXH", "BHXH"),
     ("Ủy ban dân tộc", "UBDT"), ("Uy ban dan toc", "UBDT"), ("TP.HCM", "P79"),
     ("Hoà Bình", "P17"), ("Khánh Hoà", "P56"), ("Thanh Hoá", "P38"),
     ("Ngân hàng Nước Việt Nam", "NHNN"), ("VPCP", "VPCP"), ("Bộ TT&TT", "BTTTT")],
)
def test_resolver_on_names_as_reports_write_them(name, code):
    assert resolve(name, as_of=H1_2024) == code


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_agency_name_in_the_seeds_resolves(name):
    assert resolve(name, as_of=H1_2024)


def test_the_date_picks_the_unit_in_force():
    assert resolve("Tuyên Quang", as_of=H1_2024) == "P08"
    assert resolve("Tuyên Quang", as_of=date(2025, 8, 1)) == "P08.2025"
    assert resolve("Bộ Tài chính", as_of=date(2025, 8, 1)) == "BTC.2025"


def test_footnote_lists_including_two_names_run_together():
    codes = resolve_list("Bảo hiểm Xã hội Việt Nam; Đài Tiếng nói Việt Nam Đài Truyền hình "
                         "Việt Nam; Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
                         as_of=H1_2024)
    assert codes == ["BHXH", "VOV", "VTV", "VAST"]
    assert resolve_list("Hà Nội, Vĩnh Long và TP. Hồ Chí Minh", as_of=H1_2024) == [
        "P01", "P86", "P79"]


def test_unknown_name_is_an_error_with_suggestions():
    with pytest.raises(DxmonError) as info:
        resolve("Tỉnh Bình Đinh Xanh")
    problem = info.value.problems[0]
    assert problem.code == "REGISTRY_NAME_UNKNOWN"
    assert "Bình Định" in problem.message_vi and "Did you mean" in problem.message_en
    assert suggest("Bo Cong Thuong")[0][1] == "BCT"


def test_unknown_code_is_an_error():
    with pytest.raises(DxmonError) as info:
        get_agency("P99")
    assert info.value.code == "REGISTRY_AGENCY_UNKNOWN"


def test_normalise_ignores_diacritics_dashes_and_prefixes():
    assert normalise("Tỉnh Bà Rịa - Vũng Tàu") == normalise("ba ria vung tau")
    assert normalise("Thành phố Hải Phòng") == normalise("TP. Hải Phòng")


def test_hue_renamed_on_1_january_2025_keeps_its_code():
    before, after = get_agency("P46"), get_agency("P46.2025")
    assert (before.short_name, str(before.kind)) == ("Thừa Thiên Huế", "province")
    assert (after.name_vi, str(after.kind)) == ("Thành phố Huế", "city")
    assert before.official_code == after.official_code == "46"
    assert before.successor == "P46.2025" and after.predecessors == ["P46"]
    assert resolve("Thừa Thiên - Huế", as_of=H1_2024) == "P46"
    assert resolve("Huế", as_of=date(2025, 8, 1)) == "P46.2025"
