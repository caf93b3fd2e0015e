"""Errors of the web layer as JSON: ``{"error": {"code", "message_vi", "message_en",
"details": [{"row", "field", "reason"}]}}`` with a 4xx status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from dxmon.errors import DxmonError, Problem
from dxmon.store.audit import record as audit_record
from dxmon.store.db import is_busy, transaction


class ErrorDetail(BaseModel):
    row: int | None
    field: str | None
    reason: dict[str, str] = Field(description="{'vi': …, 'en': …}")


class ErrorInfo(BaseModel):
    code: str
    message_vi: str
    message_en: str
    details: list[ErrorDetail]
    current: dict[str, Any] | None = Field(
        None, description="On a revision conflict (409): the current version.")


class ErrorBody(BaseModel):
    """The body of every 4xx answer of the API."""

    error: ErrorInfo


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description} for status, description in (
        (400, "Bad input (a domain rule)"), (401, "Not signed in, or bad credentials"),
        (403, "Role, agency or CSRF check failed"), (404, "Not found"),
        (408, "The request body was not received in time"),
        (409, "Conflict with a newer revision or the workflow state"),
        (413, "The request body or upload is over its limit"),
        (422, "The request does not fit the schema"), (429, "Too many failed logins"),
        (503, "The database is busy: nothing was stored, retry"))}

STATUS_BY_CODE = {"AUTH_REQUIRED": 401, "AUTH_INVALID": 401, "AUTH_THROTTLED": 429,
                  "ACCESS_FORBIDDEN": 403, "CSRF_FAILED": 403,
                  "SUBMISSION_PUBLISHED_LOCKED": 409, "IMPORT_PERIOD_PUBLISHED": 409}
STATUS_BY_SUFFIX = {"_CONFLICT": 409, "_TOO_LARGE": 413, "_NOT_FOUND": 404}


def status_for(code: str) -> int:
    """401/403/429 for access, 409 for a conflict with a newer revision, 413 for an oversized
    upload, 404 for something unknown, else 400."""
    if code in STATUS_BY_CODE:
        return STATUS_BY_CODE[code]
    for suffix, status in STATUS_BY_SUFFIX.items():
        if code.endswith(suffix):
            return status
    return 400


def problem_details(problems: list[Problem]) -> list[dict[str, Any]]:
    return [{"row": p.row, "field": p.field,
             "reason": {"vi": p.message_vi, "en": p.message_en}} for p in problems]


def error_response(status: int, code: str, vi: str, en: str,
                   details: list[dict[str, Any]] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {
        "code": code, "message_vi": vi, "message_en": en, "details": details or []}})


DENIALS = frozenset({"ACCESS_FORBIDDEN", "CSRF_FAILED"})


def _audit_denial(request: Request, code: str) -> None:
    """A signed-in user refused (role, agency, CSRF) is audited, in its own transaction (the
    request's is rolled back). Anonymous 401s are not: they would let anyone fill the log."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        return
    with transaction(request.app.state.engine) as session:
        audit_record(session, actor=principal.username, action="denied", entity="request",
                     key=f"{request.method} {request.url.path}", before=None,
                     after={"code": code})


def _domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DxmonError)
    first = error.problems[0]
    if error.code in DENIALS:
        _audit_denial(request, error.code)
    content: dict[str, Any] = {"error": {
        "code": error.code, "message_vi": first.message_vi, "message_en": first.message_en,
        "details": problem_details(error.problems)}}
    if hasattr(error, "current"):  # a revision conflict carries the current version
        content["error"]["current"] = error.current
    if hasattr(error, "summary"):  # a rejected data value set carries its import summary
        content["importSummary"] = error.summary
    return JSONResponse(status_code=status_for(error.code), content=content)


def _write_conflict(_request: Request, _error: Exception) -> JSONResponse:
    """A write that lost a race on a unique key (two writers at once): 409, never a 500."""
    return error_response(409, "WRITE_CONFLICT",
                          "Dữ liệu vừa được người khác thay đổi; hãy tải lại rồi thử lại.",
                          "The data was just changed by someone else; reload and retry.")


def _invalid_request(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [{"row": None, "field": ".".join(str(part) for part in item["loc"]),
                "reason": {"vi": "giá trị không hợp lệ", "en": str(item["msg"])}}
               for item in error.errors()]
    return error_response(422, "REQUEST_INVALID", "Yêu cầu không hợp lệ.",
                          "The request is invalid.", details)


def _data_error(_request: Request, _error: Exception) -> JSONResponse:
    """A value the database refuses (too long for its column, a NUL character…): 400."""
    return error_response(400, "REQUEST_INVALID",
                          "Giá trị không lưu được: quá dài hoặc chứa ký tự không hợp lệ.",
                          "A value cannot be stored: too long or with an invalid character.")


def _database_busy(_request: Request, error: Exception) -> JSONResponse:
    """SQLite stayed locked by another process beyond the busy timeout: 503, retry later.
    Any other operational failure of the database is not the caller's: re-raised (500)."""
    assert isinstance(error, OperationalError)
    if not is_busy(error):
        raise error
    response = error_response(503, "DATABASE_BUSY",
                              "Cơ sở dữ liệu đang bận (một lần nhập khác đang ghi); không có "
                              "gì được lưu, hãy thử lại sau ít giây.",
                              "The database is busy (another import is writing); nothing was "
                              "stored, retry in a few seconds.")
    response.headers["Retry-After"] = "5"
    return response


HTTP_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


async def _http_error(request: Request, error: Exception) -> Response:
    """Under /api/, unknown paths and methods answer in the error shape too."""
    assert isinstance(error, StarletteHTTPException)
    if not request.url.path.startswith("/api/"):
        return await http_exception_handler(request, error)
    code = HTTP_CODES.get(error.status_code, f"HTTP_{error.status_code}")
    response = error_response(error.status_code, code,
                              f"Không có tài nguyên hoặc thao tác này ({error.status_code}).",
                              f"No such resource or method ({error.detail}).")
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(DxmonError, _domain_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(IntegrityError, _write_conflict)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _database_busy)
    app.add_exception_handler(StarletteHTTPException, _http_error)
