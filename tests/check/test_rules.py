"""Each kind of finding on synthetic text: a true error is flagged, a correct statement is not."""

import pytest

from dxmon.check.service import check_text


def kinds(text: str, severity: str = "error") -> list[str]:
    return [f.kind for f in check_text(text).findings if f.severity == severity]


CASES = [
    # (kind, wrong statement, correct statement)
    ("fraction_percent", "- Đã hoàn thành: **16/28** nhiệm vụ (60%)",
     "- Đã hoàn thành: **16/28** nhiệm vụ (57%)"),
    ("fraction_percent", "Triển khai: **43/53** dịch vụ (đạt tỷ lệ 80,1%)",
     "Triển khai: **43/53** dịch vụ (đạt tỷ lệ 81,1%)"),
    ("fraction_percent", "Đạt tỷ lệ **92,2%** (tương đương 14.000/15.981 cửa hàng).",
     "Đạt tỷ lệ **92,2%** (tương đương 14.727/15.981 cửa hàng)."),
    ("combined_fraction",
     "**19/21** bộ (tăng **09** bộ so với cuối năm 2023) và **63/63** tỉnh đã kết nối, "
     "đạt tỷ lệ 95,2%",
     "**19/21** bộ (tăng **09** bộ so với cuối năm 2023) và **63/63** tỉnh đã kết nối, "
     "đạt tỷ lệ 97,6%"),
    ("target_ratio", "Doanh nghiệp: **50.350** doanh nghiệp/mục tiêu **48.000** doanh nghiệp "
                     "(đạt tỷ lệ 105,9%).",
     "Doanh nghiệp: **50.350** doanh nghiệp/mục tiêu **48.000** doanh nghiệp (đạt tỷ lệ 104,9%)."),
    ("target_ratio", "Đạt 1.200.000 lượt, ước đạt 80% kế hoạch năm (là 1.600.000 lượt).",
     "Đạt 1.200.000 lượt, ước đạt 75% kế hoạch năm (là 1.600.000 lượt)."),
    ("change_baseline", "Doanh thu đạt 451 tỷ đồng, tăng 12% so với cùng kỳ tháng 8/2023 "
                        "(410 tỷ đồng).",
     "Doanh thu đạt 451 tỷ đồng, tăng 10% so với cùng kỳ tháng 8/2023 (410 tỷ đồng)."),
    ("change_baseline", "Ghi nhận 349 cuộc tấn công, giảm 70% so với cùng kỳ (1.402 cuộc).",
     "Ghi nhận 349 cuộc tấn công, giảm 75,1% so với cùng kỳ (1.402 cuộc)."),
    ("change_baseline", "Tỷ lệ đạt **84%** (tăng 4,2% so với cuối năm 2023 là 80,8%).",
     "Tỷ lệ đạt **84%** (tăng 3,2% so với cuối năm 2023 là 80,8%)."),
    ("change_baseline", "Số CSDL tăng **394** CSDL lên **2.699** CSDL, tương đương **17,3%**.",
     "Số CSDL tăng **394** CSDL lên **2.699** CSDL, tương đương **17,1%**."),
    ("change_baseline", "Đã xác thực **96,8** triệu thông tin (tăng 3,1 triệu so với năm 2023, "
                        "tương đương khoảng 4,3%).",
     "Đã xác thực **96,8** triệu thông tin (tăng 3,1 triệu so với năm 2023, "
     "tương đương khoảng 3,3%)."),
    ("parts_total", "Có thời hạn: **28** nhiệm vụ. Trong đó, đã hoàn thành: **16/28** nhiệm vụ "
                    "(57%); chưa hoàn thành: **10/28** nhiệm vụ (36%).",
     "Có thời hạn: **28** nhiệm vụ. Trong đó, đã hoàn thành: **16/28** nhiệm vụ (57%); "
     "chưa hoàn thành: **12/28** nhiệm vụ (43%)."),
    ("parts_total", "Có thời hạn: **30** nhiệm vụ. Trong đó, đã hoàn thành: **16/28** nhiệm vụ "
                    "(57%); chưa hoàn thành: **12/28** nhiệm vụ (43%).",
     "Có thời hạn: **28** nhiệm vụ. Trong đó, đã hoàn thành: **16/28** nhiệm vụ (57%); "
     "chưa hoàn thành: **12/28** nhiệm vụ (43%)."),
    ("parts_total", "+ Bộ, ngành: 05/21 đạt mức C, 03/21 đạt mức D, 15/21 đạt mức E.",
     "+ Bộ, ngành: 05/21 đạt mức C, 01/21 đạt mức D, 15/21 đạt mức E."),
    ("parts_total",
     "Có **63/63** tỉnh đã ban hành, trong đó có 13 tỉnh miễn phí, 57 tỉnh giảm phí.",
     "Có **63/63** tỉnh đã ban hành, trong đó có 6 tỉnh miễn phí, 57 tỉnh giảm phí."),
    ("count_names",
     "**60/63** tỉnh¹ đã ban hành.\n\n¹ Các tỉnh chưa ban hành: Bình Định; Nam Định.",
     "**61/63** tỉnh¹ đã ban hành.\n\n¹ Các tỉnh chưa ban hành: Bình Định; Nam Định."),
    ("count_names", "Có 3/63 tỉnh<sup>6</sup> miễn phí.\n\n<sup>6</sup> Hà Nội và Vĩnh Long.",
     "Có 2/63 tỉnh<sup>6</sup> miễn phí.\n\n<sup>6</sup> Hà Nội và Vĩnh Long."),
    ("count_names", "**17/20** bộ, ngành[^9] đã công bố.\n\n[^9]: Còn 04 cơ quan chưa công bố gồm: "
                    "Bộ Ngoại giao, Bộ Giáo dục và Đào tạo, Bộ Quốc phòng.",
     "**17/20** bộ, ngành[^9] đã công bố.\n\n[^9]: Còn 03 cơ quan chưa công bố gồm: "
     "Bộ Ngoại giao, Bộ Giáo dục và Đào tạo, Bộ Quốc phòng."),
    ("notation", "Tổng số hồ sơ là 1,928,311 hồ sơ.", "Tổng số hồ sơ là 1.928.311 hồ sơ."),
    ("notation", "Tỷ lệ trực tuyến toàn trình là 42.2% trong kỳ.",
     "Tỷ lệ trực tuyến toàn trình là 42,2% trong kỳ."),
    ("period", "Ngày 31/6/2024 Bộ đã ban hành.", "Ngày 30/6/2024 Bộ đã ban hành."),
    ("period", "Kết quả tháng 13/2024.", "Kết quả tháng 12/2024."),
    ("period", "Kết quả quý V/2024.", "Kết quả quý IV/2024."),
    ("period", "Chiến lược giai đoạn 2025-2021.", "Chiến lược giai đoạn 2021-2025."),
    ("period", "Trong 13 tháng đầu năm 2024.", "Trong 8 tháng đầu năm 2024."),
    ("heading", "I. Mở đầu\n\nII. Kết quả\n\nII. Tồn tại\n",
     "I. Mở đầu\n\nII. Kết quả\n\nIII. Tồn tại\n"),
]


