"""Pydantic shapes of the catalogue records (one YAML record each; unknown fields are errors)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from dxmon.errors import DxmonError
from dxmon.periods import parse_period

CODE_PATTERN = r"^[a-z][a-z0-9_]*$"
TASK_CODE_PATTERN = r"^[a-z][a-z0-9_]*-\d{2,3}$"

# Agency codes the catalogue may name (the registry is the authority on names and history;
# the catalogue only needs to recognise the keys): ministries and ministerial-level agencies
# by the abbreviation of their document suffix, government agencies, provinces ``P`` + the
# official 2-digit code (``P31``; ``P31.2025`` for a province formed by the 2025 merger).
MINISTRY_CODES: frozenset[str] = frozenset({
    "BQP", "BCA", "BNG", "BNV", "BTP", "BKHDT", "BTC", "BCT", "BNNPTNT", "BGTVT", "BXD",
    "BTNMT", "BTTTT", "BLDTBXH", "BVHTTDL", "BKHCN", "BGDDT", "BYT", "UBDT", "NHNN", "TTCP",
    "VPCP", "BNV.2025", "BTC.2025", "BXD.2025", "BKHCN.2025", "BNNMT", "BDTTG",
})
GOVERNMENT_AGENCY_CODES: frozenset[str] = frozenset({
    "VOV", "BQLLANG", "BHXH", "TTXVN", "VTV", "VAST", "VASS", "CMSC",
})
PROVINCE_CODE = re.compile(r"^P\d{2}(\.\d{4})?$")
COMMUNE_CODE = re.compile(r"^X\d{5}$")  # a commune or ward from 1 July 2025: X + official code


BILINGUAL_SEPARATOR = " ‖ "


def bilingual(vi: str, en: str) -> ValueError:
    """A validation error carrying both languages; the loader splits it into a Problem."""
    return ValueError(f"{vi}{BILINGUAL_SEPARATOR}{en}")


def is_agency_code(code: str) -> bool:
    return (code in MINISTRY_CODES or code in GOVERNMENT_AGENCY_CODES
            or PROVINCE_CODE.match(code) is not None or COMMUNE_CODE.match(code) is not None)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Validity(Record):
    """When a definition is owed: from ``valid_from`` to ``valid_to`` (inclusive dates), and/or
    only in the calendar ``years`` listed; nothing given means always."""

    valid_from: date | None = None
    valid_to: date | None = None
    years: tuple[int, ...] = ()

    @field_validator("valid_to")
    @classmethod
    def _ordered(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("valid_from")
        if value is not None and start is not None and start > value:
            raise bilingual(f"ngày kết thúc valid_to ({value}) trước valid_from ({start})",
                            f"the end valid_to ({value}) is before valid_from ({start})")
        return value

    @field_validator("years")
    @classmethod
    def _years(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 2000 <= year <= 2100 for year in value):
            raise bilingual("các năm trong years phải từ 2000 đến 2100",
                            "the years listed must be between 2000 and 2100")
        return value


Code = Annotated[str, Field(pattern=CODE_PATTERN, min_length=2, max_length=80)]
Text = Annotated[str, Field(min_length=1)]


# --- indicators -------------------------------------------------------------------------

class Pillar(StrEnum):
    THE_CHE = "the_che"  # thể chế
    LANH_DAO_DIEU_HANH = "lanh_dao_dieu_hanh"  # lãnh đạo, điều hành
    DU_LIEU_SO = "du_lieu_so"  # dữ liệu số
    HA_TANG_SO = "ha_tang_so"  # hạ tầng số
    CHINH_PHU_SO = "chinh_phu_so"  # chính phủ số
    KINH_TE_SO = "kinh_te_so"  # kinh tế số
    XA_HOI_SO = "xa_hoi_so"  # xã hội số
    AN_TOAN_THONG_TIN = "an_toan_thong_tin"  # an toàn thông tin


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    BILLION_VND = "billion_vnd"
    BILLION_USD = "billion_usd"
    RANK = "rank"
    ORDINAL = "ordinal"
    MEGAWATT = "megawatt"
    YEARS = "years"
    HOURS = "hours"
    RATIO = "ratio"


class IndicatorKind(StrEnum):
    COUNT = "count"  # a number of things (integer)
    AMOUNT = "amount"  # money, capacity, duration…
    PERCENT = "percent"  # a percentage that is not a share of two stored counts (growth…)
    RATIO = "ratio"  # numerator / denominator, stored with both


class Rollup(StrEnum):
    SUM = "sum"
    RATIO_OF_SUMS = "ratio_of_sums"
    COUNT_MEETING = "count_meeting"  # number of agencies meeting a condition
    NONE = "none"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    NONE = "none"


class IndicatorSource(StrEnum):
    REPORTED = "reported"
    MEASURED = "measured"
    COMPUTED = "computed"


class Validation(Record):
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_change_pct: float | None = Field(default=None, gt=0)
    # a share (part of a whole) has numerator ≤ denominator; progress against a target may not
    numerator_le_denominator: bool = True
    # the agency kinds that must report this indicator every period (collect.validation)
    required_for: tuple[AgencyKind, ...] = ()

    @model_validator(mode="after")
    def _bounds(self) -> Validation:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise bilingual(f"min ({self.min}) lớn hơn max ({self.max})",
                            f"min ({self.min}) is greater than max ({self.max})")
        return self


class SourcePrecedence(Record):
    """Which source's value stands for the figure at each level of scope, first found wins.
    Every source's value is kept; the others are shown beside it where they differ."""

    agency: tuple[IndicatorSource, ...] = (IndicatorSource.REPORTED, IndicatorSource.MEASURED,
                                           IndicatorSource.COMPUTED)
    block: tuple[IndicatorSource, ...] = (IndicatorSource.REPORTED, IndicatorSource.COMPUTED,
                                          IndicatorSource.MEASURED)
    nation: tuple[IndicatorSource, ...] = (IndicatorSource.REPORTED, IndicatorSource.COMPUTED,
                                           IndicatorSource.MEASURED)

    @model_validator(mode="after")
    def _distinct(self) -> SourcePrecedence:
        for level in ("agency", "block", "nation"):
            order = getattr(self, level)
            if not order or len(set(order)) != len(order):
                raise bilingual(f"precedence.{level} phải liệt kê các nguồn, không lặp",
                                f"precedence.{level} must list sources without repeats")
        return self


