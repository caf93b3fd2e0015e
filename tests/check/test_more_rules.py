"""Issue 15's kinds of error on synthetic text: each true error is flagged with the right kind,
and the correct statement beside it is not flagged at all."""

import pytest

from dxmon.check.service import check_text

CASES = [
    # (kind, wrong statement, correct statement)
    # a fraction written with words, its percent in the next clause
    ("fraction_percent", "Phủ sóng: **256/tổng số 896** thôn, bản lõm sóng; đạt tỷ lệ **27,6%**.",
     "Phủ sóng: **256/tổng số 896** thôn, bản lõm sóng; đạt tỷ lệ **28,6%**."),
    ("fraction_percent", "Đã triển khai 4.068 HTTT trên tổng số 7.206 HTTT, tương đương 55,5%.",
     "Đã triển khai 4.068 HTTT trên tổng số 7.206 HTTT, tương đương 56,5%."),
    # a decrease against a baseline in brackets, written with another scale word
    ("change_baseline", "Ghi nhận 349 cuộc tấn công, giảm 71,5% so với cùng kỳ tháng 8/2023 "
                        "(1,402 nghìn cuộc).",
     "Ghi nhận 349 cuộc tấn công, giảm 75,1% so với cùng kỳ tháng 8/2023 (1,402 nghìn cuộc)."),
    # an absolute change against a baseline in brackets
    ("change_baseline", "Có hơn **16,4** triệu tài khoản, tăng **3,8** triệu tài khoản so với "
                        "năm 2023 (11,6 triệu tài khoản).",
     "Có hơn **16,4** triệu tài khoản, tăng **4,8** triệu tài khoản so với năm 2023 "
     "(11,6 triệu tài khoản)."),
    # impossible years and ranges
    ("period", "Quy hoạch thời kỳ 221-2030, tầm nhìn đến năm 2050.",
     "Quy hoạch thời kỳ 2021-2030, tầm nhìn đến năm 2050."),
    ("period", "Kế hoạch năm 20244.", "Kế hoạch năm 2024."),
    # a distribution that must add up: grades of 21 ministries, the rest of 63 provinces
    ("parts_total", "+ Bộ, ngành: 05/21 đạt mức C; 01/21 đạt mức D; 14/21 đạt mức E.",
     "+ Bộ, ngành: 05/21 đạt mức C; 01/21 đạt mức D; 15/21 đạt mức E."),
    ("parts_total", "Có 34/63 địa phương đã triển khai, còn 28 địa phương chưa thực hiện xong.",
     "Có 34/63 địa phương đã triển khai, còn 29 địa phương chưa thực hiện xong."),
    # a bare count whose footnote names those that have not: 22 ministries in 2024
    ("count_names", "Năm 2024 đã có **15** bộ, ngành¹ ban hành.\n\n¹ Các bộ chưa ban hành: "
                    "Bộ Y tế; Bộ Tư pháp.",
     "Năm 2024 đã có **20** bộ, ngành¹ ban hành.\n\n¹ Các bộ chưa ban hành: Bộ Y tế; Bộ Tư pháp."),
]


@pytest.mark.parametrize(("kind", "wrong", "right"), CASES,
                         ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)])
def test_wrong_is_flagged_and_right_is_not(kind: str, wrong: str, right: str) -> None:
    assert kind in [f.kind for f in check_text(wrong).findings if f.severity == "error"]
    assert [f for f in check_text(right).findings if f.severity != "warning"] == []


def test_border_markers_and_visit_ranges_are_not_years() -> None:
    text = "Khu vực mốc 1119 - 1120; mỗi ngày tăng 2000-3000 lượt; sau 3 năm 100 dự án."
    assert check_text(text).findings == []


def findings_of(text: str, kind: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.stated, f.expected) for f in check_text(text).findings
            if f.kind == kind]


REPEATED = ("+ Dân cư: (1) Xác thực được hơn **{0}** triệu thông tin nhân khẩu trong CSDL.\n\n"
            "+ Bảo hiểm: (1) Đã xác thực hơn **{1}** triệu thông tin nhân khẩu (tăng 3,1 triệu).")


