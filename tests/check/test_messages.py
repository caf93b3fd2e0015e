"""The checker's messages say the right thing in both languages (issue 15's slips)."""

from dxmon.check.service import check_text


def test_second_repeated_heading_expects_the_section_after_the_first_repeat() -> None:
    text = "I. Mở đầu\n\nII. Kết quả\n\nII. Tồn tại\n\nII. Nhiệm vụ\n"
    headings = [f for f in check_text(text).findings if f.kind == "heading"]
    assert [(f.line, f.expected) for f in headings] == [(5, "III"), (7, "IV")]
    assert "should be IV" in headings[1].message_en and "phải là IV" in headings[1].message_vi


def test_count_names_message_reads_in_english() -> None:
    text = "**60/63** tỉnh¹ đã ban hành.\n\n¹ Các tỉnh chưa ban hành: Bình Định; Nam Định."
    [finding] = [f for f in check_text(text).findings if f.kind == "count_names"]
    assert finding.message_en == "Footnote 1: the footnote lists 2 names, but the figure gives 3."
    assert finding.message_vi == "Chú thích 1: chú thích liệt kê 2 tên, nhưng số liệu cho 3."
    assert " is 2" not in finding.message_en
