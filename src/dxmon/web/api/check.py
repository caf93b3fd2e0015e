"""``POST /api/v1/check``: the report checker over HTTP (JSON text or an uploaded file)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from dxmon.check.reading import read_bytes
from dxmon.check.schemas import CheckResult, Coverage, DataCheck, Finding
from dxmon.check.service import check_text, check_text_against_store
from dxmon.errors import DxmonError, Problem
from dxmon.settings import Settings
from dxmon.web.deps import SettingsDep
from dxmon.web.errors import ERROR_RESPONSES
from dxmon.web.limits import MULTIPART_OVERHEAD

router = APIRouter(prefix="/api/v1", tags=["check"], responses=ERROR_RESPONSES)


class CheckRequest(BaseModel):
    text: str = Field(description="The report's text: plain text or Markdown.")
    name: str = Field("<text>", max_length=200, description="A name shown with the findings.")
    against_data: bool = Field(False, description="Also match each figure to the stored figure "
                                                  "it states and report disagreements.")
    period: str | None = Field(None, description="The report's period (2024S1, 2024-08…); "
                                                 "needed with against_data.")


class CheckResponse(BaseModel):
    name: str
    error_count: int
    warning_count: int
    note_count: int
    findings: list[Finding]
    findings_by_kind: dict[str, int] = {}
    coverage: Coverage | None = None
    data: DataCheck | None = None


REQUEST_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": CheckRequest.model_json_schema()},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": ".txt, .md or .docx"},
        "against_data": {"type": "boolean"}, "period": {"type": "string"}}}},
}}}


@router.post("/check", openapi_extra=REQUEST_BODY)
async def check(request: Request, settings: SettingsDep) -> CheckResponse:
    """Check a report's figures: every finding with line, column, what is stated, what was
    expected, and why, in Vietnamese and English."""
    body = await request.body()
    if len(body) > _limit(settings) + MULTIPART_OVERHEAD:
        raise _too_large(_limit(settings))
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form() as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise _problem("CHECK_NO_FILE", "Thiếu tệp trong trường 'file'.",
                               "No file in the 'file' field.", field="file")
            data, filename = await upload.read(), upload.filename or "upload.txt"
            if len(data) > _limit(settings):
                raise _too_large(_limit(settings))
            payload = CheckRequest(text=read_bytes(data, filename), name=filename,
                                   against_data=form.get("against_data") in ("true", "1", "on"),
                                   period=str(form.get("period") or "") or None)
    else:
        payload = _json_request(body)
        if len(payload.text.encode("utf-8")) > _limit(settings):
            raise _too_large(_limit(settings))
    result = await _run(request, payload)
    return CheckResponse(name=result.name, error_count=result.error_count,
                         warning_count=result.warning_count, note_count=result.note_count,
                         findings=result.findings, findings_by_kind=result.findings_by_kind(),
                         coverage=result.coverage, data=result.data)


async def _run(request: Request, payload: CheckRequest) -> CheckResult:
    """The checker is CPU work and reading the store waits for a connection: both off the
    event loop, so that other requests go on."""
    if not payload.against_data:
        return await run_in_threadpool(check_text, payload.text, name=payload.name)
    return await run_in_threadpool(check_text_against_store, request.app.state.engine,
                                   payload.text, name=payload.name, period=payload.period)


def _json_request(body: bytes) -> CheckRequest:
    try:
        return CheckRequest.model_validate(json.loads(body))
    except (ValueError, ValidationError) as error:
        raise _problem("CHECK_BAD_REQUEST",
                       "Cần JSON {\"text\": \"…\"} hoặc tệp tải lên trong trường 'file'.",
                       "Send JSON {\"text\": \"…\"} or a file upload in the 'file' field.",
                       field="text") from error


def _limit(settings: Settings) -> int:
    return min(settings.max_check_bytes, settings.max_upload_bytes)


def _too_large(limit: int) -> DxmonError:
    return _problem("CHECK_TOO_LARGE", f"Nội dung vượt giới hạn {limit} byte của bộ kiểm tra.",
                    f"The content is over the checker's limit of {limit} bytes.")


def _problem(code: str, vi: str, en: str, field: str | None = None) -> DxmonError:
    return DxmonError(Problem(code=code, message_vi=vi, message_en=en, field=field))