def test_repeated_measure_with_another_value_is_a_warning() -> None:
    assert findings_of(REPEATED.format("97,6", "96,8"), "repeated_measure") == [
        ("warning", "96,8 triệu", "97,6 triệu")]
    assert findings_of(REPEATED.format("97,6", "97,6"), "repeated_measure") == []


def test_a_month_and_the_running_total_are_not_one_measure() -> None:
    text = ("Từ ngày 20/7/2024 đến ngày 20/8/2024, Hệ thống thay thế hơn 09 nghìn hồ sơ, tài liệu "
            "giấy. Lũy kế đến nay, Hệ thống thay thế hơn 819,9 nghìn hồ sơ, tài liệu giấy.")
    assert findings_of(text, "repeated_measure") == []


def test_parts_named_after_trong_do_are_not_repeats() -> None:
    text = ("Cung cấp DVCTT đạt tỷ lệ 55,5%, trong đó khối bộ đạt tỷ lệ 59,68%, khối tỉnh đạt "
            "tỷ lệ 55,38%. Tỷ lệ hồ sơ đạt 43%, trong đó khối bộ đạt tỷ lệ 50%, khối tỉnh 17%.")
    assert findings_of(text, "repeated_measure") == []


SUMMARY = ("3. Về dữ liệu\n\n- Đến nay đã có **{0}/63** địa phương¹ đã ban hành danh mục CSDL "
           "dùng chung; đã có **43/63** địa phương đã ban hành kế hoạch cung cấp dữ liệu mở.\n\n"
           "¹ Ghi chú.\n\nTồn tại: còn {1} địa phương chưa ban hành danh mục CSDL và 20 địa phương "
           "chưa có kế hoạch cung cấp dữ liệu mở.\n")


def test_summary_total_against_the_counts_of_its_section() -> None:
    assert findings_of(SUMMARY.format("54", "15"), "summary_total") == [("error", "15", "9")]
    assert findings_of(SUMMARY.format("54", "9"), "summary_total") == []


GROWTH = ("- Tăng trưởng kinh tế số 6 tháng đầu năm là **{0}%**.\n\n"
          "- Kinh tế số ICT chiếm 60% tổng kinh tế số, ước tăng trưởng 26% so với cùng kỳ.\n\n"
          "- Kinh tế số ngành, lĩnh vực chiếm 40% tổng kinh tế số, ước tăng trưởng 21,5%.\n")


def test_total_growth_against_its_weighted_parts() -> None:
    assert findings_of(GROWTH.format("22,4"), "growth_parts") == [("error", "22,4%", "24,2%")]
    assert findings_of(GROWTH.format("24,2"), "growth_parts") == []
    approximate = GROWTH.format("22,4").replace("chiếm 60%", "chiếm khoảng 60%")
    assert findings_of(approximate, "growth_parts")[0][0] == "warning"


def test_unknown_or_merged_away_agency_in_the_text_suggests_the_registry_name() -> None:
    [(severity, stated, expected)] = findings_of("Năm 2024, Bộ Tài chánh đã ban hành.",
                                                 "unknown_name")
    assert (severity, stated) == ("warning", "Bộ Tài chánh") and "Bộ Tài chính" in expected
    merged = findings_of("Năm 2026, Bộ Thông tin và Truyền thông đã ban hành.", "unknown_name")
    assert merged == [("warning", "Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ")]
    assert findings_of("Năm 2024, Bộ Thông tin và Truyền thông và tỉnh Quảng Nam đã ban hành; "
                       "Bộ Công nghiệp và CNTT (Trung Quốc) công bố.", "unknown_name") == []


def test_a_whole_count_with_a_footnote_of_those_not_done_is_an_error() -> None:
    """"63/63 tỉnh¹" with "¹ Các tỉnh chưa ban hành: A; B" contradicts itself; "21/21¹⁰" with
    "¹⁰ VPCP không có hệ thống" explains why the whole is 21 and is not counted."""
    wrong = "Có **63/63** tỉnh¹ đã ban hành.\n\n¹ Các tỉnh chưa ban hành: Phú Thọ; Lào Cai."
    assert findings_of(wrong, "count_names") == [("error", "2 (the names listed)", "0")]
    note = "Kết quả đối với **21/21**¹⁰ bộ, cơ quan ngang bộ.\n\n¹⁰ VPCP không có hệ thống."
    assert findings_of(note, "count_names") == []
