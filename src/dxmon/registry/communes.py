"""Communes, wards and special zones: the local tier from 1 July 2025, under their provinces.

Loaded from the maintained package ``vietnamadminunits`` (its ``admin_units`` table holds the
3,321 units with their official codes), not typed in. Codes are ``X`` + the official 5-digit
code; ``parent`` is the registry code of the province in force from 1 July 2025.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dxmon.registry.schemas import AgencyKind, AgencyRead, Block, Level

COMMUNES_FROM = date(2025, 7, 1)
KINDS = {"Xã": AgencyKind.COMMUNE, "Phường": AgencyKind.WARD,
         "Đặc khu": AgencyKind.SPECIAL_ZONE}
KIND_EN = {AgencyKind.COMMUNE: "Commune", AgencyKind.WARD: "Ward",
           AgencyKind.SPECIAL_ZONE: "Special Zone"}


def _rows() -> list[dict[str, Any]]:
    from dxmon.registry.adminunits import query

    return [dict(row) for row in query(
        "SELECT wardCode, ward, wardShort, wardType, wardShortKeyDuplicated, provinceCode, "
        "provinceShort FROM admin_units ORDER BY provinceCode, wardCode")]


def _commune(row: dict[str, Any], parent: str) -> AgencyRead:
    from unidecode import unidecode

    kind = KINDS.get(row["wardType"], AgencyKind.COMMUNE)
    short = row["wardShort"]
    aliases = [f"{row['ward']}, {row['provinceShort']}"]
    if not row["wardShortKeyDuplicated"]:
        aliases.append(f"{short} ({row['provinceShort']})")
    return AgencyRead(
        code=f"X{row['wardCode']}", official_code=row["wardCode"], name_vi=row["ward"],
        name_en=f"{unidecode(short)} {KIND_EN[kind]}", short_name=row["ward"], kind=kind,
        block=Block.PROVINCES, valid_from=COMMUNES_FROM, aliases=aliases,
        level=Level.COMMUNE, parent=parent)


def communes(province_codes: Mapping[str, str]) -> list[AgencyRead]:
    """Every commune and ward; ``province_codes`` maps an official province code to the
    registry code of the province in force from 1 July 2025 (``"79"`` → ``P79.2025``)."""
    return [_commune(row, province_codes[row["provinceCode"]]) for row in _rows()]
