"""The checker on the two real seed reports: what it finds, and why each finding is right."""

from pathlib import Path

from dxmon.check.service import check_path

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

# (line, kind, stated, expected) of every error, with the reason it is a real inconsistency.
HALF_YEAR_ERRORS = {
    # "12/22 bộ, cơ quan ngang bộ⁴" have issued the plan, so 10 have not; footnote 4 lists 17
    # bodies of which 9 are bộ or cơ quan ngang bộ (the others are government agencies).
    (84, "count_names", "9 (the names listed)", "10"),
    # "50/63 tỉnh, thành phố⁵": 13 have not issued; footnote 5 names 12 provinces.
    (84, "count_names", "12 (the names listed)", "13"),
    # "54/63 địa phương⁶": 9 have not issued; footnote 6 names 6 provinces.
    (106, "count_names", "6 (the names listed)", "9"),
    # "15 bộ, ngành⁷" (no denominator) of the 22 ministries and ministerial-level agencies of
    # 2024: 7 have not issued an open-data plan; footnote 7 names 6.
    (110, "count_names", "6 (the names listed)", "7"),
    # "43/63 địa phương⁸": 20 have not issued; footnote 8 names 19 provinces.
    (110, "count_names", "19 (the names listed)", "20"),
    # "tăng 394 CSDL lên 2.699 CSDL, tương đương 17,3%": 394 / (2.699 − 394) = 17,09%.
    (110, "change_baseline", "17,3%", "17,1%"),
    # Section III is numbered three times (Kết quả, Tồn tại, Nhiệm vụ): they should be III, IV, V.
    (228, "heading", "III", "IV"),
    (240, "heading", "III", "V"),
}
MONTHLY_ERRORS = {
    # "Quy hoạch … thời kỳ 221-2030" (twice on the line): 221 is not a year; the same
    # sentence later writes 2021-2030.
    (36, "period", "221-2030", ""),
    # "1.255.068 lượt, ước đạt 78,45% kế hoạch năm (là 1.600.000 lượt)": 78,4418%.
    (118, "target_ratio", "78,45%", "78,44%"),
    # "346.670 doanh nghiệp, ước đạt 86,68% kế hoạch năm (là 400.000)": 86,6675% → 86,67%.
    (118, "target_ratio", "86,68%", "86,67%"),
}


def _errors(name: str) -> set[tuple[int, str, str, str]]:
    result = check_path(SEEDS / name)
    return {(f.line, f.kind, f.stated, f.expected) for f in result.findings
            if f.severity == "error"}


def test_half_year_seed_errors_are_its_real_inconsistencies() -> None:
    assert _errors("bao-cao-6-thang-dau-nam-2024.txt") == HALF_YEAR_ERRORS


def test_monthly_seed_errors_are_its_real_inconsistencies() -> None:
    assert _errors("bao-cao-thang-8-2024.txt") == MONTHLY_ERRORS


def test_monthly_seed_warnings_are_thousands_written_as_decimals() -> None:
    """"4,473 nghìn dịch vụ" (4.473 services) reads as a decimal with three digits: every
    warning of the August seed is that notation, and the 3 + 57 of 63 provinces is a note."""
    result = check_path(SEEDS / "bao-cao-thang-8-2024.txt")
    warnings = [f for f in result.findings if f.severity == "warning"]
    assert warnings and {f.kind for f in warnings} == {"notation"}
    assert all("nghìn" in f.excerpt for f in warnings)
    assert "4,473 nghìn" in {f.excerpt for f in warnings}
    notes = [f for f in result.findings if f.severity == "note"]
    assert [(n.kind, n.stated, n.expected) for n in notes] == [("parts_total", "3 + 57 = 60", "63")]


def test_findings_point_at_their_text() -> None:
    text = (SEEDS / "bao-cao-6-thang-dau-nam-2024.txt").read_text("utf-8").splitlines()
    for finding in check_path(SEEDS / "bao-cao-6-thang-dau-nam-2024.txt").findings:
        line = text[finding.line - 1]
        assert line[finding.column - 1:].startswith(finding.excerpt.split("\n")[0][:10])
        assert finding.message_vi and finding.message_en


def test_half_year_seed_warnings_are_its_cross_paragraph_contradictions() -> None:
    """Warnings: what rests on an assumption (the 22 ministries behind a bare count) or on
    reading two paragraphs as one measure."""
    result = check_path(SEEDS / "bao-cao-6-thang-dau-nam-2024.txt")
    warnings = {(f.line, f.kind, f.stated, f.expected) for f in result.findings
                if f.severity == "warning"}
    assert warnings == {
        # "Xác thực được hơn 97,6 triệu thông tin nhân khẩu trong CSDL do BHXH Việt Nam quản
        # lý" (dân cư) and "Đã xác thực hơn 96,8 triệu thông tin nhân khẩu … trong CSDL do
        # BHXH Việt Nam quản lý" (bảo hiểm): one measure, two values.
        (102, "repeated_measure", "96,8 triệu", "97,6 triệu"),
        # "Tồn tại: … 15 bộ, ngành, địa phương chưa ban hành danh mục CSDL": 17 of the 22
        # ministries and 54/63 provinces leave 5 + 9 = 14.
        (112, "summary_total", "15", "14"),
        # "… và 30 bộ, ngành địa phương chưa có kế hoạch cung cấp dữ liệu mở": 15 of 22 and
        # 43/63 leave 7 + 20 = 27.
        (112, "summary_total", "30", "27"),
        # "Tăng trưởng kinh tế số … khoảng 22,4%" while ICT ("chiếm khoảng 60%") grew 26% and
        # the sectoral digital economy (40%) 21,5%: 0,6 × 26 + 0,4 × 21,5 = 24,2% (23,8–24,5
        # at the precision written, base- or current-period weights); approximate shares make
        # it a warning.
        (184, "growth_parts", "22,4%", "24,2%"),
    }
