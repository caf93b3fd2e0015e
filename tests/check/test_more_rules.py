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
