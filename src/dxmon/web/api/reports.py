"""Reports and their narrative blocks through the API."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from dxmon.access import service as access
from dxmon.access.schemas import STAFF
from dxmon.periods import Period
from dxmon.report import narratives
from dxmon.report import service as reports
from dxmon.web.deps import CurrentUser, FigureViewDep, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["reports"], responses=ERROR_RESPONSES)
FILE_NAMES = {"half_year": "bao-cao-6-thang", "monthly": "bao-cao-thang"}


@router.get("/reports/{period}", response_class=Response,
            responses={200: {"content": {media: {} for media in reports.MEDIA_TYPES.values()}}})
def get_report(period: str, session: SessionDep, view: FigureViewDep,
               format: Literal["md", "html", "docx", "pdf"] = Query("md"),
               template: str | None = Query(None),
               agency: str | None = Query(None, description="An agency's bulletin (bản tin) "
                                                            "instead of the national report")
               ) -> Response:
    """Generate the summary report of a period — or, with ``agency``, that agency's bulletin —
    in one format: always, from whatever published data exists (staff may ask
    ``preview=true``: drafts included, the report marked BẢN NHÁP / DRAFT); missing figures
    are marked in the text, counted in ``X-Missing-Figures`` and listed in the data-status
    annex."""
    if agency:
        report = reports.generate_bulletin(session, period=period, agency=agency,
                                           with_charts=format != "md", view=view)
        name = f"ban-tin-{agency}-{report.period}.{format}"
    else:
        report = reports.generate(session, period=period, template=template,
                                  with_charts=format != "md", view=view)
        name = f"{FILE_NAMES.get(report.template, report.template)}-{report.period}.{format}"
    return Response(report.render(format), media_type=reports.MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Missing-Figures": str(report.missing_count)})


class NarrativeRead(BaseModel):
    report: str
    period: str
    key: str
    text: str
    revision: int
    created_by: str


class NarrativeUpdate(BaseModel):
    text: str = Field(min_length=1, max_length=50_000)
    expected_revision: int | None = Field(
        None, description="The revision being edited; a newer one answers 409.")


@router.get("/narratives/{report}/{period}")
def list_narratives(report: str, period: str, session: SessionDep) -> list[NarrativeRead]:
    """The newest revision of every narrative block of a report and period."""
    period_id = Period.parse(period).id
    return [NarrativeRead.model_validate(block, from_attributes=True)
            for block in narratives.current_blocks(session, report=report, period=period_id)]


@router.put("/narratives/{report}/{period}/{key}")
def put_narrative(report: str, period: str, key: str, body: NarrativeUpdate,
                  user: CurrentUser, session: SessionDep) -> NarrativeRead:
    """Write a new revision of a narrative block (analysts and administrators; the old
    revisions are kept and the change is audited)."""
    access.ensure_role(user, *STAFF)
    block = narratives.write_block(session, report=report, period=Period.parse(period).id,
                                   key=key, text=body.text, created_by=user.username,
                                   expected_revision=body.expected_revision)
    return NarrativeRead.model_validate(block, from_attributes=True)
