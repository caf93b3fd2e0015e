"""Data value sets: batch submission of one agency's values for one period (JSON, CSV or XLSX),
and the agency's XLSX template for the period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel
from starlette.datastructures import UploadFile

from dxmon.collect import datavalues, tabular, templates
from dxmon.collect.flows import check_size
from dxmon.errors import DxmonError, Problem
from dxmon.web.deps import CurrentUser, OptionalUser, SessionDep, SettingsDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["dataValueSets"], responses=ERROR_RESPONSES)
MEDIA_TYPES = {"application/json": "json", "text/csv": "csv", templates.XLSX_TYPE: "xlsx"}
NUMBER: dict[str, Any] = {"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}
VALUE_SET_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["period", "agency", "values"],
    "properties": {
        "period": {"type": "string", "example": "2024S1"},
        "agency": {"type": "string", "example": "P01"},
        "values": {"type": "array", "items": {
            "type": "object", "required": ["indicator", "value"],
            "properties": {"indicator": {"type": "string"}, "value": NUMBER,
                           "numerator": NUMBER, "denominator": NUMBER,
                           "comment": {"type": ["string", "null"]}}}}}}
REQUEST_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": VALUE_SET_SCHEMA},
    "text/csv": {"schema": {"type": "string"}},
    templates.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary"}}}}}}}


class ImportCount(BaseModel):
    created: int
    updated: int
    unchanged: int
    rejected: int


class Conflict(BaseModel):
    row: int | None
    field: str | None
    code: str
    reason: dict[str, str]


class ImportSummary(BaseModel):
    """What the submission did; on a rejection (4xx) the same object is ``importSummary``
    beside the ``error``."""

    status: Literal["OK", "WARNING", "ERROR"]
    agency: str
    period: str
    dryRun: bool
    importCount: ImportCount
    conflicts: list[Conflict]
    warnings: list[Conflict]


@dataclass(frozen=True)
class Upload:
    data: bytes
    fmt: str
    filename: str | None


def _media_problem(media: str) -> DxmonError:
    return DxmonError(Problem(
        code="DATAVALUES_MEDIA_TYPE_UNSUPPORTED", field="Content-Type",
        message_vi=f"Không nhận kiểu nội dung '{media}'; dùng application/json, text/csv, "
                   "XLSX hoặc multipart/form-data với trường file.",
        message_en=f"Unsupported content type '{media}'; use application/json, text/csv, "
                   "XLSX or multipart/form-data with a file field."))


async def read_upload(request: Request, settings: SettingsDep) -> Upload:
    """The body of the request, or its ``file`` field, with its format; size-checked."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = settings.max_upload_bytes
    if media == "multipart/form-data":
        async with request.form() as form:  # closes the spooled upload
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise _media_problem("multipart/form-data (no file)")
            name = upload.filename or "upload"
            data = await upload.read(limit + 1)
        check_size(data, name, limit)
        return Upload(data, tabular.format_of(name), name)
    if media not in MEDIA_TYPES:
        raise _media_problem(media)
    data = await request.body()
    check_size(data, "body", limit)
    return Upload(data, MEDIA_TYPES[media], None)


@router.post("/dataValueSets", openapi_extra=REQUEST_BODY)
def post_data_value_set(
    upload: Annotated[Upload, Depends(read_upload)], user: CurrentUser, session: SessionDep,
    dry_run: bool = Query(False, alias="dryRun", description="Check and count, keep nothing."),
    atomic_mode: Literal["ALL", "NONE"] = Query(
        "ALL", alias="atomicMode",
        description="ALL: one bad row and nothing is stored; NONE: store the good rows."),
    period: str | None = Query(None, max_length=40, description="For a file that does not "
                               "name its period."),
    agency: str | None = Query(None, max_length=100, description="For a file that does not "
                               "name its agency."),
) -> ImportSummary:
    """Submit one agency's values for one period: validated by the catalogue's rules, stored
    as revisions (equal values change nothing), audited. Reporters submit their own agency's
    values while its report is a draft or returned."""
    summary = datavalues.import_bytes(
        session, upload.data, upload.fmt, user=user, filename=upload.filename, period=period,
        agency=agency, dry_run=dry_run, atomic=atomic_mode == "ALL")
    return ImportSummary.model_validate(summary.as_dict())


@router.get("/dataValueSets/template", response_class=Response,
            responses={200: {"content": {templates.XLSX_TYPE: {}}}})
def get_template(session: SessionDep, user: OptionalUser,
                 agency: str = Query(max_length=100), period: str = Query(max_length=40)
                 ) -> Response:
    """The agency's XLSX template for the period: the indicators it must report, Vietnamese
    headers, its current values where the caller may read them."""
    data, name = templates.build(session, user=user, agency=agency, period=period)
    return Response(data, media_type=templates.XLSX_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