class Indicator(Validity):
    code: Code
    name_vi: Text
    name_en: Text
    pillar: Pillar
    unit: Unit
    unit_label_vi: Text
    kind: IndicatorKind
    numerator_label_vi: Text | None = None
    denominator_label_vi: Text | None = None
    rollup: Rollup
    direction: Direction = Direction.UP
    source: IndicatorSource = IndicatorSource.REPORTED
    precedence: SourcePrecedence = Field(default_factory=SourcePrecedence)
    decimals: int | None = Field(default=None, ge=0, le=4)
    validation: Validation | None = None
    description_vi: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.decimals is None:
            default = 1 if self.unit in (Unit.PERCENT, Unit.BILLION_USD) else 0
            object.__setattr__(self, "decimals", default)
        if self.kind == IndicatorKind.RATIO and not (
                self.numerator_label_vi and self.denominator_label_vi):
            raise bilingual("kind ratio cần numerator_label_vi và denominator_label_vi",
                            "kind ratio needs numerator_label_vi and denominator_label_vi")
        if self.rollup == Rollup.RATIO_OF_SUMS and self.kind != IndicatorKind.RATIO:
            raise bilingual("rollup ratio_of_sums chỉ dùng cho kind ratio",
                            "rollup ratio_of_sums is for kind ratio")
        if self.kind in (IndicatorKind.PERCENT, IndicatorKind.RATIO) and self.unit not in (
                Unit.PERCENT, Unit.RATIO):
            raise bilingual(f"kind {self.kind} cần unit percent hoặc ratio",
                            f"kind {self.kind} needs unit percent or ratio")
        return self


# --- targets --------------------------------------------------------------------------

BLOCK_SCOPES = ("nation", "bo_nganh", "dia_phuong", "bo_nganh+dia_phuong")


class Target(Record):
    indicator: Code
    scope: Text
    plan_year: int = Field(ge=2000, le=2100)
    value: float
    due: date | None = None  # when the target falls due inside the plan year, if stated
    source_document: Text | None = None
    note: Text | None = None

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str) -> str:
        if value not in BLOCK_SCOPES and not is_agency_code(value):
            blocks = ", ".join(BLOCK_SCOPES[1:])
            raise bilingual(
                f"phạm vi '{value}' không phải nation, một khối ({blocks}) hay mã cơ quan",
                f"scope '{value}' is not nation, a block ({blocks}) or an agency code")
        return value

    @property
    def key(self) -> str:
        return f"{self.indicator}/{self.scope}/{self.plan_year}"


# --- requirements ---------------------------------------------------------------------

class Block(StrEnum):
    MINISTRIES = "bo_nganh"
    PROVINCES = "dia_phuong"


class AgencyKind(StrEnum):
    MINISTRY = "ministry"
    MINISTERIAL_AGENCY = "ministerial_agency"
    GOVERNMENT_AGENCY = "government_agency"
    PROVINCE = "province"
    CITY = "city"
    ORGANISATION = "organisation"


class RequirementScope(Record):
    """The agencies of one block a requirement applies to."""

    block: Block
    kinds: list[AgencyKind] = Field(default_factory=list)  # empty: every kind of the block
    exclude: list[str] = Field(default_factory=list)  # agency codes outside the denominator
    reason_vi: Text | None = None  # why they are excluded
    reason_en: Text | None = None

    @model_validator(mode="after")
    def _reason(self) -> RequirementScope:
        if self.exclude and not self.reason_vi:
            raise bilingual("có exclude thì phải có reason_vi", "exclude needs reason_vi")
        return self


