"""The validation rules declared in the catalogue, applied to every value that comes in.

Used by ``dxmon import`` (collect.flows) and by data value sets (collect.datavalues) alike:

- numbers: numerator and denominator are numbers, the denominator is > 0, and a share has
  numerator ≤ denominator (``validation.numerator_le_denominator``);
- ranges: ``validation.min``/``max``; percents and ratios default to 0–100, counts to
  non-negative integers;
- fractions: a percent given with its numerator and denominator equals 100 × numerator /
  denominator to the precision the value is written with, unless a comment says why not;
- change: a value that moves more than ``validation.max_change_pct`` percent against the
  agency's current value of the previous period needs a comment;
- completeness: ``validation.required_for`` lists the agency kinds that must report the
  indicator every period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy.orm import Session

from dxmon.catalog.loader import is_valid, load_catalog
from dxmon.catalog.schemas import Indicator, IndicatorKind, Unit
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period

CHANGE_NEEDS_COMMENT = "IMPORT_CHANGE_NEEDS_COMMENT"
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_COMMENT = 5000  # as for single values (the API's models)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REQUIRED_MISSING = "IMPORT_REQUIRED_MISSING"
AGENCY_NOT_IN_FORCE = "IMPORT_AGENCY_NOT_IN_FORCE"


class Collector(Protocol):
    """Where the problems of one row go (flows.RowProblems)."""

    def add(self, code: str, field_name: str, vi: str, en: str) -> None: ...


def parse_number(text: str) -> Decimal | None:
    """Read ``42.5``, ``42,5`` or ``1.928.311`` (Vietnamese grouping) into a Decimal."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    if not PLAIN_NUMBER.fullmatch(cleaned):  # Decimal would also read 1_000, １２ or ٣
        raise ValueError(text)
    try:
        number = Decimal(cleaned)
    except ArithmeticError:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def _storable(number: Decimal) -> bool:
    """What the store keeps exactly: under 10^18, at most 6 decimals (Numeric(24, 6)).
    The magnitude is checked first: normalising ``1e999999999`` would overflow."""
    if not -30 < number.adjusted() < 18:
        return number.is_zero()
    exponent = number.normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -6


def check_numbers(cells: dict[str, str], problems: Collector,
                  share: bool = True) -> dict[str, Decimal | None]:
    """Parse value, numerator and denominator; a share's numerator is ≤ its denominator."""
    numbers: dict[str, Decimal | None] = {}
    for name in ("value", "numerator", "denominator"):
        try:
            numbers[name] = parse_number(cells.get(name, ""))
        except ValueError:
            problems.add("IMPORT_NUMBER_INVALID", name,
                         f"'{cells[name]}' không phải là số.", f"'{cells[name]}' is not a number.")
            numbers[name] = None
            continue
        number = numbers[name]
        if number is not None and not _storable(number):
            problems.add("IMPORT_NUMBER_INVALID", name,
                         f"'{cells[name]}' quá lớn hoặc có hơn 6 chữ số thập phân.",
                         f"'{cells[name]}' is too large or has more than 6 decimals.")
            numbers[name] = None
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if denominator is not None and denominator <= 0:
        problems.add("IMPORT_DENOMINATOR_INVALID", "denominator",
                     "Mẫu số phải lớn hơn 0.", "The denominator must be greater than 0.")
    elif share and numerator is not None and denominator is not None \
            and numerator > denominator:
        problems.add("IMPORT_NUMERATOR_GT_DENOMINATOR", "numerator",
                     f"Tử số {numerator} lớn hơn mẫu số {denominator}.",
                     f"Numerator {numerator} is greater than denominator {denominator}.")
    if numerator is not None and numerator < 0:
        problems.add("IMPORT_VALUE_OUT_OF_RANGE", "numerator", "Tử số không được âm.",
                     "The numerator must not be negative.")
    return numbers


