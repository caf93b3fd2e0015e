from datetime import date

import pytest

from dxmon.errors import DxmonError
from dxmon.periods import Period, PeriodKind, parse_as_of


@pytest.mark.parametrize(
    ("text", "kind", "canonical"),
    [
        ("2024", PeriodKind.YEAR, "2024"),
        ("2024S1", PeriodKind.HALF, "2024S1"),
        ("2024s2", PeriodKind.HALF, "2024S2"),
        ("2024Q1", PeriodKind.QUARTER, "2024Q1"),
        ("2024Q4", PeriodKind.QUARTER, "2024Q4"),
        ("2024-08", PeriodKind.MONTH, "2024-08"),
        ("202408", PeriodKind.MONTH, "2024-08"),
        (" 2024-12 ", PeriodKind.MONTH, "2024-12"),
    ],
)
def test_every_period_form_parses_to_its_canonical_id(text, kind, canonical):
    period = Period.parse(text)
    assert period.kind is kind
    assert period.id == canonical


@pytest.mark.parametrize("bad", ["", "24", "2024S3", "2024Q5", "2024-13", "2024-00", "20241",
                                 "2024H1", "abc", "2024-8", "99999"])
def test_wrong_period_ids_are_clear_errors(bad):
    with pytest.raises(DxmonError) as info:
        Period.parse(bad)
    problem = info.value.problems[0]
    assert problem.code == "PERIOD_INVALID"
    assert "không hợp lệ" in problem.message_vi and "Invalid period" in problem.message_en


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024S1", "6 tháng đầu năm 2024"),
        ("2024S2", "6 tháng cuối năm 2024"),
        ("2024-08", "tháng 8/2024"),
        ("2024Q3", "quý III/2024"),
        ("2023", "năm 2023"),
    ],
)
def test_vietnamese_labels(text, label):
    assert Period.parse(text).label_vi() == label


def test_navigation():
    assert Period.parse("2024-01").previous().id == "2023-12"
    assert Period.parse("2024S1").previous().id == "2023S2"
    assert Period.parse("2024Q1").previous().id == "2023Q4"
    assert Period.parse("2024-12").next().id == "2025-01"
    assert Period.parse("2024S1").same_period_last_year().id == "2023S1"
    assert Period.parse("2024-08").same_period_last_year().id == "2023-08"
    assert Period.parse("2024S1").end_of_previous_year().id == "2023"


def test_calendar_and_reporting_windows():
    h1 = Period.parse("2024S1")
    assert (h1.start, h1.end) == (date(2024, 1, 1), date(2024, 6, 30))
    assert Period.parse("2024-02").end == date(2024, 2, 29)
    august = Period.parse("2024-08")
    assert august.reporting_window() == (date(2024, 7, 20), date(2024, 8, 20))
    assert august.year_to_date_window() == (date(2024, 1, 1), date(2024, 8, 19))
    assert Period.parse("2024Q3").contains(date(2024, 9, 30))


def test_as_of_dates():
    assert parse_as_of("2024-06-30") == date(2024, 6, 30)
    with pytest.raises(DxmonError) as info:
        parse_as_of("30/06/2024")
    assert info.value.code == "AS_OF_INVALID"