class Requirement(Validity):
    code: Code
    name_vi: Text
    name_en: Text
    applies_to: list[RequirementScope] = Field(min_length=1)
    deadline: date | None = None
    plan: Code | None = None
    indicator: Code | None = None  # the indicator that counts agencies meeting it
    evaluation: Code | None = None
    source: Text | None = None
    note: Text | None = None


# --- plans and tasks ------------------------------------------------------------------

class Plan(Validity):
    code: Code
    name_vi: Text
    name_en: Text
    year: int = Field(ge=2000, le=2100)
    issuing_document: Text | None = None  # a legal document code
    task_count: int | None = Field(default=None, ge=0)  # as stated; checked against tasks
    session_label: Text | None = None  # «Phiên họp lần thứ 8» for a session's conclusions
    note: Text | None = None


class Task(Record):
    plan: Code
    code: Annotated[str, Field(pattern=TASK_CODE_PATTERN)]
    title_vi: Text
    title_en: Text | None = None
    lead_agency: str | None = None  # agency code; None: all agencies or not stated
    deadline: date
    kind: Text
    named_in_source: bool = False
    source: Text | None = None
    note: Text | None = None


# --- evaluations ----------------------------------------------------------------------

class Criterion(Record):
    code: Code
    name_vi: Text
    name_en: Text | None = None
    weight: float = Field(gt=0)


class GradeThreshold(Record):
    grade: Annotated[str, Field(pattern=r"^[A-Z]$")]
    min: float = Field(ge=0)


class Evaluation(Validity):
    code: Code
    name_vi: Text
    name_en: Text
    year: int = Field(ge=2000, le=2100)
    legal_basis: Text  # a legal document code
    max_score: float = Field(default=100, gt=0)
    criteria: list[Criterion] = Field(min_length=1)
    grade_thresholds: list[GradeThreshold] = Field(min_length=1)
    blocks: list[Block] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    reason_vi: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Evaluation:
        total = sum(criterion.weight for criterion in self.criteria)
        if abs(total - self.max_score) > 1e-9:
            raise bilingual(f"tổng trọng số các tiêu chí là {total:g}, không phải "
                            f"{self.max_score:g}",
                            f"criteria weights add up to {total:g}, not {self.max_score:g}")
        if len({c.code for c in self.criteria}) != len(self.criteria):
            raise bilingual("mã tiêu chí bị lặp", "criteria codes repeat")
        grades = [t.grade for t in self.grade_thresholds]
        if len(set(grades)) != len(grades):
            raise bilingual("một mức xếp loại xuất hiện hai lần trong grade_thresholds",
                            "a grade appears twice in grade_thresholds")
        mins = [t.min for t in self.grade_thresholds]
        if any(a <= b for a, b in pairwise(mins)):
            raise bilingual("grade_thresholds phải xếp từ ngưỡng cao nhất xuống",
                            "grade_thresholds must go from the highest minimum down")
        if mins[-1] != 0:
            raise bilingual("mức thấp nhất phải bắt đầu từ 0 để mọi điểm đều được xếp loại",
                            "the lowest grade must start at 0 so every score gets a grade")
        if mins[0] > self.max_score:
            raise bilingual("có ngưỡng xếp loại lớn hơn max_score",
                            "a grade threshold is above max_score")
        return self


# --- legal documents ------------------------------------------------------------------

class DocumentType(StrEnum):
    LUAT = "luat"
    NGHI_DINH = "nghi_dinh"
    QUYET_DINH = "quyet_dinh"
    CHI_THI = "chi_thi"
    THONG_TU = "thong_tu"
    CONG_DIEN = "cong_dien"
    CONG_VAN = "cong_van"
    VAN_BAN = "van_ban"
    NGHI_QUYET = "nghi_quyet"


class DocumentStatus(StrEnum):
    ISSUED = "issued"
    PROPOSED = "proposed"
    PASSED = "passed"


class LegalDocument(Record):
    code: Text
    type: DocumentType
    number: Text | None = None
    issued_on: date | None = None
    issuer: Text  # agency code or the name of the body ("Thủ tướng Chính phủ", "Chính phủ"…)
    signer: Text | None = None
    title_vi: Text
    status: DocumentStatus = DocumentStatus.ISSUED
    named_in_source: bool = True
    counted_in: list[Text] = Field(default_factory=list)  # report periods counting it as new
    source: Text | None = None
    note: Text | None = None

    @field_validator("counted_in")
    @classmethod
    def _periods(cls, value: list[str]) -> list[str]:
        periods: list[str] = []
        for text in value:
            try:
                periods.append(parse_period(text).id)
            except DxmonError as error:
                raise bilingual(f"'{text}' không phải mã kỳ (2024, 2024S1, 2024-08…)",
                                f"'{text}' is not a period id (2024, 2024S1, 2024-08…)"
                                ) from error
        return periods
