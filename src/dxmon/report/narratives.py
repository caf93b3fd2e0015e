"""Narrative blocks: analysts' text per report and period, every edit a new revision."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.errors import DxmonError, Problem
from dxmon.store.audit import record as audit_record
from dxmon.store.tables import NarrativeBlock


def latest_block(session: Session, *, report: str, period: str,
                 key: str) -> NarrativeBlock | None:
    query = (select(NarrativeBlock).filter_by(report=report, period=period, key=key)
             .order_by(NarrativeBlock.revision.desc()).limit(1))
    return session.scalars(query).first()


def current_blocks(session: Session, *, report: str, period: str) -> list[NarrativeBlock]:
    rows = session.scalars(select(NarrativeBlock).filter_by(report=report, period=period)
                           .order_by(NarrativeBlock.key, NarrativeBlock.revision))
    newest = {row.key: row for row in rows}
    return list(newest.values())


def write_block(session: Session, *, report: str, period: str, key: str, text: str,
                created_by: str, expected_revision: int | None = None) -> NarrativeBlock:
    """Add a revision unless the text is unchanged; refuse to overwrite a newer revision."""
    latest = latest_block(session, report=report, period=period, key=key)
    current = 0 if latest is None else latest.revision
    if expected_revision is not None and expected_revision != current:
        raise DxmonError(Problem(
            code="NARRATIVE_REVISION_CONFLICT", field="expected_revision",
            message_vi=f"Khối văn bản đã được sửa (phiên bản {current}); hãy tải lại.",
            message_en=f"The block was changed meanwhile (revision {current}); reload it."))
    if latest is not None and latest.text == text:
        return latest
    from dxmon.report.service import check_block

    check_block(session, report=report, period=period, text=text)
    block = NarrativeBlock(report=report, period=period, key=key, text=text,
                           revision=current + 1, created_by=created_by)
    session.add(block)
    session.flush()
    audit_record(session, actor=created_by, action="create" if latest is None else "update",
                 entity="narrative", key=f"{report}/{period}/{key}",
                 before=None if latest is None else {"text": latest.text,
                                                     "revision": latest.revision},
                 after={"text": text, "revision": block.revision})
    return block
