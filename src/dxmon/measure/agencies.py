"""Which agency codes dossier records may carry, and the block each belongs to.

The registry (``dxmon.registry.service``) decides blocks and known codes; when it does not
know a code, provinces are ``P`` + digits (block ``dia_phuong``) and anything else is a
central body (``bo_nganh``). Agencies listed here get zero counts when they have no records.
"""

from __future__ import annotations

import re
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