def range_rules(indicator: Indicator) -> dict[str, Any]:
    """min, max and integer of an indicator: declared, else the defaults of its kind."""
    rules: dict[str, Any] = {}
    if indicator.validation is not None:
        rules = indicator.validation.model_dump(include={"min", "max", "integer"},
                                                exclude_defaults=True)
    if indicator.kind in (IndicatorKind.PERCENT, IndicatorKind.RATIO) and "max" not in rules:
        rules.setdefault("min", 0)
        rules["max"] = 100 if indicator.kind == IndicatorKind.PERCENT else None
    if indicator.kind == IndicatorKind.COUNT:
        rules.setdefault("min", 0)
        rules.setdefault("integer", True)
    return rules


def check_range(indicator: Indicator, value: Decimal | None, problems: Collector) -> None:
    if value is None:
        return
    rules = range_rules(indicator)
    low, high = rules.get("min"), rules.get("max")
    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(
            str(high))):
        problems.add("IMPORT_VALUE_OUT_OF_RANGE", "value",
                     f"Giá trị {value} nằm ngoài khoảng cho phép [{low}; {high}].",
                     f"Value {value} is outside the allowed range [{low}; {high}].")
    if rules.get("integer") and value != value.to_integral_value():
        problems.add("IMPORT_VALUE_NOT_INTEGER", "value",
                     f"Giá trị {value} phải là số nguyên.", f"Value {value} must be an integer.")


def check_fraction(indicator: Indicator, numbers: dict[str, Decimal | None],
                   problems: Collector, comment: str | None) -> None:
    """A percent given with its numerator and denominator must be their ratio, to the precision
    the value is written with (80,5 with 805/1000; 80 with 801/1000; not 80,5 with 700/1000),
    unless a comment explains why it is kept (a published figure quoted as printed)."""
    if comment:
        return
    value, numerator, denominator = (numbers.get(name) for name in
                                     ("value", "numerator", "denominator"))
    if indicator.unit != Unit.PERCENT or value is None or numerator is None \
            or denominator is None or denominator <= 0:
        return
    share = indicator.validation is None or indicator.validation.numerator_le_denominator
    if share and numerator > denominator:
        return  # already refused by check_numbers
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = Decimal(5) / Decimal(10) ** (places + 1)
    expected = numerator * 100 / denominator
    if abs(value - expected) > tolerance:
        shown = expected.quantize(Decimal(1).scaleb(-max(places, 1)))
        problems.add("IMPORT_VALUE_FRACTION_MISMATCH", "value",
                     f"Giá trị {value}% không khớp tử số/mẫu số {numerator}/{denominator} "
                     f"(= {shown}%): sửa lại, hoặc ghi chú vì sao giữ.",
                     f"Value {value}% does not match numerator/denominator "
                     f"{numerator}/{denominator} (= {shown}%): correct it, or comment why "
                     "it is kept.")


def check_comment(comment: str, problems: Collector) -> None:
    if len(comment) > MAX_COMMENT or CONTROL.search(comment):
        problems.add("IMPORT_COMMENT_INVALID", "comment",
                     f"Ghi chú dài quá {MAX_COMMENT} ký tự hoặc chứa ký tự điều khiển.",
                     f"The comment is over {MAX_COMMENT} characters or holds control "
                     "characters.")


def check_values(indicator: Indicator | None, cells: dict[str, str],
                 problems: Collector) -> dict[str, Decimal | None]:
    """Every rule on one value's own cells (value, numerator, denominator, comment): numbers,
    then, for a known indicator, its range and its fraction. Returns the parsed numbers."""
    rules = indicator.validation if indicator is not None else None
    check_comment(cells.get("comment") or "", problems)
    numbers = check_numbers(cells, problems, rules.numerator_le_denominator if rules else True)
    if indicator is not None:
        check_range(indicator, numbers["value"], problems)
        check_fraction(indicator, numbers, problems, cells.get("comment") or None)
    return numbers


def check_agency_in_force(code: str, period: str, problems: Collector,
                          field_name: str = "scope") -> None:
    """A value belongs to an agency in force at the end of its period; otherwise the problem
    names the successor (or the predecessors) to report under."""
    from dxmon.registry.history import not_in_force_problem
    from dxmon.registry.service import get_agency

    problem = not_in_force_problem(get_agency(code), period)
    if problem is not None:
        problems.add(AGENCY_NOT_IN_FORCE, field_name, problem.message_vi, problem.message_en)


