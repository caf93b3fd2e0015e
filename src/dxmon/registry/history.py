"""The 2025 restructuring as lookups: which units replaced a unit, which units it replaced, and
which unit stands for a code on a given day.

``successors(code, on=...)`` follows successor links forward to the units in force on ``on``;
``predecessors(code, on=...)`` follows predecessor links back to the units in force on ``on``
(``P79.2025`` on 2024-08-31 → ``P74, P77, P79``). Without ``on`` they give the direct links.
Figures for a merged unit before it existed are ratios of the sums over its predecessors.
"""

from __future__ import annotations

from datetime import date

from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.registry import errors
from dxmon.registry.schemas import AgencyRead
from dxmon.registry.service import get_agency


def successors(code: str, *, on: date | None = None) -> list[str]:
    """The units that replaced ``code``: the direct successor, or with ``on`` the unit in
    force on that day reached by following successors (empty: none, or abolished without one)."""
    current = get_agency(code)
    if on is None:
        return [current.successor] if current.successor else []
    while current.successor and not current.in_force(on):
        current = get_agency(current.successor)
    return [current.code] if current.code != code and current.in_force(on) else []


def predecessors(code: str, *, on: date | None = None) -> list[str]:
    """The units ``code`` was formed from: the direct ones, or with ``on`` those in force on
    that day reached by following predecessors back (sorted codes, no repeats)."""
    agency = get_agency(code)
    if on is None:
        return list(agency.predecessors)
    found: set[str] = set()
    pending = list(agency.predecessors)
    while pending:
        older = get_agency(pending.pop())
        if older.in_force(on):
            found.add(older.code)
        else:
            pending.extend(older.predecessors)
    return sorted(found)


def units_on(code: str, on: date) -> list[str]:
    """The units that stand for ``code`` on ``on``: itself when in force, else its successor
    (after it ended) or its predecessors (before it began)."""
    agency = get_agency(code)
    if agency.in_force(on):
        return [agency.code]
    if agency.valid_to is not None and on > agency.valid_to:
        return successors(code, on=on)
    return predecessors(code, on=on)


def unit_names(codes: list[str]) -> str:
    """``TP. Đà Nẵng (P48.2025), …``: how messages name the units to use instead."""
    return ", ".join(f"{get_agency(code).short_name} ({code})" for code in codes)


def not_in_force_problem(agency: AgencyRead, period: str) -> Problem | None:
    """Why ``agency`` may not carry a value for ``period`` (not in force on the period's last
    day), naming the unit(s) to report under instead; None when it may."""
    parsed = Period.parse(period)
    if agency.in_force(parsed.end):
        return None
    instead = units_on(agency.code, parsed.end)
    later = agency.valid_to is not None and parsed.end > agency.valid_to
    if later:
        until = agency.valid_to.strftime("%d/%m/%Y") if agency.valid_to else ""
        vi = f"{agency.short_name} ({agency.code}) đã hết hiệu lực sau ngày {until}"
        en = f"{agency.short_name} ({agency.code}) is not in force after {agency.valid_to}"
        target_vi, target_en = "đơn vị kế thừa", "its successor"
    else:
        since = agency.valid_from.strftime("%d/%m/%Y") if agency.valid_from else ""
        vi = f"{agency.short_name} ({agency.code}) chỉ có từ ngày {since}"
        en = f"{agency.short_name} ({agency.code}) exists only from {agency.valid_from}"
        target_vi, target_en = "các đơn vị trước đó", "its predecessors"
    if instead:
        vi += f"; kỳ {parsed.id} báo cáo theo {target_vi}: {unit_names(instead)}"
        en += f"; report {parsed.id} under {target_en}: {unit_names(instead)}"
    return Problem(code=errors.AGENCY_NOT_IN_FORCE, field="agency",
                   message_vi=vi + ".", message_en=en + ".")


def ensure_in_force(code: str, period: str) -> AgencyRead:
    """The agency ``code`` if it is in force at the end of ``period``; else a DxmonError that
    names its successor (or predecessors)."""
    agency = get_agency(code)
    problem = not_in_force_problem(agency, period)
    if problem is not None:
        raise DxmonError(problem)
    return agency
