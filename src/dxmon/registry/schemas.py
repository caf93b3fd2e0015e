"""Pydantic shapes of the registry."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field


class AgencyKind(StrEnum):
    MINISTRY = "ministry"  # Bộ
    MINISTERIAL_AGENCY = "ministerial_agency"  # Cơ quan ngang bộ
    GOVERNMENT_AGENCY = "government_agency"  # Cơ quan thuộc Chính phủ
    PROVINCE = "province"  # Tỉnh
    CITY = "city"  # Thành phố trực thuộc Trung ương
    ORGANISATION = "organisation"  # other bodies named in reports (VCCI, courts, SOEs…)
    COMMUNE = "commune"  # Xã
    WARD = "ward"  # Phường
    SPECIAL_ZONE = "special_zone"  # Đặc khu


class Level(StrEnum):
    """The tier of a unit: central bodies, provinces, communes and wards (from 1 July 2025)."""

    CENTRAL = "central"
    PROVINCE = "province"
    COMMUNE = "commune"


class Block(StrEnum):
    MINISTRIES = "bo_nganh"  # bộ, ngành (central bodies)
    PROVINCES = "dia_phuong"  # địa phương
    OTHER = "khac"


class AgencyRead(BaseModel):
    """One agency as registered; ``code`` is the registry key used everywhere in dxmon.

    Keys: provinces ``P`` + official 2-digit code (``P31``); a province formed by the
    1 July 2025 merger gets ``.2025`` (``P31.2025``), one left unchanged keeps its key.
    Central bodies use the abbreviation of their document suffix (``BTTTT``, ``BCA``).
    Communes and wards (from 1 July 2025) are ``X`` + their official 5-digit code (``X00004``),
    with ``level`` commune and ``parent`` the code of their province.
    """

    code: str
    official_code: str | None = None  # province code of QĐ 124/2004 and QĐ 19/2025
    name_vi: str
    name_en: str
    short_name: str
    kind: AgencyKind
    block: Block
    valid_from: date | None = None  # None: in force since before dxmon's history starts
    valid_to: date | None = None  # last day in force; None: still in force
    predecessors: list[str] = Field(default_factory=list)
    successor: str | None = None
    aliases: list[str] = Field(default_factory=list)
    level: Level = Level.CENTRAL
    parent: str | None = None  # a commune's province code

    def in_force(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )
