"""Requirements and their statuses, plans and tasks, evaluations and their scores, legal
documents. Definitions are public; requirement statuses follow the workflow (published
for everyone, drafts for their agency and the staff)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from dxmon.catalog.loader import load_catalog
from dxmon.catalog.schemas import (
    DocumentType,
    Evaluation,
    LegalDocument,
    Plan,
    Requirement,
    Task,
)
from dxmon.catalog.service import get_evaluation
from dxmon.channels.tasks import all_plans, approved_statuses, plan_tasks
from dxmon.collect import readers, statuses, workflow
from dxmon.compute.documents import CountedDocument, all_stored_documents
from dxmon.compute.documents import documents_counted_in as counted_documents
from dxmon.compute.grades import evaluation_scores
from dxmon.errors import DxmonError, Problem
from dxmon.periods import parse_as_of
from dxmon.web.deps import CurrentUser, OptionalUser, SessionDep
from dxmon.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["catalogue"], responses=ERROR_RESPONSES)


def _unknown(kind_vi: str, kind_en: str, code: str) -> DxmonError:
    return DxmonError(Problem(code=f"{kind_en.upper()}_NOT_FOUND", field="code",
                              message_vi=f"Không có {kind_vi} '{code}'.",
                              message_en=f"No {kind_en} '{code}'."))


@router.get("/requirements")
def list_requirements() -> list[Requirement]:
    return list(load_catalog().requirements.values())


@router.get("/requirements/{code}")
def get_requirement(code: str) -> Requirement:
    found = load_catalog().requirements.get(code)
    if found is None:
        raise _unknown("yêu cầu", "requirement", code)
    return found


class RequirementStatusRead(BaseModel):
    requirement: str
    agency: str
    period: str
    status: str
    done_on: date | None
    document: str | None
    comment: str | None
    revision: int
    report_state: str


@router.get("/requirements/{code}/statuses")
def list_requirement_statuses(code: str, session: SessionDep, user: OptionalUser,
                              period: str | None = None) -> list[RequirementStatusRead]:
    """What each agency has done of a requirement (only what the caller may read)."""
    get_requirement(code)
    rows = readers.requirement_statuses(session, user=user, requirement=code, period=period)
    return [RequirementStatusRead(
        requirement=row.requirement, agency=row.agency, period=row.period, status=row.status,
        done_on=row.done_on, document=row.document, comment=row.comment,
        revision=row.revision, report_state=state) for row, state in rows]


class RequirementStatusWrite(BaseModel):
    status: Literal["done", "not_done", "unknown"]
    done_on: date | None = None
    document: str | None = Field(None, max_length=120)
    comment: str | None = Field(None, max_length=5000)
    expected_revision: int = Field(ge=0, le=10**9,
                                   description="The revision being edited (0 for a new one).")


@router.put("/requirements/{code}/statuses/{agency}/{period}")
def put_requirement_status(code: str, agency: str, period: str, body: RequirementStatusWrite,
                           session: SessionDep, user: CurrentUser) -> RequirementStatusRead:
    """Record what an agency has done of a requirement (its reporter while the report is a
    draft or returned, or staff); a stale ``expected_revision`` answers 409."""
    facts = statuses.StatusFacts(status=body.status, done_on=body.done_on,
                                 document=body.document, comment=body.comment)
    _, row = statuses.write(session, user=user, requirement=code, agency=agency,
                            period=period, facts=facts, expected_revision=body.expected_revision)
    state = workflow.state(session, agency=agency, period=row.period) or workflow.State.DRAFT
    return RequirementStatusRead(
        requirement=row.requirement, agency=row.agency, period=row.period, status=row.status,
        done_on=row.done_on, document=row.document, comment=row.comment,
        revision=row.revision, report_state=state)


@router.get("/plans")
def list_plans(session: SessionDep) -> list[Plan]:
    return list(all_plans(session).values())


class TaskRead(Task):
    status: str | None = None
    completed_on: date | None = None
    status_as_of: date | None = None


@router.get("/plans/{code}/tasks")
def list_tasks(code: str, session: SessionDep, as_of: str | None = None) -> list[TaskRead]:
    """The plan's tasks with their newest status known on ``as_of`` (default today)."""
    if code not in all_plans(session):
        raise _unknown("kế hoạch", "plan", code)
    tasks = plan_tasks(session, code)
    day = parse_as_of(as_of) if as_of else date.today()
    statuses = approved_statuses(session, [t.code for t in tasks], day)
    result = []
    for task in tasks:
        row = statuses.get(task.code)
        result.append(TaskRead(**task.model_dump(), status=row.status if row else None,
                               completed_on=row.completed_on if row else None,
                               status_as_of=row.as_of if row else None))
    return result


@router.get("/evaluations")
def list_evaluations() -> list[Evaluation]:
    return list(load_catalog().evaluations.values())


@router.get("/evaluations/{code}")
def get_evaluation_definition(code: str) -> Evaluation:
    return get_evaluation(code)


class ScoreRead(BaseModel):
    agency: str
    score: float
    grade: str
    synthetic: bool


@router.get("/evaluations/{code}/scores")
def list_scores(code: str, session: SessionDep) -> list[ScoreRead]:
    """Each agency's newest score and its grade (A–E by the evaluation's thresholds)."""
    return [ScoreRead(agency=s.agency, score=float(s.score), grade=s.grade,
                      synthetic=s.synthetic)
            for s in evaluation_scores(session, evaluation=code)]


@router.get("/documents")
def list_documents(session: SessionDep, period: str | None = None,
                   type: str | None = None) -> list[LegalDocument]:
    """Legal documents, the catalogue's and those sent through the documents channel; with
    ``period``, those a report of that period counts as issued."""
    if period is not None:
        counted = counted_documents(session, period, types=[type] if type else None)
        return [_as_document(doc) for doc in counted]
    stored = {doc.number: _as_document(doc) for doc in all_stored_documents(session)}
    listed = [doc for doc in load_catalog().legal_documents.values()
              if (doc.number or doc.code) not in stored]
    return [doc for doc in [*listed, *stored.values()] if type is None or doc.type.value == type]


def _as_document(doc: CountedDocument | LegalDocument) -> LegalDocument:
    if isinstance(doc, LegalDocument):
        return doc
    found = load_catalog().legal_documents.get(doc.code)
    if found is not None and not doc.stored:
        return found
    return LegalDocument(code=doc.number, type=DocumentType(doc.type), number=doc.number,
                         issued_on=doc.issued_on, issuer=doc.issuer, title_vi=doc.title_vi,
                         source="channel" if doc.stored else None)
