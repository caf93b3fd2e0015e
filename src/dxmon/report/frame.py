"""The document frame of a report (Decree 30/2020/NĐ-CP): issuer, number pattern, place and
date line, signature block and recipients, from data as of the report's date.

The issuing agency's name comes from the registry (the agency in force on the date); the rest
from ``report/data/issuers.yaml``. Narrative blocks ``meta.*`` override any part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period, PeriodKind
from dxmon.registry.service import get_agency
from dxmon.report.context import ReportMeta

BLANK = "      "  # the blank spaces a clerk fills in by hand (number, day, month)


@dataclass(frozen=True)
class Issuer:
    agency: str
    abbreviation: str
    place: str
    signer_authority: str
    signer_position: str
    signer_name: str
    recipients: tuple[str, ...]
    valid_from: date | None = None
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))

    @property
    def name(self) -> str:
        return get_agency(self.agency).name_vi


@cache
def issuers() -> tuple[Issuer, ...]:
    text = (resources.files("dxmon.report") / "data" / "issuers.yaml").read_text("utf-8")
    records: list[dict[str, Any]] = yaml.safe_load(text)
    return tuple(Issuer(**{**record, "recipients": tuple(record.get("recipients", []))})
                 for record in records)


def issuer_on(day: date) -> Issuer:
    for issuer in issuers():
        if issuer.in_force(day):
            return issuer
    raise DxmonError(Problem(
        code="REPORT_ISSUER_UNKNOWN", field="period",
        message_vi=f"Không có cơ quan ban hành báo cáo vào ngày {day:%d/%m/%Y} "
                   "(report/data/issuers.yaml).",
        message_en=f"No issuing agency for reports on {day.isoformat()} "
                   "(report/data/issuers.yaml)."))


def issue_year(period: Period) -> int:
    """A year or second-half report is written in the January after the period."""
    ends_the_year = period.kind is PeriodKind.YEAR or (
        period.kind is PeriodKind.HALF and period.index == 2)
    return period.year + 1 if ends_the_year else period.year


def default_meta(period: Period, title: str) -> ReportMeta:
    issuer = issuer_on(period.end)
    signature = (issuer.signer_authority, issuer.signer_position, "", "", "",
                 issuer.signer_name)
    return ReportMeta(title=title, issuer=issuer.name,
                      number_line=f"Số:{BLANK}/BC-{issuer.abbreviation}",
                      place_date_line=f"{issuer.place}, ngày{BLANK}tháng{BLANK}năm "
                                      f"{issue_year(period)}",
                      signature_lines=tuple(line for line in signature),
                      recipients=issuer.recipients)