@pytest.mark.parametrize(("kind", "wrong", "right"), CASES,
                         ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)])
def test_wrong_is_flagged_and_right_is_not(kind: str, wrong: str, right: str) -> None:
    assert kind in kinds(wrong)
    assert check_text(right).error_count == 0, check_text(right).findings


def test_a_unknown_name_in_a_footnote_is_a_warning_with_suggestions() -> None:
    text = "**61/63** tỉnh¹ đã ban hành.\n\n¹ Các tỉnh chưa ban hành: Bình Đinhh; Nam Định."
    [finding] = [f for f in check_text(text).findings if f.kind == "unknown_name"]
    assert finding.severity == "warning"
    assert finding.stated == "Bình Đinhh" and "Bình Định" in finding.expected
    assert (finding.line, finding.column) == (3, text.splitlines()[2].index("Bình Đinhh") + 1)


def test_decimal_comma_before_nghin_is_a_warning() -> None:
    assert kinds("Cổng đã cung cấp 4,473 nghìn dịch vụ.", "warning") == ["notation"]
    assert not kinds("Cổng đã cung cấp 4,5 nghìn dịch vụ.", "warning")


def test_a_truncated_percent_is_a_note_not_an_error() -> None:
    result = check_text("Hoàn thành **57/59** nhiệm vụ (96,6%).")  # 96,61 → half up 96,6
    assert result.findings == []
    truncated = check_text("Hoàn thành **29/30** nhiệm vụ (96,6%).")  # 96,666… → 96,7
    assert [(f.kind, f.severity) for f in truncated.findings] == [("fraction_percent", "note")]


def test_dates_months_and_document_numbers_are_not_fractions() -> None:
    text = ("Quyết định số 865/QĐ-TTg ngày 17/8/2024; tháng 6/2024 (50%); Quý 3/2024 (20%); "
            "trước 20/7 (10%).")
    assert check_text(text).findings == []


def test_finding_locates_line_and_columns() -> None:
    text = "Mở đầu.\nĐã hoàn thành: 16/28 nhiệm vụ (60%)."
    [finding] = check_text(text).findings
    assert (finding.line, finding.column) == (2, text.splitlines()[1].index("16/28") + 1)
    assert finding.excerpt == "16/28 nhiệm vụ (60%"[:len(finding.excerpt)]
    assert finding.stated == "60,0%" and finding.expected == "57,0%"
