"""Coverage: every number is part of a checked claim or listed with the reason it was not."""

from pathlib import Path

from dxmon.check.service import check_path, check_text

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def test_every_number_is_checked_or_has_a_reason() -> None:
    text = ("Theo Quyết định số 865/QĐ-TTg ngày 17/8/2024, lần thứ 8: đã hoàn thành **16/28** "
            "nhiệm vụ (57%); 6 tháng đầu năm có 45 hội nghị.")
    coverage = check_text(text).coverage
    assert coverage is not None
    reasons = [(u.text, u.reason) for u in coverage.unchecked]
    assert reasons == [("865", "document_number"), ("17", "date"), ("8", "date"),
                       ("2024", "date"), ("8", "ordinal"), ("6", "date"), ("45", "no_rule")]
    assert coverage.by_kind == {"fraction_percent": 3}
    assert coverage.numbers == coverage.checked + len(coverage.unchecked) == 10


def test_seed_coverage_counts_add_up() -> None:
    for seed in SEEDS.glob("*.txt"):
        coverage = check_path(seed).coverage
        assert coverage is not None
        assert coverage.checked == sum(coverage.by_kind.values())
        assert coverage.numbers == coverage.checked + sum(coverage.unchecked_by_reason.values())
        assert coverage.checked >= 30
