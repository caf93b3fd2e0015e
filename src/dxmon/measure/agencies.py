"""Which agency codes dossier records may carry, and the block each belongs to.

The registry (``dxmon.registry.service``) decides blocks and known codes; when it does not
know a code, provinces are ``P`` + digits (block ``dia_phuong``) and anything else is a
central body (``bo_nganh``). Agencies listed here get zero counts when they have no records.

Records are counted for the unit in force in their month (``unit_in_month``): a record
carrying ``P48`` in August 2025 counts for Đà Nẵng as formed on 1 July 2025 (``P48.2025``),
and the reporting agencies of a month are those in force at its end (63 provinces, then 34).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache

from dxmon.errors import DxmonError

CENTRAL_AGENCIES = (
    "BQP", "BCA", "BNG", "BNV", "BTP", "BKHDT", "BTC", "BCT", "BNNPTNT", "BGTVT", "BXD",
    "BTNMT", "BTTTT", "BLDTBXH", "BVHTTDL", "BKHCN", "BGDDT", "BYT", "UBDT", "NHNN", "TTCP",
    "VPCP", "BHXH",
)
_PROVINCE = re.compile(r"^P\d{2}$")


@cache
def block_of(code: str) -> str:
    """The registry's block of ``code``; else ``dia_phuong`` for ``P`` + digits, else bo_nganh."""
    try:
        from dxmon.registry.service import get_agency

        return str(get_agency(code).block)
    except (ImportError, DxmonError):
        return "dia_phuong" if _PROVINCE.match(code) else "bo_nganh"


@cache
def registry_codes() -> frozenset[str]:
    try:
        from dxmon.registry.service import all_agencies
    except ImportError:
        return frozenset()
    return frozenset(agency.code for agency in all_agencies())


@cache
def province_codes() -> tuple[str, ...]:
    from dxmon.registry.adminunits import query

    rows = query("select distinct provinceCode from admin_units_legacy")
    return tuple(sorted(f"P{row['provinceCode']}" for row in rows))


@cache
def reporting_agencies() -> tuple[str, ...]:
    """The 63 provinces and the central bodies: every one gets figures, even with no records."""
    return (*province_codes(), *CENTRAL_AGENCIES)


@cache
def known_agencies() -> tuple[str, ...]:
    """Every agency code accepted in dossier records."""
    extra = sorted(registry_codes() - set(reporting_agencies()))
    return (*reporting_agencies(), *extra)


def month_end(key: int) -> date:
    year, month = key // 12, key % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


@cache
def unit_in_month(code: str, key: int) -> str:
    """The unit a record of ``code`` counts for in month ``key``: its successor once it has
    ended, its only predecessor before it began; itself otherwise (or when unknown, or when
    several predecessors share it and it cannot be split)."""
    try:
        from dxmon.registry.history import units_on

        units = units_on(code, month_end(key))
    except (ImportError, DxmonError):
        return code
    return units[0] if len(units) == 1 else code


@cache
def reporting_agencies_in(key: int) -> tuple[str, ...]:
    """The reporting agencies of month ``key``: each one mapped to the unit in force then."""
    units = (unit_in_month(code, key) for code in reporting_agencies())
    return tuple(dict.fromkeys(code for code in units if _in_force(code, month_end(key))))


def _in_force(code: str, day: date) -> bool:
    try:
        from dxmon.registry.service import get_agency

        return get_agency(code).in_force(day)
    except (ImportError, DxmonError):
        return True
