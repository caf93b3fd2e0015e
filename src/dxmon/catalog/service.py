"""Look things up in the catalogue: indicators, targets, grades, documents."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from dxmon.catalog import errors as codes
from dxmon.catalog.loader import Catalog, catalog_version, is_valid, load_catalog
from dxmon.catalog.schemas import (
    DocumentType,
    Evaluation,
    Indicator,
    LegalDocument,
    Pillar,
    Target,
)
from dxmon.errors import DxmonError, Problem
from dxmon.periods import parse_period
from dxmon.suggest import did_you_mean, hint_text

__all__ = ["catalog_version", "is_valid"]  # re-exported: the catalogue's public helpers


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else load_catalog()


def get_indicator(code: str, *, catalog: Catalog | None = None) -> Indicator:
    indicators = _catalog(catalog).indicators
    if code in indicators:
        return indicators[code]
    hints = hint_text(did_you_mean(code, indicators))
    raise DxmonError(Problem(
        code=codes.CATALOG_INDICATOR_UNKNOWN, field="indicator",
        message_vi=f"Không có chỉ tiêu '{code}'. Gợi ý: {hints}.",
        message_en=f"Unknown indicator '{code}'. Did you mean: {hints}?"))


def list_indicators(*, pillar: Pillar | str | None = None,
                    catalog: Catalog | None = None) -> list[Indicator]:
    """Indicators in catalogue order, optionally of one pillar."""
    if pillar is not None and str(pillar) not in {p.value for p in Pillar}:
        allowed = ", ".join(p.value for p in Pillar)
        raise DxmonError(Problem(
            code=codes.CATALOG_FIELD_INVALID, field="pillar",
            message_vi=f"Trụ cột '{pillar}' không hợp lệ; dùng: {allowed}.",
            message_en=f"Invalid pillar '{pillar}'; use: {allowed}."))
    return [indicator for indicator in _catalog(catalog).indicators.values()
            if pillar is None or indicator.pillar.value == str(pillar)]


def targets_for(indicator: str, plan_year: int, *, scope: str | None = None,
                catalog: Catalog | None = None) -> list[Target]:
    """Targets of an indicator for a plan year (every scope, or one)."""
    return [target for target in _catalog(catalog).targets.values()
            if target.indicator == indicator and target.plan_year == plan_year
            and (scope is None or target.scope == scope)]


def get_evaluation(code: str, *, catalog: Catalog | None = None) -> Evaluation:
    evaluations = _catalog(catalog).evaluations
    if code in evaluations:
        return evaluations[code]
    hints = hint_text(did_you_mean(code, evaluations))
    raise DxmonError(Problem(
        code=codes.CATALOG_EVALUATION_UNKNOWN, field="evaluation",
        message_vi=f"Không có đợt đánh giá '{code}'. Gợi ý: {hints}.",
        message_en=f"Unknown evaluation '{code}'. Did you mean: {hints}?"))


def grade_for(evaluation_code: str, score: Decimal | float | int, *,
              catalog: Catalog | None = None) -> str:
    """The grade of a score: the first grade (highest minimum first) whose minimum it reaches."""
    evaluation = get_evaluation(evaluation_code, catalog=catalog)
    value = Decimal(str(score))
    if not value.is_finite() or value < 0 or value > Decimal(str(evaluation.max_score)):
        raise DxmonError(Problem(
            code=codes.CATALOG_SCORE_INVALID, field="score",
            message_vi=f"Điểm {score} nằm ngoài khoảng [0; {evaluation.max_score:g}].",
            message_en=f"Score {score} is outside [0; {evaluation.max_score:g}]."))
    for threshold in evaluation.grade_thresholds:
        if value >= Decimal(str(threshold.min)):
            return threshold.grade
    return evaluation.grade_thresholds[-1].grade  # unreachable: the lowest minimum is 0


def documents_counted_in(period: str, *, types: Iterable[DocumentType | str] | None = None,
                         issuers: Iterable[str] | None = None,
                         catalog: Catalog | None = None) -> list[LegalDocument]:
    """The documents a report of ``period`` counts among those issued in it (``counted_in``).

    Use this, not issue dates, to reproduce a report's «đã ban hành» tally: the August 2024
    bulletin counts a circular dated 31/7 and leaves out a PM decision dated 7/8.
    """
    period_id = parse_period(period).id
    wanted_types = {str(t) for t in types} if types is not None else None
    wanted_issuers = set(issuers) if issuers is not None else None
    return [document for document in _catalog(catalog).legal_documents.values()
            if period_id in document.counted_in
            and (wanted_types is None or document.type.value in wanted_types)
            and (wanted_issuers is None or document.issuer in wanted_issuers)]


KINDS = ("indicators", "requirements", "plans", "evaluations", "targets", "legal_documents")


def validate_folder(path: Path) -> list[Problem]:
    """Every problem of the catalogue folder ``path`` (empty when it loads cleanly)."""
    try:
        load_catalog(path)
    except DxmonError as error:
        return error.problems
    return []


def records(kind: str, *, catalog: Catalog | None = None) -> list[dict[str, object]]:
    """The records of one kind as plain data, in catalogue order."""
    if kind not in KINDS:
        raise DxmonError(Problem(
            code=codes.CATALOG_FIELD_INVALID, field="kind",
            message_vi=f"Loại '{kind}' không hợp lệ; dùng: {', '.join(KINDS)}.",
            message_en=f"Invalid kind '{kind}'; use: {', '.join(KINDS)}."))
    section: dict[str, BaseModel] = getattr(_catalog(catalog), kind)
    return [record.model_dump(mode="json", exclude_defaults=True)
            for record in section.values()]
