"""Per-agency XLSX templates for a period: the indicators the agency must report (its kind's
required indicators, then any other it already has a value for), Vietnamese headers, the agency's
current values filled in where the caller may read them. Filled in and uploaded back, the file
is a data value set (collect.valuesets reads the same labels).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import Indicator
from dxmon.collect import observations, tabular, validation
from dxmon.collect.datavalues import check_agency, check_period
from dxmon.periods import Period
from dxmon.scopes import agency_scope
from dxmon.store.tables import Observation

HEADERS = ("Mã chỉ tiêu (indicator)", "Tên chỉ tiêu", "Đơn vị tính", "Bắt buộc",
           "Giá trị (value)", "Tử số (numerator)", "Mẫu số (denominator)", "Ghi chú (comment)",
           "Quy tắc kiểm tra")
WIDTHS = (34, 60, 12, 10, 16, 16, 16, 40, 44)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class TemplateLine:
    indicator: Indicator
    required: bool
    current: Observation | None


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _bound(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def rule_text(indicator: Indicator) -> str:
    """The declared rules in a reporter's words (Vietnamese)."""
    rules = validation.range_rules(indicator)
    parts = []
    low, high = rules.get("min"), rules.get("max")
    if low is not None and high is not None:
        parts.append(f"từ {_bound(low)} đến {_bound(high)}")
    elif low is not None:
        parts.append(f"từ {_bound(low)} trở lên")
    elif high is not None:
        parts.append(f"không quá {_bound(high)}")
    if rules.get("integer"):
        parts.append("số nguyên")
    if indicator.numerator_label_vi:
        parts.append(f"tử số: {indicator.numerator_label_vi}; "
                     f"mẫu số: {indicator.denominator_label_vi}")
    limit = indicator.validation.max_change_pct if indicator.validation else None
    if limit:
        parts.append(f"thay đổi quá {limit:g}% so với kỳ trước cần ghi chú")
    return "; ".join(parts)


def lines(session: Session, *, user: Principal | None, agency: str,
          period: str) -> list[TemplateLine]:
    """The indicators of the agency's template, with the current values the user may read."""
    current = {row.indicator: row for row in observations.list_current(
        session, user=user, period=period, scope=agency_scope(agency), window="period")}
    kind = str(check_agency(agency, period).kind)
    required = validation.required_indicators(kind, period)
    codes = [indicator.code for indicator in required]
    catalog = load_catalog().indicators
    extra = [catalog[code] for code in sorted(current) if code not in codes and code in catalog]
    return [TemplateLine(indicator, indicator in required, current.get(indicator.code))
            for indicator in [*required, *extra]]


def build(session: Session, *, user: Principal | None, agency: str,
          period: str) -> tuple[bytes, str]:
    """The XLSX template of one agency for one period, and its file name."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    period_id = check_period(period)
    found = check_agency(agency, period_id)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    parsed = Period.parse(period_id)
    sheet.append(["Mã đơn vị (agency)", found.code, found.name_vi])
    sheet.append(["Kỳ báo cáo (period)", period_id, parsed.label_vi()])
    sheet.append(["Hướng dẫn", "Điền cột Giá trị (và Tử số, Mẫu số với chỉ tiêu tỷ lệ); "
                  "không sửa cột Mã chỉ tiêu; dòng để trống sẽ bỏ qua."])
    sheet.append(list(HEADERS))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for line in lines(session, user=user, agency=found.code, period=period_id):
        row = line.current
        tabular.append_as_text(sheet, [
            line.indicator.code, line.indicator.name_vi, line.indicator.unit_label_vi,
            "có" if line.required else "", _number(row.value) if row else None,
            _number(row.numerator) if row else None, _number(row.denominator) if row else None,
            row.comment if row else None, rule_text(line.indicator)])
    for letter, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "E5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), f"mau-nhap-lieu-{found.code}-{period_id}.xlsx"
