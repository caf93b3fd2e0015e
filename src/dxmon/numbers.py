"""Vietnamese number notation and the one rounding rule, shared by reports and the checker.

Rule, stated once: values are rounded half up (0,05 → 0,1) at the precision printed, from
exact decimals (never floats). Notation follows Babel's ``vi`` locale: ``.`` groups thousands,
``,`` marks decimals — 1.928.311; 42,2%. Scale words: ``nghìn`` (10³), ``triệu`` (10⁶) and, for
money in billions of đồng, ``tỷ đồng`` and ``nghìn tỷ đồng``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from babel.numbers import format_decimal

LOCALE = "vi"
ROUNDING = ROUND_HALF_UP
SCALES = ((Decimal(10) ** 6, "triệu"), (Decimal(10) ** 3, "nghìn"))
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

Number = Decimal | int | float | str


@contextmanager
def _half_up() -> Iterator[None]:
    with localcontext() as context:
        context.rounding = ROUNDING
        yield


def to_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    with _half_up():
        return to_decimal(value).quantize(quantum)


def format_number(value: Number, decimals: int | None = None, *, trim: bool = True) -> str:
    """``1928311`` → ``1.928.311``; ``42.24`` with 1 decimal → ``42,2``.

    ``decimals=None`` prints the value as stored, without trailing zeros. With ``trim`` a
    rounded value that is whole prints without decimals (42,0 → 42), as the seeds write it.
    """
    number = to_decimal(value)
    if decimals is None:
        number = number.normalize()
        decimals = max(0, -int(number.as_tuple().exponent))
    rounded = round_half_up(number, decimals)
    if trim and rounded == rounded.to_integral_value():
        decimals = 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with _half_up():
        return format_decimal(rounded, format=pattern, locale=LOCALE)


def format_percent(value: Number, decimals: int = 1, *, trim: bool = True) -> str:
    """A value already in percent: ``42.2`` → ``42,2%``."""
    return format_number(value, decimals, trim=trim) + "%"


def format_count(value: Number, *, pad: bool = False) -> str:
    """Whole counts; ``pad`` writes counts under 10 as the seeds do (``09``)."""
    number = round_half_up(value)
    if pad and 0 <= number < 10:
        return f"0{number}"
    return format_number(number, 0)


def format_scaled(value: Number, decimals: int = 1) -> str:
    """``13900000`` → ``13,9 triệu``; ``23000`` → ``23 nghìn``; small values unscaled."""
    number = to_decimal(value)
    for factor, word in SCALES:
        if abs(number) >= factor:
            return f"{format_number(number / factor, decimals)} {word}"
    return format_number(number, decimals)


def format_money_billion_vnd(value: Number, decimals: int = 0) -> str:
    """Money in billions of đồng: ``4620`` → ``4.620 tỷ đồng``; ``97000`` → ``97 nghìn tỷ đồng``."""
    number = to_decimal(value)
    if abs(number) >= 10_000:
        return f"{format_number(number / 1000, 1)} nghìn tỷ đồng"
    return f"{format_number(number, decimals)} tỷ đồng"


def format_date(day: date, *, pad: bool = False) -> str:
    """``23/8/2024``: day and month without leading zeros, as dashboards write it; with
    ``pad``, ``06/01/2022`` as reports write it (Decree 30/2020/NĐ-CP)."""
    if pad:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day}/{day.month}/{day.year}"


def roman(number: int) -> str:
    parts = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def parse_vi_number(text: str) -> Decimal:
    """Read Vietnamese notation (``1.928.311``, ``42,2``); raises ValueError otherwise."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def percent_of(numerator: Number, denominator: Number) -> Decimal:
    """numerator / denominator × 100, exact (rounding happens only when printing)."""
    return to_decimal(numerator) * 100 / to_decimal(denominator)
