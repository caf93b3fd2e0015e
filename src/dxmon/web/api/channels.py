"""Channels for facts other than indicator values: requirement statuses, plans and tasks, task
status updates (and their approval), legal documents, evaluation score sheets. Each takes
``{"rows": [...]}`` with the columns of its file layout (docs/data-collection.md), or the file
itself; one bad row refuses the whole request (400, each problem naming row and field)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from dxmon.channels import service, tasks
from dxmon.collect import tabular
from dxmon.collect.flows import ImportSummary
from dxmon.errors import DxmonError
from dxmon.web.api.datavaluesets import Upload, read_upload
from dxmon.web.deps import CurrentUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["channels"], responses=ERROR_RESPONSES)
DryRun = Annotated[bool, Query(alias="dryRun", description="Check and count, keep nothing.")]
Cell = str | int | float | date | None


class ChannelRows(BaseModel):
    rows: list[dict[str, Cell]] = Field(min_length=1, max_length=10_000)


class ChannelSummary(BaseModel):
    channel: str
    rows: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool


def _summary(channel: str, summary: ImportSummary) -> ChannelSummary:
    return ChannelSummary(channel=channel, rows=summary.rows, created=summary.created,
                          updated=summary.updated, unchanged=summary.unchanged,
                          dry_run=summary.dry_run)


def _submit(channel: str, body: ChannelRows, session: SessionDep, user: CurrentUser,
            dry_run: bool) -> ChannelSummary:
    return _summary(channel, service.submit_records(session, channel, body.rows, user=user,
                                                    dry_run=dry_run))


@router.post("/requirement-statuses")
def post_requirement_statuses(body: ChannelRows, session: SessionDep, user: CurrentUser,
                              dry_run: DryRun = False) -> ChannelSummary:
    """Statuses of requirements: agency, requirement, status (done | not_done), effective_on,
    document, done_on, [period, comment]. Reporters send their own agency's."""
    return _submit("requirement_statuses", body, session, user, dry_run)


@router.post("/tasks")
def post_tasks(body: ChannelRows, session: SessionDep, user: CurrentUser,
               dry_run: DryRun = False) -> ChannelSummary:
    """Plan tasks (staff): plan, task, title, lead_agency, deadline, [plan_title, plan_year]
    (plan_title creates a plan that does not exist yet)."""
    return _submit("plan_tasks", body, session, user, dry_run)


@router.post("/task-statuses")
def post_task_statuses(body: ChannelRows, session: SessionDep, user: CurrentUser,
                       dry_run: DryRun = False) -> ChannelSummary:
    """Task status updates: task, status (done | in_progress | not_started), as_of,
    [completed_on, comment]. A reporter updates its agency's tasks (reported, counted once
    staff approve); staff updates are approved at once."""
    return _submit("task_statuses", body, session, user, dry_run)


class PendingTaskStatus(BaseModel):
    task: str
    as_of: date
    status: str
    completed_on: date | None
    comment: str | None
    revision: int
    reported_by: str


@router.get("/task-statuses/pending")
def list_pending_task_statuses(session: SessionDep, user: CurrentUser
                               ) -> list[PendingTaskStatus]:
    """Updates reported and not yet approved (staff)."""
    from dxmon.access.schemas import STAFF
    from dxmon.access.service import ensure_role

    ensure_role(user, *STAFF)
    return [PendingTaskStatus(task=row.task, as_of=row.as_of, status=row.status,
                              completed_on=row.completed_on, comment=row.comment,
                              revision=row.revision, reported_by=row.created_by)
            for row in tasks.pending(session)]


class Approved(BaseModel):
    task: str
    as_of: date
    outcome: str


@router.post("/task-statuses/{task}/{as_of}/approve")
def approve_task_status(task: str, as_of: date, session: SessionDep,
                        user: CurrentUser) -> Approved:
    """Approve the newest update of a task as of a date (staff)."""
    outcome = tasks.approve(session, user=user, task=task, as_of=as_of)
    return Approved(task=task, as_of=as_of, outcome=outcome)


@router.post("/documents")
def post_documents(body: ChannelRows, session: SessionDep, user: CurrentUser,
                   dry_run: DryRun = False) -> ChannelSummary:
    """Legal documents (staff): type, number, issued_on, issuer, title, [counted_in]."""
    return _submit("legal_documents", body, session, user, dry_run)


@router.post("/score-sheets")
def post_score_sheets(body: ChannelRows, session: SessionDep, user: CurrentUser,
                      dry_run: DryRun = False) -> ChannelSummary:
    """Evaluation score sheets (staff): evaluation, agency, criterion, score; each agency's
    sheet names every criterion, and its sum is the agency's total."""
    return _submit("score_sheets", body, session, user, dry_run)


@router.post("/channels/{channel}/file")
def post_channel_file(channel: str, upload: Annotated[Upload, Depends(read_upload)],
                      session: SessionDep, user: CurrentUser,
                      dry_run: DryRun = False) -> ChannelSummary:
    """One channel's CSV or XLSX file (multipart ``file`` field, or the body itself)."""
    name = upload.filename or f"upload.{upload.fmt}"
    rows = tabular.read_rows(upload.data, f"{name}.{upload.fmt}"
                             if not name.endswith(upload.fmt) else name, required=())
    summary = service.submit_rows(session, channel, rows, user=user, where=name,
                                  dry_run=dry_run, digest=hashlib.sha256(upload.data).hexdigest())
    if summary.problems:
        raise DxmonError(summary.problems)
    return _summary(channel, summary)
