"""``POST /api/v1/dossiers:batch``: public-service systems push dossier records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from dxmon.errors import DxmonError, Problem
from dxmon.measure import errors, service
from dxmon.measure.schemas import DossierBatch
from dxmon.settings import Settings

router = APIRouter(prefix="/api/v1", tags=["dossiers"])


def landing_dir() -> Path:
    """The landing area; tests and the app override this dependency."""
    return Settings().landing_dir


LandingDep = Annotated[Path, Depends(landing_dir)]


def _details(problems: list[Problem]) -> list[dict[str, Any]]:
    return [{"row": p.row, "field": p.field,
             "reason": {"vi": p.message_vi, "en": p.message_en}} for p in problems]


def error_response(status: int, code: str, vi: str, en: str,
                   details: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {
        "code": code, "message_vi": vi, "message_en": en, "details": details}})


def _invalid_body(error: ValidationError) -> JSONResponse:
    details = [{"row": None, "field": ".".join(str(part) for part in item["loc"]),
                "reason": {"vi": "nội dung yêu cầu không hợp lệ", "en": item["msg"]}}
               for item in error.errors()]
    return error_response(422, errors.RECORD_INVALID, "Nội dung yêu cầu không hợp lệ.",
                          "The request body is invalid.", details)


@router.post("/dossiers:batch")
def post_dossier_batch(landing: LandingDep,
                       payload: Annotated[dict[str, Any], Body()]) -> JSONResponse:
    """Append a batch of records; all or nothing unless ``partial`` is true."""
    try:
        batch = DossierBatch.model_validate(payload)
    except ValidationError as error:
        return _invalid_body(error)
    try:
        summary = service.ingest_records(records=batch.records, landing=landing,
                                         partial=batch.partial)
    except DxmonError as error:
        first = error.problems[0]
        return error_response(400, error.code, first.message_vi, first.message_en,
                              _details(error.problems))
    if summary.problems and not batch.partial:
        return error_response(
            422, errors.BATCH_REJECTED,
            f"Lô bị từ chối: {summary.rejected} bản ghi lỗi; không có gì được lưu.",
            f"Batch rejected: {summary.rejected} bad records; nothing was stored.",
            _details(summary.problems))
    return JSONResponse(status_code=200, content=summary.as_dict())
