"""Submit rows to a channel: validate every row, then store all of them or none (atomic),
adding nothing for facts equal to the current ones (idempotent), each change audited."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from dxmon.access import errors as access_errors
from dxmon.access.schemas import Principal
from dxmon.channels import documents, requirements, scores, tasks
from dxmon.channels import errors as codes
from dxmon.channels.fields import RowReader
from dxmon.channels.kinds import Channel, Fact
from dxmon.channels.store import Actor
from dxmon.collect.flows import ImportSummary, kept_unless_dry_run
from dxmon.collect.tabular import SourceRow
from dxmon.errors import DxmonError, Problem
from dxmon.store.tables import ImportBatch

CHANNELS: dict[str, Channel] = {channel.name: channel for channel in (
    requirements.CHANNEL, tasks.TASKS, tasks.STATUSES, documents.CHANNEL, scores.CHANNEL)}


def get_channel(name: str) -> Channel:
    if name not in CHANNELS:
        known = ", ".join(CHANNELS)
        raise DxmonError(Problem(code=codes.CHANNEL_UNKNOWN, field="channel",
                                 message_vi=f"Không có kênh '{name}'; dùng: {known}.",
                                 message_en=f"No channel '{name}'; use: {known}."))
    return CHANNELS[name]


def channel_of_columns(columns: set[str]) -> Channel | None:
    """The channel whose signature columns a file has (the most specific one first)."""
    fitting = [c for c in CHANNELS.values() if c.signature <= columns]
    return max(fitting, key=lambda c: len(c.signature), default=None)


def rows_of(records: Sequence[Mapping[str, Any]]) -> list[SourceRow]:
    """API records (JSON values) as rows numbered from 1, cells as text."""
    return [SourceRow(number, {str(k).strip().lower(): "" if v is None else str(v).strip()
                               for k, v in record.items()})
            for number, record in enumerate(records, start=1)]


def _ensure_allowed(channel: Channel, actor: Actor) -> None:
    if channel.staff_only and not actor.staff:
        raise DxmonError(Problem(
            code=access_errors.ACCESS_FORBIDDEN,
            message_vi=f"Chỉ cán bộ Văn phòng (quản trị, phân tích) nhập '{channel.title_vi}'.",
            message_en=f"Only staff (administrators, analysts) enter {channel.title_en}."))


def validate(session: Session, channel: Channel, rows: list[SourceRow], actor: Actor,
             where: str) -> tuple[list[Fact], list[Problem]]:
    facts: list[Fact] = []
    problems: list[Problem] = []
    first_row_of: dict[tuple[Any, ...], int] = {}
    for row in rows:
        reader = RowReader(row.cells, row.number, where)
        fact = channel.parse(reader, session, actor)
        problems += reader.problems
        if fact is None:
            continue
        if fact.key in first_row_of:
            problems.append(Problem(
                code=codes.DUPLICATE_ROW, where=where, row=row.number, field=channel.columns[0],
                message_vi=f"Trùng với dòng {first_row_of[fact.key]}.",
                message_en=f"Duplicates row {first_row_of[fact.key]}."))
            continue
        first_row_of[fact.key] = row.number
        facts.append(fact)
    if not rows:
        problems.append(Problem(code=codes.ROWS_EMPTY, where=where, message_vi="Không có dòng "
                                "dữ liệu nào.", message_en="There are no data rows."))
    if channel.check_batch is not None and not problems:
        problems += channel.check_batch(facts, where)
    return facts, problems


def submit_rows(session: Session, channel_name: str, rows: list[SourceRow], *,
                user: Principal | None, where: str, dry_run: bool = False,
                digest: str | None = None, cli_user: str = "system") -> ImportSummary:
    """Validate all rows; store every fact or none. A summary lists the problems (nothing is
    stored then); a file's ``digest`` is kept in an import batch."""
    channel = get_channel(channel_name)
    actor = Actor.of(user, cli_user)
    _ensure_allowed(channel, actor)
    facts, problems = validate(session, channel, rows, actor, where)
    summary = ImportSummary(filename=where, rows=len(rows), dry_run=dry_run, problems=problems)
    if problems:
        summary.rejected = len({p.row for p in problems})
        return summary
    via = "cli" if user is None else user.via
    with kept_unless_dry_run(session, dry_run=dry_run):
        for fact in facts:
            provenance: dict[str, object] = {"via": via, "channel": channel.name, "row": fact.row,
                                             **({"file": where, "sha256": digest} if digest
                                                else {})}
            outcome = channel.store(session, fact, actor, provenance)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        if digest is not None:
            session.add(ImportBatch(filename=where, sha256=digest, created_by=actor.username,
                                    rows=summary.rows, created=summary.created,
                                    updated=summary.updated, unchanged=summary.unchanged))
            session.flush()
    return summary


def submit_records(session: Session, channel_name: str, records: Sequence[Mapping[str, Any]], *,
                   user: Principal | None, dry_run: bool = False) -> ImportSummary:
    """The API's entry: records as JSON objects; any bad row refuses the whole request (400,
    each problem naming its row and field)."""
    summary = submit_rows(session, channel_name, rows_of(records), user=user,
                          where=channel_name, dry_run=dry_run)
    if summary.problems:
        raise DxmonError(summary.problems)
    return summary


def import_rows(session: Session, channel: Channel, rows: list[SourceRow], data: bytes,
                filename: str, *, dry_run: bool, created_by: str) -> ImportSummary:
    """The file import's entry (``dxmon import``): the rows of one channel's file."""
    return submit_rows(session, channel.name, rows, user=None, where=filename,
                       dry_run=dry_run, digest=hashlib.sha256(data).hexdigest(),
                       cli_user=created_by)
