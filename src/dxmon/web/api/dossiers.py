"""``POST /api/v1/dossiers:batch``: public-service systems push dossier records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from dxmon.access.schemas import Principal
from dxmon.access.service import ensure_can_write
from dxmon.errors import DxmonError, Problem
from dxmon.measure import errors, service
from dxmon.measure.schemas import DossierBatch
from dxmon.settings import Settings
from dxmon.store.audit import record as audit_record
from dxmon.web.deps import CurrentUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["dossiers"], responses=ERROR_RESPONSES)


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


def _authorise(user: Principal, records: list[dict[str, Any]]) -> None:
    """Staff push any agency's records; a reporter's system only its own agency's."""
    if user.is_staff:
        return
    agencies = {str(record.get("agency_code") or "") for record in records}
    for agency in sorted(agencies):
        ensure_can_write(user, agency or None)


REQUEST_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": DossierBatch.model_json_schema()}}}}


def _batch(body: bytes) -> DossierBatch | JSONResponse:
    try:
        return DossierBatch.model_validate(json.loads(body))
    except ValidationError as error:
        return _invalid_body(error)
    except (ValueError, RecursionError) as error:  # not JSON, too deep, a huge integer
        return error_response(422, errors.RECORD_INVALID, "Nội dung yêu cầu không phải JSON "
                              "hợp lệ.", "The request body is not valid JSON.",
                              [{"row": None, "field": "body",
                                "reason": {"vi": "JSON không hợp lệ", "en": str(error)[:200]}}])


@router.post("/dossiers:batch", openapi_extra=REQUEST_BODY)
def post_dossier_batch(user: CurrentUser, request: Request, landing: LandingDep,
                       session: SessionDep) -> JSONResponse:
    """Append a batch of records; all or nothing unless ``partial`` is true. Needs a token
    of staff, or of a reporter whose agency every record belongs to; audited. The caller is
    authenticated before the body is read (the session reads it, bounded by the limits)."""
    batch = _batch(request.state.body)
    if isinstance(batch, JSONResponse):
        return batch
    _authorise(user, batch.records)
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
    if summary.written:
        counts = {k: v for k, v in summary.as_dict().items() if k != "problems"}
        counts["dossiers"] = summary.dossiers
        audit_record(session, actor=user.username, action="ingest", entity="dossier_batch",
                     key=",".join(summary.months)[:255] or "-", before=None, after=counts)
    return JSONResponse(status_code=200, content=summary.as_dict())