def _previous_value(session: Session, values: dict[str, Any]) -> Decimal | None:
    from dxmon.collect.service import current_observations

    previous = Period.parse(values["period"]).previous().id
    rows = current_observations(session, period=previous, indicator=values["indicator"],
                                scope=values["scope"], window=values["window"],
                                source=values.get("source") or "reported")
    return rows[0].value if rows else None


def change_problem(session: Session, values: dict[str, Any], where: str,
                   row: int) -> Problem | None:
    """A change beyond ``max_change_pct`` against the previous period needs a comment."""
    indicator = load_catalog().indicators.get(values["indicator"])
    limit = indicator.validation.max_change_pct if indicator and indicator.validation else None
    value = values.get("value")
    if limit is None or value is None or values.get("comment"):
        return None
    before = _previous_value(session, values)
    if before is None or before == 0:
        return None
    change = abs(value - before) / abs(before) * 100
    if change <= Decimal(str(limit)):
        return None
    return Problem(
        code=CHANGE_NEEDS_COMMENT, where=where, row=row, field="comment",
        message_vi=f"Giá trị thay đổi {change:.0f}% so với kỳ trước ({before}), vượt ngưỡng "
                   f"{limit:g}%: cần ghi chú giải thích.",
        message_en=f"The value changed {change:.0f}% against the previous period ({before}), "
                   f"beyond {limit:g}%: a comment must explain it.")


def required_indicators(agency_kind: str, period: str | None = None) -> list[Indicator]:
    """The indicators an agency of this kind must report every period, in catalogue order;
    with a period, only those valid on its last day (nothing is owed outside its validity)."""
    on = Period.parse(period).end if period else None
    return [indicator for indicator in load_catalog().indicators.values()
            if indicator.validation is not None
            and agency_kind in {str(kind) for kind in indicator.validation.required_for}
            and (on is None or is_valid(indicator, on))]


def missing_required(agency_kind: str, reported: Iterable[str],
                     period: str | None = None) -> list[Indicator]:
    have = set(reported)
    return [indicator for indicator in required_indicators(agency_kind, period)
            if indicator.code not in have]


def required_problems(agency_kind: str, reported: Iterable[str], where: str,
                      period: str | None = None) -> list[Problem]:
    """Warnings for the required indicators that have no value yet."""
    return [Problem(code=REQUIRED_MISSING, severity="warning", where=where, field="indicator",
                    message_vi=f"Chưa có số liệu chỉ tiêu bắt buộc '{indicator.code}' "
                               f"({indicator.name_vi}).",
                    message_en=f"The required indicator '{indicator.code}' "
                               f"({indicator.name_en}) has no value yet.")
            for indicator in missing_required(agency_kind, reported, period)]


PERIOD_LOOSE = re.compile(r"^\s*(\d{4})\s*[-/._ ]?\s*([SHQ]|TH[AÁ]NG|M)?\s*[-/._ ]?\s*(\d{1,2})?")


def suggest_periods(text: str) -> list[str]:
    """Period ids close to a mistyped one: ``2024-S1`` → 2024S1, ``2024/8`` → 2024-08."""
    match = PERIOD_LOOSE.match(text.strip().upper())
    if match is None:
        return []
    year, kind, number = match.group(1), match.group(2) or "", match.group(3)
    candidates = [year]
    if number is not None:
        index = int(number)
        if kind in ("S", "H") and index in (1, 2):
            candidates = [f"{year}S{index}"]
        elif kind == "Q" and 1 <= index <= 4:
            candidates = [f"{year}Q{index}"]
        elif 1 <= index <= 12:
            candidates = [f"{year}-{index:02d}"]
    found = []
    for candidate in candidates:
        try:
            found.append(Period.parse(candidate).id)
        except DxmonError:  # a candidate that is no period is no suggestion
            continue
    return found
