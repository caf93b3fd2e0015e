from datetime import date
from decimal import Decimal

import pytest

from dxmon import numbers as n


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1928311, 0, "1.928.311"),
        (Decimal("42.24"), 1, "42,2"),
        (Decimal("42.25"), 1, "42,3"),  # half up, not half even
        (Decimal("78.445"), 2, "78,45"),
        (Decimal("42.0"), 1, "42"),
        (Decimal("104.895"), 1, "104,9"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("-1234.5"), 1, "-1.234,5"),
    ],
)
def test_vietnamese_notation_and_half_up_rounding(value, decimals, text):
    assert n.format_number(value, decimals) == text


def test_percent_counts_and_scales():
    assert n.format_percent(n.percent_of(43, 53)) == "81,1%"
    assert n.format_percent(n.percent_of(50350, 48000)) == "104,9%"
    assert n.format_percent(Decimal(42), 0) == "42%"
    assert n.format_count(9, pad=True) == "09"
    assert n.format_count(12, pad=True) == "12"
    assert n.format_scaled(13_900_000) == "13,9 triệu"
    assert n.format_scaled(23_000) == "23 nghìn"
    assert n.format_money_billion_vnd(4620) == "4.620 tỷ đồng"
    assert n.format_money_billion_vnd(97_000) == "97 nghìn tỷ đồng"


def test_dates_and_roman_numerals():
    assert n.format_date(date(2024, 8, 23)) == "23/8/2024"
    assert [n.roman(i) for i in (1, 2, 3, 4, 5, 9)] == ["I", "II", "III", "IV", "V", "IX"]


@pytest.mark.parametrize(("text", "value"), [("1.928.311", 1928311), ("42,2", Decimal("42.2")),
                                             ("50.350", 50350), ("7", 7)])
def test_parse_vietnamese_numbers(text, value):
    assert n.parse_vi_number(text) == value


def test_parse_rejects_words():
    with pytest.raises(ValueError):
        n.parse_vi_number("nhiều")
