from decimal import Decimal

from dxmon.compute.changes import Change
from dxmon.compute.ratios import Fraction, attainment, pooled
from dxmon.numbers import format_percent


def test_pooled_rate_is_a_ratio_of_sums():
    emc = pooled([Fraction.of(19, 21), Fraction.of(63, 63)])
    assert (emc.numerator, emc.denominator) == (82, 84)
    assert format_percent(emc.percent) == "97,6%"
    assert format_percent(pooled([Fraction.of(15, 22), Fraction.of(63, 63)]).percent) == "91,8%"


def test_fraction_and_attainment():
    assert format_percent(Fraction.of(43, 53).percent) == "81,1%"
    assert Fraction.of(43, 53).remainder == 10
    assert Fraction.of(1, 0).percent is None
    assert format_percent(attainment(50350, 48000)) == "104,9%"


def test_changes():
    fibre = Change.of(Decimal("82.2"), Decimal("79.6"))
    assert fibre.absolute == Decimal("2.6") and fibre.direction == "tăng"
    assert Change.of(2699, 2305).relative_percent.quantize(Decimal("0.1")) == Decimal("17.1")
    assert Change.of(5, 5).direction == "không đổi"
    assert Change.of(1, 0).relative_percent is None
