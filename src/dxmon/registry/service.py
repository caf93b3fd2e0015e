"""The agencies dxmon knows, with their history.

Central bodies come from ``data/central_agencies.yaml``. Provinces come from the maintained
package ``vietnamadminunits`` (MIT): the 63 provinces in force until 30 June 2025, the 34 from
1 July 2025, and its province-level old → new map; ``data/province_overrides.yaml`` adds only
what the package lacks (city status, 2024 names, spellings seen in reports).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError
from unidecode import unidecode

from dxmon.errors import DxmonError, Problem
from dxmon.registry import adminunits, errors
from dxmon.registry.communes import communes
from dxmon.registry.schemas import AgencyKind, AgencyRead, Block, Level
from dxmon.suggest import did_you_mean_keyed

MERGER_DAY = date(2025, 7, 1)
LAST_DAY_OF_63 = date(2025, 6, 30)
# libyaml's safe loader when PyYAML has it (parses the registry ten times faster)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CENTRAL_KINDS = {AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY,
                 AgencyKind.GOVERNMENT_AGENCY}


def _data(name: str) -> Any:
    text = (resources.files("dxmon.registry") / "data" / name).read_text("utf-8")
    return yaml.load(text, Loader=SAFE_LOADER)


def _central_agencies() -> list[AgencyRead]:
    agencies = []
    for index, record in enumerate(_data("central_agencies.yaml")):
        kind = AgencyKind(record["kind"])
        block = Block.MINISTRIES if kind in CENTRAL_KINDS else Block.OTHER
        try:
            agencies.append(AgencyRead(block=block, **record))
        except ValidationError as error:
            raise DxmonError(Problem(
                code=errors.DATA_INVALID, where=f"central_agencies.yaml, record {index + 1}",
                message_vi=f"Dữ liệu cơ quan không hợp lệ: {error}",
                message_en=f"Invalid agency record: {error}")) from None
    return agencies


def _package_provinces(table: str) -> list[dict[str, Any]]:
    rows = adminunits.query(f"SELECT DISTINCT provinceCode, province, provinceShort, "
                            f"provinceKey FROM {table} ORDER BY provinceCode")
    return [dict(row) for row in rows]


def _merger_map() -> dict[str, list[str]]:
    """New province key → the old province keys it was formed from (1 July 2025)."""
    path = adminunits.data_path("converter_2025.json")
    return dict(json.loads(path.read_text("utf-8"))["DICT_PROVINCE"])


def _english(short: str, is_city: bool) -> str:
    return f"{unidecode(short)} {'City' if is_city else 'Province'}"


def _province(row: dict[str, Any], overrides: dict[str, Any], *, cities: list[str],
              **fields: Any) -> AgencyRead:
    code = row["provinceCode"]
    is_city = code in cities
    short = row["provinceShort"]
    display = overrides.get("short_names", {}).get(code) or (f"TP. {short}" if is_city
                                                              else short)
    name = fields.pop("former_name", None) or {}
    return AgencyRead(
        official_code=code,
        name_vi=name.get("name_vi") or row["province"],
        name_en=_english(name.get("short_name") or short, is_city),
        short_name=name.get("short_name") or display,
        kind=AgencyKind.CITY if is_city else AgencyKind.PROVINCE,
        block=Block.PROVINCES,
        level=Level.PROVINCE,
        aliases=[short, *overrides.get("aliases", {}).get(code, [])],
        **fields,
    )


def _provinces() -> list[AgencyRead]:
    overrides = _data("province_overrides.yaml")
    merger = _merger_map()
    old_rows = {row["provinceKey"]: row for row in _package_provinces("admin_units_legacy")}
    new_rows = _package_provinces("admin_units")
    successor_of: dict[str, str] = {}
    new_units = []
    for row in new_rows:
        predecessors = merger.get(row["provinceKey"], [row["provinceKey"]])
        if predecessors == [row["provinceKey"]] and row["provinceKey"] in old_rows:
            continue  # unchanged: the old unit goes on
        code = f"P{row['provinceCode']}.2025"
        old_codes = [f"P{old_rows[key]['provinceCode']}" for key in predecessors]
        for old in old_codes:
            successor_of[old] = code
        new_units.append(_province(row, overrides, cities=overrides["cities_from_2025"],
                                   code=code, valid_from=MERGER_DAY, predecessors=old_codes))
    old_units = []
    for row in old_rows.values():
        code = f"P{row['provinceCode']}"
        renamed = overrides.get("renamed", {}).get(row["provinceCode"])
        if renamed:
            old_units += _renamed(row, overrides, renamed, successor_of.get(code))
            continue
        old_units.append(_province(
            row, overrides, cities=overrides["cities_before_2025"], code=code,
            valid_to=LAST_DAY_OF_63 if code in successor_of else None,
            successor=successor_of.get(code)))
    return sorted(old_units, key=lambda a: a.code) + sorted(new_units, key=lambda a: a.code)


def _renamed(row: dict[str, Any], overrides: dict[str, Any], renamed: dict[str, Any],
             later_successor: str | None) -> list[AgencyRead]:
    """A unit renamed on ``renamed["since"]``: the old name until the day before, then a new
    unit under the same official code (Thừa Thiên Huế → Thành phố Huế on 1 January 2025)."""
    code, on = f"P{row['provinceCode']}", renamed["since"]
    new_code = f"{code}.{on.year}"
    before = _province(row, overrides, cities=overrides["cities_before_2025"], code=code,
                       valid_to=on - timedelta(days=1), successor=new_code,
                       former_name=renamed)
    after = _province(row, overrides, cities=overrides["cities_from_2025"], code=new_code,
                      valid_from=on, predecessors=[code],
                      valid_to=LAST_DAY_OF_63 if later_successor else None,
                      successor=later_successor)
    return [before, after]


@cache
def all_agencies() -> tuple[AgencyRead, ...]:
    """Every agency dxmon knows, past and present (central bodies in protocol order), then
    the communes and wards under the provinces in force from 1 July 2025."""
    provinces = _provinces()
    return tuple(_central_agencies() + provinces + communes(_provinces_from(provinces, MERGER_DAY)))


def _provinces_from(provinces: list[AgencyRead], day: date) -> dict[str, str]:
    """Official province code → registry code of the province in force on ``day``."""
    return {str(p.official_code): p.code for p in provinces if p.in_force(day)}


@cache
def _by_code() -> dict[str, AgencyRead]:
    return {agency.code: agency for agency in all_agencies()}


@cache
def display_names() -> dict[str, str]:
    """Names offered as hints, each with its agency's code: central bodies and provinces
    (3,321 commune names would drown the hints for a mistyped province)."""
    return {name: agency.code for agency in all_agencies() if agency.level != Level.COMMUNE
            for name in (agency.name_vi, agency.short_name, *agency.aliases)}


@cache
def _hint_labels() -> dict[str, str]:
    codes = {agency.code: agency.code for agency in all_agencies()
             if agency.level != Level.COMMUNE}
    return {**display_names(), **codes}


def agency_hints(text: str) -> str:
    """The agencies nearest to a mistyped code or name, as ``TP. Hà Nội (P01), …``: the one
    hint of the registry, the name resolver and every import."""
    codes = did_you_mean_keyed(text, _hint_labels())
    return ", ".join(f"{_by_code()[code].short_name} ({code})" for code in codes)


def get_agency(code: str) -> AgencyRead:
    agency = _by_code().get(code)
    if agency is None:
        suggestions = agency_hints(code)
        raise DxmonError(Problem(
            code=errors.AGENCY_UNKNOWN, field="agency",
            message_vi=f"Không có cơ quan mã '{code}'. Gợi ý: {suggestions}.",
            message_en=f"No agency with code '{code}'. Did you mean: {suggestions}?"))
    return agency


def list_agencies(*, as_of: date, block: Block | str | None = None,
                  kinds: Iterable[AgencyKind | str] | None = None,
                  level: Level | str | Iterable[Level | str] | None = None,
                  province: str | None = None) -> list[AgencyRead]:
    """The agencies in force on ``as_of``, optionally of one block, some kinds, some levels and
    (communes) one province. Without ``level``: central bodies and provinces, as always;
    communes and wards only when asked (``level="commune"``)."""
    wanted_kinds = {str(kind) for kind in kinds} if kinds is not None else None
    return [agency for agency in _in_force(as_of, _levels(level))
            if (block is None or str(agency.block) == str(block))
            and (wanted_kinds is None or str(agency.kind) in wanted_kinds)
            and (province is None or agency.parent == province or agency.code == province)]


def _levels(level: Level | str | Iterable[Level | str] | None) -> frozenset[str]:
    if level is None:
        return frozenset({str(Level.CENTRAL), str(Level.PROVINCE)})
    if isinstance(level, str):
        return frozenset({str(level)})
    return frozenset(str(item) for item in level)


@lru_cache(maxsize=512)
def _in_force(as_of: date, levels: frozenset[str]) -> tuple[AgencyRead, ...]:
    return tuple(agency for agency in all_agencies()
                 if str(agency.level) in levels and agency.in_force(as_of))


def predecessors_of(code: str) -> list[AgencyRead]:
    return [get_agency(old) for old in get_agency(code).predecessors]


def successors_of(code: str) -> list[AgencyRead]:
    """The chain of units that replaced ``code``, nearest first."""
    chain = []
    current = get_agency(code)
    while current.successor:
        current = get_agency(current.successor)
        chain.append(current)
    return chain


# The bodies that owe the programme's periodic reports: the 22 ministries and ministerial-level
# agencies (17 from 1 March 2025) and the provinces (63, then 34). Government agencies and the
# "khac" block (VCCI, courts…) are named in reports but owe none.
REPORTING_KINDS: dict[str, tuple[AgencyKind, ...]] = {
    Block.MINISTRIES: (AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY),
    Block.PROVINCES: (AgencyKind.PROVINCE, AgencyKind.CITY),
}


def reporting_units(*, as_of: date, block: Block | str | None = None) -> list[AgencyRead]:
    """The agencies that owe reports on ``as_of`` (of one block, or of both)."""
    blocks = (str(block),) if block is not None else tuple(str(b) for b in REPORTING_KINDS)
    return list(_reporting_units(as_of, blocks))


@cache
def _reporting_units(as_of: date, blocks: tuple[str, ...]) -> tuple[AgencyRead, ...]:
    return tuple(agency for name in blocks if name in REPORTING_KINDS
                 for agency in list_agencies(as_of=as_of, block=name,
                                             kinds=REPORTING_KINDS[name]))
