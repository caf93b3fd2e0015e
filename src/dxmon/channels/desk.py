"""The staff page of the fact channels (``/kenh-du-lieu``): the channels the user may send to,
with their columns, each with an upload; the task updates waiting for approval (staff); and
the outcome of the last upload or approval."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from dxmon.access.schemas import Principal
from dxmon.channels import service, tasks
from dxmon.collect import tabular
from dxmon.errors import Problem


@dataclass
class ChannelForm:
    name: str
    title_vi: str
    title_en: str
    columns: list[str]


@dataclass
class PendingUpdate:
    task: str
    as_of: date
    status: str
    completed_on: date | None
    reported_by: str


@dataclass
class Outcome:
    channel: str
    rows: int
    created: int
    updated: int
    unchanged: int


@dataclass
class ChannelsPage:
    """What the user may send, what waits for approval, and what the last action did."""

    username: str
    staff: bool
    channels: list[ChannelForm]
    pending: list[PendingUpdate]
    outcome: Outcome | None = None
    problems: list[Problem] = field(default_factory=list)


def page(session: Session, *, user: Principal, outcome: Outcome | None = None,
         problems: list[Problem] | None = None) -> ChannelsPage:
    forms = [ChannelForm(c.name, c.title_vi, c.title_en, list(c.columns))
             for c in service.CHANNELS.values() if user.is_staff or not c.staff_only]
    pending = [PendingUpdate(row.task, row.as_of, row.status, row.completed_on, row.created_by)
               for row in tasks.pending(session)] if user.is_staff else []
    return ChannelsPage(user.username, user.is_staff, forms, pending, outcome, problems or [])


def upload(session: Session, *, user: Principal, channel: str, data: bytes,
           filename: str) -> tuple[Outcome | None, list[Problem]]:
    """Store one channel's file (all rows or none); the outcome, or the problems."""
    rows = tabular.read_rows(data, filename, required=())
    summary = service.submit_rows(session, channel, rows, user=user, where=filename,
                                  digest=hashlib.sha256(data).hexdigest())
    if summary.problems:
        return None, summary.problems
    return Outcome(channel, summary.rows, summary.created, summary.updated,
                   summary.unchanged), []
